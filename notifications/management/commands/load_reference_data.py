from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from notifications.curated import NOTIFICATIONS_DIR, load_notifications
from notifications.search import refresh_search_vectors
from treaties import standing
from treaties.curated import (
    CURATED_DIR,
    ENTRY_INTO_FORCE_FILE,
    CuratedDataError,
    load_curated,
    load_entry_into_force,
)
from treaties.loading import LoadReport, folder_digest
from treaties.models import ActKind, DataLoad, ParticipationAct, RevokedWithdrawal, StandingSpan
from treaties.synthetic import refuse_synthetic_database
from treaties.untc_import import DATA_SET as UNTC_DATA_SET

DATA_SET = "curated"


class Command(BaseCommand):
    help = "Load the curated treaties, acts and notifications, then the UN status tables of 2015."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if these files were loaded before.")
        parser.add_argument(
            "--curated-only", action="store_true", help="Skip the UN status tables of 2015 (for quick checks)."
        )

    def handle(self, *args, force=False, curated_only=False, **options):
        verbosity = options["verbosity"]
        refuse_synthetic_database("load_reference_data")
        try:
            # One transaction: a file that fails to load leaves the database as it was,
            # and the standing spans are rebuilt once, at the end, for what changed.
            with transaction.atomic():
                with standing.refreshed_after():
                    self.load_all(force, curated_only, verbosity)
                # A database made before the spans existed gets them once.
                if not StandingSpan.objects.exists() and ParticipationAct.objects.exists():
                    self.stdout.write("Computing every participant's standing.")
                    standing.rebuild()
                # One whose spans came before the revoked withdrawals were stored gets those once.
                revocations = ParticipationAct.objects.filter(kind=ActKind.WITHDRAWAL_REVOCATION)
                if not RevokedWithdrawal.objects.exists() and revocations.exists():
                    standing.store_every_revocation()
                # The participants' codes, for those the bulk import created without them.
                call_command("fill_participant_codes", verbosity=verbosity, stdout=self.stdout)
        except CuratedDataError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        refresh_search_vectors()

    def load_all(self, force, curated_only, verbosity):
        """Load the curated files, then the UN tables, then the entry-into-force facts, as needed."""
        changed = self.load_curated(force)
        if not curated_only:
            # After the curated data, which takes precedence over the 2015 snapshot.
            untc_before = _digest_loaded(UNTC_DATA_SET)
            call_command("import_untc", force=force, verbosity=verbosity, stdout=self.stdout)
            changed |= _digest_loaded(UNTC_DATA_SET) != untc_before
        if changed:
            # Last: most of the treaties it speaks of come from the UN tables.
            summary = LoadReport()
            load_entry_into_force(ENTRY_INTO_FORCE_FILE, summary)
            self.stdout.write("\n".join(summary.lines()))

    def load_curated(self, force):
        """Load the curated files unless these very files were loaded before; say whether it loaded."""
        digest = folder_digest(CURATED_DIR, NOTIFICATIONS_DIR)
        if not force and DataLoad.objects.filter(name=DATA_SET, digest=digest).exists():
            self.stdout.write("Reference data already loaded; nothing to do.")
            return False
        # Every file is checked, the notifications too, before anything is written.
        summary = load_curated(CURATED_DIR, LoadReport(), notifications_directory=NOTIFICATIONS_DIR)
        load_notifications(summary, NOTIFICATIONS_DIR)
        DataLoad.objects.update_or_create(name=DATA_SET, defaults={"digest": digest})
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
        return True


def _digest_loaded(name):
    """Return the digest recorded for a data set, or None."""
    return DataLoad.objects.filter(name=name).values_list("digest", flat=True).first()
