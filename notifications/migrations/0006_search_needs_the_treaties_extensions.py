# The notifications search uses unaccent and the treaties name search (pg_trgm):
# from here on, the extensions come from treaties' own migration.
#
# 0003_search cannot depend on it instead: databases that applied 0003 before
# the treaties migration existed would then fail Django's consistency check
# (InconsistentMigrationHistory). 0003 keeps creating the extensions for the
# databases that migrate through it; both migrations run CREATE EXTENSION IF
# NOT EXISTS, so whichever comes second does nothing.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0005_notification_reference_unique_whatever_the_case_or_spacing"),
        ("treaties", "0009_trigram_and_unaccent_extensions"),
    ]

    operations = []
