# Search: the stored search documents, their GIN indexes and the extensions
# the search needs (pg_trgm for near names, unaccent for Türkiye = Turkiye).
# Written by hand: the GIN indexes and the back-fill run on PostgreSQL only,
# since SQLite has neither, and the search falls back to a simple one there.
# The extensions now belong to treaties' 0009 migration (the name search needs
# them); they stay here for the databases that migrate through this one.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """Add the index on PostgreSQL; elsewhere, only record it in the migration state."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill_search_vectors(apps, schema_editor):
    """Compute the documents of the notifications already stored (none on a new database)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    Notification = apps.get_model("notifications", "DepositaryNotification")
    if not Notification.objects.using(schema_editor.connection.alias).exists():
        return
    # The current definition of the document, over the historical models: it
    # only reads columns that exist at this point of the history.
    from notifications.search import refresh_search_vectors

    refresh_search_vectors(Notification.objects.using(schema_editor.connection.alias).all(), apps=apps)


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0002_act_kinds'),
        ('treaties', '0002_rules_provenance_and_more_kinds'),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.AddField(
            model_name='depositarynotification',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='quotedpassage',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name='depositarynotification',
            index=models.Index(fields=['cn_year', 'cn_number'], name='notifications_cn_number'),
        ),
        AddIndexOnPostgreSQL(
            model_name='depositarynotification',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='notifications_search'),
        ),
        AddIndexOnPostgreSQL(
            model_name='quotedpassage',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='notifications_passage_search'),
        ),
        migrations.RunPython(fill_search_vectors, migrations.RunPython.noop),
    ]
