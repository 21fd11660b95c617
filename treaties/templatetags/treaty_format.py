"""Formatting for dates and source strength, the same on every page."""

from django import template
from django.utils.html import format_html

from treaties.models import Strength

register = template.Library()


@register.filter
def day(value):
    """Format a date as `27 June 2025`; empty for no date."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


@register.filter
def iso(value):
    """Format a date as `2025-06-27`; empty for no date."""
    return value.isoformat() if value else ""


@register.simple_tag
def strength(code):
    """Show a source-strength code with its meaning on hover and for screen readers."""
    member = Strength.parse(code)
    if member is None:
        return ""
    return format_html(
        '<abbr class="strength strength-{}" title="{}">{}</abbr>', member.value, member.label, member.value
    )
