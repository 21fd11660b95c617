from django.core.management.base import BaseCommand
from django.db import transaction

from research.models import ParticipantCodes, fill_codes
from treaties.models import Participant


class Command(BaseCommand):
    help = "Fill every participant's ISO 3166-1, UN M49 and Correlates of War codes from the code libraries."

    def handle(self, *args, **options):
        with transaction.atomic():
            written = fill_codes(Participant.objects.all())
        unclassified = ParticipantCodes.objects.filter(kind="unclassified").count()
        # Quiet when nothing changed, as load_reference_data is on a second run.
        if written or unclassified or options["verbosity"] > 1:
            self.stdout.write(f"Participant codes: {written} written, {unclassified} names no code list recognises.")
