"""The admin's "Import notifications" page: read files or pasted text, correct the drafts, save them all or none."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from notifications.models import DepositaryNotification, QuotedPassage
from tests.admin_forms import submitted
from tests.builders import make_notification, make_participant
from tests.notification_layouts import accession_notice, pdf_of, ratification_notice, seed_text
from tests.test_import_notification import REFERENCE, mine_ban  # noqa: F401 - the fixture
from treaties.models import ActKind, ParticipationAct

pytestmark = pytest.mark.django_db

URL = "/admin/notifications/depositarynotification/import/"
# Reading the files costs the same whatever they hold and however many there
# are: the session and the editor (2); the treaties named; every participant's
# names, current and other (2); the participants named; the stored
# notifications with those references, and their passages, citations and acts
# (4); the acts they report or that cite them.
READ_QUERIES = 11


def upload(*files, pasted=""):
    return {"files": list(files), "pasted": pasted, "read": "Read"}


def text_file(name, text):
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def posted_drafts(page, **changes):
    """Return what the browser posts from the drafts page, with `changes` typed in ("form-0-kind": ...)."""
    formset = page.context["formset"]
    data = {"save": "Save all"}
    for form in [formset.management_form, *formset.forms]:
        for field in form:
            data.update(submitted(field))
    data.update(changes)
    return data


def test_only_staff_reach_the_page(client):
    assert client.get(URL)["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("reader", password="a long enough passphrase"))
    assert client.get(URL)["Location"].startswith("/admin/login/")


def test_the_notifications_list_links_to_the_page(client, editor):
    response = client.get("/admin/notifications/depositarynotification/")

    assert f'href="{URL}"' in response.text
    assert "Import notifications" in response.text


def test_reading_a_file_shows_its_draft_with_every_field_editable_and_the_checks(client, editor, mine_ban):  # noqa: F811
    response = client.post(URL, upload(text_file("seed.txt", seed_text())))

    assert response.status_code == 200
    form = response.context["formset"].forms[0]
    assert form["reference"].value() == REFERENCE
    assert (form["participant"].value(), form["kind"].value()) == ("LITHUANIA", ActKind.WITHDRAWAL)
    assert form["effect_date"].value() == date(2025, 12, 27)
    assert form["passages"].value().count("\n\n") == 5
    assert "Will be created" in response.text
    assert "agrees with the site&#x27;s" in response.text
    assert DepositaryNotification.objects.count() == 0


def test_a_disagreement_with_the_site_is_flagged_on_the_draft(client, editor, mine_ban):  # noqa: F811
    response = client.post(URL, upload(text_file("r.txt", ratification_notice(stated="1 August 2025"))))

    assert '<li class="warning">line 15: DISAGREEMENT: the depositary states 1 August 2025' in response.text


def test_saving_the_drafts_writes_them_all(client, editor, mine_ban):  # noqa: F811
    read = client.post(
        URL,
        upload(
            text_file("seed.txt", seed_text()),
            SimpleUploadedFile("r.pdf", pdf_of(ratification_notice())),
            pasted=accession_notice(),
        ),
    )

    response = client.post(URL, posted_drafts(read))

    assert response.status_code == 302, response.context and response.context["problems"]
    assert set(DepositaryNotification.objects.values_list("reference", flat=True)) == {
        REFERENCE,
        "C.N.88.2025.TREATIES-XXVI.5",
        "C.N.501.2011.TREATIES-XXVI.5",
    }
    assert QuotedPassage.objects.count() == 6
    assert ParticipationAct.objects.count() == 3


def test_an_editors_correction_in_the_draft_is_what_is_saved(client, editor, mine_ban):  # noqa: F811
    make_participant(name="Latvia")
    read = client.post(URL, upload(pasted=seed_text()))

    client.post(URL, posted_drafts(read, **{"form-0-original_language": "English and French"}))

    assert DepositaryNotification.objects.get().original_language == "English and French"


def test_the_same_notification_read_again_is_shown_as_already_stored(client, editor, mine_ban):  # noqa: F811
    read = client.post(URL, upload(text_file("seed.txt", seed_text())))
    client.post(URL, posted_drafts(read))

    again = client.post(URL, upload(text_file("seed.txt", seed_text())))
    saved = client.post(URL, posted_drafts(again), follow=True)

    assert "Already stored as given: nothing will be written" in again.text
    assert "Saved 0 notification(s): none; 1 already stored as given." in saved.text
    assert DepositaryNotification.objects.count() == 1


def test_one_draft_that_cannot_be_saved_keeps_the_others_from_being_saved(client, editor, mine_ban):  # noqa: F811
    make_notification(treaty=mine_ban, heading="LITHUANIA: DENUNCIATION", text="")
    read = client.post(URL, upload(text_file("seed.txt", seed_text()), text_file("r.txt", ratification_notice())))

    response = client.post(URL, posted_drafts(read))

    assert response.status_code == 200
    assert "Nothing was saved." in response.text
    assert "heading: “LITHUANIA: DENUNCIATION” in the database" in response.text
    assert DepositaryNotification.objects.count() == 1
    assert ParticipationAct.objects.count() == 0


def test_files_that_cannot_be_read_are_listed_by_name_and_the_rest_drafted(client, editor, mine_ban):  # noqa: F811
    files = [
        text_file("seed.txt", seed_text()),
        text_file("empty.txt", ""),
        SimpleUploadedFile("latin1.txt", accession_notice().replace("TUVALU", "TUVALÜ").encode("latin-1")),
        SimpleUploadedFile("huge.pdf", b"%PDF-1.7\n" + bytes(50 * 1024 * 1024)),
    ]

    response = client.post(URL, upload(*files))

    assert [form["source"].value() for form in response.context["formset"].forms] == ["seed.txt"]
    assert response.context["refused"] == [
        "empty.txt: the file is empty",
        "latin1.txt: line 7: byte 0xdc is not UTF-8: the file is in another encoding; save it as UTF-8",
        "huge.pdf: the file is 50.0 MB; a notification is far smaller (at most 10 MB is read), so it was not read",
    ]


def test_an_empty_request_asks_for_a_file_or_text(client, editor):
    response = client.post(URL, upload())

    assert "Choose one or more files, or paste a notification&#x27;s text." in response.text


@pytest.mark.parametrize("files", [1, 3])
def test_reading_costs_a_fixed_number_of_queries(client, editor, mine_ban, django_assert_num_queries, files):  # noqa: F811
    for index in range(files * 5):
        make_participant(name=f"State {index}")
        # The files' own notifications are stored without their text: the drafts fill it in.
        make_notification(treaty=mine_ban, reference=f"C.N.{362 + index}.2025.TREATIES-XXVI.5", text="")
    sent = [text_file(f"{index}.txt", seed_text().replace("362.2025", f"{362 + index}.2025")) for index in range(files)]

    with django_assert_num_queries(READ_QUERIES):
        response = client.post(URL, upload(*sent))

    assert len(response.context["formset"].forms) == files
