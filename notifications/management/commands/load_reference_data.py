import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from notifications.curated import NOTIFICATIONS_DIR, load_notifications
from treaties.curated import CURATED_DIR, CuratedDataError, LoadSummary, load_curated
from treaties.models import DataLoad

DATA_SET = "curated"


def digest_of(*directories):
    """Return one SHA-256 over every file in the directories, names included."""
    digest = hashlib.sha256()
    for directory in directories:
        for path in sorted(Path(directory).rglob("*")):
            if path.is_file():
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Load the curated treaties, acts and notifications shipped with the site."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if these files were loaded before.")

    def handle(self, *args, force=False, **options):
        digest = digest_of(CURATED_DIR, NOTIFICATIONS_DIR)
        if not force and DataLoad.objects.filter(name=DATA_SET, digest=digest).exists():
            self.stdout.write("Reference data already loaded; nothing to do.")
            return
        try:
            # One transaction: a file that fails to load leaves the database as it was.
            with transaction.atomic():
                summary = load_curated(CURATED_DIR, LoadSummary())
                load_notifications(summary, NOTIFICATIONS_DIR)
                DataLoad.objects.update_or_create(name=DATA_SET, defaults={"digest": digest})
        except CuratedDataError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
