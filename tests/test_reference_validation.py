"""References are checked on every save: the shapes the depositary uses, never quotes, controls or line breaks."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from notifications.models import DepositaryNotification, NotificationReference
from tests.builders import make_notification, make_treaty

pytestmark = pytest.mark.django_db

WELL_FORMED = [
    "C.N.362.2025.TREATIES-XXVI.5",
    "C.N.12.2021.TREATIES-XXVII.7.d",
    "C.N.225.2025",
    "C.N.1067.1998.TREATIES-10 (Depositary Notification)",
    "C.N.4/1955",
]
MALFORMED = [
    'C.N.362.2025"',
    "C.N.362.2025'",
    "C.N.362.2025\r\nSet-Cookie: x=1",
    "C.N.362.2025\nTREATIES",
    "C.N.362.2025\x00",
    "C.N.362.2025\tTREATIES",
    "C.N.362.2025;<script>",
]


@pytest.mark.parametrize("reference", WELL_FORMED)
def test_every_shape_the_depositary_uses_is_accepted(reference):
    notification = make_notification(treaty=make_treaty(), reference=reference)

    assert DepositaryNotification.objects.get().reference == notification.reference == reference


@pytest.mark.parametrize("reference", MALFORMED)
def test_a_reference_with_a_quote_control_character_or_line_break_is_refused_on_save(reference):
    with pytest.raises(ValidationError) as refused:
        make_notification(treaty=make_treaty(), reference=reference)

    assert "letters, digits, dots, hyphens, slashes, spaces and parentheses" in str(refused.value.message_dict)
    assert not DepositaryNotification.objects.exists()


@pytest.mark.parametrize("reference", MALFORMED)
def test_a_malformed_reference_is_a_form_error_in_full_clean(reference):
    notification = DepositaryNotification(treaty=make_treaty(), reference=reference)

    with pytest.raises(ValidationError) as refused:
        notification.full_clean()

    assert "reference" in refused.value.message_dict


@pytest.mark.parametrize("reference", MALFORMED)
def test_a_citation_with_a_malformed_reference_is_refused_on_save(reference):
    source = make_notification(treaty=make_treaty())

    with pytest.raises(ValidationError):
        NotificationReference.objects.create(source=source, reference=reference)

    assert not NotificationReference.objects.exists()


def test_the_admin_explains_a_malformed_reference(client):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "a long enough passphrase"))
    treaty = make_treaty()
    inlines = {
        f"{prefix}-{field}": value
        for prefix in ("passages", "outgoing_references")
        for field, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
    }

    response = client.post(
        "/admin/notifications/depositarynotification/add/",
        {"reference": 'C.N.1.2025"', "treaty": treaty.pk, **inlines},
    )

    assert response.status_code == 200
    assert "Write the reference with letters, digits" in response.text
    assert not DepositaryNotification.objects.exists()
