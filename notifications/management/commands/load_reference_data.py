import hashlib
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from notifications.curated import NOTIFICATIONS_DIR, load_notifications
from notifications.search import refresh_search_vectors
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
    help = "Load the curated treaties, acts and notifications, then the UN status tables of 2015."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if these files were loaded before.")
        parser.add_argument(
            "--curated-only", action="store_true", help="Skip the UN status tables of 2015 (for quick checks)."
        )

    def handle(self, *args, force=False, curated_only=False, **options):
        self.load_curated(force)
        if not curated_only:
            # After the curated data, which takes precedence over the 2015 snapshot.
            call_command("import_untc", force=force, verbosity=options["verbosity"], stdout=self.stdout)
        refresh_search_vectors()

    def load_curated(self, force):
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
