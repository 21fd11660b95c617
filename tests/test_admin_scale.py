"""The admin's pages cost the same queries and stay about one size whatever the number of acts and passages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from notifications.models import NotificationReference, QuotedPassage, Theme
from tests.admin_forms import posted_back
from tests.builders import make_act, make_notification, make_participant, make_treaty

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached_content_types():
    """Count the content type a page looks up even when an earlier test left it cached."""
    ContentType.objects.clear_cache()


SIZES = [3, 40]
ROWS_PER_PAGE = 10  # acts and passages an inline shows at once
CITATIONS_PER_PAGE = 20

# session; editor; treaty; count of its acts; a page of them with participants and
# treaties; the treaty's content type (history)
TREATY_CHANGE_QUERIES = 6
# session; editor; participant with its other names (2); count of its acts; its other
# names (their inline); a page of its acts with participants and treaties; content type
PARTICIPANT_CHANGE_QUERIES = 8
# session; editor; notification; its acts (form value, then version digest); count of
# passages; count of citations; a page of passages; their themes; the themes to choose
# from, once; a page of citations with source and target; content type; the treaty,
# participant and acts the autocomplete widgets show
NOTIFICATION_CHANGE_QUERIES = 15
# session; editor; count; a page of treaties; chapter subjects (filter); first and last
# adoption date, then the years (date hierarchy)
TREATY_CHANGELIST_QUERIES = 7
# session; editor; count; a page of participants; their other names
PARTICIPANT_CHANGELIST_QUERIES = 5
# session; editor; count (up to the cap); a page of acts with participants and treaties;
# first and last date (year filter)
ACT_CHANGELIST_QUERIES = 5
# session; editor; count (up to the cap); a page of notifications with treaties; first and
# last date of issue (year filter); first and last year of the reference (year filter)
NOTIFICATION_CHANGELIST_QUERIES = 6
# On PostgreSQL a search reads first the participants its words nearly name ("Turkiye")
NOTIFICATION_SEARCH_QUERIES = NOTIFICATION_CHANGELIST_QUERIES + (connection.vendor == "postgresql")
# session; editor; count (up to the cap); a page of passages with notifications and acts;
# the themes (filter)
PASSAGE_CHANGELIST_QUERIES = 5
# session; editor; count (up to the cap); a page of citations with source and target
CITATION_CHANGELIST_QUERIES = 4
# session; editor; count (up to the cap); a page of spans with participants and treaties
SPAN_CHANGELIST_QUERIES = 4
# The change pages stay under this size, whatever the number of acts or passages.
CHANGE_PAGE_MAX_BYTES = 150_000


def build(count):
    """Build a treaty with `count` parties, a participant in `count` treaties, a notice with `count` reasons."""
    treaty = make_treaty(slug="mine-ban")
    france = make_participant(name="France")
    for index in range(count):
        make_act(treaty=treaty, participant=make_participant(name=f"State {index:02}"))
        make_act(
            treaty=make_treaty(chapter="IV", number=str(index + 1), short_title=f"Treaty {index:02}"),
            participant=france,
        )
    make_act(treaty=treaty, participant=france)
    notification = make_notification(treaty=treaty, participant=france)
    notification.acts.add(*treaty.acts.all()[:1])
    theme = Theme.objects.create(name="Security", slug="security")
    for index in range(count):
        passage = QuotedPassage.objects.create(notification=notification, order=index + 1, text=f"Reason {index}.")
        passage.themes.add(theme)
        NotificationReference.objects.create(source=notification, reference=f"C.N.{index + 1}.2003.TREATIES-XXVI.5")
    return treaty, france, notification


def inline_rows(response, prefix):
    """Return the number of forms an inline shows on a change page."""
    formsets = {inline.formset.prefix: inline.formset for inline in response.context["inline_admin_formsets"]}
    return len(formsets[prefix].forms)


@pytest.mark.parametrize(
    ("model", "record", "queries"),
    [("treaty", 0, TREATY_CHANGE_QUERIES), ("participant", 1, PARTICIPANT_CHANGE_QUERIES)],
)
@pytest.mark.parametrize("count", SIZES)
def test_a_treatys_or_participants_change_page_shows_one_page_of_its_acts_in_fixed_queries(
    client, editor, django_assert_num_queries, count, model, record, queries
):
    pk = build(count)[record].pk

    with django_assert_num_queries(queries):
        response = client.get(f"/admin/treaties/{model}/{pk}/change/")

    assert response.status_code == 200
    assert inline_rows(response, "acts") == min(count + 1, ROWS_PER_PAGE)
    assert len(response.content) < CHANGE_PAGE_MAX_BYTES
    assert f"Participation acts 1–{min(count + 1, ROWS_PER_PAGE)} of {count + 1}" in response.text


@pytest.mark.parametrize("count", SIZES)
def test_a_notifications_change_page_shows_one_page_of_passages_and_citations_in_fixed_queries(
    client, editor, django_assert_num_queries, count
):
    _, _, notification = build(count)

    with django_assert_num_queries(NOTIFICATION_CHANGE_QUERIES):
        response = client.get(f"/admin/notifications/depositarynotification/{notification.pk}/change/")

    assert response.status_code == 200
    assert inline_rows(response, "passages") == min(count, ROWS_PER_PAGE)
    assert inline_rows(response, "outgoing_references") == min(count, CITATIONS_PER_PAGE)
    assert len(response.content) < CHANGE_PAGE_MAX_BYTES


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/admin/treaties/treaty/", TREATY_CHANGELIST_QUERIES),
        ("/admin/treaties/participant/", PARTICIPANT_CHANGELIST_QUERIES),
        ("/admin/treaties/participationact/", ACT_CHANGELIST_QUERIES),
        ("/admin/notifications/depositarynotification/", NOTIFICATION_CHANGELIST_QUERIES),
        ("/admin/notifications/depositarynotification/?q=France", NOTIFICATION_SEARCH_QUERIES),
        ("/admin/treaties/participationact/?q=France", ACT_CHANGELIST_QUERIES),
        ("/admin/treaties/participationact/?q=Treaty+C.N.1", ACT_CHANGELIST_QUERIES),
        ("/admin/notifications/quotedpassage/", PASSAGE_CHANGELIST_QUERIES),
        ("/admin/notifications/quotedpassage/?q=Reason", PASSAGE_CHANGELIST_QUERIES),
        ("/admin/notifications/quotedpassage/?q=C.N.362", PASSAGE_CHANGELIST_QUERIES),
        ("/admin/notifications/notificationreference/", CITATION_CHANGELIST_QUERIES),
        ("/admin/notifications/notificationreference/?q=C.N.1", CITATION_CHANGELIST_QUERIES),
        ("/admin/treaties/standingspan/", SPAN_CHANGELIST_QUERIES),
        ("/admin/treaties/standingspan/?q=France", SPAN_CHANGELIST_QUERIES),
    ],
)
@pytest.mark.parametrize("count", SIZES)
def test_the_change_lists_run_fixed_queries_and_list_no_choice_per_record(
    client, editor, django_assert_num_queries, count, url, queries
):
    build(count)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
    assert response.text.count("<option") < 40  # the kinds of act, not a treaty or participant each


def test_a_treatys_page_links_its_next_acts_the_filtered_list_of_them_and_the_add_form(client, editor):
    treaty, _, _ = build(12)
    url = f"/admin/treaties/treaty/{treaty.pk}/change/"

    first, second = client.get(url), client.get(url, {"participationact_page": "2"})

    assert f'href="/admin/treaties/participationact/?treaty__id__exact={treaty.pk}"' in first.text
    assert f'href="/admin/treaties/participationact/add/?treaty={treaty.pk}"' in first.text
    assert 'href="?participationact_page=2"' in first.text
    assert "Participation acts 1–10 of 13" in first.text
    assert "Participation acts 11–13 of 13" in second.text
    assert [form.instance.participant.name for form in second.context["inline_admin_formsets"][0].formset.forms] == [
        "State 09",
        "State 10",
        "State 11",
    ]


def test_an_act_on_the_second_page_of_a_treaty_is_saved_from_there(client, editor):
    treaty, _, _ = build(12)
    url = f"/admin/treaties/treaty/{treaty.pk}/change/?participationact_page=2"
    page = client.get(url)
    row = next(
        form
        for form in page.context["inline_admin_formsets"][0].formset.forms
        if form.instance.participant.name == "State 10"
    )

    response = client.post(url, posted_back(page, **{f"{row.prefix}-reference": "C.N.10.2003.TREATIES-XXVI.5"}))

    assert response.status_code == 302
    row.instance.refresh_from_db()
    assert row.instance.reference == "C.N.10.2003.TREATIES-XXVI.5"
    assert treaty.acts.exclude(reference="").count() == 1


def test_the_add_link_opens_an_act_form_with_the_treaty_chosen(client, editor):
    treaty, _, _ = build(3)

    response = client.get("/admin/treaties/participationact/add/", {"treaty": treaty.pk})

    assert response.context["adminform"].form.initial["treaty"] == str(treaty.pk)
    assert f'<option value="{treaty.pk}" selected>{treaty}</option>' in response.text


def test_the_act_list_filtered_by_a_treaty_lists_its_acts_and_names_it_without_listing_every_treaty(client, editor):
    treaty, _, _ = build(12)

    response = client.get("/admin/treaties/participationact/", {"treaty__id__exact": treaty.pk})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 13
    assert f'<option value="{treaty.pk}" selected>{treaty}</option>' in response.text
    assert "Treaty 03" not in response.text  # no option for each other treaty
    assert "Clear all filters" in response.text


def test_an_empty_treaty_choice_in_the_act_list_filters_nothing(client, editor):
    build(3)

    response = client.get("/admin/treaties/participationact/", {"treaty__id__exact": "", "kind": "ratification"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 7


def test_a_treaty_filter_that_is_no_id_is_refused_without_an_error_page(client, editor):
    build(3)

    response = client.get("/admin/treaties/participationact/", {"treaty__id__exact": "mine-ban"})

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
