"""What changed in the acts and notifications since a day, from the edit history (django-simple-history)."""

from django.urls import reverse

from config.forms import EARLIEST
from editing.changes import edits_since
from notifications.models import DepositaryNotification
from treaties.models import ParticipationAct

CHANGE_WORDS = {"+": "added", "~": "changed", "-": "removed"}
CHANGE_COLUMNS = ["record", "change", "at", "treaty", "participant", "kind", "date", "reference", "url"]


def act_changes(day):
    """Return the history rows of acts saved since `day`, newest first, with treaty and participant."""
    rows = edits_since(ParticipationAct, day).select_related("treaty", "participant")
    return rows.order_by("-history_date", "-history_id")


def notification_changes(day):
    """Return the history rows of notifications saved since `day`, newest first, with treaty and participant."""
    rows = edits_since(DepositaryNotification, day).select_related("treaty", "participant")
    return rows.order_by("-history_date", "-history_id")


def act_row(version):
    return {
        "record": "act",
        "change": CHANGE_WORDS[version.history_type],
        "at": version.history_date,
        "treaty": version.treaty.key,
        "participant": version.participant.name,
        "kind": version.kind,
        "date": version.date,
        "reference": version.reference,
        "url": version.participant.get_absolute_url(),
    }


def notification_row(version):
    removed = version.history_type == "-"
    return {
        "record": "notification",
        "change": CHANGE_WORDS[version.history_type],
        "at": version.history_date,
        "treaty": version.treaty.key,
        "participant": version.participant.name if version.participant else "",
        "kind": version.kind,
        "date": version.date_effected,
        "reference": version.reference,
        # The address of the notification, built from the version: its record may have been removed.
        "url": "" if removed else reverse("notifications:detail", args=[version.reference]),
    }


def earliest_edit():
    """Return when the edit history of acts and notifications begins, or None when it is empty (2 queries)."""
    firsts = [
        edits_since(model, EARLIEST).order_by("history_date").values_list("history_date", flat=True).first()
        for model in (ParticipationAct, DepositaryNotification)
    ]
    return min((first for first in firsts if first is not None), default=None)
