"""The public pages: they show the data, answer bad input plainly, and cost a fixed number of queries."""

import csv
import io
import json
from datetime import date
from xml.etree import ElementTree

import pytest

from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage
from tests.builders import make_act, make_notification, make_participant, make_treaty, make_world
from treaties.models import ActKind, Participant, ParticipationAct, Strength

pytestmark = pytest.mark.django_db

# treaties; latest notifications; the most recently notified pending spans with
# treaty and participant; their notices; the notices' notifications; their number
HOME_QUERIES = 6
# count of treaties; a page of treaties, each with the id of its stored counts on
# the day; those counts
TREATY_LIST_QUERIES = 3
# treaty; the stored counts (counts, curve and the number of rows); a page of
# its spans on the day with participants; the spans that carry a withdrawal or
# reach beyond the horizon; the acts of the page's participants, and acts with
# no date, each with the references of its notifications; the ids of its
# reservations and declarations; the first of them with their count
TREATY_QUERIES = 7
# count; participants; their other names
PARTICIPANT_LIST_QUERIES = 3
# participant with other names (2); the count of its acts; a page of its acts
# with treaties; their notifications; the count of the treaties it has a standing
# in and a page of them; every span of that page's treaties; the ids of its
# reservations and declarations; the first of them with their count
PARTICIPANT_QUERIES = 10
# as tests/test_pending_withdrawals.py lists them, less what reads the
# revoked and taken-effect rows shown: none by 1 December 2025 here
PENDING_QUERIES = 8
# count; notifications with treaty and participant (treaty and participant are typed, not chosen from a list)
NOTIFICATION_LIST_QUERIES = 2
# notification; passages; themes; acts; outgoing citations; incoming citations
NOTIFICATION_QUERIES = 6
# the chosen theme (to validate it); filter choices: themes; count; passages;
# their themes
REASON_QUERIES = 5


@pytest.mark.parametrize("count", [2, 12])
def test_the_home_page_shows_latest_notifications_and_pending_withdrawals(
    client, django_assert_num_queries, count, time_machine_day
):
    make_world(count)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert response.status_code == 200
    assert f"C.N.{count if count % 2 == 0 else count - 1}.2025.TREATIES-XXVI.5" in response.text
    assert response.text.count('href="/notifications/C.N.') == min(count // 2, 10)
    item = response.text[response.text.index('<li><a href="/participants/state-01/">') :]
    item = item[: item.index("</li>")]
    assert 'State 01</a> from the <a href="/treaties/treaty-xxvi-5/">Mine Ban Convention</a>' in item
    assert "notified 27 June 2025" in item
    assert 'takes effect <span class="effect">27 December 2025</span>' in item and "under art. 20(3)" in item


def test_the_home_page_lists_the_first_treaties_and_says_how_many_there_are(client, django_assert_max_num_queries):
    from notifications.views import HOME_TREATIES

    for number in range(1, HOME_TREATIES + 6):
        make_treaty(chapter="IV", number=str(number), short_title=f"Treaty number {number}")

    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get("/")

    assert response.text.count('<li><a href="/treaties/treaty-iv-') == HOME_TREATIES
    assert "Treaty number 1</a>" in response.text and "Treaty number 2</a>" in response.text
    assert f"Treaty number {HOME_TREATIES + 5}</a>" not in response.text
    assert f"{HOME_TREATIES + 5} treaties are covered; the {HOME_TREATIES} first" in response.text


def test_the_home_page_says_when_nothing_is_loaded(client):
    response = client.get("/")

    assert "No treaties are loaded yet." in response.text
    assert "No notifications are loaded yet." in response.text


@pytest.mark.parametrize("count", [2, 12])
def test_the_treaty_list_gives_counts_in_fixed_queries(client, django_assert_num_queries, count):
    make_world(count)

    with django_assert_num_queries(TREATY_LIST_QUERIES):
        response = client.get("/treaties/", {"as_of": "2025-12-01"})

    assert response.status_code == 200
    entry = response.context["entries"][0]
    assert (entry["counts"].signatories, entry["counts"].parties, entry["pending"]) == (count, count, count // 2)


@pytest.mark.parametrize("count", [2, 12])
def test_a_treaty_page_shows_its_participation_table_in_fixed_queries(client, django_assert_num_queries, count):
    treaty = make_world(count)

    with django_assert_num_queries(TREATY_QUERIES):
        response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01"})

    assert response.status_code == 200
    assert len(response.context["rows"]) == count
    assert "Party, withdrawal pending" in response.text
    assert "27 December 2025" in response.text
    assert "<svg" in response.text and "The curve as a table" in response.text


def test_a_treaty_row_links_each_notification_of_its_acts_once_newest_first(client):
    treaty = make_treaty()
    lithuania = make_participant()
    ratification = make_act(treaty=treaty, participant=lithuania, reference="C.N.100.2003.TREATIES-XXVI.5")
    withdrawal = make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
    first = make_notification(treaty=treaty, reference="C.N.1.2025.TREATIES-XXVI.5", date_issued=date(2025, 7, 1))
    correction = make_notification(treaty=treaty, reference="C.N.9.2025.TREATIES-XXVI.5", date_issued=date(2025, 9, 1))
    for notification in (first, correction):
        notification.acts.add(withdrawal)

    response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01"})

    [row] = response.context["rows"]
    assert [act.pk for act in row.acts] == [ratification.pk, withdrawal.pk]
    assert [notification.reference for notification in row.notifications] == [
        "C.N.9.2025.TREATIES-XXVI.5",
        "C.N.1.2025.TREATIES-XXVI.5",
    ]
    assert row.unlinked_references == ["C.N.100.2003.TREATIES-XXVI.5"]
    assert response.text.count('href="/notifications/C.N.1.2025.TREATIES-XXVI.5/"') == 1


def test_a_treaty_page_as_at_an_earlier_date_shows_only_acts_up_to_then(client):
    treaty = make_world(2)

    response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "1998-01-01"})

    assert "Status as at <strong>1 January 1998</strong>" in response.text
    assert [row.span.standing_label for row in response.context["rows"]] == ["Signatory", "Signatory"]


