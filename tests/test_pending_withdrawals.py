"""The pending-withdrawals page: the most recent of each list, how many there are in all, in fixed queries."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.views import HOME_WITHDRAWALS
from tests.builders import make_act, make_notification, make_participant, make_world
from tests.test_pages import HOME_QUERIES
from treaties.models import ActKind, Participant, ParticipationAct, RevokedWithdrawal, StandingSpan
from treaties.withdrawal_lists import SHOWN_WITHDRAWALS

pytestmark = pytest.mark.django_db

# pending spans with treaty and participant; their notices; the notices'
# notifications; their number; the stored revocations shown, with both acts,
# treaty and participant; the acts' notifications; their number; the spans on
# which the withdrawals shown took effect, with treaty and participant; the
# notices they rest on; their number
PENDING_QUERIES = 10


def withdraw_on_different_days(treaty, count):
    """Add `count` participants that notified a withdrawal, one a day from 2 July to 30 July 2025, and return them."""
    states = []
    for index in range(count):
        state = make_participant(name=f"Later {index:03}", slug=f"later-{index:03}")
        make_act(treaty=treaty, participant=state, kind=ActKind.RATIFICATION, date=date(1999, 1, 1))
        make_act(treaty=treaty, participant=state, kind=ActKind.WITHDRAWAL, date=date(2025, 7, 2 + index % 29))
        states.append(state)
    return states


@pytest.mark.parametrize("count", [4, 12])
def test_the_page_costs_the_same_queries_whatever_the_number_of_withdrawals(client, django_assert_num_queries, count):
    treaty = make_world(count)
    withdraw_on_different_days(treaty, count)
    state = Participant.objects.get(name="State 01")
    make_act(treaty=treaty, participant=state, kind=ActKind.WITHDRAWAL_REVOCATION, date=date(2025, 9, 1))

    # On 1 January 2026 each list has some: those notified in June took effect on 27 December.
    with django_assert_num_queries(PENDING_QUERIES):
        response = client.get("/withdrawals/pending/", {"as_of": "2026-01-01"})

    assert response.context["pending"].total == count
    assert response.context["effective"].total == count // 2 - 1
    assert response.context["revoked"].total == 1


def test_a_revoked_withdrawal_is_listed_as_revoked_and_not_as_pending(client):
    treaty = make_world(4)
    state = Participant.objects.get(name="State 01")
    make_act(treaty=treaty, participant=state, kind=ActKind.WITHDRAWAL_REVOCATION, date=date(2025, 9, 1))

    response = client.get("/withdrawals/pending/", {"as_of": "2025-12-01"})

    assert [entry.act.participant.name for entry in response.context["pending"]] == ["State 03"]
    assert [entry.act.participant.name for entry in response.context["revoked"]] == ["State 01"]
    assert [entry.revocation.date for entry in response.context["revoked"]] == [date(2025, 9, 1)]


def test_a_long_list_shows_the_most_recently_notified_and_says_how_many_there_are(client):
    treaty = make_world(2)
    later = withdraw_on_different_days(treaty, SHOWN_WITHDRAWALS + 5)

    response = client.get("/withdrawals/pending/", {"as_of": "2025-12-01"})
    exported = json.loads(
        b"".join(client.get("/withdrawals/pending/", {"as_of": "2025-12-01", "format": "json"}).streaming_content)
    )

    pending = response.context["pending"]
    assert (pending.total, len(pending)) == (SHOWN_WITHDRAWALS + 6, SHOWN_WITHDRAWALS)
    shown = {entry.act.participant.name for entry in pending}
    # The earliest notices (State 01 on 27 June, the first Later ones on 2 July) are left out.
    assert "State 01" not in shown and later[0].name not in shown
    assert later[28].name in shown
    assert (
        f"{SHOWN_WITHDRAWALS + 6} withdrawals are pending; the {SHOWN_WITHDRAWALS} most recently notified, "
        "soonest due first, are shown here. The CSV and JSON hold every one." in response.text
    )
    assert len([row for row in exported if row["state"] == "pending"]) == SHOWN_WITHDRAWALS + 6


def test_the_latest_revocations_are_shown_and_every_one_is_counted_and_exported(client):
    treaty = make_world(2)
    states = withdraw_on_different_days(treaty, SHOWN_WITHDRAWALS + 3)
    for index, state in enumerate(states):
        revoked_on = date(2025, 8, 1 + index % 28) if index < SHOWN_WITHDRAWALS else date(2025, 9, index - 49)
        make_act(treaty=treaty, participant=state, kind=ActKind.WITHDRAWAL_REVOCATION, date=revoked_on)

    response = client.get("/withdrawals/pending/", {"as_of": "2025-12-01"})
    exported = json.loads(
        b"".join(client.get("/withdrawals/pending/", {"as_of": "2025-12-01", "format": "json"}).streaming_content)
    )
    before_the_last = client.get("/withdrawals/pending/", {"as_of": "2025-09-01"})

    revoked = response.context["revoked"]
    assert (revoked.total, len(revoked)) == (SHOWN_WITHDRAWALS + 3, SHOWN_WITHDRAWALS)
    dates = [entry.revocation.date for entry in revoked]
    assert dates == sorted(dates, reverse=True) and dates[0] == date(2025, 9, 3)
    # The earliest revocations, of 1 August, are left out of the page and kept in the exports.
    assert date(2025, 8, 1) not in dates
    assert sorted(row["participant"] for row in exported if row["state"] == "revoked") == [s.name for s in states]
    assert before_the_last.context["revoked"].total == SHOWN_WITHDRAWALS + 1


def test_loading_the_data_into_a_database_without_stored_revocations_stores_them(client):
    call_command("load_reference_data", curated_only=True, stdout=StringIO())
    stored = list(RevokedWithdrawal.objects.values_list("notice", "revocation", "revoked_on"))
    RevokedWithdrawal.objects.all().delete()  # as a database whose spans came before them

    call_command("load_reference_data", curated_only=True, stdout=StringIO())

    assert stored and list(RevokedWithdrawal.objects.values_list("notice", "revocation", "revoked_on")) == stored
    page = client.get("/withdrawals/pending/", {"as_of": "2026-11-27"})
    assert {entry.revocation.date for entry in page.context["revoked"]} == {revoked_on for _, _, revoked_on in stored}


def test_a_withdrawal_pending_when_the_record_ends_says_so_and_gives_no_days_left(client):
    treaty = make_world(2, notified=False)
    state = Participant.objects.get(name="State 00")
    make_act(treaty=treaty, participant=state, kind=ActKind.WITHDRAWAL, date=date(2026, 3, 2))

    # The record reaches 30 June 2026; the notice of 2 March takes effect on 2 September.
    response = client.get("/withdrawals/pending/", {"as_of": "2026-11-27"})

    row = response.text[response.text.index('<a href="/participants/state-00/">') :]
    row = row[: row.index("</tr>")]
    assert "2 September 2026" in row and "under art. 20(3)" in row
    assert '<span class="meta">pending as recorded on 30 June 2026; later acts not recorded</span>' in row
    assert '<td class="num"><span class="meta">not known</span></td>' in row
    assert "<td>none in the treaty</td>" in row


def test_a_short_list_shows_every_withdrawal_without_a_count_sentence(client):
    make_world(4)

    response = client.get("/withdrawals/pending/", {"as_of": "2025-12-01"})

    assert len(response.context["pending"]) == response.context["pending"].total == 2
    assert "are shown here" not in response.text


def test_the_home_page_shows_the_most_recently_notified_and_says_how_many_are_pending(
    client, django_assert_num_queries, time_machine_day
):
    treaty = make_world(2)
    withdraw_on_different_days(treaty, SHOWN_WITHDRAWALS + 5)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert response.text.count("</a>: notified ") == HOME_WITHDRAWALS
    assert (
        f"{SHOWN_WITHDRAWALS + 6} withdrawals are pending today; the {HOME_WITHDRAWALS} most recently notified, "
        "soonest due first, are shown here." in response.text
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_withdrawals_that_took_effect_are_counted_from_their_index_alone():
    # The count reads the start and the horizon from the partial index: the spans
    # it counts lie scattered over thousands of table pages at scale.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
    took_effect = StandingSpan.objects.filter(withdrawal_took_effect=True).started_by(date(2026, 1, 1))

    plan = took_effect.values("start").order_by().explain()

    assert "Index Only Scan using treaties_span_took_effect" in plan.replace("(cost", "\n"), plan


def test_the_links_to_the_notifications_that_reported_an_act_read_only_their_references(client):
    treaty = make_world(4)
    notice = ParticipationAct.objects.filter(kind=ActKind.WITHDRAWAL).order_by("pk").first()
    notification = make_notification(treaty=treaty, participant=notice.participant, reference="C.N.9.2025")
    notification.acts.add(notice)
    pages = ["/withdrawals/pending/?as_of=2025-12-01", notice.participant.get_absolute_url()]

    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)

        assert 'href="/notifications/C.N.9.2025/"' in response.text
        # A notification's full text and search document are its largest columns: a link needs neither.
        read = [query["sql"] for query in queries if "notifications_depositarynotification" in query["sql"]]
        assert read and not any('"notifications_depositarynotification"."text"' in sql for sql in read), read


def test_an_empty_database_says_no_withdrawal_is_pending_revoked_or_taken_effect(client):
    page = client.get("/withdrawals/pending/", {"as_of": "2025-07-01"})

    assert page.status_code == 200
    assert "No withdrawal is pending on 1 July 2025." in page.text
    assert page.text.count("None by 1 July 2025.") == 2
    assert "<tbody>" not in page.text
