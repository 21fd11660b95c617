# The site search finds treaties through indexes instead of comparing every
# treaty's names on each request (12.8 ms for 4,000 treaties at 1,000,000
# notifications, bench/RESULTS.md): a GIN index on the stored search document
# (0017), and a trigram index on a second column PostgreSQL computes on every
# write, the short title and other names that a near spelling ("Otawa
# Convention") is compared with. Both are read by search/groups.py.
# PostgreSQL only: SQLite has neither full-text search nor trigrams.

from django.db import migrations

NAMES = "COALESCE(short_title, '') || E'\\n' || COALESCE(other_names, '')"


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE treaties_treaty ADD COLUMN search_names text GENERATED ALWAYS AS ({NAMES}) STORED"
        )
        schema_editor.execute("CREATE INDEX treaties_treaty_document ON treaties_treaty USING gin (search_document)")
        schema_editor.execute(
            "CREATE INDEX treaties_treaty_names_trigrams ON treaties_treaty USING gin (search_names gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX treaties_treaty_names_trigrams")
        schema_editor.execute("DROP INDEX treaties_treaty_document")
        schema_editor.execute("ALTER TABLE treaties_treaty DROP COLUMN search_names")


class Migration(migrations.Migration):
    dependencies = [
        ("treaties", "0017_treaty_search_document"),
    ]

    operations = [migrations.RunPython(add_indexes, drop_indexes)]
