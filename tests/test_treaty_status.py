"""Dates and status computed from the treaties' own articles, on the real curated data."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from treaties import daterules
from treaties.models import ActKind, Participant, ParticipationAct, StandingSpan, Treaty
from treaties.participation import count_steps, counts_on

pytestmark = pytest.mark.django_db

MINE_BAN = "XXVI.5"
ROME = "XVIII.10"


@pytest.fixture(scope="module", autouse=True)
def curated(django_db_setup, django_db_blocker):
    """Load the curated data once for this module, and remove it afterwards."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", curated_only=True, verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def acts_of(name, key):
    treaty = Treaty.objects.by_key(key).get()
    return treaty, list(treaty.acts.filter(participant__name=name).select_related("treaty"))


def status(name, key, day):
    """Return the stored span of the participant in the treaty on `day`."""
    return StandingSpan.objects.filter(treaty__in=Treaty.objects.by_key(key), participant__name=name).on(day).get()


def withdrawal(name, key):
    return ParticipationAct.objects.select_related("treaty").get(
        participant__name=name, kind=ActKind.WITHDRAWAL, treaty__in=Treaty.objects.by_key(key)
    )


def test_lithuanias_withdrawal_takes_effect_on_27_december_2025_under_article_20_3():
    effect = withdrawal("Lithuania", MINE_BAN).computed_effect()

    assert effect.date == date(2025, 12, 27)
    assert effect.article == "art. 20(3)"
    assert effect.conditional
    assert "six months after" in effect.explanation


def test_lithuania_is_pending_on_1_december_2025_and_withdrawn_on_1_january_2026():
    pending = status("Lithuania", MINE_BAN, date(2025, 12, 1))
    withdrawn = status("Lithuania", MINE_BAN, date(2026, 1, 1))

    assert pending.standing == daterules.Standing.WITHDRAWAL_PENDING
    assert (pending.withdrawal_due, pending.withdrawal_conditional) == (date(2025, 12, 27), True)
    assert withdrawn.standing == daterules.Standing.WITHDRAWN
    assert withdrawn.start == date(2025, 12, 27)


@pytest.mark.parametrize(
    ("name", "due"),
    [
        ("Estonia", date(2025, 12, 27)),
        ("Latvia", date(2025, 12, 27)),
        ("Finland", date(2026, 1, 10)),
        ("Poland", date(2026, 2, 20)),
    ],
)
def test_the_other_2025_withdrawals_take_effect_six_months_after_receipt(name, due):
    act = withdrawal(name, MINE_BAN)

    assert act.computed_effect().date == due
    assert act.effective_date == due
    assert status(name, MINE_BAN, due - timedelta(days=1)).standing == daterules.Standing.WITHDRAWAL_PENDING
    assert status(name, MINE_BAN, due).standing == daterules.Standing.WITHDRAWN


def test_every_stated_date_of_effect_agrees_with_the_treatys_clause():
    disagreements = []
    for act in ParticipationAct.objects.select_related("treaty", "participant").filter(effective_date__isnull=False):
        computed = act.computed_effect()
        if computed and computed.date and computed.date != act.effective_date:
            disagreements.append((act.participant.name, act.treaty.key, act.kind, act.effective_date, computed.date))

    assert disagreements == []


def test_ukraines_suspension_leaves_it_a_party():
    ukraine = status("Ukraine", MINE_BAN, date(2026, 1, 1))

    assert ukraine.standing == daterules.Standing.PARTY
    assert ParticipationAct.objects.filter(participant__name="Ukraine", kind=ActKind.SUSPENSION).exists()


def test_afghanistan_is_bound_from_the_first_day_of_the_sixth_month_after_its_accession():
    _, acts = acts_of("Afghanistan", MINE_BAN)
    (accession,) = acts

    assert accession.computed_effect().date == date(2003, 3, 1)
    assert status("Afghanistan", MINE_BAN, date(2002, 12, 1)).standing == daterules.Standing.CONTRACTING_STATE
    assert status("Afghanistan", MINE_BAN, date(2003, 3, 1)).standing == daterules.Standing.PARTY


def test_the_conventions_own_entry_into_force_follows_from_the_40th_deposit():
    treaty = Treaty.objects.by_key(MINE_BAN).get()
    deposits = [act.date for act in treaty.acts.consents()]
    period = treaty.entry_clause().period

    assert sorted(deposits)[39] == date(1998, 9, 16)
    assert daterules.treaty_entry_into_force(period, deposits, 40) == treaty.entry_into_force == date(1999, 3, 1)


