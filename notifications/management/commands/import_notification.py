from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from notifications import importer
from notifications.documents import SUFFIXES, UnreadableDocument, refuse_oversize
from treaties.daterules import spell_date
from treaties.synthetic import refuse_synthetic_database

VERBS = {
    importer.CREATE: ("created", "would create"),
    importer.UPDATE: ("changed", "would change"),
    importer.UNCHANGED: ("unchanged", "unchanged"),
    importer.REFUSED: ("refused", "refused"),
}


class Command(BaseCommand):
    help = "Import depositary notifications from .txt or .pdf files, or folders of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files (.txt, .pdf) or folders of them.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change; write nothing.")

    def handle(self, *args, paths, dry_run=False, **options):
        refuse_synthetic_database("import_notification")
        counts = dict.fromkeys(VERBS, 0)
        for path in _files(paths):
            status = self.import_file(path, dry_run)
            counts[status] += 1
        summary = ", ".join(f"{counts[status]} {VERBS[status][dry_run]}" for status in VERBS)
        self.stdout.write(("Dry run, nothing written: " if dry_run else "") + summary + ".")
        if counts[importer.REFUSED]:
            raise CommandError(f"{counts[importer.REFUSED]} file(s) refused; nothing of them was written.")

    def import_file(self, path, dry_run):
        """Read, compare and save one file in its own transaction; say what happened; return its status."""
        try:
            draft = importer.read_source(path.name, data=_read(path))
            plan = importer.plan_all([draft])[0]
            if dry_run:
                if plan.status in (importer.CREATE, importer.UPDATE):
                    importer.rehearse(plan)
            elif plan.status in (importer.CREATE, importer.UPDATE):
                importer.save(plan)
        except importer.Refused as error:
            self.stderr.write(f"{path}: refused: {error}")
            return importer.REFUSED
        self.report(path, plan, dry_run)
        return plan.status

    def report(self, path, plan, dry_run):
        draft = plan.draft
        verb = VERBS[plan.status][dry_run]
        if plan.status == importer.REFUSED:
            self.stderr.write(f"{path}: refused {draft.reference}; nothing written:")
            for refusal in plan.refusals:
                self.stderr.write(f"    {refusal}")
        elif plan.status == importer.UNCHANGED:
            self.stdout.write(f"{path}: {draft.reference} is already stored as this file gives it; nothing written.")
        else:
            self.stdout.write(f"{path}: {verb} {draft.reference}")
            for line in _facts(plan) + plan.changes:
                self.stdout.write(f"    {line}")
        for check in plan.checks:
            self.stdout.write(f"    check: {check}")
        for doubt in plan.doubts:
            self.stdout.write(f"    doubt: {doubt}")


def _facts(plan):
    """Return the facts read from the file, one line each, as an editor checks them."""
    draft = plan.draft
    facts = [
        f"treaty: {plan.treaty}",
        f"participant: {plan.participant or 'none (a notification about the treaty)'}",
        f"heading: {draft.heading}",
        f"effected on: {_day(draft.date_effected)}; issued on: {_day(draft.date_issued)}",
    ]
    if draft.effect_date:
        condition = ", subject to a condition" if draft.effect_conditional else ""
        facts.append(f"takes effect (stated): {_day(draft.effect_date)} under {draft.effect_article}{condition}")
    facts += [f"quoted passage {order}: {importer.shortened(text)}" for order, text in enumerate(draft.passages, 1)]
    facts += [
        f"cites {citation.reference} ({citation.context})"
        + (f": {citation.kind} of {_day(citation.date)}" if citation.kind and citation.date else "")
        for citation in draft.citations
    ]
    return facts


def _day(day):
    return spell_date(day) if day else "not given"


def _files(paths):
    """Return the files named and the .txt and .pdf files in the folders named, in order."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(child for child in path.rglob("*") if child.suffix.lower() in SUFFIXES)
        elif path.exists():
            files.append(path)
        else:
            raise CommandError(f"{raw}: no such file or folder")
    return files


def _read(path):
    """Return a file's bytes, refusing one too large before reading it."""
    if path.suffix.lower() not in SUFFIXES:
        raise importer.Refused("not a .txt or .pdf file")
    try:
        refuse_oversize(path.stat().st_size)
        return path.read_bytes()
    except UnreadableDocument as error:
        raise importer.Refused(str(error)) from error
    except OSError as error:
        raise importer.Refused(f"cannot be read ({error.strerror})") from error
