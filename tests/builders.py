"""Small keyword-only builders for test records: only what a test names differs."""

from datetime import date

from django.contrib.auth.models import User

from notifications.models import DepositaryNotification
from treaties.models import ActKind, Participant, ParticipationAct, Strength, Treaty


def make_treaty(*, chapter="XXVI", number="5", slug=None, **fields):
    defaults = {
        "title": "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer "
        "of Anti-Personnel Mines and on their Destruction",
        "short_title": "Mine Ban Convention",
        "adoption_place": "Oslo",
        "adoption_date": date(1997, 9, 18),
        "entry_into_force": date(1999, 3, 1),
    }
    defaults.update(fields)
    defaults.setdefault("in_force", "in_force" if defaults["entry_into_force"] else "unknown")
    slug = slug or f"treaty-{chapter}-{number}".lower().replace(".", "-")
    return Treaty.objects.create(chapter=chapter, number=number, slug=slug, **defaults)


def make_participant(*, name="Lithuania", **fields):
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Participant.objects.create(name=name, **fields)


def make_act(*, treaty, participant, kind=ActKind.RATIFICATION, date=date(2003, 5, 12), **fields):
    fields.setdefault("strength", Strength.PRIMARY)
    return ParticipationAct.objects.create(treaty=treaty, participant=participant, kind=kind, date=date, **fields)


def make_notification(*, treaty, reference="C.N.362.2025.TREATIES-XXVI.5", **fields):
    defaults = {
        "heading": "LITHUANIA: NOTIFICATION OF WITHDRAWAL",
        "kind": ActKind.WITHDRAWAL,
        "date_effected": date(2025, 6, 27),
        "date_issued": date(2025, 7, 3),
        "text": "The above action was effected on 27 June 2025.",
    }
    defaults.update(fields)
    return DepositaryNotification.objects.create(treaty=treaty, reference=reference, **defaults)


def make_editor(*, username="editor"):
    """Return a staff account that may edit everything in the admin."""
    return User.objects.create_superuser(username, f"{username}@example.org", "a long enough passphrase")
