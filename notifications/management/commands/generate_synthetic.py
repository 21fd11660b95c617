import time

from django.core.management.base import BaseCommand, CommandError

from notifications import synthetic
from treaties.synthetic import holds_synthetic_data, real_data_counts


class Command(BaseCommand):
    help = "Fill the database with seeded synthetic treaties, participants, acts and notifications for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--notifications", type=int, required=True, help="How many notifications (about 5 acts each)."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed and size give the same rows.")
        parser.add_argument(
            "--allow-real-data",
            action="store_true",
            help="Add synthetic records beside real ones (they stay marked, and the real-data loaders then refuse).",
        )
        parser.add_argument("--replace", action="store_true", help="Delete the synthetic records already stored first.")

    def handle(self, *args, notifications, seed, allow_real_data=False, replace=False, verbosity=1, **options):
        if notifications < 1:
            raise CommandError("Ask for at least one notification: --notifications 1000, say.")
        synthetic.lift_statement_timeout()
        self.check_database(allow_real_data, replace)
        started = time.perf_counter()

        def progress(line):
            if verbosity >= 2:
                self.stdout.write(f"{time.perf_counter() - started:6.0f} s {line}")

        summary = synthetic.generate(notifications, seed, replace=replace, progress=progress)
        for line in summary.lines():
            self.stdout.write(line)

    def check_database(self, allow_real_data, replace):
        """Refuse a database with real data (unless allowed) or synthetic data (unless to be replaced)."""
        treaties, participants = real_data_counts()
        if (treaties or participants) and not allow_real_data:
            raise CommandError(
                f"This database holds real data ({treaties:,} treaties and {participants:,} participants not made "
                "by generate_synthetic). Synthetic records are meant for a database of their own: use an empty "
                "one, or pass --allow-real-data to add them beside the real records. Nothing was written."
            )
        if holds_synthetic_data() and not replace:
            raise CommandError(
                "This database already holds synthetic records: pass --replace to delete them and write "
                "a new set. Nothing was written."
            )
