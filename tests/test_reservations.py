"""Reservations, declarations and objections: the list, its filters and twins, the treaty and participant pages."""

import csv
import io
import json
from datetime import date

import pytest

from notifications.models import QuotedPassage
from notifications.page_sections import SECTION_SIZE
from tests.builders import make_act, make_notification, make_participant, make_treaty
from tests.test_pages import PARTICIPANT_QUERIES, TREATY_QUERIES
from treaties import untc
from treaties.models import ActKind, Participant
from treaties.untc_import import UNTC_DIR

pytestmark = pytest.mark.django_db

# count; a page of passages with their notifications, acts, treaties and participants
RESERVATION_LIST_QUERIES = 2
# the treaty named (to validate it), then as above
RESERVATION_LIST_BY_TREATY_QUERIES = 3

ICCPR_PAGE = "http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-4&chapter=4&lang=en"
CHILDREN_PAGE = "http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-11-b&chapter=4&lang=en"


def un_block(stem, name):
    """Return a participant's block of the UN status page's declarations, exactly as shipped."""
    blocks = untc.read_declarations(UNTC_DIR / "declarations" / f"{stem}.txt")
    return next(block.text for block in blocks if block.raw_name == name)


def quote_un_block(*, treaty, participant, stem, kind=ActKind.RATIFICATION, day, page):
    """Store a UN block as the importer does: on the participant's consent, with the status page as source."""
    act = make_act(treaty=treaty, participant=participant, kind=kind, date=day)
    return QuotedPassage.objects.create(act=act, order=1, text=un_block(stem, participant.name), source_url=page)


@pytest.fixture
def iccpr():
    """The ICCPR with the United States' and Australia's blocks of the UN status page."""
    treaty = make_treaty(
        chapter="IV",
        number="4",
        slug="iccpr",
        title="International Covenant on Civil and Political Rights",
        short_title="ICCPR",
        entry_into_force=date(1976, 3, 23),
    )
    united_states = make_participant(name="United States of America", slug="united-states-of-america")
    australia = make_participant(name="Australia")
    quote_un_block(treaty=treaty, participant=united_states, stem="4-4", day=date(1992, 6, 8), page=ICCPR_PAGE)
    quote_un_block(treaty=treaty, participant=australia, stem="4-4", day=date(1980, 8, 13), page=ICCPR_PAGE)
    return treaty


@pytest.fixture
def children():
    """The Optional Protocol on children in armed conflict, with Niger's and Nigeria's declarations."""
    treaty = make_treaty(
        chapter="IV",
        number="11.b",
        slug="children-in-armed-conflict",
        short_title="",
        title="Optional Protocol to the Convention on the Rights of the Child on the involvement "
        "of children in armed conflict",
        entry_into_force=date(2002, 2, 12),
    )
    niger = make_participant(name="Niger")
    nigeria = make_participant(name="Nigeria")
    quote_un_block(
        treaty=treaty,
        participant=niger,
        stem="4-11-b",
        kind=ActKind.ACCESSION,
        day=date(2012, 3, 13),
        page=CHILDREN_PAGE,
    )
    quote_un_block(treaty=treaty, participant=nigeria, stem="4-11-b", day=date(2012, 9, 25), page=CHILDREN_PAGE)
    return treaty


def listed(response):
    """Return (participant, treaty key, kind) of each passage the list shows."""
    return [
        (reservation.participant.name, reservation.treaty.key, reservation.kind)
        for reservation in response.context["reservations"]
    ]


def test_the_list_shows_each_un_block_as_a_reservation_or_declaration_dated_by_its_act(client, iccpr):
    response = client.get("/reservations/")

    assert response.status_code == 200
    assert listed(response) == [
        ("Australia", "IV.4", "Reservation or declaration"),
        ("United States of America", "IV.4", "Reservation or declaration"),
    ]
    assert "reserves the right, subject to its Constitutional constraints, to impose capital" in response.text
    assert "8 June 1992" in response.text and "date of the ratification it is listed with" in response.text
    assert f'<a href="{ICCPR_PAGE.replace("&", "&amp;")}">UN Treaty Collection status page, 14 March 2015</a>' in (
        response.text
    )


