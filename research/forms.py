"""What the data pages take from the address: which treaties and participant, which years and day."""

from datetime import date

from django import forms

from config.forms import EARLIEST, LATEST
from treaties.filters import TYPED_PARTICIPANT, NamedRecordField, NamedTreatiesField

# A panel streamed on request covers a few treaties; every treaty's is in each release.
MAX_TREATIES = 25
MAX_YEARS = 200
YEAR = {"min_value": EARLIEST.year, "max_value": LATEST.year, "required": False}


class SelectionForm(forms.Form):
    treaty = NamedTreatiesField(
        most=MAX_TREATIES,
        required=False,
        label="Treaties",
        help_text=f"Up to {MAX_TREATIES}, separated by semicolons: each by its number (XXVI.5), address name "
        "(mine-ban) or title. None: every treaty, for one participant.",
    )
    participant = NamedRecordField(required=False, **TYPED_PARTICIPANT)

    def clean(self):
        cleaned = super().clean()
        treaties = cleaned.get("treaty")
        if "treaty" in cleaned and "participant" in cleaned and not treaties and not cleaned["participant"]:
            raise forms.ValidationError(
                "Choose a treaty or a participant: the tables of every treaty and participant are in each release."
            )
        return cleaned


class PanelForm(SelectionForm):
    first_year = forms.IntegerField(
        **YEAR, help_text="Empty: each participant from the year of its first act on the treaty."
    )
    last_year = forms.IntegerField(**YEAR, help_text="Empty: this year.")
    month = forms.IntegerField(min_value=1, max_value=12, required=False, help_text="Empty: 12.")
    day = forms.IntegerField(min_value=1, max_value=31, required=False, help_text="Empty: 31.")

    def clean(self):
        cleaned = super().clean()
        month, day = cleaned.get("month") or 12, cleaned.get("day") or 31
        try:
            date(2001, month, day)  # a year with no 29 February: the day must exist in every year
        except ValueError:
            self.add_error("day", f"Choose a day that every year has: month {month} has no day {day} in every year.")
        first, last = cleaned.get("first_year"), cleaned.get("last_year") or date.today().year
        if first is not None and first > last:
            self.add_error("first_year", "The first year must not come after the last.")
        elif first is not None and last - first >= MAX_YEARS:
            self.add_error("first_year", f"Choose at most {MAX_YEARS} years.")
        cleaned.update(month=month, day=day, last_year=last)
        return cleaned


class ChangesForm(forms.Form):
    since = forms.CharField(
        max_length=30,
        help_text="A date, YYYY-MM-DD, or the version of a release: changes saved on or after it.",
    )

    def clean_since(self):
        """Return the day named: a date, or the day a release was made."""
        from research import releases

        value = self.cleaned_data["since"].strip()
        try:
            day = date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            day = None
        if day is None:
            release = next((release for release in releases.listing() if release.version == value), None)
            if release is None:
                raise forms.ValidationError(
                    "Enter a date as YYYY-MM-DD, e.g. 2025-12-01, or the version of a release listed on /data/."
                )
            day = date.fromisoformat(release.created)
        if not EARLIEST <= day <= LATEST:
            raise forms.ValidationError("Choose a date between 1900 and 2100.")
        return day
