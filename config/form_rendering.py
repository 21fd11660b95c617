"""Draw Django's commonest form widgets in Python, the same HTML their templates give.

Every field of a form is drawn through a widget template, and each of those
includes another for its attributes, and a select one more for each option: the
notifications' filter form took about 5 ms that way, as long as a whole bare
page, and an admin change page draws some 150 widgets. The renderer here draws
the inputs, text areas and selects of Django's own templates in Python, with
the templates' escaping, and hands every other template (the admin's own
widgets, multi-widgets, file inputs) to the template engine as before.
tests/test_form_rendering.py checks that both give the same HTML.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

_WIDGETS = "django/forms/widgets/"
_INPUTS = ["input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time", "search"]
_INPUTS += ["tel", "color", "checkbox"]


def _shown(value):
    """A value as `{{ value }}` shows it: localised, as text, escaped unless already safe."""
    return conditional_escape(str(localize(value)))


def _formatted(value):
    """A value as `{{ value|stringformat:'s' }}` shows it: its text, escaped unless it was safe."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    """The attributes as attrs.html draws them: False leaves one out, True gives its name alone."""
    return "".join(
        f" {_shown(name)}" if value is True else f' {_shown(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget):
    value = _shown(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _option(option):
    # The option's template ends with a newline, which its include keeps: each option is followed by a blank line.
    value, label = _formatted(option["value"]), _shown(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


def _select(widget):
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        parts += [f"\n  {_option(option)}" for option in options]
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


_DRAWN = {f"{_WIDGETS}{name}.html": _input for name in _INPUTS} | {
    f"{_WIDGETS}textarea.html": _textarea,
    f"{_WIDGETS}select.html": _select,
}
_OPTION_TEMPLATE = f"{_WIDGETS}select_option.html"


class WidgetRenderer(DjangoTemplates):
    """Django's template renderer, drawing the widgets of `_DRAWN` in Python."""

    def render(self, template_name, context, request=None):
        draw = _DRAWN.get(template_name)
        widget = context.get("widget")
        if draw is None or widget is None or not _options_drawn_alike(draw, widget):
            return super().render(template_name, context, request=request)
        return draw(widget)


def _options_drawn_alike(draw, widget):
    """Say whether every option of a select uses the plain option template (a subclass can name its own)."""
    if draw is not _select:
        return True
    groups = widget["optgroups"]
    return all(option["template_name"] == _OPTION_TEMPLATE for _, options, _ in groups for option in options)