def test_a_notification_of_objection_is_an_objection_and_a_withdrawals_reason_is_none(client, iccpr):
    state = make_participant(name="State 01", slug="state-01")
    for number, kind in [(1, ActKind.OBJECTION), (2, ActKind.WITHDRAWAL)]:
        notification = make_notification(
            treaty=iccpr,
            participant=state,
            kind=kind,
            reference=f"C.N.{number}.2025.TREATIES-IV.4",
            text=f"State 01 communicates words number {number}.",
            date_effected=date(2025, 3, number),
        )
        QuotedPassage.objects.create(notification=notification, order=1, text=f"words number {number}")

    response = client.get("/reservations/", {"participant": "state-01"})

    assert listed(response) == [("State 01", "IV.4", "Objection")]
    assert '<a href="/notifications/C.N.1.2025.TREATIES-IV.4/">C.N.1.2025.TREATIES-IV.4</a>' in response.text
    assert '1 March 2025</time> <span class="meta">(effected)' in response.text
    assert "words number 2" not in response.text


def test_the_list_filters_by_treaty_slug_or_mtdsg_number_and_by_kind(client, iccpr, children):
    by_slug = client.get("/reservations/", {"treaty": "iccpr"})
    by_number = client.get("/reservations/", {"treaty": "iv-11-B"})
    by_kind = client.get("/reservations/", {"kind": "reservation_or_declaration", "treaty": "IV.4"})
    no_objection = client.get("/reservations/", {"kind": "objection"})

    assert [key for _, key, _ in listed(by_slug)] == ["IV.4", "IV.4"]
    assert [name for name, _, _ in listed(by_number)] == ["Niger", "Nigeria"]
    assert [name for name, _, _ in listed(by_kind)] == ["Australia", "United States of America"]
    assert listed(no_objection) == [] and "No passage matches these filters." in no_objection.text


def test_a_participant_is_found_by_its_slug_alone_or_by_any_of_its_names(client, children):
    by_slug = client.get("/reservations/", {"participant": "niger"})
    by_name = client.get("/reservations/", {"participant": "Nige"})

    # "niger" is Niger's address: Nigeria, whose name contains it, is left out.
    assert [name for name, _, _ in listed(by_slug)] == ["Niger"]
    assert [name for name, _, _ in listed(by_name)] == ["Niger", "Nigeria"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kind": "reservationish"}, "Select a valid choice."),
        ({"treaty": "no-such-treaty"}, "No treaty is known by “no-such-treaty”"),
        ({"treaty": "XCIX-1"}, "No treaty is known by “XCIX-1”"),
        ({"participant": "x" * 201}, "Ensure this value has at most 200 characters"),
    ],
)
def test_a_bad_filter_is_a_form_error_not_a_server_error(client, iccpr, query, message):
    response = client.get("/reservations/", query)

    assert response.status_code == 400
    assert message in response.text
    assert "Some filters could not be used" in response.text


def test_a_bad_filter_in_a_json_request_is_a_json_error(client, iccpr):
    response = client.get("/reservations/", {"kind": "reservationish", "format": "json"})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["kind"]


