# A notification's search document is kept in its row, not in the TOAST table.
# A document (about 1.7 KB) went out of line next to the full text, and every
# search read it back from there for each row it checked or ranked: a phrase's
# recheck and a rank took 2.5-4 us a row from TOAST against 0.7 us inline
# (30,000 notifications copied both ways, bench/RESULTS.md). STORAGE MAIN moves
# the full text out first. PostgreSQL only; the VACUUM FULL rewrites the
# documents already stored (about 2 minutes and a lock on the table at
# 1,000,000 notifications), so the migration cannot run in a transaction.

from django.db import migrations

TABLE = "notifications_depositarynotification"


def keep_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE MAIN")
        # The site's statement timeout (10 s) is for pages: rewriting a million rows takes minutes.
        schema_editor.execute("SET statement_timeout = 0")
        schema_editor.execute(f"VACUUM FULL {TABLE}")
        schema_editor.execute("RESET statement_timeout")


def store_as_before(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("notifications", "0010_list_indexes"),
    ]

    operations = [migrations.RunPython(keep_inline, store_as_before)]
