"""The standing spans the date rules compute agree with the rules' status on any day.

Pure: no database. The stored spans are tested against the same rules in
test_standing_store.py.
"""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from treaties.daterules import (
    SIGNATURE_KINDS,
    Act,
    ConditionState,
    Counts,
    EntryIntoForceClause,
    Period,
    Snap,
    Standing,
    Unit,
    WithdrawalClause,
    counts_on,
    standing_spans,
    status_on,
)

FIRST, LAST = date(1990, 1, 1), date(2030, 12, 31)
KINDS = [
    "signature",
    "ratification",
    "accession",
    "succession",
    "definitive_signature",
    "withdrawal",
    "withdrawal_revocation",
    "consent_revocation",
    "suspension",
    "reservation",
]

days = st.dates(min_value=FIRST, max_value=LAST)
periods = st.builds(Period, st.integers(0, 400), st.sampled_from(list(Unit)), st.sampled_from(list(Snap)))


@st.composite
def acts(draw):
    kind, day = draw(st.sampled_from(KINDS)), draw(days)
    effective = draw(st.none() | st.integers(0, 800).map(lambda offset: day + timedelta(days=offset)))
    return Act(kind=kind, date=day, effective=effective)


@st.composite
def rules(draw):
    treaty_in_force = draw(st.none() | days)
    return {
        "treaty_in_force": treaty_in_force,
        "entry_clause": EntryIntoForceClause(
            article="art. 17(2)",
            period=draw(st.none() | periods),
            treaty_known_not_in_force=treaty_in_force is None and draw(st.booleans()),
        ),
        "withdrawal_clause": WithdrawalClause(
            article="art. 20(3)",
            period=draw(st.none() | periods),
            later_date_allowed=draw(st.booleans()),
            condition=draw(
                st.sampled_from(["", "the withdrawal shall not take effect before the end of the conflict"])
            ),
        ),
    }


def fields(status_or_span):
    return (
        status_or_span.standing,
        status_or_span.since,
        status_or_span.in_force_from,
        status_or_span.in_force_unknown,
        status_or_span.withdrawal_notified,
        status_or_span.withdrawal_due,
        status_or_span.withdrawal_conditional,
        status_or_span.revoked_withdrawal_on,
    )


def span_on(spans, day):
    return next((span for span in spans if span.covers(day)), None)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(acts(), max_size=7), rules(), st.sampled_from(list(ConditionState)), st.lists(days, min_size=1, max_size=8)
)
def test_the_span_covering_a_day_gives_the_status_the_rules_give_that_day(its_acts, treaty_rules, condition, asked):
    spans = standing_spans(its_acts, condition=condition, **treaty_rules)

    for day in asked:
        status = status_on(its_acts, day, condition=condition, **treaty_rules)
        span = span_on(spans, day)
        if span is None:
            assert status.standing == Standing.NOT_PARTICIPANT
            assert all(act.date > day for act in its_acts) or not spans or day < spans[0].start
            continue
        assert fields(span) == fields(status)
        signed = [act.date for act in its_acts if act.kind in SIGNATURE_KINDS and act.date <= day]
        assert span.signed_on == (min(signed) if signed else None)


@settings(max_examples=200, deadline=None)
@given(st.lists(acts(), max_size=7), rules(), st.sampled_from(list(ConditionState)))
def test_spans_follow_one_another_without_gaps_or_repeats(its_acts, treaty_rules, condition):
    spans = standing_spans(its_acts, condition=condition, **treaty_rules)

    for earlier, later in zip(spans, spans[1:], strict=False):
        assert earlier.end == later.start
        assert fields(earlier) + (earlier.signed_on,) != fields(later) + (later.signed_on,)
    if spans:
        assert spans[-1].end is None
        assert spans[0].start == min(act.date for act in its_acts)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(acts(), min_size=1, max_size=5), max_size=6), rules(), days)
def test_counting_the_spans_of_a_day_gives_the_rules_counts(participants, treaty_rules, day):
    by_participant = dict(enumerate(participants))
    expected = counts_on(by_participant, day, **treaty_rules)

    covering = [span_on(standing_spans(its_acts, **treaty_rules), day) for its_acts in participants]
    covering = [span for span in covering if span is not None]
    contracting = sum(
        span.standing in (Standing.CONTRACTING_STATE, Standing.PARTY, Standing.WITHDRAWAL_PENDING) for span in covering
    )
    counted = Counts(
        signatories=sum(span.signed_on is not None for span in covering),
        contracting_states=contracting,
        parties=sum(span.standing in (Standing.PARTY, Standing.WITHDRAWAL_PENDING) for span in covering),
        un_count=contracting,
        parties_unknown=sum(span.in_force_unknown for span in covering),
    )
    assert counted == expected


