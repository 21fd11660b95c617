"""The stored standing spans follow every change to acts and treaties, in the same transaction."""

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import make_act, make_participant, make_treaty
from treaties import daterules, standing
from treaties.models import ActKind, Coverage, InForce, ParticipationAct, RevokedWithdrawal, StandingSpan
from treaties.participation import count_steps, counts_on, read_day, step_on

pytestmark = pytest.mark.django_db

MINE_BAN_RULES = {
    "withdrawal_article": "art. 20(3)",
    "withdrawal_period_count": 6,
    "withdrawal_period_unit": "months",
    "entry_into_force_article": "art. 17(2)",
    "entry_into_force_period_count": 6,
    "entry_into_force_period_unit": "months",
    "entry_into_force_snap": "month_start",
}


@pytest.fixture
def treaty():
    return make_treaty(**MINE_BAN_RULES)


@pytest.fixture
def lithuania():
    return make_participant(name="Lithuania")


def standing_on(treaty, participant, day):
    return StandingSpan.objects.filter(treaty=treaty, participant=participant).on(day).get()


def test_saving_an_act_stores_the_standing_it_gives(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.RATIFICATION, date=date(2003, 5, 12))

    assert standing_on(treaty, lithuania, date(2003, 6, 1)).standing == "contracting_state"
    assert standing_on(treaty, lithuania, date(2003, 11, 1)).standing == "party"
    assert standing_on(treaty, lithuania, date(2003, 11, 1)).start_computed


def test_editing_an_acts_date_moves_the_standing_with_it(treaty, lithuania):
    ratification = make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))

    ratification.date = date(2004, 5, 12)
    ratification.save()

    assert not StandingSpan.objects.filter(treaty=treaty, participant=lithuania).on(date(2004, 1, 1)).exists()
    assert standing_on(treaty, lithuania, date(2004, 11, 1)).standing == "party"


def test_a_withdrawal_makes_it_pending_then_withdrawn_and_deleting_it_undoes_that(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    withdrawal = make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))

    pending = standing_on(treaty, lithuania, date(2025, 12, 1))
    assert (pending.standing, pending.withdrawal_due) == ("withdrawal_pending", date(2025, 12, 27))
    assert standing_on(treaty, lithuania, date(2026, 1, 1)).standing == "withdrawn"

    withdrawal.delete()

    assert standing_on(treaty, lithuania, date(2026, 1, 1)).standing == "party"


def test_a_revocation_ends_the_pending_withdrawal(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL_REVOCATION, date=date(2025, 9, 1))

    after = standing_on(treaty, lithuania, date(2026, 1, 1))

    assert (after.standing, after.withdrawal_notified, after.revoked_withdrawal_on) == (
        "party",
        None,
        date(2025, 9, 1),
    )


def revoked_pairs(treaty):
    return list(RevokedWithdrawal.objects.filter(treaty=treaty).values_list("notice", "revocation", "revoked_on"))


def test_a_revocation_is_stored_with_the_notice_it_undid_until_an_edit_undoes_that(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    notice = make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
    revocation = make_act(
        treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL_REVOCATION, date=date(2025, 9, 1)
    )

    assert revoked_pairs(treaty) == [(notice.pk, revocation.pk, date(2025, 9, 1))]

    # Six months from 27 June 2025: the withdrawal took effect on 27 December, before a revocation of 5 January.
    revocation.date = date(2026, 1, 5)
    revocation.save()
    assert revoked_pairs(treaty) == []

    # A three-month period would have it take effect on 27 September: a revocation on 1 September still undoes it.
    revocation.date = date(2025, 9, 1)
    revocation.save()
    treaty.withdrawal_period_count = 3
    treaty.save()
    assert revoked_pairs(treaty) == [(notice.pk, revocation.pk, date(2025, 9, 1))]

    revocation.delete()
    assert revoked_pairs(treaty) == []


def test_the_span_on_which_a_withdrawal_takes_effect_is_marked_and_only_that_one(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2010, 6, 27))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.ACCESSION, date=date(2015, 1, 5))
    notice = make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))

    def marked():
        spans = StandingSpan.objects.filter(treaty=treaty, participant=lithuania).order_by("start")
        return [(span.standing, span.start) for span in spans if span.withdrawal_took_effect]

    # Six months after each notice: out in December 2010, back in 2015, out again in December 2025.
    assert marked() == [("withdrawn", date(2010, 12, 27)), ("withdrawn", date(2025, 12, 27))]

    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL_REVOCATION, date=date(2025, 9, 1))
    assert marked() == [("withdrawn", date(2010, 12, 27))]

    notice.delete()
    assert marked() == [("withdrawn", date(2010, 12, 27))]


def test_rebuilding_every_revocation_gives_what_the_edits_stored(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL_REVOCATION, date=date(2025, 9, 1))
    stored = revoked_pairs(treaty)

    standing.store_every_revocation()

    assert revoked_pairs(treaty) == stored and len(stored) == 1


def test_moving_an_act_to_another_participant_refreshes_both(treaty, lithuania):
    latvia = make_participant(name="Latvia")
    ratification = make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))

    ratification.participant = latvia
    ratification.save()

    assert not StandingSpan.objects.filter(participant=lithuania).exists()
    assert standing_on(treaty, latvia, date(2010, 1, 1)).standing == "party"


def test_changing_the_treatys_rule_recomputes_every_participants_standing(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))

    treaty.entry_into_force_period_count = None
    treaty.entry_into_force_period_unit = ""
    treaty.save()

    unknown = standing_on(treaty, lithuania, date(2010, 1, 1))
    assert (unknown.standing, unknown.in_force_unknown) == ("contracting_state", True)
    assert unknown.standing_label == "Contracting State, entry into force not known"


