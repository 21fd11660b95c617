"""What a treaty's participation table is asked for: a participant's name, one status, an order.

The page offers the name as a search box, and the status and the order as links
(its column headers), so that it needs no JavaScript; the form checks all three.
"""

from django import forms

from treaties.daterules import Standing
from treaties.name_search import MAX_NAME_LENGTH, clean_text
from treaties.table_sql import TABLE_ORDERS

# A table lists participants that acted: "not a participant" is never a row's status.
STATUS_CHOICES = [("", "Any status")] + [
    (member.value, member.label) for member in Standing if member != Standing.NOT_PARTICIPANT
]


class TableForm(forms.Form):
    participant = forms.CharField(
        required=False,
        max_length=MAX_NAME_LENGTH,
        label="Find a participant in this table",
        help_text="Any of its names.",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(required=False, choices=STATUS_CHOICES, label="Status")
    sort = forms.ChoiceField(
        required=False, choices=[(key, label) for key, (_, label) in TABLE_ORDERS.items()], label="Order"
    )

    def clean_participant(self):
        return clean_text(self.cleaned_data["participant"], MAX_NAME_LENGTH)


def table_choices(request):
    """Return the table form and what it asks for: nothing where it is invalid (the page says why)."""
    asked = {name: request.GET[name] for name in TableForm.base_fields if name in request.GET}
    form = TableForm(asked or None, auto_id="table-%s")
    return form, (form.cleaned_data if form.is_bound and form.is_valid() else {})