def test_a_treaty_page_exports_exactly_its_table_as_csv_and_json(client):
    treaty = make_world(4)

    csv_response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2026-01-01", "format": "csv"})
    json_response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2026-01-01", "format": "json"})

    rows = list(csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    records = json.loads(b"".join(json_response.streaming_content))
    assert [row["participant"] for row in rows] == ["State 00", "State 01", "State 02", "State 03"]
    assert rows[1]["status"] == "Withdrawn"
    assert rows[1]["withdrawal_effective"] == "2025-12-27"
    assert records[1]["withdrawal_effective"] == "2025-12-27"
    assert records[1]["notifications"] == ["C.N.2.2025.TREATIES-XXVI.5"]


@pytest.mark.parametrize("url", ["/treaties/", "/withdrawals/pending/", "/participants/state-00/"])
def test_an_invalid_as_of_date_is_a_form_error_on_a_normal_page(client, url):
    make_world(2)

    response = client.get(url, {"as_of": "2025-13-45"})

    assert response.status_code == 400
    assert "Enter the date as YYYY-MM-DD" in response.text
    assert "<h1>" in response.text


@pytest.mark.parametrize("count", [2, 12])
def test_the_participant_list_finds_any_of_a_participants_names(client, django_assert_num_queries, count):
    make_world(count)
    turkiye = make_participant(name="Türkiye", slug="turkiye")
    turkiye.other_names.create(name="Turkey")

    with django_assert_num_queries(PARTICIPANT_LIST_QUERIES):
        response = client.get("/participants/", {"name": "Turkey"})

    assert [participant.name for participant in response.context["page"]] == ["Türkiye"]
    assert '<span class="meta">also Turkey</span>' in response.text


def test_a_participant_page_shows_its_status_in_each_treaty_and_one_timeline(client, django_assert_num_queries):
    make_world(2)
    other = make_treaty(number="6", slug="cluster-munitions", short_title="Cluster Munitions")
    make_act(treaty=other, participant=make_participant(name="Lithuania"), date=date(2011, 3, 24))

    with django_assert_num_queries(PARTICIPANT_QUERIES):
        response = client.get("/participants/state-01/", {"as_of": "2026-01-01"})

    assert [span.standing_label for span in response.context["standings"]] == ["Withdrawn"]
    assert [act.kind for act in response.context["page"].object_list] == ["signature", "ratification", "withdrawal"]


@pytest.mark.parametrize("count", [2, 12])
def test_the_pending_page_lists_withdrawals_due_after_the_chosen_date(client, django_assert_num_queries, count):
    make_world(count)

    with django_assert_num_queries(PENDING_QUERIES):
        response = client.get("/withdrawals/pending/", {"as_of": "2025-12-01"})

    assert len(response.context["pending"]) == count // 2
    assert response.context["pending"][0].days_left == 26
    later = client.get("/withdrawals/pending/", {"as_of": "2026-01-01"})
    assert later.context["pending"].total == 0
    assert len(later.context["effective"]) == count // 2


@pytest.mark.parametrize("count", [2, 12])
def test_the_notification_list_filters_and_paginates_in_fixed_queries(client, django_assert_num_queries, count):
    make_world(count)

    with django_assert_num_queries(NOTIFICATION_LIST_QUERIES):
        response = client.get("/notifications/", {"kind": "withdrawal", "year": "2025", "sort": "-issued"})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == count // 2


@pytest.mark.parametrize(
    "query",
    [
        {"year": "twenty"},
        {"effected_from": "yesterday"},
        {"kind": "bribe"},
        {"treaty": "no-such-treaty"},
        {"year": "99999"},
    ],
)
def test_invalid_filters_are_form_errors_never_500s(client, query):
    make_world(2)

    response = client.get("/notifications/", query)

    assert response.status_code == 400
    assert "Some filters could not be used" in response.text


def test_a_page_past_the_end_is_a_helpful_404(client):
    make_world(2)

    response = client.get("/notifications/", {"page": "9"})

    assert response.status_code == 404
    assert "There is no page 9: this list has 1 page." in response.text


def test_the_notification_list_exports_what_it_shows(client):
    make_world(4)

    response = client.get("/notifications/", {"kind": "withdrawal", "format": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(row["reference"] for row in rows) == ["C.N.2.2025.TREATIES-XXVI.5", "C.N.4.2025.TREATIES-XXVI.5"]


def test_the_feed_honours_the_filters_and_escapes_text(client):
    treaty = make_world(4)
    make_notification(
        treaty=treaty, reference="C.N.99.2025.TREATIES-XXVI.5", heading="<b>X</b> & Y", kind=ActKind.DECLARATION
    )

    feed = client.get("/notifications/feed/", {"kind": "declaration"})

    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "C.N.99.2025" in feed.text and "C.N.2.2025" not in feed.text
    assert "&lt;b&gt;X&lt;/b&gt; &amp; Y" in feed.text
    assert client.get("/notifications/feed/", {"year": "x"}).status_code == 400


@pytest.mark.parametrize("count", [1, 6])
def test_a_feed_entry_says_what_was_done_to_which_treaty_and_when_in_one_query(
    client, django_assert_num_queries, count
):
    treaty = make_treaty(title="Convention on the Prohibition of Anti-Personnel Mines")
    for number in range(1, count + 1):
        make_notification(
            treaty=treaty,
            reference=f"C.N.{number}.2025.TREATIES-XXVI.5",
            heading=f"STATE {number}: WITHDRAWAL",
            date_effected=date(2025, 6, number),
            date_issued=date(2025, 7, number),
        )

    with django_assert_num_queries(1):
        feed = client.get("/notifications/feed/")

    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.fromstring(feed.content).findall(f"{atom}entry")
    assert len(entries) == count
    newest = entries[0]
    assert newest.findtext(f"{atom}title") == f"C.N.{count}.2025.TREATIES-XXVI.5: STATE {count}: WITHDRAWAL"
    assert (
        newest.find(f"{atom}link").get("href") == f"http://testserver/notifications/C.N.{count}.2025.TREATIES-XXVI.5/"
    )
    assert newest.findtext(f"{atom}updated") == f"2025-07-{count:02}T00:00:00+00:00"
    assert newest.findtext(f"{atom}summary") == (
        f"Effected on {count} June 2025. Convention on the Prohibition of Anti-Personnel Mines"
    )


def test_a_notification_page_marks_its_passages_and_escapes_the_text(client, django_assert_num_queries):
    treaty = make_world(2)
    notification = make_notification(treaty=treaty, text="Reasons: <script>alert(1)</script> & more.")
    QuotedPassage.objects.create(notification=notification, order=1, text="<script>alert(1)</script> & more")
    NotificationReference.objects.create(source=notification, reference="C.N.381.2003.TREATIES-XXVI.5")

    with django_assert_num_queries(NOTIFICATION_QUERIES):
        response = client.get("/notifications/C.N.362.2025.TREATIES-XXVI.5/")

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert '<mark id="passage-1">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</mark>' in response.text
    assert "(not stored here)" in response.text


def test_a_notification_page_dates_the_withdrawal_it_reports_and_links_its_citations(client, django_assert_num_queries):
    make_world(2)
    notification = DepositaryNotification.objects.get(reference="C.N.2.2025.TREATIES-XXVI.5")
    citing = make_notification(treaty=notification.treaty, reference="C.N.400.2025.TREATIES-XXVI.5")
    NotificationReference.objects.create(source=citing, target=notification, reference=notification.reference)
    NotificationReference.objects.create(source=notification, target=citing, reference=citing.reference)

    with django_assert_num_queries(NOTIFICATION_QUERIES):
        response = client.get("/notifications/C.N.2.2025.TREATIES-XXVI.5/")

    assert "<dt>Withdrawal takes effect</dt>" in response.text
    assert "27 December 2025" in response.text and "art. 20(3)" in response.text
    assert 'Refers to <a href="/notifications/C.N.400.2025.TREATIES-XXVI.5/">' in response.text
    assert 'Cited by <a href="/notifications/C.N.400.2025.TREATIES-XXVI.5/">C.N.400.2025.TREATIES-XXVI.5</a>' in (
        response.text
    )


def test_a_cited_notification_that_is_not_stored_says_who_cites_it(client):
    treaty = make_world(2)
    notification = make_notification(treaty=treaty)
    NotificationReference.objects.create(
        source=notification, reference="C.N.381.2003.TREATIES-XXVI.5", context="(Ratification: Lithuania)"
    )

    response = client.get("/notifications/C.N.381.2003.TREATIES-XXVI.5/")

    assert response.status_code == 404
    assert "Cited by" in response.text and "C.N.362.2025.TREATIES-XXVI.5" in response.text


@pytest.mark.parametrize("count", [2, 12])
def test_the_reasons_page_filters_by_theme_in_fixed_queries(client, django_assert_num_queries, count):
    make_world(count)

    with django_assert_num_queries(REASON_QUERIES):
        response = client.get("/reasons/", {"theme": "security"})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == count // 2


@pytest.mark.parametrize(
    "url", ["/treaties/no-such-treaty/", "/participants/atlantis/", "/notifications/C.N.1.1900.TREATIES-I.1/"]
)
def test_unknown_records_are_helpful_404s(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "All depositary notifications" in response.text


def test_source_strength_is_shown_with_its_meaning(client):
    treaty = make_world(2)

    response = client.get(f"/treaties/{treaty.slug}/")

    assert f'title="{Strength.PRIMARY.label}">P</abbr>' in response.text


def test_a_revoked_withdrawal_is_shown_as_revoked_on_every_page_and_export(client):
    treaty = make_world(2)
    state = Participant.objects.get(name="State 01")
    make_act(treaty=treaty, participant=state, kind=ActKind.WITHDRAWAL_REVOCATION, date=date(2025, 9, 1))
    as_of = {"as_of": "2026-01-01"}

    page = client.get(f"/treaties/{treaty.slug}/", as_of)
    exported = client.get(f"/treaties/{treaty.slug}/", {**as_of, "format": "csv"})
    participant = client.get("/participants/state-01/", as_of)
    pending = client.get("/withdrawals/pending/", as_of)
    pending_json = json.loads(
        b"".join(client.get("/withdrawals/pending/", {**as_of, "format": "json"}).streaming_content)
    )

    assert "withdrawal revoked 1 September 2025" in page.text
    assert "revoked 1 September 2025: no effect" in page.text
    assert "State 01</a>: <strong>revoked</strong> 1 September 2025, so it never took effect" in page.text
    rows = {
        row["participant"]: row for row in csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode()))
    }
    assert (rows["State 01"]["status"], rows["State 01"]["withdrawal_revoked"]) == ("Party", "2025-09-01")
    assert rows["State 01"]["withdrawal_effective"] == ""
    assert "withdrawal revoked 1 September 2025" in participant.text
    assert [entry.act.participant.name for entry in pending.context["revoked"]] == ["State 01"]
    assert list(pending.context["pending"]) == [] and list(pending.context["effective"]) == []
    assert [(row["state"], row["revoked"]) for row in pending_json] == [("revoked", "2025-09-01")]


def test_a_treaty_page_with_no_withdrawal_says_so_up_to_the_day_shown(client):
    treaty = make_treaty()
    make_act(treaty=treaty, participant=make_participant(name="Norway"), date=date(1998, 7, 9))

    page = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2010-06-30"})

    assert page.context["withdrawals"] == []
    assert "No withdrawal from this treaty is on record up to 30 June 2010." in page.text


def test_a_revocation_after_the_withdrawal_took_effect_undoes_nothing_on_any_page_or_export(client):
    treaty = make_world(2)
    state = Participant.objects.get(name="State 01")
    # Notified on 27 June 2025, the withdrawal took effect on 27 December 2025 (art. 20(3): six months).
    make_act(treaty=treaty, participant=state, kind=ActKind.WITHDRAWAL_REVOCATION, date=date(2026, 1, 5))
    as_of = {"as_of": "2026-02-01"}

    exported = client.get(f"/treaties/{treaty.slug}/", {**as_of, "format": "csv"})
    pending = client.get("/withdrawals/pending/", as_of)
    dates = json.loads(
        b"".join(client.get("/data/dates/", {"treaty": treaty.slug, "format": "json"}).streaming_content)
    )

    rows = {
        row["participant"]: row for row in csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode()))
    }
    assert (rows["State 01"]["withdrawal_revoked"], rows["State 01"]["withdrawal_effective"]) == ("", "2025-12-27")
    assert list(pending.context["revoked"]) == []
    assert [entry.act.participant.name for entry in pending.context["effective"]] == ["State 01"]
    assert (dates[1]["withdrawal_revoked"], dates[1]["withdrawal_effective"]) == ("none", "2025-12-27")