# Their ratifications, from the UN status table of 14 March 2015 (18-10.csv).
ROME_RATIFICATIONS = {
    "Burundi": date(2004, 9, 21),
    "Philippines": date(2011, 8, 30),
    "South Africa": date(2000, 11, 27),
    "Gambia": date(2002, 6, 28),
}


def ratified_rome(name):
    """Make sure the participant's Rome ratification is on record, as the UN table gives it."""
    treaty = Treaty.objects.by_key(ROME).get()
    ParticipationAct.objects.get_or_create(
        treaty=treaty,
        participant=Participant.objects.get(name=name),
        kind=ActKind.RATIFICATION,
        date=ROME_RATIFICATIONS[name],
        defaults={"strength": "P"},
    )


@pytest.mark.parametrize(("name", "effect"), [("Burundi", date(2017, 10, 27)), ("Philippines", date(2019, 3, 17))])
def test_rome_statute_withdrawals_take_effect_one_year_after_receipt(name, effect):
    ratified_rome(name)

    assert withdrawal(name, ROME).computed_effect().date == effect
    assert status(name, ROME, effect - timedelta(days=1)).standing == daterules.Standing.WITHDRAWAL_PENDING
    assert status(name, ROME, effect).standing == daterules.Standing.WITHDRAWN


@pytest.mark.parametrize("name", ["South Africa", "Gambia"])
def test_rome_statute_withdrawals_revoked_before_effect_leave_the_state_a_party(name):
    ratified_rome(name)

    later = status(name, ROME, date(2018, 1, 1))

    assert later.standing == daterules.Standing.PARTY
    assert later.revoked_withdrawal_on is not None


def test_a_withdrawal_from_a_treaty_without_a_withdrawal_clause_gets_no_date():
    effect = withdrawal("Democratic People's Republic of Korea", "IV.4").computed_effect()

    assert effect is None or effect.date is None
    iccpr = Treaty.objects.by_key("IV.4").get()
    assert iccpr.withdrawal_clause().period is None


def test_the_mine_ban_counts_on_1_december_2025_say_which_count_is_which():
    treaty = Treaty.objects.by_key(MINE_BAN).get()
    counts, _ = counts_on(count_steps(treaty), date(2025, 12, 1))

    assert counts.signatories == 133
    assert counts.contracting_states == 166
    assert counts.parties == 166


def test_five_withdrawals_are_pending_on_1_december_2025_and_none_on_1_march_2026():
    treaty = Treaty.objects.by_key(MINE_BAN).get()

    pending = treaty.spans.covering(date(2025, 12, 1)).pending()

    assert sorted(span.participant.name for span in pending) == [
        "Estonia",
        "Finland",
        "Latvia",
        "Lithuania",
        "Poland",
    ]
    assert not treaty.spans.covering(date(2026, 2, 20)).pending().exists()
    assert counts_on(count_steps(treaty), date(2026, 2, 20))[0].parties == 161


def test_the_participation_curve_ends_with_polands_withdrawal():
    treaty = Treaty.objects.by_key(MINE_BAN).get()

    curve = daterules.party_curve((step.start, step.parties) for step in count_steps(treaty))

    assert curve[0][0] == date(1999, 3, 1)
    assert curve[-1] == (date(2026, 2, 20), 161)


def test_the_admin_shows_the_computed_date_beside_its_article(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "a long enough passphrase"))
    act = withdrawal("Lithuania", MINE_BAN)

    response = client.get(f"/admin/treaties/participationact/{act.pk}/change/")

    assert "27 December 2025 — art. 20(3)." in response.text


def test_an_override_without_a_reason_is_refused(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "a long enough passphrase"))
    act = withdrawal("Poland", MINE_BAN)
    form = {
        "treaty": act.treaty_id,
        "participant": act.participant_id,
        "kind": act.kind,
        "date": "2025-08-20",
        "date_precision": "day",
        "strength": act.strength,
        "effective_date": "2026-02-20",
        "effective_strength": act.effective_strength,
        "condition_state": "not_assessed",
        "override_date": "2026-06-20",
        "override_reason": "  ",
    }

    response = client.post(f"/admin/treaties/participationact/{act.pk}/change/", form)

    assert "Say why the computed date is overridden" in response.text
    act.refresh_from_db()
    assert act.override_date is None


def test_an_override_is_used_but_the_computed_date_stays_visible():
    act = withdrawal("Poland", MINE_BAN)
    act.override_date = date(2026, 6, 20)
    act.override_reason = "Test: the editor records a later date."
    act.save()

    assert act.effect_date == date(2026, 6, 20)
    assert act.computed_effect().date == date(2026, 2, 20)
    assert status("Poland", MINE_BAN, date(2026, 3, 1)).standing == daterules.Standing.WITHDRAWAL_PENDING
    assert Participant.objects.filter(name="Poland").exists()
