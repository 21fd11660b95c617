from django import forms

from notifications.search import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search everything",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text='A treaty, a participant, a reference such as C.N.362.2025 or XXVI.5, or words: "armed conflict".',
        error_messages={"max_length": "Search for at most %(limit_value)d characters (this has %(show_value)d)."},
    )