def test_a_page_asked_about_a_day_past_the_horizon_answers_for_the_horizon_and_says_so(client):
    treaty = make_world(2)

    response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2026-11-27"})
    participant = client.get("/participants/state-00/", {"as_of": "2026-11-27"})

    assert "Participation as recorded on 30 June 2026; later acts not recorded." in response.text
    assert "Participation on 30 June 2026, as recorded" in response.text
    assert "Participation on 27 November 2026" not in response.text
    assert "as recorded; later acts not recorded" in participant.text


def test_a_participant_whose_only_act_has_no_date_is_named_without_a_standing(client):
    treaty = make_world(2)
    make_act(treaty=treaty, participant=make_participant(name="Atlantis"), date=None)

    response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01"})

    assert [row.participant.name for row in response.context["undated"]] == ["Atlantis"]
    assert "no standing follows: Atlantis." in response.text


@pytest.mark.parametrize(
    "path",
    ["/treaties/", "/participants/", "/withdrawals/pending/", "/notifications/", "/reasons/", "/data/participants/"],
)
def test_a_list_links_its_data_twins_with_every_filter_it_was_given(client, path):
    make_world(2)

    response = client.get(path, {"note": ["a", "b"], "page": "1"})

    assert response.status_code == 200
    for twin, media_type in (("csv", "text/csv"), ("json", "application/json")):
        address = f"?note=a&amp;note=b&amp;format={twin}"
        assert f'<link rel="alternate" type="{media_type}" href="{address}">' in response.text
        assert f'<a href="{address}" type="{media_type}">' in response.text


