from datetime import date

from django.core.management.base import BaseCommand, CommandError

from research import releases


class Command(BaseCommand):
    help = "Write an immutable, dated release of every research table, with its codebook, checksums and citation."

    def add_arguments(self, parser):
        parser.add_argument(
            "release", nargs="?", help=f"The release's version; {releases.VERSION_HELP}. Default: today's date."
        )

    def handle(self, *args, release=None, **options):
        version = release or date.today().isoformat()
        try:
            folder = releases.make_release(version)
        except releases.ReleaseError as error:
            raise CommandError(str(error)) from error
        written = releases.read_release(folder)
        self.stdout.write(f"Release {version} written to {folder}: {len(written.files)} files.")
        self.stdout.write(f"Cite as: {written.citation}")
