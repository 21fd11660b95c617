# PostgreSQL keeps the 10,000 commonest words of the notifications' search
# documents in its statistics, not 1,000: a word outside the list is then
# estimated from a smaller share. A word in 318 of 1,000,000 notifications was
# planned for 2,149 (after: 217), so a search's page joined every treaty by a
# hash (8.6 ms for 4,000) instead of looking up the few it lists; the page's
# query went from 17 to 9 ms (bench/RESULTS.md). The ANALYZE took 4 s at
# 1,000,000 notifications. PostgreSQL only.

from django.db import migrations

TABLE = "notifications_depositarynotification"


def keep_more_words(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STATISTICS 1000")
        schema_editor.execute("SET statement_timeout = 0")
        schema_editor.execute(f"ANALYZE {TABLE} (search_vector)")
        schema_editor.execute("RESET statement_timeout")


def keep_the_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN search_vector SET STATISTICS -1")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("notifications", "0011_search_document_stored_inline"),
    ]

    operations = [migrations.RunPython(keep_more_words, keep_the_default)]
