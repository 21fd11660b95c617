"""Two editors on one record: a save based on a version someone has since changed is refused, saying what changed."""

import threading
from datetime import date

import pytest
from django.db import OperationalError, connection, transaction
from django.test import Client
from django.utils import timezone

from editing.versions import OUT_OF_DATE, check_unchanged, version_of
from tests.admin_forms import posted_back, save_changes
from tests.builders import make_editor
from treaties.models import ParticipationAct

pytestmark = pytest.mark.django_db


def logged_in(username):
    """Return a browser of its own, logged in as a new editor."""
    browser = Client()
    browser.force_login(make_editor(username=username))
    return browser


def locked_elsewhere(act):
    """Return whether another database connection finds the act's row locked."""
    found = {}

    def try_to_lock():
        try:
            with transaction.atomic():
                ParticipationAct.objects.select_for_update(nowait=True).filter(pk=act.pk).first()
            found["locked"] = False
        except OperationalError:
            found["locked"] = True
        finally:
            connection.close()

    other = threading.Thread(target=try_to_lock)
    other.start()
    other.join()
    return found["locked"]


def refusal(response):
    """Return the errors the admin shows above the form."""
    return " ".join(response.context["adminform"].form.non_field_errors())


def test_the_second_of_two_editors_is_refused_and_told_the_first_editors_change(act):
    amina, bruno = logged_in("amina"), logged_in("bruno")
    url = f"/admin/treaties/participationact/{act.pk}/change/"
    aminas_page, brunos_page = amina.get(url), bruno.get(url)

    aminas_save = amina.post(url, posted_back(aminas_page, effective_date="2025-12-27", effective_strength="C"))
    brunos_save = bruno.post(url, posted_back(brunos_page, reference="C.N.362.2025.TREATIES-XXVI.5"))

    assert aminas_save.status_code == 302
    assert brunos_save.status_code == 200
    message = refusal(brunos_save)
    assert "by amina, last at" in message
    assert "Date it takes effect: 2025-12-27" in message
    assert "Strength of the effect date: Computed from the treaty" in message
    assert "reference" not in message.lower()
    assert "Someone else saved this record after you opened it" in brunos_save.text
    act.refresh_from_db()
    assert (act.effective_date, act.effective_strength, act.reference) == (date(2025, 12, 27), "C", "")


def test_after_reloading_the_second_editor_can_save_without_undoing_the_first(act):
    amina, bruno = logged_in("amina"), logged_in("bruno")
    url = f"/admin/treaties/participationact/{act.pk}/change/"
    brunos_stale_page = bruno.get(url)
    save_changes(amina, url, effective_date="2025-12-27", effective_strength="C")
    bruno.post(url, posted_back(brunos_stale_page, reference="C.N.362.2025.TREATIES-XXVI.5"))

    saved = save_changes(bruno, url, reference="C.N.362.2025.TREATIES-XXVI.5")

    assert saved.status_code == 302
    act.refresh_from_db()
    assert (act.effective_date, act.reference) == (date(2025, 12, 27), "C.N.362.2025.TREATIES-XXVI.5")


def test_a_change_by_a_data_load_since_the_page_was_opened_is_not_overwritten(client, editor, act):
    url = f"/admin/treaties/participationact/{act.pk}/change/"
    page = client.get(url)
    ParticipationAct.objects.filter(pk=act.pk).update(note="Corrected from the depositary's notice.")

    response = client.post(url, posted_back(page, note="An editor's note."))

    assert response.status_code == 200
    message = refusal(response)
    assert "no edit history names who" in message
    assert "Note: Corrected from the depositary's notice." in message


def test_a_stale_row_on_a_treatys_page_cannot_overwrite_an_act_edited_meanwhile(act):
    amina, bruno = logged_in("amina"), logged_in("bruno")
    treaty_url = f"/admin/treaties/treaty/{act.treaty.pk}/change/"
    brunos_treaty_page = bruno.get(treaty_url)
    save_changes(amina, f"/admin/treaties/participationact/{act.pk}/change/", reference="C.N.362.2025.TREATIES-XXVI.5")

    response = bruno.post(treaty_url, posted_back(brunos_treaty_page, short_title="Ottawa Convention"))

    assert response.status_code == 200
    assert "Notification reference: C.N.362.2025.TREATIES-XXVI.5" in response.text
    act.refresh_from_db()
    assert (act.reference, act.treaty.short_title) == ("C.N.362.2025.TREATIES-XXVI.5", "Mine Ban Convention")


def test_a_treatys_page_saves_when_its_acts_are_unchanged(client, editor, act):
    response = save_changes(client, f"/admin/treaties/treaty/{act.treaty.pk}/change/", short_title="Ottawa Convention")

    assert response.status_code == 302
    act.refresh_from_db()
    assert act.treaty.short_title == "Ottawa Convention"
    assert act.history.count() == 1  # the untouched act row was not saved again


def test_a_save_without_the_version_it_was_based_on_is_refused(client, editor, act):
    url = f"/admin/treaties/participationact/{act.pk}/change/"
    form = posted_back(client.get(url), note="An editor's note.")
    del form["loaded_version"]

    response = client.post(url, form)

    assert response.status_code == 200
    assert refusal(response) == OUT_OF_DATE
    act.refresh_from_db()
    assert act.note == ""


def test_a_revert_from_a_page_opened_before_another_edit_is_refused(act):
    amina, bruno = logged_in("amina"), logged_in("bruno")
    revert_url = f"/admin/treaties/participationact/{act.pk}/history/{act.history.get().history_id}/"
    brunos_revert_page = bruno.get(revert_url)
    save_changes(amina, f"/admin/treaties/participationact/{act.pk}/change/", reference="C.N.362.2025.TREATIES-XXVI.5")

    response = bruno.post(revert_url, posted_back(brunos_revert_page))

    assert response.status_code == 200
    assert "by amina" in refusal(response)
    act.refresh_from_db()
    assert act.reference == "C.N.362.2025.TREATIES-XXVI.5"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_check_locks_the_row_until_the_save_commits(act):
    fields = [ParticipationAct._meta.get_field("reference")]
    loaded = version_of(act, fields, timezone.now())

    with transaction.atomic():
        check_unchanged(ParticipationAct, act.pk, fields, loaded)
        locked_while_saving = locked_elsewhere(act)

    assert locked_while_saving
    assert not locked_elsewhere(act)
