# The PostgreSQL extensions the name search needs (treaties/name_search.py):
# pg_trgm for near spellings ("Phillipines"), unaccent for Türkiye = Turkiye.
# Both operations run CREATE EXTENSION IF NOT EXISTS, so they do nothing on a
# database that already has the extensions (notifications' 0003_search made
# them before this app owned them), and nothing at all on SQLite.

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("treaties", "0008_count_steps_list_rows"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
    ]
