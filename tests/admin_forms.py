"""Post an admin form back as a browser would, from the page the editor loaded."""

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms import CheckboxInput


def posted_back(page, **changes):
    """Return the data a browser posts from an admin form page, with `changes` typed in."""
    forms = [page.context["adminform"].form]
    for inline in page.context.get("inline_admin_formsets") or []:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            data.update(submitted(field))
    data.update(changes)
    return data


def save_changes(browser, url, **changes):
    """Open an admin form page and save it with `changes` typed in; return the response."""
    return browser.post(url, posted_back(browser.get(url), **changes))


def submitted(field):
    """Return what the browser sends for one rendered form field, as the page shows it."""
    widget = field.field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    value = field.value()
    if isinstance(widget, CheckboxInput):
        return {field.html_name: "on"} if value else {}
    shown = widget.format_value(value)
    return {field.html_name: "" if shown is None else shown}
