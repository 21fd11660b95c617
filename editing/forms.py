"""The form of every admin page that edits a record with an edit history."""

from django import forms
from django.utils import timezone
from simple_history.models import to_historic

from editing.versions import check_unchanged, record_unrecorded_version, stored_record, version_of

LOADED_VERSION = "loaded_version"


class VersionField(forms.CharField):
    """The version of the record the editor loaded, carried in the page."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        # Not an edit: an inline row is saved only if the editor changed its data.
        return False


class EditForm(forms.ModelForm):
    """Edit a record; refuse a save based on a version someone else has since changed.

    The check runs in clean(), which the admin calls inside the transaction
    that saves, and locks the stored row (where the database can) until the
    save commits, so no other save can slip in between the check and the write.
    """

    loaded_version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Taken before an inline formset adds the link to the parent record, which the row does not edit.
        self.versioned_fields = self.edited_model_fields()
        if not self.is_bound and self.instance.pk is not None:
            self.fields[LOADED_VERSION].initial = version_of(
                self.record_as_stored(), self.versioned_fields, timezone.now()
            )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            model = type(self.instance)
            check_unchanged(model, self.instance.pk, self.versioned_fields, cleaned_data.get(LOADED_VERSION, ""))
        return cleaned_data

    def save(self, commit=True):
        if self.instance.pk is not None:
            record_unrecorded_version(type(self.instance), self.instance.pk)
        return super().save(commit)

    def record_as_stored(self):
        """Return the record as stored: the instance itself, unless it is an old version being reverted to."""
        if to_historic(self.instance) is None:
            return self.instance
        return stored_record(type(self.instance), self.instance.pk, lock=False)

    def edited_model_fields(self):
        """Return the model fields this form edits: a change to any of them since it loaded makes a save stale."""
        opts = self._meta.model._meta
        model_fields = {field.name: field for field in [*opts.concrete_fields, *opts.many_to_many]}
        return [model_fields[name] for name in self.fields if name in model_fields and name != opts.pk.name]
