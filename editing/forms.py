"""The form of every admin page that edits a record with an edit history."""

from django import forms
from simple_history.utils import get_history_manager_for_model

BULK_LOADED = "As bulk-loaded, before its first edit in the admin"


class EditForm(forms.ModelForm):
    """Edit a record, keeping the version it replaces in the history even if a bulk load wrote none."""

    def save(self, commit=True):
        if self.instance.pk is not None:
            record_unrecorded_version(type(self.instance), self.instance.pk)
        return super().save(commit)


def record_unrecorded_version(model, pk):
    """Write the stored version of a record to its history if it has none (bulk loads write none)."""
    history = get_history_manager_for_model(model)
    if history.filter(**{model._meta.pk.attname: pk}).exists():
        return
    stored = model._default_manager.filter(pk=pk).first()
    if stored is not None:
        stored._history_user = None  # the loader's version, not the editor's
        history.bulk_history_create([stored], default_change_reason=BULK_LOADED)
