"""Draw a quoted reservation or declaration: a page shows twenty of them, the list a page of them."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def reservation_figure(reservation, in_group=False):
    """Return a passage as a figure: its words, then what it is, whose (unless `in_group`), when, and its source."""
    passage = reservation.passage
    snippet = getattr(passage, "snippet", "")  # a search's highlighted fragment, already escaped
    words = esc(snippet) if snippet else linebreaksbr(reservation.text, autoescape=True)
    whose = "" if in_group else f", {_participant(reservation)}, {_treaty(reservation)}"
    datetime = f' datetime="{reservation.date.isoformat()}"' if reservation.date else ""
    meaning = f' <span class="meta">({esc(reservation.date_meaning)})</span>' if reservation.date_meaning else ""
    source = esc(reservation.source)
    if reservation.source_url:
        source = f'<a href="{esc(reservation.source_url)}">{source}</a>'
    return mark_safe(
        f'<figure class="reason">\n  <blockquote>{words}</blockquote>\n'
        f"  <figcaption><strong>{esc(reservation.kind)}</strong>{whose}\n"
        f"    · <time{datetime}>{esc(reservation.date_display)}</time>{meaning}\n"
        f"    · Source: {source}</figcaption>\n</figure>"
    )


def _participant(reservation):
    participant = reservation.participant
    if participant is None:
        return "participant not recorded"
    return f'<a href="{esc(participant.get_absolute_url())}">{esc(participant.name)}</a>'


def _treaty(reservation):
    treaty = reservation.treaty
    if treaty is None:  # a notification that names no treaty
        return "treaty not recorded"
    name = treaty.short_title or treaty.title
    return f'<a href="{esc(treaty.get_absolute_url())}">{esc(name)}</a> <span class="key">{esc(treaty.key)}</span>'