def test_a_page_without_data_twins_links_none(client):
    make_world(2)

    response = client.get("/notifications/C.N.2.2025.TREATIES-XXVI.5/")

    # A notification's page has both twins (one row each), and links both.
    assert '<link rel="alternate" type="application/json" href="?format=json">' in response.text
    assert '<link rel="alternate" type="text/csv" href="?format=csv">' in response.text
    assert 'rel="alternate"' not in client.get("/data/").text
    assert 'rel="alternate"' not in client.get("/data/panel/").text


def test_the_date_form_keeps_each_value_of_a_repeated_filter(client):
    response = client.get("/treaties/", {"note": ["a", "b"], "as_of": "2025-12-01"})

    assert response.text.count('<input type="hidden" name="note"') == 2


def test_a_treaty_table_is_paged_and_its_caption_counts_every_row(client):
    treaty = make_world(30)

    first = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01"})
    second = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01", "page": "2"})

    names = [row.participant.name for row in first.context["rows"] + second.context["rows"]]
    assert names == [f"State {index:02}" for index in range(30)]
    assert "30 participants with acts up to 1 December 2025 (page 1 of 2" in first.text
    assert client.get(f"/treaties/{treaty.slug}/", {"page": "3"}).status_code == 404


def test_a_treaty_table_finds_a_participant_by_any_of_its_names(client, django_assert_num_queries):
    treaty = make_world(30)
    state = Participant.objects.get(name="State 27")
    state.other_names.create(name="Former State")

    # One query more than the whole table: a table narrowed to a name is counted, not read from the steps.
    with django_assert_num_queries(TREATY_QUERIES + 1):
        response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01", "participant": "former"})

    assert [row.participant.name for row in response.context["rows"]] == ["State 27"]
    assert "1 participant with acts up to 1 December 2025, by any of their names like “former”" in response.text
    assert 'value="former"' in response.text and "Show every participant" in response.text
    export = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01", "participant": "former", "format": "json"})
    assert [row["participant"] for row in json.loads(b"".join(export.streaming_content))] == ["State 27"]
    nobody = client.get(f"/treaties/{treaty.slug}/", {"participant": "Atlantis"})
    assert "No participant in this table up to" in nobody.text and "like “Atlantis”" in nobody.text


