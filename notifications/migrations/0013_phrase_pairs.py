# Each notification's pairs of adjacent words, which a phrase of two words is
# looked up by (notifications/phrase_pairs.py), with their GIN index.
#
# PostgreSQL computes the pairs from the search document in the statement that
# writes the document: a stored generated column, so that no code path can
# leave them stale. The function reads the document's own positions, the ones
# the phrase operator checks: a notification matches `'a' <-> 'b'` exactly when
# its pairs hold "a b".
#
# The pairs stay in the row, compressed with lz4 where the server has it (and
# PostgreSQL keeps 1,000 of the commonest in its statistics, as for words): a
# common phrase's page reads them for each notification it walks past, and from
# the TOAST table (or decompressed by pglz) that took 12 (or 5) us a row against
# 2.3 us (100,000 synthetic notifications, bench/RESULTS.md).
#
# Adding the column rewrites the table: 50 s at 100,000 synthetic
# notifications, 9 min 12 s at 1,000,000, where the table grew from 5.6 to 7.3 GB
# (the index 0.7 GB of it). Then VACUUM it, or let autovacuum. SQLite stores NULL
# and has no index.

from importlib import import_module

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import notifications.search

AddIndexOnPostgreSQL = import_module("notifications.migrations.0003_search").AddIndexOnPostgreSQL

TABLE = "notifications_depositarynotification"

# Two lexemes are adjacent where the second stands one position after the
# first: the test the phrase operator `<->` makes. Each pair is one lexeme,
# the two words with a space between them.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION notification_phrase_pairs(document tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    WITH word AS (SELECT lexeme, unnest(positions) AS position FROM unnest(document))
    SELECT array_to_tsvector(coalesce(array_agg(DISTINCT first.lexeme || ' ' || second.lexeme), '{}'))
    FROM word first JOIN word second ON second.position = first.position + 1
$$
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS notification_phrase_pairs(tsvector)"


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_FUNCTION)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_FUNCTION)


class AddGeneratedPairs(migrations.AddField):
    """Add the column; on PostgreSQL, kept in the row and compressed as said above, in the one rewrite."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        # The subcommands of one ALTER TABLE all apply before the rewrite that computes the values.
        settings = ["SET STORAGE MAIN", "SET STATISTICS 1000"]
        settings += ["SET COMPRESSION lz4"] if _has_lz4(schema_editor) else []
        alter = ", ".join(f"ALTER COLUMN {self.name} {setting}" for setting in settings)
        schema_editor.execute("SET LOCAL statement_timeout = 0")  # a rewrite, not a page
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN {self.name} tsvector "
            f"GENERATED ALWAYS AS (notification_phrase_pairs(search_vector)) STORED, {alter}"
        )


def analyse(apps, schema_editor):
    """Count the commonest pairs, as the documents' words are (0012): a phrase's plan rests on its estimate."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ANALYZE {TABLE} (phrase_pairs)")


def _has_lz4(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        return cursor.fetchone()[0]


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0012_search_document_statistics"),
        ("treaties", "0020_drop_withdrawn_span_index"),
    ]

    operations = [
        migrations.RunPython(create_function, drop_function),
        AddGeneratedPairs(
            model_name="depositarynotification",
            name="phrase_pairs",
            field=models.GeneratedField(
                db_persist=True,
                expression=notifications.search.PhrasePairs("search_vector"),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        AddIndexOnPostgreSQL(
            model_name="depositarynotification",
            index=django.contrib.postgres.indexes.GinIndex(fields=["phrase_pairs"], name="notifications_phrase_pairs"),
        ),
        migrations.RunPython(analyse, migrations.RunPython.noop),
    ]
