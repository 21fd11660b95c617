"""The widgets drawn in Python give the HTML Django's own templates give, whatever their values and attributes."""

from datetime import date, datetime, time

import pytest
from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from config.form_rendering import WidgetRenderer

TEMPLATES, PYTHON = DjangoTemplates(), WidgetRenderer()

# Text that escaping must handle, and the values widgets are given in practice.
awkward_text = st.text(alphabet=st.sampled_from(list("ab <>&\"'é\n")), max_size=12)
values = st.one_of(
    st.none(),
    awkward_text,
    awkward_text.map(mark_safe),
    st.integers(-10_000, 10_000),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.dates(),
    st.booleans(),
)
attribute_names = st.sampled_from(["class", "placeholder", "aria-describedby", "data-x", "required", "disabled"])
attributes = st.dictionaries(attribute_names, st.one_of(st.booleans(), awkward_text, st.integers(0, 99)), max_size=4)
labels = st.one_of(awkward_text, st.integers(0, 2000))
options = st.lists(st.tuples(st.one_of(awkward_text, st.integers(0, 50)), labels), max_size=5)
choices = st.one_of(options, st.lists(st.one_of(st.tuples(awkward_text, options), st.tuples(awkward_text, labels))))

INPUTS = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
    forms.Textarea,
    admin_widgets.AdminTextInputWidget,
    admin_widgets.AdminDateWidget,
    admin_widgets.AdminIntegerFieldWidget,
    admin_widgets.AdminTextareaWidget,
]


def both(widget, value, attrs):
    return (
        widget.render("field", value, attrs=attrs, renderer=TEMPLATES),
        widget.render("field", value, attrs=attrs, renderer=PYTHON),
    )


@settings(max_examples=60, deadline=None)
@given(widget=st.sampled_from(INPUTS), value=values, attrs=attributes, own=attributes)
def test_an_input_or_text_area_is_drawn_as_its_template_draws_it(widget, value, attrs, own):
    template, python = both(widget(attrs=own), value, attrs)

    assert python == template


@settings(max_examples=60, deadline=None)
@given(
    widget=st.sampled_from([forms.Select, forms.SelectMultiple, forms.NullBooleanSelect]),
    chosen=st.lists(st.one_of(awkward_text, st.integers(0, 50)), max_size=2),
    choices=choices,
    attrs=attributes,
)
def test_a_select_is_drawn_as_its_template_draws_it(widget, chosen, choices, attrs):
    made = widget() if widget is forms.NullBooleanSelect else widget(choices=choices)
    value = chosen if widget is forms.SelectMultiple else (chosen[0] if chosen else None)
    template, python = both(made, value, attrs)

    assert python == template


@pytest.mark.parametrize(
    "widget, value",
    [
        (forms.CheckboxInput(), True),
        (forms.CheckboxInput(), False),
        (forms.PasswordInput(render_value=True), "secret"),
        (forms.DateTimeInput(), datetime(2025, 6, 27, 9, 30)),
        (forms.TimeInput(), time(9, 30)),
        (forms.DateInput(format="%d/%m/%Y"), date(2025, 6, 27)),
    ],
)
def test_the_other_inputs_the_site_uses_are_drawn_as_their_templates_draw_them(widget, value):
    template, python = both(widget, value, {"id": "id_field"})

    assert python == template


def test_widgets_it_does_not_draw_are_left_to_their_templates():
    # A radio list, a file input and the admin's related-field wrapper keep their templates.
    for widget, value in [
        (forms.RadioSelect(choices=[("a", "A"), ("b", "B")]), "a"),
        (forms.ClearableFileInput(), None),
        (forms.SplitDateTimeWidget(), datetime(2025, 6, 27, 9, 30)),
    ]:
        template, python = both(widget, value, {"id": "id_field"})
        assert python == template


def test_the_site_draws_its_forms_with_it():
    assert isinstance(get_default_renderer(), WidgetRenderer)
