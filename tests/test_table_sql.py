"""The treaty table's plain-SQL reads make model instances that behave as the ORM's own."""

from datetime import date

import pytest
from django.db.models.signals import post_init, pre_init

from tests.builders import make_act, make_participant, make_treaty
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
        spans = table_sql.participant_spans(lithuania, ["slug", "title", "sort_key"])
        assert [span.treaty for span in spans] == [first, first, later, later]
        assert spans[0].treaty is spans[1].treaty and spans[0].participant is lithuania

    assert spans == stored
    assert [(span.standing, span.start, span.end) for span in spans] == [
        (span.standing, span.start, span.end) for span in stored
    ]
    assert "note" in spans[0].treaty.get_deferred_fields()


def test_nothing_listens_for_model_instances_being_made():
    """`instance_from_row` sends no pre_init or post_init signal: a receiver added later would need it to."""
    for model in (Participant, ParticipationAct, StandingSpan, Treaty):
        assert not pre_init.has_listeners(model)
        assert not post_init.has_listeners(model)
