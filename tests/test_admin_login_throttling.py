"""Admin logins are throttled: after five wrong passwords, the account is refused from that address for a while."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough passphrase"
FAILURE_LIMIT = 5


@pytest.fixture
def editor():
    return User.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(client, password, username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_a_right_login_before_the_limit_works(client, editor):
    for _ in range(FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert is_logged_in(client)


def test_the_sixth_login_is_refused_even_with_the_right_password(client, editor):
    for _ in range(FAILURE_LIMIT):
        log_in(client, "wrong")

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)
    assert client.get("/admin/").status_code == 302


def test_the_lockout_names_one_account_from_one_address(client, editor):
    User.objects.create_superuser("colleague", "colleague@example.org", PASSWORD)
    for _ in range(FAILURE_LIMIT):
        log_in(client, "wrong")

    assert log_in(client, PASSWORD, username="colleague").status_code == 302


def test_a_failure_limit_and_cool_off_come_from_settings(settings):
    assert settings.AXES_FAILURE_LIMIT == FAILURE_LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
