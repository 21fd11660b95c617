import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from notifications.untc_declarations import import_declarations
from treaties.models import DataLoad
from treaties.synthetic import refuse_synthetic_database
from treaties.untc_import import DATA_SET, UNTC_DIR, UntcImportError, corpus_digest, import_status_tables


# It lives in the notifications app because it also stores quoted passages:
# treaties must never import notifications.
class Command(BaseCommand):
    help = "Import the UN Treaty Collection's status tables and declarations as at 14 March 2015."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Import even if these files were imported before.")

    def handle(self, *args, force=False, verbosity=1, **options):
        refuse_synthetic_database("import_untc")
        digest = corpus_digest(UNTC_DIR)
        if not force and DataLoad.objects.filter(name=DATA_SET, digest=digest).exists():
            if verbosity:
                self.stdout.write("UN status tables already imported; nothing to do.")
            return
        started = time.monotonic()
        try:
            # One transaction: an import that fails leaves the database as it was.
            with transaction.atomic():
                report = import_status_tables(UNTC_DIR)
                import_declarations(report, UNTC_DIR)
                DataLoad.objects.update_or_create(name=DATA_SET, defaults={"digest": digest})
        except UntcImportError as error:
            raise CommandError(f"Nothing was imported. {error}") from error
        lines = report.summary_lines() + (report.detail_lines() if verbosity >= 2 else [])
        if verbosity:
            self.stdout.write("\n".join(lines))
            self.stdout.write(self.style.SUCCESS(f"UN status tables imported in {time.monotonic() - started:.1f} s."))