def test_a_treaty_table_is_ordered_by_its_column_headers(client, django_assert_num_queries):
    treaty = make_world(4)
    # State 01 and State 03 withdrew; State 02 is the latest to have signed.
    signature = ParticipationAct.objects.get(participant__name="State 02", kind=ActKind.SIGNATURE)
    signature.date = date(1998, 3, 1)
    signature.save()

    with django_assert_num_queries(TREATY_QUERIES):
        latest = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01", "sort": "-signature"})
    by_status = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2026-06-01", "sort": "status"})

    assert [row.participant.name for row in latest.context["rows"]][0] == "State 02"
    assert 'aria-sort="descending"><a href="?as_of=2025-12-01&amp;sort=signature">Signature' in latest.text
    assert "Order: Signature, latest first." in latest.text
    # Parties before those withdrawn, by the rules' order of standings; ties by name.
    statuses = [row.participant.name for row in by_status.context["rows"]]
    assert statuses == ["State 00", "State 02", "State 01", "State 03"]
    export = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2026-06-01", "sort": "-participant", "format": "json"})
    assert [row["participant"] for row in json.loads(b"".join(export.streaming_content))] == [
        "State 03",
        "State 02",
        "State 01",
        "State 00",
    ]


def test_a_treaty_table_keeps_one_status_by_a_link(client, django_assert_num_queries):
    treaty = make_world(6)

    # One query more than the whole table: a narrowed table is counted, not read from the steps.
    with django_assert_num_queries(TREATY_QUERIES + 1):
        response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2026-06-01", "status": "withdrawn"})

    assert [row.participant.name for row in response.context["rows"]] == ["State 01", "State 03", "State 05"]
    assert '<strong aria-current="true">Withdrawn</strong>' in response.text
    assert '<a href="?as_of=2026-06-01&amp;status=party">Party</a>' in response.text
    assert "3 participants with acts up to 1 June 2026, with the status “Withdrawn”" in response.text
    export = client.get(f"/treaties/{treaty.slug}/", {"status": "withdrawn", "format": "csv", "as_of": "2026-06-01"})
    assert b"".join(export.streaming_content).decode().count("Withdrawn") == 3


