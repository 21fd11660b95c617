"""Tests for the date rules: periods, withdrawals, entry into force, status and counts.

Facts come from shared/data (ottawa/participants.csv, withdrawals/cases.md); dates
marked "computed" there are what the clause gives, which is what these rules compute.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treaties.daterules import (
    CONSENT_KINDS,
    Act,
    ConditionState,
    Counts,
    EntryIntoForceClause,
    Notice,
    Period,
    Snap,
    Standing,
    Unit,
    WithdrawalClause,
    counts_on,
    entry_into_force_for,
    participation_curve,
    pending_withdrawals,
    read_day,
    status_on,
    treaty_entry_into_force,
    withdrawal_effect,
    withdrawal_notices,
)

DAYS, MONTHS, YEARS = Unit.DAYS, Unit.MONTHS, Unit.YEARS

ARMED_CONFLICT = (
    "If, however, on the expiry of that six-month period, the withdrawing State Party is engaged in an "
    "armed conflict, the withdrawal shall not take effect before the end of the armed conflict."
)
MINE_BAN = {
    "treaty_in_force": date(1999, 3, 1),
    "entry_clause": EntryIntoForceClause("art. 17(2)", Period(6, MONTHS, Snap.MONTH_START)),
    "withdrawal_clause": WithdrawalClause("art. 20(3)", Period(6, MONTHS), condition=ARMED_CONFLICT),
}
ROME = {
    "treaty_in_force": date(2002, 7, 1),
    "entry_clause": EntryIntoForceClause("art. 126(2)", Period(60, DAYS, Snap.NEXT_MONTH_START)),
    "withdrawal_clause": WithdrawalClause("art. 127(1)", Period(1, YEARS), later_date_allowed=True),
}
ICCPR = {
    "treaty_in_force": date(1976, 3, 23),
    "entry_clause": EntryIntoForceClause("art. 49(2)", Period(3, MONTHS)),
    "withdrawal_clause": WithdrawalClause("", None),
}
ICCPR_OP1 = {
    "treaty_in_force": date(1976, 3, 23),
    "entry_clause": EntryIntoForceClause("art. 9(2)", Period(3, MONTHS)),
    "withdrawal_clause": WithdrawalClause("art. 12(1)", Period(3, MONTHS)),
}
CTBT = {
    "treaty_in_force": None,
    "entry_clause": EntryIntoForceClause("art. XIV", None),
    "withdrawal_clause": WithdrawalClause("art. IX(3)", Period(6, MONTHS)),
}


def mine_ban_party(*, joined: date, kind: str = "accession", withdrew: date | None = None) -> list[Act]:
    """Build the acts of a Mine Ban state that joined on `joined` and maybe withdrew."""
    acts = [Act(kind, joined)]
    if withdrew:
        acts.append(Act("withdrawal", withdrew))
    return acts


# --- Period.after -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "anchor", "expected"),
    [
        pytest.param(Period(6, MONTHS, Snap.MONTH_START), date(2002, 9, 11), date(2003, 3, 1), id="mine-ban-17-2"),
        pytest.param(Period(6, MONTHS, Snap.MONTH_START), date(1998, 9, 16), date(1999, 3, 1), id="mine-ban-17-1"),
        pytest.param(Period(60, DAYS, Snap.NEXT_MONTH_START), date(2019, 3, 4), date(2019, 6, 1), id="rome-126-2"),
        pytest.param(Period(30, DAYS), date(2021, 1, 20), date(2021, 2, 19), id="paris-21-3"),
        pytest.param(Period(6, MONTHS), date(2025, 6, 27), date(2025, 12, 27), id="mine-ban-20-3-baltics"),
        pytest.param(Period(6, MONTHS), date(2025, 7, 10), date(2026, 1, 10), id="mine-ban-20-3-finland"),
        pytest.param(Period(6, MONTHS), date(2025, 8, 20), date(2026, 2, 20), id="mine-ban-20-3-poland"),
        pytest.param(Period(6, MONTHS), date(2023, 8, 31), date(2024, 2, 29), id="six-months-to-leap-february"),
        pytest.param(Period(6, MONTHS), date(2024, 8, 31), date(2025, 2, 28), id="six-months-to-plain-february"),
        pytest.param(Period(1, YEARS), date(2016, 10, 27), date(2017, 10, 27), id="rome-127-1-burundi"),
        pytest.param(Period(1, YEARS), date(2018, 3, 17), date(2019, 3, 17), id="rome-127-1-philippines"),
        pytest.param(Period(1, YEARS), date(2024, 2, 29), date(2025, 2, 28), id="one-year-from-leap-day"),
        pytest.param(Period(3, MONTHS), date(2022, 11, 8), date(2023, 2, 8), id="iccpr-op1-12-1-belarus"),
        pytest.param(Period(3, MONTHS), date(1998, 5, 26), date(1998, 8, 26), id="iccpr-op1-12-1-trinidad"),
        pytest.param(Period(3, MONTHS), date(2022, 11, 30), date(2023, 2, 28), id="three-months-to-plain-february"),
        pytest.param(Period(3, MONTHS), date(2023, 11, 30), date(2024, 2, 29), id="three-months-to-leap-february"),
    ],
)
def test_a_period_lands_on_the_date_the_calendar_gives(period, anchor, expected):
    assert period.after(anchor) == expected


def test_it_counts_a_late_joiner_from_the_first_day_of_the_sixth_month():
    assert Period(6, MONTHS, Snap.MONTH_START).after(date(2023, 8, 31)) == date(2024, 2, 1)


def test_it_moves_to_the_next_month_even_when_the_60th_day_is_a_first():
    # 2 May 2002 + 60 days is 1 July 2002; "the first day of the month after" it is 1 August.
    assert Period(60, DAYS, Snap.NEXT_MONTH_START).after(date(2002, 5, 2)) == date(2002, 8, 1)


def test_it_never_snaps_a_date_back_before_its_anchor():
    assert Period(0, DAYS, Snap.MONTH_START).after(date(2025, 9, 11)) == date(2025, 9, 11)


def test_it_accepts_the_stored_strings_for_unit_and_snap():
    assert Period(6, "months", "month_start") == Period(6, MONTHS, Snap.MONTH_START)


@pytest.mark.parametrize("count", [-1, 1.5, True])
def test_it_refuses_a_count_that_is_not_a_whole_number_from_zero(count):
    with pytest.raises(ValueError):
        Period(count, MONTHS)


@pytest.mark.parametrize(
    ("period", "words"),
    [
        (Period(6, MONTHS), "six months after"),
        (Period(1, YEARS), "one year after"),
        (Period(3, MONTHS), "three months after"),
        (Period(30, DAYS), "the 30th day after"),
        (Period(21, DAYS), "the 21st day after"),
        (Period(112, DAYS), "the 112th day after"),
        (Period(6, MONTHS, Snap.MONTH_START), "the first day of the sixth month after"),
        (Period(60, DAYS, Snap.NEXT_MONTH_START), "the first day of the month after the 60th day after"),
        (Period(10, DAYS, Snap.MONTH_START), "the first day of the month containing the tenth day after"),
        (Period(1, YEARS, Snap.MONTH_START), "the first day of the twelfth month after"),
        (Period(1, YEARS, Snap.NEXT_MONTH_START), "the first day of the 13th month after"),
        (Period(0, DAYS, Snap.NEXT_MONTH_START), "the first day of the month after"),
    ],
)
def test_it_describes_a_period_in_the_words_of_a_clause(period, words):
    assert period.describe() == words


# --- withdrawal_effect -------------------------------------------------------------


def test_it_dates_lithuanias_withdrawal_subject_to_the_armed_conflict_condition():
    effect = withdrawal_effect(MINE_BAN["withdrawal_clause"], date(2025, 6, 27))

    assert effect.date == date(2025, 12, 27)
    assert effect.earliest is None
    assert effect.conditional and not effect.deferred
    assert effect.article == "art. 20(3)"
    assert effect.explanation == (
        "The withdrawal takes effect on 27 December 2025, six months after its receipt on 27 June 2025 "
        "(art. 20(3)), subject to the condition in art. 20(3)."
    )


def test_it_defers_a_withdrawal_while_the_condition_is_in_force():
    effect = withdrawal_effect(MINE_BAN["withdrawal_clause"], date(2025, 6, 27), condition=ConditionState.IN_FORCE)

    assert effect.date is None
    assert effect.earliest == date(2025, 12, 27)
    assert effect.deferred and not effect.conditional
    assert "not before the end of the armed conflict (art. 20(3))" in effect.explanation
    assert "in no case before 27 December 2025" in effect.explanation


def test_it_gives_a_plain_date_once_the_condition_is_lifted():
    effect = withdrawal_effect(MINE_BAN["withdrawal_clause"], date(2025, 8, 20), condition=ConditionState.LIFTED)

    assert effect.date == date(2026, 2, 20)
    assert not effect.conditional and not effect.deferred
    assert "lifted" in effect.explanation


def test_it_takes_the_deferral_wording_from_the_condition_itself():
    condition = "It shall not take effect until the emergency ends."
    clause = WithdrawalClause("art. 9", Period(3, MONTHS), condition=condition)

    effect = withdrawal_effect(clause, date(2025, 1, 15), condition=ConditionState.IN_FORCE)

    assert "not before the emergency ends (art. 9)" in effect.explanation


def test_it_falls_back_to_naming_the_article_when_the_condition_has_no_end_words():
    clause = WithdrawalClause("art. 9", Period(3, MONTHS), condition="Subject to the approval of the Council.")

    effect = withdrawal_effect(clause, date(2025, 1, 15), condition=ConditionState.IN_FORCE)

    assert "not before the condition in art. 9 ceases to hold" in effect.explanation


def test_it_lets_a_later_date_in_a_rome_notification_win():
    effect = withdrawal_effect(ROME["withdrawal_clause"], date(2025, 6, 2), date_specified=date(2026, 9, 1))

    assert effect.date == date(2026, 9, 1)
    assert "later date the notification specifies, as art. 127(1) allows" in effect.explanation


def test_it_ignores_an_earlier_date_in_a_rome_notification_and_says_so():
    effect = withdrawal_effect(ROME["withdrawal_clause"], date(2025, 6, 2), date_specified=date(2026, 1, 1))

    assert effect.date == date(2026, 6, 2)
    assert "1 January 2026, is ignored because it is not later" in effect.explanation


def test_it_ignores_a_chosen_date_where_the_clause_does_not_allow_one():
    effect = withdrawal_effect(MINE_BAN["withdrawal_clause"], date(2025, 6, 27), date_specified=date(2026, 6, 1))

    assert effect.date == date(2025, 12, 27)
    assert "art. 20(3) does not let the notification choose the date" in effect.explanation


def test_it_gives_no_date_for_a_treaty_without_a_withdrawal_clause():
    effect = withdrawal_effect(ICCPR["withdrawal_clause"], date(1997, 8, 25))

    assert effect.date is None and effect.earliest is None
    assert not effect.conditional and not effect.deferred
    assert "no withdrawal clause, so no date of effect follows from its text" in effect.explanation


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        pytest.param(date(2016, 10, 27), date(2017, 10, 27), id="burundi"),
        pytest.param(date(2018, 3, 17), date(2019, 3, 17), id="philippines"),
        pytest.param(date(2016, 11, 10), date(2017, 11, 10), id="gambia-had-it-stood"),
    ],
)
def test_a_rome_withdrawal_takes_effect_one_year_after_receipt(received, expected):
    effect = withdrawal_effect(ROME["withdrawal_clause"], received)

    assert effect.date == expected
    assert not effect.conditional


# --- Entry into force ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("treaty", "deposit", "expected"),
    [
        pytest.param(MINE_BAN, date(2002, 9, 11), date(2003, 3, 1), id="afghanistan-late-joiner"),
        pytest.param(MINE_BAN, date(1997, 12, 3), date(1999, 3, 1), id="canada-early-ratifier"),
        pytest.param(MINE_BAN, date(1998, 9, 16), date(1999, 3, 1), id="burkina-faso-the-40th"),
        # After the 40th deposit but before 1 March 1999: art. 17(2) still applies.
        pytest.param(MINE_BAN, date(1998, 11, 30), date(1999, 5, 1), id="nicaragua-between-40th-and-entry"),
        pytest.param(ROME, date(2019, 3, 4), date(2019, 6, 1), id="malaysia-had-it-stood"),
        pytest.param(ICCPR_OP1, date(1998, 8, 26), date(1998, 11, 26), id="trinidad-re-accession"),
    ],
)
def test_it_dates_entry_into_force_for_a_participant(treaty, deposit, expected):
    assert entry_into_force_for(treaty["entry_clause"], deposit, treaty["treaty_in_force"]) == expected


def test_it_dates_paris_for_the_united_states_on_the_30th_day():
    clause = EntryIntoForceClause("art. 21(3)", Period(30, DAYS))

    assert entry_into_force_for(clause, date(2021, 1, 20), date(2016, 11, 4)) == date(2021, 2, 19)


def test_it_gives_no_date_while_the_treaty_is_not_in_force():
    clause = EntryIntoForceClause("art. XIV", Period(30, DAYS))

    assert entry_into_force_for(clause, date(2000, 6, 30), None) is None


def test_it_gives_no_date_when_the_period_is_unknown():
    assert entry_into_force_for(EntryIntoForceClause("art. 25(3)", None), date(2002, 1, 1), date(2005, 2, 16)) is None


def test_the_mine_ban_convention_enters_into_force_from_the_40th_deposit():
    deposits = [date(1998, 9, 16)] + [date(1998, 1, 1) + timedelta(days=i) for i in range(39)]

    assert treaty_entry_into_force(Period(6, MONTHS, Snap.MONTH_START), deposits, 40) == date(1999, 3, 1)


def test_the_treaty_is_not_in_force_one_deposit_short():
    deposits = [date(1998, 1, 1) + timedelta(days=i) for i in range(39)]

    assert treaty_entry_into_force(Period(6, MONTHS, Snap.MONTH_START), deposits, 40) is None


def test_it_refuses_to_count_towards_zero_deposits():
    with pytest.raises(ValueError):
        treaty_entry_into_force(Period(6, MONTHS), [date(2000, 1, 1)], 0)


# --- status_on: Mine Ban 2025 withdrawals --------------------------------------------


@pytest.mark.parametrize(
    ("joined", "kind", "received", "due"),
    [
        pytest.param(date(2003, 5, 12), "ratification", date(2025, 6, 27), date(2025, 12, 27), id="lithuania"),
        pytest.param(date(2004, 5, 12), "accession", date(2025, 6, 27), date(2025, 12, 27), id="estonia"),
        pytest.param(date(2005, 7, 1), "accession", date(2025, 6, 27), date(2025, 12, 27), id="latvia"),
        pytest.param(date(2012, 1, 9), "accession", date(2025, 7, 10), date(2026, 1, 10), id="finland"),
        pytest.param(date(2012, 12, 27), "ratification", date(2025, 8, 20), date(2026, 2, 20), id="poland"),
    ],
)
def test_a_mine_ban_withdrawal_is_pending_and_conditional_until_it_takes_effect(joined, kind, received, due):
    acts = mine_ban_party(joined=joined, kind=kind, withdrew=received)

    pending = status_on(acts, due - timedelta(days=1), **MINE_BAN)
    withdrawn = status_on(acts, due, **MINE_BAN)

    assert pending.standing is Standing.WITHDRAWAL_PENDING
    assert pending.since == received
    assert pending.withdrawal_due == due
    assert pending.withdrawal_conditional
    assert withdrawn.standing is Standing.WITHDRAWN
    assert withdrawn.since == due
    assert withdrawn.withdrawal_due is None


def test_it_lists_lithuania_as_pending_on_1_december_and_withdrawn_on_1_january():
    acts = [Act("signature", date(1999, 2, 26)), *mine_ban_party(joined=date(2003, 5, 12), kind="ratification",
                                                                 withdrew=date(2025, 6, 27))]

    december = status_on(acts, date(2025, 12, 1), **MINE_BAN)
    january = status_on(acts, date(2026, 1, 1), **MINE_BAN)

    assert december.standing is Standing.WITHDRAWAL_PENDING and december.withdrawal_conditional
    assert december.in_force_from == date(2003, 11, 1)
    assert january.standing is Standing.WITHDRAWN
    assert january.in_force_from == date(2003, 11, 1)


def test_it_keeps_a_withdrawal_pending_without_a_date_while_the_condition_is_in_force():
    acts = mine_ban_party(joined=date(2012, 12, 27), kind="ratification", withdrew=date(2025, 8, 20))

    status = status_on(acts, date(2027, 1, 1), **MINE_BAN, condition=ConditionState.IN_FORCE)

    assert status.standing is Standing.WITHDRAWAL_PENDING
    assert status.withdrawal_due is None
    assert status.withdrawal_conditional


def test_it_keeps_ukraine_a_party_after_its_suspension_notice():
    acts = [Act("signature", date(1999, 2, 24)), Act("ratification", date(2005, 12, 27)),
            Act("suspension", date(2025, 7, 18))]

    status = status_on(acts, date(2026, 3, 1), **MINE_BAN)

    assert status.standing is Standing.PARTY
    assert status.since == date(2006, 6, 1)
    assert status.withdrawal_due is None and not status.withdrawal_conditional
    assert status.notes == ("suspension notified on 18 July 2025 (not a withdrawal)",)


def test_it_makes_afghanistan_a_contracting_state_until_the_convention_is_in_force_for_it():
    acts = mine_ban_party(joined=date(2002, 9, 11))

    before = status_on(acts, date(2002, 12, 1), **MINE_BAN)
    after = status_on(acts, date(2003, 3, 1), **MINE_BAN)

    assert before.standing is Standing.CONTRACTING_STATE
    assert before.since == date(2002, 9, 11)
    assert before.in_force_from == date(2003, 3, 1)
    assert after.standing is Standing.PARTY
    assert after.since == date(2003, 3, 1)


def test_an_early_ratifier_is_bound_from_the_day_the_convention_enters_into_force():
    acts = [Act("signature", date(1997, 12, 3)), Act("ratification", date(1998, 4, 6))]  # Hungary

    assert status_on(acts, date(1999, 2, 28), **MINE_BAN).standing is Standing.CONTRACTING_STATE
    party = status_on(acts, date(1999, 3, 1), **MINE_BAN)
    assert party.standing is Standing.PARTY
    assert party.in_force_from == date(1999, 3, 1)


def test_it_reads_a_signature_and_ratification_on_the_same_day_in_order():
    acts = [Act("ratification", date(1997, 12, 3)), Act("signature", date(1997, 12, 3))]  # Canada

    status = status_on(acts, date(1997, 12, 3), **MINE_BAN)

    assert status.standing is Standing.CONTRACTING_STATE
    assert status.in_force_from == date(1999, 3, 1)


def test_it_counts_nicaragua_from_art_17_2_not_from_the_conventions_own_date():
    acts = [Act("signature", date(1997, 12, 4)), Act("ratification", date(1998, 11, 30))]

    assert status_on(acts, date(1999, 3, 1), **MINE_BAN).standing is Standing.CONTRACTING_STATE
    assert status_on(acts, date(1999, 5, 1), **MINE_BAN).standing is Standing.PARTY


def test_it_prefers_an_effect_date_on_record_to_the_computed_one():
    acts = [Act("accession", date(2002, 9, 11), effective=date(2003, 4, 1))]

    assert status_on(acts, date(2003, 3, 15), **MINE_BAN).standing is Standing.CONTRACTING_STATE
    assert status_on(acts, date(2003, 4, 1), **MINE_BAN).in_force_from == date(2003, 4, 1)


# --- status_on: Rome Statute -----------------------------------------------------------


@pytest.mark.parametrize(
    ("ratified", "received", "effective"),
    [
        pytest.param(date(2004, 9, 21), date(2016, 10, 27), date(2017, 10, 27), id="burundi"),
        pytest.param(date(2011, 8, 30), date(2018, 3, 17), date(2019, 3, 17), id="philippines"),
    ],
)
def test_a_rome_party_is_withdrawn_one_year_after_receipt(ratified, received, effective):
    acts = [Act("ratification", ratified), Act("withdrawal", received)]

    assert status_on(acts, effective - timedelta(days=1), **ROME).standing is Standing.WITHDRAWAL_PENDING
    withdrawn = status_on(acts, effective, **ROME)
    assert withdrawn.standing is Standing.WITHDRAWN
    assert withdrawn.since == effective


def test_it_records_that_a_rome_withdrawal_is_not_conditional():
    acts = [Act("ratification", date(2004, 9, 21)), Act("withdrawal", date(2016, 10, 27))]

    status = status_on(acts, date(2017, 1, 1), **ROME)

    assert status.withdrawal_due == date(2017, 10, 27)
    assert not status.withdrawal_conditional


@pytest.mark.parametrize(
    ("ratified", "withdrew", "revoked"),
    [
        # South Africa revoked in March 2017 "on Tuesday"; 7 March is taken here.
        pytest.param(date(2000, 11, 27), date(2016, 10, 19), date(2017, 3, 7), id="south-africa"),
        pytest.param(date(2002, 6, 28), date(2016, 11, 10), date(2017, 2, 10), id="the-gambia"),
    ],
)
def test_a_revoked_withdrawal_leaves_the_state_a_party(ratified, withdrew, revoked):
    acts = [Act("ratification", ratified), Act("withdrawal", withdrew), Act("withdrawal_revocation", revoked)]

    before = status_on(acts, revoked - timedelta(days=1), **ROME)
    after = status_on(acts, revoked, **ROME)
    when_it_would_have_taken_effect = status_on(acts, date(2018, 1, 1), **ROME)

    assert before.standing is Standing.WITHDRAWAL_PENDING
    assert before.revoked_withdrawal_on is None
    assert after.standing is Standing.PARTY
    assert after.revoked_withdrawal_on == revoked
    assert after.withdrawal_due is None
    assert when_it_would_have_taken_effect.standing is Standing.PARTY
    assert any("revoked" in note for note in after.notes)


def test_a_revocation_on_the_day_of_effect_comes_too_late():
    acts = [Act("ratification", date(2004, 9, 21)), Act("withdrawal", date(2016, 10, 27)),
            Act("withdrawal_revocation", date(2017, 10, 27))]

    status = status_on(acts, date(2017, 10, 27), **ROME)

    assert status.standing is Standing.WITHDRAWN
    assert status.revoked_withdrawal_on is None


def test_a_revocation_undoes_the_notice_before_it():
    withdrawal, revocation = Act("withdrawal", date(2016, 10, 19)), Act("withdrawal_revocation", date(2017, 3, 7))

    assert withdrawal_notices([Act("ratification", date(2000, 11, 27)), withdrawal, revocation]) == [
        Notice(withdrawal, revocation)
    ]


def test_a_revocation_with_no_unrevoked_notice_before_it_undoes_nothing():
    first, second = Act("withdrawal_revocation", date(2020, 2, 10)), Act("withdrawal_revocation", date(2020, 3, 1))
    withdrawal = Act("withdrawal", date(2020, 1, 10))

    assert withdrawal_notices([first]) == []
    assert withdrawal_notices([withdrawal, first, second]) == [Notice(withdrawal, first)]


def test_a_later_notice_is_not_undone_by_an_earlier_revocation():
    acts = [Act("withdrawal", date(2020, 1, 10)), Act("withdrawal_revocation", date(2020, 2, 10)),
            Act("withdrawal", date(2020, 5, 4))]

    assert withdrawal_notices(acts)[-1] == Notice(acts[2])


def test_a_revocation_on_or_after_the_day_of_effect_undoes_nothing():
    withdrawal = Act("withdrawal", date(2020, 1, 10))
    effect = withdrawal_effect(ROME["withdrawal_clause"], withdrawal.date).date

    for revoked in (effect, effect + timedelta(days=1)):
        notices = withdrawal_notices([withdrawal, Act("withdrawal_revocation", revoked)], effect_on=lambda _: effect)
        assert notices == [Notice(withdrawal)]
    notices = withdrawal_notices([withdrawal, Act("withdrawal_revocation", effect - timedelta(days=1))],
                                 effect_on=lambda _: effect)
    assert notices[0].revocation is not None


def test_malaysia_falls_back_to_not_participating_after_revoking_its_accession():
    acts = [Act("accession", date(2019, 3, 4)), Act("consent_revocation", date(2019, 4, 29))]

    before = status_on(acts, date(2019, 4, 1), **ROME)
    after = status_on(acts, date(2019, 6, 1), **ROME)

    assert before.standing is Standing.CONTRACTING_STATE
    assert before.in_force_from == date(2019, 6, 1)
    assert after.standing is Standing.NOT_PARTICIPANT
    assert after.since == date(2019, 4, 29)
    assert after.notes == ("accession of 4 March 2019 revoked on 29 April 2019",)


# --- status_on: other treaties ---------------------------------------------------------


def test_russia_is_a_ctbt_signatory_again_after_revoking_its_ratification():
    acts = [Act("signature", date(1996, 9, 24)), Act("ratification", date(2000, 6, 30)),
            Act("consent_revocation", date(2023, 11, 3))]

    ratified = status_on(acts, date(2023, 1, 1), **CTBT)
    revoked = status_on(acts, date(2024, 1, 1), **CTBT)

    assert ratified.standing is Standing.CONTRACTING_STATE
    assert ratified.in_force_from is None
    assert revoked.standing is Standing.SIGNATORY
    assert revoked.since == date(2023, 11, 3)
    assert revoked.in_force_from is None


def test_the_dprk_stays_an_iccpr_party_after_a_withdrawal_the_covenant_does_not_provide_for():
    acts = [Act("accession", date(1981, 9, 14)), Act("withdrawal", date(1997, 8, 25))]

    status = status_on(acts, date(2001, 7, 1), **ICCPR)

    assert status.standing is Standing.PARTY
    assert status.in_force_from == date(1981, 12, 14)
    assert status.withdrawal_due is None
    assert any("no withdrawal clause" in note for note in status.notes)


def test_it_takes_a_recorded_effect_date_even_where_the_treaty_has_no_clause():
    # The United States' conditions for leaving the WHO are not in the Constitution's text.
    who = {**ICCPR, "treaty_in_force": date(1948, 4, 7)}
    acts = [Act("acceptance", date(1948, 6, 21), effective=date(1948, 6, 21)),
            Act("withdrawal", date(2025, 1, 22), effective=date(2026, 1, 22))]

    assert status_on(acts, date(2026, 1, 21), **who).standing is Standing.WITHDRAWAL_PENDING
    assert status_on(acts, date(2026, 1, 22), **who).standing is Standing.WITHDRAWN


TRINIDAD_AND_TOBAGO = [
    Act("accession", date(1980, 11, 14)),
    Act("withdrawal", date(1998, 5, 26)),
    Act("accession", date(1998, 8, 26)),
    Act("reservation", date(1998, 8, 26)),
    Act("withdrawal", date(2000, 3, 27)),
]
TRINIDAD_AND_TOBAGO_ON_RECORD = [
    Act("accession", date(1980, 11, 14)),
    Act("withdrawal", date(1998, 5, 26), effective=date(1998, 8, 26)),
    Act("accession", date(1998, 8, 26), effective=date(1998, 11, 26)),
    Act("withdrawal", date(2000, 3, 27), effective=date(2000, 6, 27)),
]


@pytest.mark.parametrize("acts", [TRINIDAD_AND_TOBAGO, TRINIDAD_AND_TOBAGO_ON_RECORD], ids=["computed", "on-record"])
@pytest.mark.parametrize(
    ("day", "standing", "since", "due"),
    [
        (date(1998, 6, 1), Standing.WITHDRAWAL_PENDING, date(1998, 5, 26), date(1998, 8, 26)),
        (date(1998, 8, 26), Standing.CONTRACTING_STATE, date(1998, 8, 26), None),
        (date(1998, 11, 25), Standing.CONTRACTING_STATE, date(1998, 8, 26), None),
        (date(1998, 11, 26), Standing.PARTY, date(1998, 11, 26), None),
        (date(2000, 4, 1), Standing.WITHDRAWAL_PENDING, date(2000, 3, 27), date(2000, 6, 27)),
        (date(2000, 6, 27), Standing.WITHDRAWN, date(2000, 6, 27), None),
    ],
)
def test_trinidad_and_tobago_denounces_rejoins_and_denounces_again(acts, day, standing, since, due):
    status = status_on(acts, day, **ICCPR_OP1)

    assert (status.standing, status.since, status.withdrawal_due) == (standing, since, due)


def test_it_refuses_an_unknown_act_kind():
    with pytest.raises(ValueError):
        Act("denunciation", date(2000, 1, 1))


def test_standings_have_readable_labels():
    assert Standing.WITHDRAWAL_PENDING.label == "Party, withdrawal pending"
    assert Standing.CONTRACTING_STATE.label == "Contracting State"
    assert {standing.label for standing in Standing} >= {"Signatory", "Party", "Withdrawn", "Not a participant"}


# --- Treaty-level counts ------------------------------------------------------------------

MINE_BAN_SAMPLE = {
    "Lithuania": [Act("signature", date(1999, 2, 26)), Act("ratification", date(2003, 5, 12)),
                  Act("withdrawal", date(2025, 6, 27))],
    "Afghanistan": [Act("accession", date(2002, 9, 11))],
    "Marshall Islands": [Act("signature", date(1997, 12, 4)), Act("ratification", date(2025, 3, 12))],
    "Late joiner": [Act("accession", date(2025, 10, 15))],
    "Signatory only": [Act("signature", date(1997, 12, 3))],
}


def test_it_counts_signatories_contracting_states_parties_and_the_un_figure():
    assert counts_on(MINE_BAN_SAMPLE, date(2025, 12, 1), **MINE_BAN) == Counts(
        signatories=3, contracting_states=4, parties=3, un_count=4,
    )
    assert counts_on(MINE_BAN_SAMPLE, date(2026, 1, 1), **MINE_BAN) == Counts(
        signatories=3, contracting_states=3, parties=2, un_count=3,
    )
    assert counts_on(MINE_BAN_SAMPLE, date(2026, 4, 1), **MINE_BAN).parties == 3


def test_it_lists_pending_withdrawals_soonest_first_and_deferred_last():
    acts_by_state = {
        "Poland": mine_ban_party(joined=date(2012, 12, 27), kind="ratification", withdrew=date(2025, 8, 20)),
        "Finland": mine_ban_party(joined=date(2012, 1, 9), withdrew=date(2025, 7, 10)),
        "Lithuania": mine_ban_party(joined=date(2003, 5, 12), kind="ratification", withdrew=date(2025, 6, 27)),
        "Afghanistan": mine_ban_party(joined=date(2002, 9, 11)),
        "Ukraine": [Act("ratification", date(2005, 12, 27)), Act("suspension", date(2025, 7, 18))],
    }

    plain = pending_withdrawals(acts_by_state, date(2025, 12, 1), **MINE_BAN)
    deferred = pending_withdrawals(acts_by_state, date(2025, 12, 1), **MINE_BAN,
                                   conditions={"Lithuania": ConditionState.IN_FORCE})

    assert [(key, status.withdrawal_due) for key, status in plain] == [
        ("Lithuania", date(2025, 12, 27)), ("Finland", date(2026, 1, 10)), ("Poland", date(2026, 2, 20)),
    ]
    assert [key for key, _ in deferred] == ["Finland", "Poland", "Lithuania"]
    assert pending_withdrawals(acts_by_state, date(2026, 3, 1), **MINE_BAN) == []


def test_the_participation_curve_steps_on_entry_into_force_and_withdrawal():
    acts_by_state = {
        "Hungary": [Act("ratification", date(1998, 4, 6))],
        "Burkina Faso": [Act("ratification", date(1998, 9, 16))],
        "Nicaragua": [Act("ratification", date(1998, 11, 30))],
        "Afghanistan": [Act("accession", date(2002, 9, 11))],
        "Lithuania": MINE_BAN_SAMPLE["Lithuania"],
    }

    assert participation_curve(acts_by_state, **MINE_BAN) == [
        (date(1999, 3, 1), 2),
        (date(1999, 5, 1), 3),
        (date(2003, 3, 1), 4),
        (date(2003, 11, 1), 5),
        (date(2025, 12, 27), 4),
    ]


def test_the_participation_curve_is_empty_without_parties():
    assert participation_curve({"Russia": [Act("signature", date(1996, 9, 24))]}, **CTBT) == []


# --- Properties -----------------------------------------------------------------------------

REAL_PERIODS = [
    Period(6, MONTHS, Snap.MONTH_START), Period(60, DAYS, Snap.NEXT_MONTH_START), Period(30, DAYS),
    Period(6, MONTHS), Period(1, YEARS), Period(3, MONTHS), Period(0, DAYS),
]
periods = st.builds(Period, count=st.integers(0, 400), unit=st.sampled_from(Unit), snap=st.sampled_from(Snap))
any_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(
    period=periods,
    received=any_dates,
    specified=st.none() | any_dates,
    later_date_allowed=st.booleans(),
    condition_text=st.sampled_from(["", ARMED_CONFLICT]),
    condition=st.sampled_from(ConditionState),
)
def test_an_effect_date_is_never_before_receipt(period, received, specified, later_date_allowed, condition_text,
                                                condition):
    clause = WithdrawalClause("art. 1", period, later_date_allowed=later_date_allowed, condition=condition_text)

    effect = withdrawal_effect(clause, received, date_specified=specified, condition=condition)

    assert effect.date is None or effect.date >= received
    assert effect.earliest is None or effect.earliest >= received
    assert (effect.date is None) == effect.deferred


@given(period=periods, first=any_dates, second=any_dates)
def test_period_after_is_monotone_in_the_anchor(period, first, second):
    earlier, later = sorted((first, second))

    assert period.after(earlier) <= period.after(later)


WINDOW_START = date(2020, 1, 1)
WINDOW_DAYS = 240
ACT_KINDS_DRAWN = ["signature", "ratification", "accession", "definitive_signature", "withdrawal",
                   "withdrawal_revocation", "consent_revocation", "suspension", "reservation"]


@st.composite
def acts_of_one_participant(draw):
    """Draw a short, possibly nonsensical, history of acts inside the window."""
    acts = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(ACT_KINDS_DRAWN))
        on = WINDOW_START + timedelta(days=draw(st.integers(0, WINDOW_DAYS)))
        effective = None
        if kind in CONSENT_KINDS or kind == "withdrawal":
            effective = draw(st.none() | st.integers(-40, 200).map(lambda days, on=on: on + timedelta(days=days)))
        acts.append(Act(kind, on, effective))
    return acts


@st.composite
def treaties(draw):
    """Draw a treaty's clauses and its entry into force, realistic periods only."""
    return {
        "treaty_in_force": draw(st.none() | st.integers(-100, WINDOW_DAYS).map(
            lambda days: WINDOW_START + timedelta(days=days))),
        "entry_clause": EntryIntoForceClause("art. 1", draw(st.none() | st.sampled_from(REAL_PERIODS))),
        "withdrawal_clause": WithdrawalClause(
            "art. 2", draw(st.none() | st.sampled_from(REAL_PERIODS)),
            later_date_allowed=draw(st.booleans()), condition=draw(st.sampled_from(["", ARMED_CONFLICT])),
        ),
    }


