"""Load the depositary notifications shipped in notifications/data/."""

from pathlib import Path

from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage, Theme
from treaties.curated import CuratedDataError, participant_named, read_toml, save_validated
from treaties.models import ActKind, ParticipationAct, Treaty

NOTIFICATIONS_DIR = Path(__file__).resolve().parent / "data"


def load_notifications(summary, directory=NOTIFICATIONS_DIR):
    """Create or update the themes and notifications in notifications.toml."""
    directory = Path(directory)
    data = read_toml(directory / "notifications.toml")
    themes = {entry["slug"]: _load_theme(entry, summary) for entry in data.get("theme", [])}
    for entry in data.get("notification", []):
        _load_notification(entry, directory, themes, summary)
    return summary


def _load_theme(entry, summary):
    theme = Theme.objects.filter(slug=entry["slug"]).first() or Theme(slug=entry["slug"])
    save_validated(
        theme,
        {"name": entry["name"], "description": entry.get("description", "")},
        f"theme {entry['slug']}",
        summary,
        "themes",
    )
    return theme


def _load_notification(entry, directory, themes, summary):
    reference = entry["reference"]
    where = f"notification {reference}"
    treaty = Treaty.objects.by_key(entry["treaty"]).first()
    if treaty is None:
        raise CuratedDataError(f"{where}: no treaty {entry['treaty']!r} is loaded")
    participant = participant_named(entry["participant"], summary) if entry.get("participant") else None
    notification = DepositaryNotification.objects.filter(reference=reference).first()
    notification = notification or DepositaryNotification(reference=reference)
    values = {
        "treaty": treaty,
        "participant": participant,
        "kind": entry.get("kind", ""),
        "heading": entry.get("heading", ""),
        "date_effected": entry.get("date_effected"),
        "date_issued": entry.get("date_issued"),
        "original_language": entry.get("original_language", ""),
        "source_url": entry.get("source_url", ""),
        "text": (directory / entry["text_file"]).read_text(encoding="utf-8"),
        "note": entry.get("note", ""),
    }
    save_validated(notification, values, where, summary, "notifications")
    notification.acts.set(_reported_acts(notification))
    for passage in entry.get("passage", []):
        _load_passage(notification, passage, themes, where, summary)
    for citation in entry.get("citation", []):
        _load_citation(notification, citation, where, summary)


def _reported_acts(notification):
    """Return the acts this notification reports: same treaty, participant, kind and date."""
    if not (notification.participant_id and notification.kind and notification.date_effected):
        return []
    return ParticipationAct.objects.filter(
        treaty=notification.treaty,
        participant=notification.participant,
        kind=ActKind(notification.kind),
        date=notification.date_effected,
    )


def _load_passage(notification, entry, themes, where, summary):
    passage = QuotedPassage.objects.filter(notification=notification, order=entry["order"]).first()
    passage = passage or QuotedPassage(notification=notification, order=entry["order"])
    save_validated(passage, {"text": entry["text"]}, f"{where}, passage {entry['order']}", summary, "quoted passages")
    unknown = set(entry.get("themes", [])) - set(themes)
    if unknown:
        raise CuratedDataError(f"{where}, passage {entry['order']}: unknown themes {sorted(unknown)}")
    passage.themes.set([themes[slug] for slug in entry.get("themes", [])])


def _load_citation(notification, entry, where, summary):
    citation = NotificationReference.objects.filter(source=notification, reference=entry["reference"]).first()
    citation = citation or NotificationReference(source=notification, reference=entry["reference"])
    save_validated(
        citation, {"context": entry.get("context", "")}, f"{where}, citation {entry['reference']}", summary, "citations"
    )
