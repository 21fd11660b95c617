"""Forms shared by the public pages: the as-of date."""

from datetime import date

from django import forms

from config.exports import refuse_invalid_export

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        required=False,
        label="Status as at",
        input_formats=["%Y-%m-%d"],
        # A date box takes only ISO dates, whatever the locale formats dates as.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, e.g. 2025-12-01."},
    )

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        if day and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError("Choose a date between 1900 and 2100.")
        return day


def as_of_date(request, today=None):
    """Return the as-of form and the day it names; today when it names none or is invalid.

    An invalid date on a data twin raises config.exports.InvalidParameters
    (a 400 in the twin's format): a twin never answers for a day not asked for.
    """
    today = today or date.today()
    form = AsOfForm(request.GET or None)
    refuse_invalid_export(request, form)
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        return form, form.cleaned_data["as_of"]
    if not form.errors:
        # No date asked: the box shows the day the page is about, not an empty box.
        form = AsOfForm(initial={"as_of": today})
    return form, today
