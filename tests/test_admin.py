"""The admin is an editor's tool: only staff get in, every page loads, bad input is explained."""

from datetime import date

import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from tests.admin_forms import posted_back
from tests.builders import make_act, make_notification, make_participant, make_treaty
from treaties.models import ActKind, ParticipationAct

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/treaties/treaty/",
    "/admin/treaties/participant/",
    "/admin/treaties/participationact/",
    "/admin/treaties/dataload/",
    "/admin/treaties/standingspan/",
    "/admin/notifications/depositarynotification/",
    "/admin/notifications/quotedpassage/",
    "/admin/notifications/theme/",
    "/admin/notifications/notificationreference/",
]


@pytest.fixture
def records():
    treaty = make_treaty()
    lithuania = make_participant(name="Lithuania")
    act = make_act(treaty=treaty, participant=lithuania, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
    notification = make_notification(treaty=treaty, participant=lithuania)
    notification.acts.add(act)
    return {"treaty": treaty, "participant": lithuania, "act": act, "notification": notification}


def test_every_model_is_registered():
    registered = {f"/admin/{model._meta.app_label}/{model._meta.model_name}/" for model in admin.site._registry}
    assert set(CHANGELISTS) <= registered


@pytest.mark.parametrize("url", ["/admin/", *CHANGELISTS])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_logged_in_user_who_is_not_staff_is_sent_to_the_login_page(client):
    client.force_login(User.objects.create_user("reader", password="a long enough passphrase"))

    response = client.get("/admin/treaties/treaty/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", CHANGELISTS)
def test_staff_see_every_change_list_and_add_page(client, editor, records, url):
    assert client.get(url).status_code == 200
    # Data loads are recorded by the loader and spans computed from acts, never added by hand.
    assert client.get(url + "add/").status_code == (403 if "dataload" in url or "standingspan" in url else 200)


def test_staff_see_the_change_page_of_every_record(client, editor, records):
    for record in records.values():
        url = f"/admin/{record._meta.app_label}/{record._meta.model_name}/{record.pk}/change/"
        assert client.get(url).status_code == 200, url


def test_staff_see_the_history_versions_and_deleted_records_of_every_record(client, editor, records):
    for record in records.values():
        url = f"/admin/{record._meta.app_label}/{record._meta.model_name}/"
        version = record.history.get()
        assert client.get(f"{url}{record.pk}/history/").status_code == 200, url
        assert client.get(f"{url}{record.pk}/history/{version.history_id}/").status_code == 200, url
        assert client.get(f"{url}recover/").status_code == 200, url


def test_the_change_lists_search_as_editors_expect(client, editor, records):
    response = client.get("/admin/treaties/participationact/", {"q": "Lithuania"})

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_an_act_that_takes_effect_before_it_was_effected_is_refused_with_a_message(client, editor, records):
    form = {
        "treaty": records["treaty"].pk,
        "participant": records["participant"].pk,
        "kind": ActKind.WITHDRAWAL,
        "date": "2025-08-20",
        "date_precision": "day",
        "strength": "S",
        "effective_date": "2025-02-20",
        "effective_strength": "C",
    }

    response = client.post("/admin/treaties/participationact/add/", form)

    assert response.status_code == 200
    assert "An act cannot take effect before the date it was effected." in response.text
    assert ParticipationAct.objects.count() == 1


def test_a_duplicate_act_is_refused_with_a_message(client, editor, records):
    form = {
        "treaty": records["treaty"].pk,
        "participant": records["participant"].pk,
        "kind": ActKind.WITHDRAWAL,
        "date": "2025-06-27",
        "date_precision": "day",
        "strength": "P",
    }

    response = client.post("/admin/treaties/participationact/add/", form)

    assert response.status_code == 200
    assert "already exists" in response.text
    assert ParticipationAct.objects.count() == 1


def test_an_editor_can_correct_an_act(client, editor, records):
    act = records["act"]
    url = f"/admin/treaties/participationact/{act.pk}/change/"
    form = posted_back(
        client.get(url),
        effective_date="2025-12-27",
        effective_strength="P",
        reference="C.N.362.2025.TREATIES-XXVI.5",
    )

    response = client.post(url, form)

    assert response.status_code == 302
    act.refresh_from_db()
    assert act.effective_date == date(2025, 12, 27)


def test_an_editors_correction_changes_the_standing_the_public_pages_show(client, editor, records):
    act, treaty = records["act"], records["treaty"]
    treaty.withdrawal_period_count, treaty.withdrawal_period_unit = 6, "months"
    treaty.entry_into_force_period_count, treaty.entry_into_force_period_unit = 6, "months"
    treaty.save()
    make_act(treaty=treaty, participant=act.participant, date=date(2003, 5, 12))
    url = f"/admin/treaties/participationact/{act.pk}/change/"

    before = client.get(f"/participants/{act.participant.slug}/", {"as_of": "2025-01-01"})
    saved = client.post(url, posted_back(client.get(url), date="2024-06-27"))
    after = client.get(f"/participants/{act.participant.slug}/", {"as_of": "2025-01-01"})

    assert [span.standing for span in before.context["standings"]] == ["party"]
    assert saved.status_code == 302
    assert [span.standing for span in after.context["standings"]] == ["withdrawn"]


def test_the_treaty_autocomplete_finds_a_treaty_by_title(client, editor, records):
    response = client.get(
        "/admin/autocomplete/",
        {"term": "Mine Ban", "app_label": "treaties", "model_name": "participationact", "field_name": "treaty"},
    )

    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(records["treaty"].pk)]