def candidate_change_dates(acts, treaty, condition) -> set[date]:
    """Return the act dates and every effect date the clauses or the record give."""
    dates = set()
    for act in acts:
        dates.add(act.date)
        if act.effective is not None:
            dates |= {act.effective, max(act.effective, act.date)}
        if act.kind in CONSENT_KINDS:
            dates.add(entry_into_force_for(treaty["entry_clause"], act.date, treaty["treaty_in_force"]))
        if act.kind == "withdrawal":
            dates.add(withdrawal_effect(treaty["withdrawal_clause"], act.date, condition=condition).date)
    return dates - {None}


def days_to_check(dates) -> list[date]:
    """Return every day from just before the window to just after the last date of interest."""
    last = max([WINDOW_START + timedelta(days=WINDOW_DAYS), *dates]) + timedelta(days=2)
    first = WINDOW_START - timedelta(days=101)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@settings(max_examples=60, deadline=None)
@given(acts=acts_of_one_participant(), treaty=treaties(), condition=st.sampled_from(ConditionState))
def test_a_status_changes_only_on_an_act_date_or_an_effect_date(acts, treaty, condition):
    candidates = candidate_change_dates(acts, treaty, condition)
    days = days_to_check(candidates)

    statuses = [status_on(acts, day, **treaty, condition=condition) for day in days]

    for day, before, after in zip(days[1:], statuses[:-1], statuses[1:], strict=True):
        if before != after:
            assert day in candidates, f"status changed on {day}: {before} -> {after}"


@settings(max_examples=30, deadline=None)
@given(
    acts_by_participant=st.dictionaries(st.integers(0, 9), acts_of_one_participant(), max_size=4),
    treaty=treaties(),
    condition=st.sampled_from(ConditionState),
)
def test_the_curve_steps_exactly_where_the_count_of_parties_changes(acts_by_participant, treaty, condition):
    conditions = dict.fromkeys(acts_by_participant, condition)
    candidates = set().union(*(candidate_change_dates(acts, treaty, condition)
                               for acts in acts_by_participant.values()))
    parties_before, steps = 0, []
    for day in days_to_check(candidates):
        parties = counts_on(acts_by_participant, day, **treaty, conditions=conditions).parties
        if parties != parties_before:
            steps.append((day, parties))
            parties_before = parties

    assert participation_curve(acts_by_participant, **treaty, conditions=conditions) == steps


def test_a_record_answers_for_the_day_asked_or_for_its_horizon_if_that_comes_first():
    horizon = date(2015, 3, 14)

    assert read_day(date(2026, 11, 27), horizon) == horizon
    assert read_day(date(2010, 1, 1), horizon) == date(2010, 1, 1)
    assert read_day(date(2026, 11, 27), None) == date(2026, 11, 27)
