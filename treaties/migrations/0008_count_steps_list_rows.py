from collections import defaultdict
from types import SimpleNamespace

from django.db import migrations, models

from treaties import daterules

# What the count rules read of a span (the pure rules take anything with these fields).
COUNTED = ["treaty_id", "standing", "start", "end", "signed_on", "in_force_unknown", "withdrawal_notified"]


def recount_from_spans(apps, schema_editor):
    """Recompute every treaty's count steps, now with the number of rows of its table.

    A new count can split a step (a participant listed with no standing yet), so
    the steps are rebuilt from the stored spans by the same pure rules, not patched.
    """
    StandingSpan = apps.get_model("treaties", "StandingSpan")
    TreatyCount = apps.get_model("treaties", "TreatyCount")
    by_treaty = defaultdict(list)
    for row in StandingSpan.objects.values(*COUNTED).order_by().iterator(chunk_size=5000):
        by_treaty[row["treaty_id"]].append(SimpleNamespace(**row))
    TreatyCount.objects.all().delete()
    TreatyCount.objects.bulk_create(
        (
            TreatyCount(
                treaty_id=treaty_id,
                start=step.start,
                end=step.end,
                signatories=step.counts.signatories,
                contracting_states=step.counts.contracting_states,
                parties=step.counts.parties,
                parties_unknown=step.counts.parties_unknown,
                pending_withdrawals=step.pending,
                listed=step.listed,
            )
            for treaty_id, spans in by_treaty.items()
            for step in daterules.count_steps(spans)
        ),
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("treaties", "0007_span_since"),
    ]

    operations = [
        migrations.AddField(
            model_name="treatycount",
            name="listed",
            field=models.PositiveIntegerField(
                default=0,
                help_text=(
                    "Participants with a span on these days, whatever their standing: the rows of the treaty's table."
                ),
            ),
            preserve_default=False,
        ),
        migrations.RunPython(recount_from_spans, migrations.RunPython.noop),
    ]