def test_a_treaty_known_not_to_be_in_force_has_contracting_states_not_unknowns(lithuania):
    ctbt = make_treaty(number="4", entry_into_force=None, in_force=InForce.NOT_IN_FORCE)
    make_act(treaty=ctbt, participant=lithuania, date=date(2000, 2, 7))

    span = standing_on(ctbt, lithuania, date(2010, 1, 1))

    assert (span.standing, span.in_force_unknown) == ("contracting_state", False)


def test_a_failed_edit_leaves_the_stored_standing_as_it_was(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))

    with pytest.raises(RuntimeError), transaction.atomic():
        make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
        raise RuntimeError("the editor's request failed after the save")

    assert standing_on(treaty, lithuania, date(2026, 1, 1)).standing == "party"


def test_a_load_rebuilds_the_touched_treaties_once_at_the_end(treaty, lithuania):
    with standing.refreshed_after():
        make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
        assert not StandingSpan.objects.exists()  # deferred while the load runs

    assert standing_on(treaty, lithuania, date(2010, 1, 1)).standing == "party"


def test_a_participants_record_reaches_beyond_the_treatys_horizon_with_its_own_acts(treaty, lithuania):
    treaty.horizon = date(2015, 3, 14)
    treaty.save()
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
    estonia = make_participant(name="Estonia")
    make_act(treaty=treaty, participant=estonia, date=date(2004, 5, 12))

    assert standing_on(treaty, lithuania, date(2026, 11, 27)).read_on == date(2025, 6, 27)
    assert standing_on(treaty, estonia, date(2026, 11, 27)).read_on == date(2015, 3, 14)
    (table_row,) = StandingSpan.objects.filter(participant=lithuania).covering(
        read_day(date(2026, 11, 27), treaty.horizon)
    )
    assert (table_row.read_on, table_row.standing) == (date(2015, 3, 14), "party")


def test_sources_checked_later_carry_a_record_to_that_day(treaty, lithuania):
    treaty.horizon = date(2015, 3, 14)
    treaty.save()
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12), checked_on=date(2026, 11, 27))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))

    assert standing_on(treaty, lithuania, date(2026, 11, 27)).standing == "withdrawn"


def test_a_partial_record_reaches_only_as_far_as_its_acts(lithuania):
    paris = make_treaty(number="7.d", chapter="XXVII", coverage=Coverage.PARTIAL, **MINE_BAN_RULES)
    make_act(treaty=paris, participant=lithuania, date=date(2017, 1, 2))

    assert standing_on(paris, lithuania, date(2026, 1, 1)).read_on == date(2017, 1, 2)


# --- The stored counts give the rules' own counts ----------------------------------------------

KINDS = [
    ActKind.SIGNATURE,
    ActKind.RATIFICATION,
    ActKind.ACCESSION,
    ActKind.SUCCESSION,
    ActKind.WITHDRAWAL,
    ActKind.WITHDRAWAL_REVOCATION,
    ActKind.CONSENT_REVOCATION,
]
act_specs = st.tuples(st.sampled_from(KINDS), st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 1, 1)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    participants=st.lists(st.lists(act_specs, min_size=1, max_size=4, unique_by=lambda spec: spec), max_size=4),
    in_force=st.none() | st.dates(min_value=date(1995, 1, 1), max_value=date(2010, 1, 1)),
    days=st.lists(st.dates(min_value=date(1995, 1, 1), max_value=date(2031, 1, 1)), min_size=1, max_size=5),
)
def test_the_stored_counts_give_the_rules_counts(participants, in_force, days):
    with transaction.atomic():
        treaty = make_treaty(
            entry_into_force=in_force, in_force=InForce.IN_FORCE if in_force else InForce.UNKNOWN, **MINE_BAN_RULES
        )
        by_participant = {}
        for index, specs in enumerate(participants):
            participant = make_participant(name=f"State {index}", slug=f"state-{index}")
            for kind, day in specs:
                make_act(treaty=treaty, participant=participant, kind=kind, date=day)
            by_participant[index] = [daterules.Act(kind, day) for kind, day in specs]

        for day in days:
            counts, pending = counts_on(count_steps(treaty), day)
            assert counts == daterules.counts_on(by_participant, day, **treaty.rules())
            expected_pending = daterules.pending_withdrawals(by_participant, day, **treaty.rules())
            assert pending == len(expected_pending)
            # The rows a treaty's table has on the day, as the page counts them from the stored step.
            step = step_on(count_steps(treaty), day)
            assert (step.listed if step else 0) == treaty.spans.covering(day).count()
        transaction.set_rollback(True)


def test_every_act_saved_is_reflected_in_the_store_even_with_no_date(treaty, lithuania):
    undated = make_act(treaty=treaty, participant=lithuania, date=None)

    assert ParticipationAct.objects.filter(pk=undated.pk).exists()
    assert not StandingSpan.objects.filter(participant=lithuania).exists()


def test_a_rebuild_of_everything_gives_what_the_saves_stored(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.SIGNATURE, date=date(1999, 2, 26))
    make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
    stored = list(StandingSpan.objects.values_list("standing", "start", "end", "strength", "horizon"))

    standing.rebuild()

    assert list(StandingSpan.objects.values_list("standing", "start", "end", "strength", "horizon")) == stored
    assert (stored[0][1], stored[-1][1]) == (date(1999, 2, 26), date(2025, 12, 27))