@pytest.mark.parametrize("query", [{"status": "bogus"}, {"sort": "-consent"}, {"participant": "x" * 201}])
def test_a_bad_table_choice_is_a_message_and_the_whole_table(client, query):
    treaty = make_world(3)

    page = client.get(f"/treaties/{treaty.slug}/", query)
    export = client.get(f"/treaties/{treaty.slug}/", {**query, "format": "json"})

    assert page.status_code == 400
    assert "The whole table is shown instead." in page.text
    assert len(page.context["rows"]) == 3
    assert export.status_code == 400


@pytest.mark.parametrize(
    ("url", "query", "message"),
    [
        ("/reasons/", {"q": "nothing-like-this"}, "No passage matches these filters."),
        ("/participants/", {"name": "Atlantis"}, "No participant"),
        ("/notifications/", {"q": "nothing-like-this"}, "No notification"),
    ],
)
def test_a_list_with_no_match_says_so(client, url, query, message):
    make_world(2)

    response = client.get(url, query)

    assert response.status_code == 200
    assert message in response.text


def test_a_participant_timeline_is_paged_and_its_export_holds_every_act(client, django_assert_num_queries):
    lithuania = make_participant(name="Lithuania")
    for number in range(1, 106):
        make_act(treaty=make_treaty(number=str(number)), participant=lithuania, date=date(2000, 1, 1))

    with django_assert_num_queries(PARTICIPANT_QUERIES):
        second = client.get("/participants/lithuania/", {"page": "2"})
    exported = client.get("/participants/lithuania/", {"format": "json"})

    assert len(second.context["page"].object_list) == 5
    assert "105 acts up to" in second.text and "(page 2 of 2; the exports hold them all)" in second.text
    assert len(json.loads(b"".join(exported.streaming_content))) == 105
