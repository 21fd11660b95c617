"""The panel layout reads stored spans, and says "unknown" where the record does not reach, never "no"."""

from datetime import date

from research.panels import Act, Span, dates, standing_on, year_rows


def span(standing, start, end=None, *, in_force_unknown=False, horizon=date(2015, 3, 14), **fields):
    values = {"in_force_from": None, "withdrawal_notified": None, "withdrawal_due": None} | fields
    return Span(standing, start, end, in_force_unknown=in_force_unknown, horizon=horizon, **values)


SIGNED_THEN_PARTY = [
    span("signatory", date(1997, 12, 3), date(1999, 3, 1)),
    span("party", date(1999, 3, 1), in_force_from=date(1999, 3, 1)),
]


def test_each_year_reads_the_span_covering_its_day():
    rows = list(year_rows(SIGNED_THEN_PARTY, first_year=1996, last_year=2000, month=12, day=31))

    assert [(row.year, row.standing, row.party) for row in rows] == [
        (1996, "not_participant", "no"),
        (1997, "signatory", "no"),
        (1998, "signatory", "no"),
        (1999, "party", "yes"),
        (2000, "party", "yes"),
    ]


def test_rows_begin_with_the_participants_first_act_unless_a_first_year_is_chosen():
    rows = list(year_rows(SIGNED_THEN_PARTY, first_year=None, last_year=1998, month=12, day=31))

    assert [row.year for row in rows] == [1997, 1998]


def test_a_day_after_the_horizon_is_unknown_not_the_last_standing_carried_on():
    assert standing_on(SIGNED_THEN_PARTY, date(2015, 3, 14)) == ("party", "yes", "yes")
    assert standing_on(SIGNED_THEN_PARTY, date(2015, 3, 15)) == ("unknown", "unknown", "unknown")


def test_the_release_panel_stops_after_the_first_unknown_year():
    rows = list(year_rows(SIGNED_THEN_PARTY, first_year=2013, last_year=2020, month=12, day=31, stop_when_unknown=True))

    assert [(row.year, row.party) for row in rows] == [(2013, "yes"), (2014, "yes"), (2015, "unknown")]


def test_a_contracting_state_whose_entry_into_force_is_unknown_is_a_party_unknown():
    spans = [span("contracting_state", date(2001, 5, 2), in_force_unknown=True)]

    assert standing_on(spans, date(2005, 12, 31)) == ("contracting_state", "yes", "unknown")


def test_the_day_read_can_be_chosen():
    rows = list(year_rows(SIGNED_THEN_PARTY, first_year=1999, last_year=1999, month=1, day=1))

    assert (rows[0].day, rows[0].standing) == (date(1999, 1, 1), "signatory")


def test_dates_say_none_for_an_act_not_on_record_and_unknown_for_one_without_a_date():
    acts = [Act("signature", None), Act("ratification", date(1998, 9, 3))]

    found = dates(acts, SIGNED_THEN_PARTY)

    assert found["signature"] == "unknown"
    assert (found["consent"], found["consent_kind"], found["in_force_for_it"]) == (
        date(1998, 9, 3),
        "ratification",
        date(1999, 3, 1),
    )
    assert (found["withdrawal_notified"], found["withdrawal_effective"]) == ("none", "none")
    assert found["known_to"] == date(2015, 3, 14)


def test_a_withdrawal_takes_effect_on_the_first_day_withdrawn_and_a_revoked_one_never():
    acts = [Act("ratification", date(1998, 9, 3)), Act("withdrawal", date(2025, 6, 27))]
    spans = [
        span("party", date(1999, 3, 1), date(2025, 6, 27), in_force_from=date(1999, 3, 1)),
        span(
            "withdrawal_pending",
            date(2025, 6, 27),
            date(2025, 12, 27),
            withdrawal_notified=date(2025, 6, 27),
            withdrawal_due=date(2025, 12, 27),
        ),
        span("withdrawn", date(2025, 12, 27)),
    ]

    assert dates(acts, spans)["withdrawal_effective"] == date(2025, 12, 27)
    revoked = dates([*acts, Act("withdrawal_revocation", date(2025, 9, 1))], spans[:1])
    assert (revoked["withdrawal_revoked"], revoked["withdrawal_effective"]) == (date(2025, 9, 1), "none")


def test_a_withdrawal_deferred_by_a_condition_has_an_unknown_effect():
    acts = [Act("withdrawal", date(2025, 6, 27))]
    spans = [span("withdrawal_pending", date(2025, 6, 27), withdrawal_notified=date(2025, 6, 27))]

    assert dates(acts, spans)["withdrawal_effective"] == "unknown"
