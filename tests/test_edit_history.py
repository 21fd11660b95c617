"""Every edit made in the admin is kept: who, when and what; an old version or a deleted record comes back."""

import pytest

from editing.versions import BULK_LOADED
from tests.admin_forms import posted_back, save_changes
from treaties.models import ParticipationAct

pytestmark = pytest.mark.django_db


def test_an_edit_through_the_admin_appears_in_the_history_with_the_editor_and_the_changed_field(client, editor, act):
    saved = save_changes(
        client,
        f"/admin/treaties/participationact/{act.pk}/change/",
        effective_date="2025-12-27",
        effective_strength="C",
    )

    page = client.get(f"/admin/treaties/participationact/{act.pk}/history/")

    assert saved.status_code == 302
    assert page.status_code == 200
    latest = page.context["page_obj"][0]
    assert latest.history_user == editor
    assert {change["field"] for change in latest.history_delta_changes} == {
        "Date it takes effect",
        "Strength of the effect date",
    }
    assert f'<a href="/admin/auth/user/{editor.pk}/change/">editor</a>' in page.text
    assert "Date it takes effect" in page.text


def test_a_record_created_outside_the_admin_has_a_history_with_no_editor(act):
    assert [(record.history_type, record.history_user) for record in act.history.all()] == [("+", None)]


def test_the_first_edit_of_a_bulk_loaded_act_keeps_the_loaded_version_in_the_history(client, editor, act):
    act.history.all().delete()  # as the bulk loaders leave it: no history

    save_changes(
        client,
        f"/admin/treaties/participationact/{act.pk}/change/",
        reference="C.N.362.2025.TREATIES-XXVI.5",
        reference_strength="P",
    )

    edited, loaded = act.history.all()
    assert (loaded.reference, loaded.history_user, loaded.history_change_reason) == ("", None, BULK_LOADED)
    assert (edited.reference, edited.history_user) == ("C.N.362.2025.TREATIES-XXVI.5", editor)


def test_reverting_to_an_earlier_version_through_the_admin_brings_the_old_value_back(client, editor, act):
    first_version = act.history.get()
    save_changes(
        client,
        f"/admin/treaties/participationact/{act.pk}/change/",
        reference="C.N.999.2025.TREATIES-XXVI.5",
        reference_strength="S",
    )
    revert_url = f"/admin/treaties/participationact/{act.pk}/history/{first_version.history_id}/"

    reverted = client.post(revert_url, posted_back(client.get(revert_url)))

    assert reverted.status_code == 302
    act.refresh_from_db()
    assert (act.reference, act.reference_strength) == ("", "")
    assert act.history.first().history_user == editor


def test_a_deleted_act_can_be_recovered_from_the_recover_deleted_page(client, editor, act):
    deleted = client.post(f"/admin/treaties/participationact/{act.pk}/delete/", {"post": "yes"})
    recover_list = client.get("/admin/treaties/participationact/recover/")
    [deletion] = recover_list.context["deletions"]

    recovered = client.post(deletion.revert_url(), posted_back(client.get(deletion.revert_url())))

    assert deleted.status_code == 302
    assert deletion.history_user == editor
    assert deletion.revert_url() in recover_list.text
    assert recovered.status_code == 302
    restored = ParticipationAct.objects.get(pk=act.pk)
    assert (restored.kind, restored.date, restored.participant) == (act.kind, act.date, act.participant)
    assert client.get("/admin/treaties/participationact/recover/").context["deletions"].count() == 0


def test_the_change_list_links_to_the_deleted_records(client, editor, act):
    page = client.get("/admin/treaties/participationact/")

    assert 'href="/admin/treaties/participationact/recover/"' in page.text


def test_an_act_edited_on_its_participants_page_records_the_editor(client, editor, act):
    url = f"/admin/treaties/participant/{act.participant.pk}/change/"
    page = client.get(url)
    forms = [form for inline in page.context["inline_admin_formsets"] for form in inline.formset.forms]
    [act_form] = [form for form in forms if form.instance.pk == act.pk]

    saved = client.post(url, posted_back(page, **{f"{act_form.prefix}-reference": "C.N.362.2025.TREATIES-XXVI.5"}))

    assert saved.status_code == 302
    latest = act.history.first()
    assert (latest.reference, latest.history_user) == ("C.N.362.2025.TREATIES-XXVI.5", editor)
