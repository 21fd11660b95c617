# Indexes for the admin's list of participation acts (treaties/admin.py,
# ParticipationActAdmin): its order and year filter, its filter by kind, and its
# search by reference.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("treaties", "0013_withdrawal_list_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="participationact",
            index=models.Index(fields=["date", "id"], name="treaties_act_date"),
        ),
        migrations.AddIndex(
            model_name="participationact",
            index=models.Index(fields=["kind", "date", "id"], name="treaties_act_kind_date"),
        ),
        migrations.AddIndex(
            model_name="participationact",
            index=models.Index(fields=["reference"], name="treaties_act_reference", opclasses=["varchar_pattern_ops"]),
        ),
    ]