def test_the_csv_and_json_twins_hold_every_passage_word_for_word(client, iccpr):
    text = un_block("4-4", "United States of America")

    csv_response = client.get("/reservations/", {"participant": "united-states-of-america", "format": "csv"})
    json_response = client.get("/reservations/", {"participant": "united-states-of-america", "format": "json"})

    rows = list(csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    records = json.loads(b"".join(json_response.streaming_content))
    assert [row["text"] for row in rows] == [record["text"] for record in records] == [text]
    assert records[0] | {"text": None} == {
        "kind": "Reservation or declaration",
        "participant": "United States of America",
        "treaty": "IV.4",
        "date": "1992-06-08",
        "date_precision": "day",
        "date_is": "date of the ratification it is listed with",
        "source": "UN Treaty Collection status page, 14 March 2015",
        "source_url": ICCPR_PAGE,
        "text": None,
    }


def test_the_list_links_its_twins_with_the_same_filters(client, iccpr):
    response = client.get("/reservations/", {"treaty": "iccpr"})

    assert 'href="?treaty=iccpr&amp;format=csv"' in response.text
    assert 'href="?treaty=iccpr&amp;format=json"' in response.text


def make_declarations(count):
    """Build a treaty and `count` participants, each with one passage quoted on its ratification."""
    treaty = make_treaty(slug="mine-ban")
    for index in range(count):
        participant = make_participant(name=f"State {index:02}", slug=f"state-{index:02}")
        act = make_act(treaty=treaty, participant=participant, date=date(1999, 1, 1 + index % 28))
        QuotedPassage.objects.create(act=act, order=1, text=f"State {index:02} declares.")
    return treaty


@pytest.mark.parametrize("count", [2, 60])
def test_the_list_pages_in_fixed_queries(client, django_assert_num_queries, count):
    make_declarations(count)

    with django_assert_num_queries(RESERVATION_LIST_QUERIES):
        response = client.get("/reservations/")
    with django_assert_num_queries(RESERVATION_LIST_BY_TREATY_QUERIES):
        by_treaty = client.get("/reservations/", {"treaty": "mine-ban", "participant": "State"})

    assert response.context["page"].paginator.count == by_treaty.context["page"].paginator.count == count
    assert len(response.context["reservations"]) == min(count, 50)


def test_a_page_past_the_end_is_a_helpful_404(client):
    make_declarations(2)

    response = client.get("/reservations/", {"page": "3"})

    assert response.status_code == 404
    assert "this list has 1 page" in response.text


def reservations_on(response):
    """Return what the reservations section of a treaty's or participant's page shows."""
    return dict(response.context["sections"])["notifications/_reservations_section.html"]


@pytest.mark.parametrize("count", [2, SECTION_SIZE + 5])
def test_a_treaty_page_shows_its_first_declarations_by_participant_in_fixed_queries(
    client, django_assert_num_queries, count
):
    treaty = make_declarations(count)

    with django_assert_num_queries(TREATY_QUERIES):
        response = client.get(f"/treaties/{treaty.slug}/", {"as_of": "2025-12-01"})

    section = reservations_on(response)
    assert (section.total, section.shown) == (count, min(count, SECTION_SIZE))
    assert [group.label for group in section.groups][:2] == ["State 00", "State 01"]
    assert "State 00 declares." in response.text
    assert '<a href="/reservations/?treaty=mine-ban">' in response.text
    assert (f"All {count}, with filters" in response.text) == (count > SECTION_SIZE)


def test_a_participant_page_shows_its_declarations_by_treaty(client, django_assert_num_queries, iccpr, children):
    with django_assert_num_queries(PARTICIPANT_QUERIES):
        response = client.get("/participants/united-states-of-america/")

    section = reservations_on(response)
    assert [group.label for group in section.groups] == ["ICCPR (IV.4)"]
    assert "to impose capital punishment" in response.text
    assert '<a href="/reservations/?participant=united-states-of-america">The list, with filters and data</a>' in (
        response.text
    )


def test_a_page_with_no_declarations_has_no_section(client, children):
    make_participant(name="Lithuania")

    response = client.get("/participants/lithuania/")

    assert reservations_on(response).total == 0
    assert "Reservations and declarations" not in response.text


@pytest.mark.parametrize("count", [2, SECTION_SIZE + 5])
def test_a_participant_page_shows_its_first_declarations_by_treaty_in_fixed_queries(
    client, django_assert_num_queries, count
):
    lithuania = make_participant(name="Lithuania")
    for number in range(1, count + 1):
        treaty = make_treaty(number=str(number), short_title=f"Treaty {number:02}")
        act = make_act(treaty=treaty, participant=lithuania)
        QuotedPassage.objects.create(act=act, order=1, text=f"Lithuania declares on treaty {number:02}.")

    with django_assert_num_queries(PARTICIPANT_QUERIES):
        response = client.get("/participants/lithuania/", {"as_of": "2025-12-01"})

    section = reservations_on(response)
    assert (section.total, section.shown) == (count, min(count, SECTION_SIZE))
    # In MTDSG order: XXVI.2 before XXVI.10.
    assert [group.label for group in section.groups][:2] == ["Treaty 01 (XXVI.1)", "Treaty 02 (XXVI.2)"]
    assert (f"All {count}, with filters" in response.text) == (count > SECTION_SIZE)


def quote_objection(*, treaty, participant, number, day, words=None):
    """Store a notification of objection and the words it quotes, as the importer does."""
    notification = make_notification(
        treaty=treaty,
        participant=participant,
        kind=ActKind.OBJECTION,
        reference=f"C.N.{number}.2025.TREATIES-{treaty.chapter}.{treaty.number}",
        text=f"{participant.name} objects.",
        date_effected=day,
    )
    words = words or f"{participant.name} objects, number {number}."
    QuotedPassage.objects.create(notification=notification, order=1, text=words)


def test_a_treaty_page_shows_an_objection_quoted_from_a_notification_in_fixed_queries(
    client, django_assert_num_queries, iccpr
):
    state = make_participant(name="State 01", slug="state-01")
    quote_objection(treaty=iccpr, participant=state, number=7, day=date(2025, 3, 4))

    with django_assert_num_queries(TREATY_QUERIES):
        response = client.get("/treaties/iccpr/")

    section = reservations_on(response)
    assert [group.label for group in section.groups] == ["Australia", "State 01", "United States of America"]
    assert [reservation.kind for reservation in section.groups[1].reservations] == ["Objection"]
    assert "State 01 objects, number 7." in response.text
    assert '4 March 2025</time> <span class="meta">(effected)' in response.text
    assert '<a href="/notifications/C.N.7.2025.TREATIES-IV.4/">C.N.7.2025.TREATIES-IV.4</a>' in response.text


def test_a_participant_page_shows_its_objections_quoted_from_notifications_in_fixed_queries(
    client, django_assert_num_queries, iccpr, children
):
    united_states = Participant.objects.get(slug="united-states-of-america")
    quote_objection(treaty=children, participant=united_states, number=8, day=date(2025, 5, 6))

    with django_assert_num_queries(PARTICIPANT_QUERIES):
        response = client.get("/participants/united-states-of-america/")

    section = reservations_on(response)
    assert [group.label for group in section.groups] == ["ICCPR (IV.4)", f"{children.title} (IV.11.b)"]
    assert [reservation.kind for reservation in section.groups[1].reservations] == ["Objection"]
    assert "United States of America objects, number 8." in response.text
    assert '6 May 2025</time> <span class="meta">(effected)' in response.text


def test_a_participant_page_shows_a_declaration_quoted_from_a_notification_that_names_no_participant(
    client, django_assert_num_queries, children
):
    # A notification naming no participant leaves the passage to its act's participant.
    lithuania = make_participant(name="Lithuania")
    act = make_act(treaty=children, participant=lithuania, kind=ActKind.DECLARATION, date=date(2024, 2, 3))
    notification = make_notification(
        treaty=children, participant=None, kind=ActKind.DECLARATION, reference="C.N.9.2024.TREATIES-IV.11.b"
    )
    QuotedPassage.objects.create(notification=notification, act=act, order=1, text="Lithuania declares, again.")

    with django_assert_num_queries(PARTICIPANT_QUERIES):
        response = client.get("/participants/lithuania/")

    section = reservations_on(response)
    assert [group.label for group in section.groups] == [f"{children.title} (IV.11.b)"]
    assert "Lithuania declares, again." in response.text


@pytest.mark.postgres
def test_a_searched_list_marks_the_words_found_and_escapes_the_rest(client, iccpr):
    state = make_participant(name="State 01", slug="state-01")
    words = "State 01 <objects> to the zanzibarian clause."
    quote_objection(treaty=iccpr, participant=state, number=9, day=date(2025, 3, 4), words=words)

    response = client.get("/reservations/", {"q": "zanzibarian"})

    assert listed(response) == [("State 01", "IV.4", "Objection")]
    assert "<mark>zanzibarian</mark>" in response.text
    assert "&lt;objects&gt;" in response.text and "<objects>" not in response.text