MINE_BAN_RULES = {
    "treaty_in_force": date(1999, 3, 1),
    "entry_clause": EntryIntoForceClause("art. 17(2)", Period(6, Unit.MONTHS, Snap.MONTH_START)),
    "withdrawal_clause": WithdrawalClause("art. 20(3)", Period(6, Unit.MONTHS)),
}


def test_lithuania_goes_from_signatory_to_withdrawn_in_five_spans():
    lithuania = [
        Act("signature", date(1999, 2, 26)),
        Act("ratification", date(2003, 5, 12)),
        Act("withdrawal", date(2025, 6, 27)),
    ]

    spans = standing_spans(lithuania, **MINE_BAN_RULES)

    assert [(span.standing, span.start, span.end) for span in spans] == [
        (Standing.SIGNATORY, date(1999, 2, 26), date(2003, 5, 12)),
        (Standing.CONTRACTING_STATE, date(2003, 5, 12), date(2003, 11, 1)),
        (Standing.PARTY, date(2003, 11, 1), date(2025, 6, 27)),
        (Standing.WITHDRAWAL_PENDING, date(2025, 6, 27), date(2025, 12, 27)),
        (Standing.WITHDRAWN, date(2025, 12, 27), None),
    ]
    assert spans[3].withdrawal_notified == date(2025, 6, 27)


def test_a_revocation_ends_the_pending_withdrawal_and_the_party_stays():
    hungary = [
        Act("ratification", date(2001, 11, 30)),
        Act("withdrawal", date(2025, 6, 2)),
        Act("withdrawal_revocation", date(2026, 5, 29)),
    ]
    rome = {
        "treaty_in_force": date(2002, 7, 1),
        "entry_clause": EntryIntoForceClause("art. 126(2)", Period(60, Unit.DAYS, Snap.NEXT_MONTH_START)),
        "withdrawal_clause": WithdrawalClause("art. 127(1)", Period(1, Unit.YEARS), later_date_allowed=True),
    }

    spans = standing_spans(hungary, **rome)

    assert [span.standing for span in spans] == [
        Standing.CONTRACTING_STATE,
        Standing.PARTY,
        Standing.WITHDRAWAL_PENDING,
        Standing.PARTY,
    ]
    assert spans[-1].revoked_withdrawal_on == date(2026, 5, 29)
    assert spans[-1].since == date(2002, 7, 1)  # a party since the Statute entered into force for it
    assert spans[-1].withdrawal_due is None and spans[-1].end is None


def test_a_consent_to_a_treaty_whose_entry_into_force_is_unrecorded_is_unknown_not_a_party():
    unrecorded = {**MINE_BAN_RULES, "treaty_in_force": None}

    (span,) = standing_spans([Act("accession", date(2005, 1, 1))], **unrecorded)

    assert (span.standing, span.in_force_unknown, span.in_force_from) == (Standing.CONTRACTING_STATE, True, None)


def test_a_consent_to_a_treaty_known_not_to_be_in_force_is_not_unknown():
    ctbt = {
        **MINE_BAN_RULES,
        "treaty_in_force": None,
        "entry_clause": EntryIntoForceClause("art. XIV", None, treaty_known_not_in_force=True),
    }

    (span,) = standing_spans([Act("ratification", date(2000, 6, 30))], **ctbt)

    assert (span.standing, span.in_force_unknown) == (Standing.CONTRACTING_STATE, False)


def test_a_treaty_in_force_without_its_rule_for_later_participants_leaves_them_unknown():
    no_rule = {**MINE_BAN_RULES, "entry_clause": EntryIntoForceClause("art. 17(2)", None)}

    (span,) = standing_spans([Act("accession", date(2005, 1, 1))], **no_rule)

    assert span.in_force_unknown


def test_a_successor_is_a_party_from_its_notice_not_a_period_after_it():
    spans = standing_spans([Act("succession", date(2006, 10, 23))], **MINE_BAN_RULES)

    assert [(span.standing, span.start) for span in spans] == [(Standing.PARTY, date(2006, 10, 23))]


def test_a_successor_to_a_treaty_not_yet_in_force_is_a_party_from_the_treatys_date():
    spans = standing_spans([Act("succession", date(1998, 1, 5))], **MINE_BAN_RULES)

    assert [(span.standing, span.start) for span in spans] == [
        (Standing.CONTRACTING_STATE, date(1998, 1, 5)),
        (Standing.PARTY, date(1999, 3, 1)),
    ]


def test_the_refugee_protocols_rule_binds_a_state_on_the_day_of_its_deposit():
    protocol = {
        **MINE_BAN_RULES,
        "treaty_in_force": date(1967, 10, 4),
        "entry_clause": EntryIntoForceClause("art. VIII(2)", Period(0, Unit.DAYS)),
    }

    spans = standing_spans([Act("accession", date(1980, 5, 7))], **protocol)

    assert [(span.standing, span.start) for span in spans] == [(Standing.PARTY, date(1980, 5, 7))]
