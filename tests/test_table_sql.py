"""The treaty table's plain-SQL reads make model instances that behave as the ORM's own."""

from datetime import date

import pytest
from django.db.models import Value
from django.db.models.signals import post_init, pre_init

from notifications.models import DepositaryNotification
from tests.builders import make_act, make_notification, make_participant, make_treaty
from treaties import table_sql
from treaties.models import ActKind, Participant, ParticipationAct, StandingSpan, Treaty

pytestmark = pytest.mark.django_db


def test_an_act_read_by_the_table_equals_the_orms_and_reads_its_unread_fields_on_demand():
    treaty = make_treaty()
    stored = make_act(
        treaty=treaty,
        participant=make_participant(name="Lithuania"),
        kind=ActKind.WITHDRAWAL,
        date=date(2025, 6, 27),
        note="Read only on demand",
    )

    [read] = table_sql.acts_with_reports(treaty, [stored.participant_id], date(2026, 1, 1))

    assert read == stored and read.pk == stored.pk
    assert read._state.adding is False and read._state.db == "default"
    assert (read.kind, read.date, read.treaty_id) == (ActKind.WITHDRAWAL, date(2025, 6, 27), treaty.pk)
    assert read.get_kind_display() == stored.get_kind_display() == "Withdrawal or denunciation"
    assert read.participant_name == "Lithuania"
    # Not read by the table's query: deferred, as the ORM's .only() would leave it.
    assert "note" in read.get_deferred_fields()
    assert read.note == "Read only on demand"


def test_a_span_read_by_the_table_carries_its_participant_without_a_query(django_assert_num_queries):
    treaty = make_treaty()
    make_act(treaty=treaty, participant=make_participant(name="Lithuania"), date=date(2003, 5, 12))
    stored = StandingSpan.objects.get(treaty=treaty)

    with django_assert_num_queries(1):
        [span] = table_sql.TableSpans(treaty, date(2026, 1, 1))
        assert span.participant.name == "Lithuania"

    assert span == stored
    assert span.standing_label == stored.standing_label
    assert (span.start, span.end) == (stored.start, stored.end)


def test_a_participants_spans_carry_their_treaty_in_the_treaties_order_in_one_query(django_assert_num_queries):
    lithuania = make_participant(name="Lithuania")
    later, first = make_treaty(chapter="XXVI", number="5"), make_treaty(chapter="IV", number="11")
    for treaty in (later, first):
        make_act(treaty=treaty, participant=lithuania, kind=ActKind.SIGNATURE, date=date(1998, 1, 2))
        make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    stored = list(StandingSpan.objects.filter(participant=lithuania).order_by("treaty__sort_key", "start"))
    assert len(stored) == 4  # signatory, then party, in each treaty

    with django_assert_num_queries(1):
        spans = table_sql.participant_spans(lithuania, ["slug", "title", "sort_key"], [later.pk, first.pk])
        assert [span.treaty for span in spans] == [first, first, later, later]
        assert spans[0].treaty is spans[1].treaty and spans[0].participant is lithuania

    assert spans == stored
    assert [(span.standing, span.start, span.end) for span in spans] == [
        (span.standing, span.start, span.end) for span in stored
    ]
    assert "note" in spans[0].treaty.get_deferred_fields()


def test_a_participants_spans_are_read_only_for_the_treaties_asked_for(django_assert_num_queries):
    lithuania = make_participant(name="Lithuania")
    asked, other = make_treaty(number="5"), make_treaty(number="6")
    for treaty in (asked, other):
        make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))

    assert [span.treaty for span in table_sql.participant_spans(lithuania, ["slug"], [asked.pk])] == [asked]
    with django_assert_num_queries(0):
        assert table_sql.participant_spans(lithuania, ["slug"], []) == []


@pytest.mark.parametrize("day", [date(1998, 6, 1), date(2010, 1, 1), date(2026, 11, 27)])
def test_a_participants_standings_are_the_orms_spans_on_the_day_a_page_at_a_time(day, django_assert_num_queries):
    lithuania = make_participant(name="Lithuania")
    # Three treaties, one whose record stops in 2005: asked about later, it answers for its horizon.
    treaties = [
        make_treaty(chapter="XXVI", number="5"),
        make_treaty(chapter="IV", number="11", horizon=date(2005, 3, 14)),
        make_treaty(chapter="XVIII", number="10"),
    ]
    for treaty in treaties:
        make_act(treaty=treaty, participant=lithuania, kind=ActKind.SIGNATURE, date=date(1998, 1, 2))
        make_act(treaty=treaty, participant=lithuania, date=date(2003, 5, 12))
    make_act(treaty=make_treaty(number="6"), participant=make_participant(name="Latvia"), date=date(1999, 1, 1))
    expected = list(StandingSpan.objects.filter(participant=lithuania).on(day).order_by("treaty__sort_key"))
    standings = table_sql.ParticipantStandings(lithuania, day, ["slug", "horizon", "sort_key"])

    with django_assert_num_queries(3):
        assert standings.count() == len(expected) == 3
        first, rest = standings[0:2], standings[2:3]
    read = first + rest

    assert read == expected
    assert [span.read_on for span in read] == [span.read_on for span in expected]
    horizon = date(2005, 3, 14)
    assert [span.read_on for span in read] == [min(day, horizon) if span.treaty.horizon else day for span in read]
    assert [span.treaty.sort_key for span in read] == sorted(span.treaty.sort_key for span in read)
    assert all(span.participant is lithuania for span in read)


def test_nothing_listens_for_model_instances_being_made():
    """`instance_from_row` sends no pre_init or post_init signal: a receiver added later would need it to."""
    for model in (Participant, ParticipationAct, StandingSpan, Treaty):
        assert not pre_init.has_listeners(model)
        assert not post_init.has_listeners(model)


def test_a_querysets_rows_read_as_instances_hold_the_names_asked_for_and_their_records(django_assert_num_queries):
    treaty = make_treaty(title="Convention on the Prohibition of Anti-Personnel Mines")
    lithuania = make_participant(name="Lithuania")
    notified = make_notification(treaty=treaty, participant=lithuania, reference="C.N.7.2025.TREATIES-XXVI.5")
    unnotified = make_notification(treaty=treaty, reference="C.N.8.2025.TREATIES-XXVI.5")
    queryset = DepositaryNotification.objects.filter(treaty=treaty).annotate(issued_by=Value("UN")).order_by("pk")
    names = ["id", "reference", "treaty_id", "participant_id", "issued_by"]
    related = {"treaty": ["id", "title"], "participant": ["id", "name"]}

    with django_assert_num_queries(1):
        read = table_sql.read_instances(queryset, names, related)
        assert [record.reference for record in read] == [notified.reference, unnotified.reference]
        assert read[0].issued_by == "UN"
        assert read[0].treaty.title == "Convention on the Prohibition of Anti-Personnel Mines"
        assert read[0].participant.name == "Lithuania" and read[0].participant == lithuania
        assert read[1].participant is None  # no participant: no record, rather than an empty one

    assert read == [notified, unnotified] and read[0]._state.adding is False
    # Not asked for: deferred, read on demand.
    assert "heading" in read[0].get_deferred_fields()
    assert read[0].heading == notified.heading
