"""Draw the rows of the notifications list and the reasons list in Python.

A page of either draws fifty rows; through the template language each took
about a fifth of a millisecond (a dozen lookups and filters), a third of a
search's page. The HTML is what the templates drew, escaped the same way.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

from treaties.templatetags.treaty_format import day

register = template.Library()


@register.simple_tag
def notification_item(notification):
    """Return a notification as an item of a list: its reference and heading, treaty, dates and any snippet."""
    treaty = notification.treaty
    meta = esc(treaty.short_title or treaty.title)
    if notification.date_effected:
        meta += f" · effected {day(notification.date_effected)}"
    if notification.date_issued:
        meta += f" · issued {day(notification.date_issued)}"
    snippet = getattr(notification, "snippet", "")  # a search's highlighted fragment, already escaped
    return mark_safe(
        f'<li>\n    <p><a href="{esc(notification.get_absolute_url())}" class="reference">'
        f"{esc(notification.reference)}</a> — {esc(notification.heading)}</p>\n"
        f'    <p class="meta">{meta}</p>\n'
        + (f'    <p class="snippet">{esc(snippet)}</p>\n' if snippet else "")
        + "  </li>"
    )


@register.simple_tag
def reason_figure(passage):
    """Return a quoted passage of the reasons list: its words, whose, which notification, when, its themes.

    The passage comes with its notification, and its themes prefetched as `listed_themes` (notifications.views).
    """
    notification = passage.notification
    snippet = getattr(passage, "snippet", "")
    words = esc(snippet) if snippet else linebreaksbr(passage.text, autoescape=True)
    participant = notification.participant
    issued = f", {day(notification.date_issued)}" if notification.date_issued else ""
    themes = ", ".join(esc(theme) for theme in passage.listed_themes)
    return mark_safe(
        f'<figure class="reason">\n  <blockquote>{words}</blockquote>\n'
        f"  <figcaption>{esc(participant.name) if participant else ''}, "
        f'<a href="{esc(notification.get_absolute_url())}#passage-{passage.order}">{esc(notification.reference)}</a>'
        f"{issued}{f' · {themes}' if themes else ''}</figcaption>\n</figure>"
    )

