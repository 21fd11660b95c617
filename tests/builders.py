"""Small keyword-only builders for test records: only what a test names differs."""

from datetime import date

from django.contrib.auth.models import User

from notifications.models import DepositaryNotification, QuotedPassage, Theme
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


def make_world(count, *, slug=None, notified=True):
    """Build the Mine Ban Convention's clauses and `count` parties, every other one withdrawing.

    Its record reaches 30 June 2026. With `notified`, each withdrawal comes with
    its notification and a quoted reason, on the theme Security.
    """
    treaty = make_treaty(
        slug=slug,
        withdrawal_article="art. 20(3)",
        withdrawal_period_count=6,
        withdrawal_period_unit="months",
        entry_into_force_article="art. 17(2)",
        entry_into_force_period_count=6,
        entry_into_force_period_unit="months",
        entry_into_force_snap="month_start",
        horizon=date(2026, 6, 30),
    )
    theme = Theme.objects.create(name="Security", slug="security") if notified else None
    for index in range(count):
        participant = make_participant(name=f"State {index:02}", slug=f"state-{index:02}")
        make_act(treaty=treaty, participant=participant, kind=ActKind.SIGNATURE, date=date(1997, 12, 3))
        make_act(treaty=treaty, participant=participant, kind=ActKind.RATIFICATION, date=date(1999, 1, 1 + index % 28))
        if index % 2 and notified:
            make_notified_withdrawal(
                treaty=treaty,
                participant=participant,
                passage="security has deteriorated",
                theme=theme,
                reference=f"C.N.{index + 1}.2025.TREATIES-XXVI.5",
                heading=f"STATE {index:02}: NOTIFICATION OF WITHDRAWAL",
                text=f"State {index:02} withdraws because security has deteriorated.",
            )
        elif index % 2:
            make_act(treaty=treaty, participant=participant, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27))
    return treaty


def make_notified_withdrawal(*, treaty, participant, passage, theme, act_fields=(), **notification_fields):
    """Record a withdrawal received on 27 June 2025 and its notification, which quotes `passage` on `theme`."""
    withdrawal = make_act(
        treaty=treaty, participant=participant, kind=ActKind.WITHDRAWAL, date=date(2025, 6, 27), **dict(act_fields)
    )
    notification = make_notification(treaty=treaty, participant=participant, **notification_fields)
    notification.acts.add(withdrawal)
    quoted = QuotedPassage.objects.create(notification=notification, order=1, text=passage)
    quoted.themes.add(theme)
    return withdrawal
