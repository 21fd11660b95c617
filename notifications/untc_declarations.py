"""Quote the reservations and declarations of the UN status pages of 14 March 2015.

Each non-empty block of `declarations/<stem>.txt` becomes a passage on the
participant's act it belongs to: its consent to be bound, else its signature.
The status tables must be imported first (`treaties.untc_import`); a block
whose participant has neither act on the treaty is reported, not guessed.
Like the status tables, the passages are bulk-created with no edit history
(see treaties.untc_import).
"""

from pathlib import Path

from notifications.models import QuotedPassage
from treaties import untc
from treaties.models import CONSENT_KINDS, SIGNATURE_KINDS, ParticipationAct
from treaties.untc_import import (
    BATCH_SIZE,
    STATUS_AS_AT,
    UNTC_DIR,
    UntcImportError,
    participant_ids_by_name,
    resolve,
    table_entries,
    treaty_ids_by_key,
)


def import_declarations(report, folder=UNTC_DIR):
    """Create a quoted passage for each declaration block not yet stored."""
    folder = Path(folder)
    entries = [entry for entry in table_entries(folder) if (folder / entry.declarations_file).exists()]
    treaty_ids = treaty_ids_by_key()
    anchors = anchor_acts({treaty_ids[entry.key] for entry in entries if entry.key in treaty_ids})
    participants = participant_ids_by_name()
    stored = stored_passages(anchors)
    new = []
    for entry in entries:
        for order, block in enumerate(read_blocks(folder / entry.declarations_file), start=1):
            if not block.text:
                continue
            act_id = anchors.get((treaty_ids.get(entry.key), resolve(block.name, participants)))
            if act_id is None:
                reason = f"{block.name} has no consent or signature recorded on {entry.key}: block not imported"
                report.problems.append(untc.Problem(Path(entry.declarations_file).name, block.line, reason))
            elif (act_id, order, block.text) not in stored:
                new.append(QuotedPassage(act_id=act_id, order=order, text=block.text, source_url=entry.url))
    QuotedPassage.objects.bulk_create(new, batch_size=BATCH_SIZE)
    report.count("quoted passages", number=len(new))
    return report


def read_blocks(path):
    """Return a declarations file's blocks, naming the file if it cannot be read."""
    try:
        return untc.read_declarations(path)
    except (OSError, ValueError) as error:
        # The parser's message names the file already.
        raise UntcImportError(str(error)) from error


def anchor_acts(treaty_ids):
    """Return the act each participant's declarations hang on, by (treaty id, participant id)."""
    acts = ParticipationAct.objects.filter(
        treaty_id__in=treaty_ids, kind__in=CONSENT_KINDS | SIGNATURE_KINDS, date__lte=STATUS_AS_AT
    ).values_list("pk", "treaty_id", "participant_id", "kind", "date")
    ranked = {}
    for pk, treaty_id, participant_id, kind, day in acts:
        # A consent beats a signature; of two consents (a re-accession), the
        # later one is the one that stood on 14 March 2015.
        rank = (kind in CONSENT_KINDS, day, pk)
        key = (treaty_id, participant_id)
        if key not in ranked or rank > ranked[key][0]:
            ranked[key] = (rank, pk)
    return {key: pk for key, (_, pk) in ranked.items()}


def stored_passages(anchors):
    """Return (act id, order, text) of the passages already on the treaties' acts."""
    treaty_ids = {treaty_id for treaty_id, _ in anchors}
    passages = QuotedPassage.objects.filter(act__treaty_id__in=treaty_ids, notification__isnull=True)
    return set(passages.values_list("act_id", "order", "text"))
