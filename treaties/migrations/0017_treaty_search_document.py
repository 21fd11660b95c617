# A treaty's search document, stored by PostgreSQL itself: the site search read
# it from every treaty's names and title on each request (36-51 ms for 4,000
# treaties, bench/RESULTS.md). A generated column is recomputed by PostgreSQL on
# every write, whatever writes (the admin, the loaders' bulk_create and
# bulk_update, COPY), so it cannot go stale. PostgreSQL only: SQLite has no
# full-text search, and the site search does not read it there. The expression
# is the one search/groups.py used to compute, as Django writes it.

from django.db import migrations

DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(short_title, '') || ' ' || COALESCE(other_names, '')), 'A') "
    "|| setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'B')"
)


def add_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE treaties_treaty ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED"
        )


def drop_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE treaties_treaty DROP COLUMN search_document")


class Migration(migrations.Migration):
    dependencies = [
        ("treaties", "0016_took_effect_and_pending_indexes"),
    ]

    operations = [migrations.RunPython(add_document, drop_document)]
