"""Keep synthetic records apart from real ones: which a database holds, and the loaders' refusal.

Synthetic records (made by `generate_synthetic` for benchmarks) carry
`synthetic=True`. Acts and notifications are only ever made on synthetic
treaties, so the treaties and participants tell what a database holds.
"""

from django.core.management.base import CommandError

from treaties.models import Participant, Treaty


def holds_synthetic_data():
    """Say whether any synthetic treaty or participant is stored."""
    return Treaty.objects.filter(synthetic=True).exists() or Participant.objects.filter(synthetic=True).exists()


def real_data_counts():
    """Return how many treaties and participants are real (not synthetic)."""
    return Treaty.objects.filter(synthetic=False).count(), Participant.objects.filter(synthetic=False).count()


def refuse_synthetic_database(loader):
    """Stop a real-data loader before it writes anything to a database holding synthetic records."""
    if holds_synthetic_data():
        raise CommandError(
            f"{loader} refused: this database holds synthetic records made by generate_synthetic "
            "(marked synthetic), and real data is never loaded beside them. Nothing was written. "
            "Load real data into a database of its own."
        )
