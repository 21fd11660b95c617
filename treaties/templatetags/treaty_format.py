"""Formatting for dates and source strength, the same on every page."""

from functools import cache
from html import escape

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from treaties.chart_svg import party_chart_svg, standing_timeline_svg
from treaties.daterules import spell_date
from treaties.models import ActKind, Strength

register = template.Library()

# Fixed fragments, with no data in them.
NOT_KNOWN = mark_safe('<span class="unknown">not known</span>')
NO_DATED_ACT = mark_safe('<span class="unknown">No dated act</span>')
SUBJECT_TO_A_CONDITION = mark_safe(' <span class="meta">subject to a condition</span>')


@register.filter
def day(value):
    """Format a date as `27 June 2025` (the site's one way, `daterules.spell_date`); empty for no date."""
    return spell_date(value) if value else ""


@register.filter
def iso(value):
    """Format a date as `2025-06-27`; empty for no date."""
    return value.isoformat() if value else ""


@register.simple_tag
@cache
def strength(code):
    """Show a source-strength code with its meaning on hover and for screen readers."""
    # Cached: four codes, each drawn hundreds of times on a treaty's page.
    member = Strength.parse(code)
    if member is None:
        return ""
    return format_html(
        '<abbr class="strength strength-{}" title="{}">{}</abbr>', member.value, member.label, member.value
    )


@register.simple_tag
def shown_of(listed, total_words, shown_words, where_all="The CSV and JSON hold every one."):
    """Say, for a list the page caps, how many it holds in all and which of them are shown; nothing if all are."""
    if not listed.capped:
        return ""
    return format_html(
        '<p class="meta">{} {}; the {} {} are shown here. {}</p>',
        f"{listed.total:,}",
        total_words,
        len(listed),
        shown_words,
        where_all,
    )


@register.simple_tag
def effect(act, computed):
    """Show when an act takes effect: an editor's override, a stated date or the computed one, with its article."""
    parts = [_effect_date(act, computed)]
    if computed and computed.article:
        condition = ", subject to its condition" if computed.conditional and not computed.deferred else ""
        parts.append(format_html('<span class="meta">under {}{}</span>', computed.article, condition))
    return _joined(part for part in parts if part)


def _effect_date(act, computed):
    """Return the date part of `effect`: what is relied on, and any disagreement with the article."""
    if act.override_date:
        gives = format_html("; {} gives {}", computed.article, day(computed.date)) if computed and computed.date else ""
        return format_html(
            '<span class="effect">{}</span> <span class="meta">(editor\'s override: {}{})</span>',
            day(act.override_date),
            act.override_reason,
            gives,
        )
    if act.effective_date:
        stated = format_html(
            '<span class="effect">{}</span> {}', day(act.effective_date), strength(act.effective_strength)
        )
        if computed and computed.date and computed.date != act.effective_date:
            return format_html(
                '{} <span class="warning">but {} gives {}</span>', stated, computed.article, day(computed.date)
            )
        return stated
    if computed and computed.date:
        return format_html('<span class="effect">{}</span> {}', day(computed.date), strength("C"))
    if computed and computed.earliest:
        return format_html(
            '<span class="effect">not before {}</span> <span class="meta">(its condition is in force)</span>',
            day(computed.earliest),
        )
    if computed:
        return format_html('<span class="meta">no date: {}</span>', computed.explanation)
    return ""


def _joined(parts):
    """Join already-escaped fragments with spaces."""
    return format_html_join(" ", "{}", ((part,) for part in parts))


@register.simple_tag
def participation_row(row):
    """Draw one participant's row of a treaty's participation table.

    Drawn in Python with the standard library's escaping, as Django's admin draws
    its change-list rows: a treaty has hundreds of rows, and the template engine
    (or a `format_html` per cell) would take most of the page's time. Every
    value from the data is escaped here or by the cell function that returns it.
    """
    participant = row.participant
    cells = (
        _standing_cell(row),
        _dated(row.signature),
        _dated(row.consent, kind=True),
        _in_force_cell(row.span),
        _dated(row.withdrawal),
        _withdrawal_effect_cell(row),
        _notifications_cell(row),
    )
    return mark_safe(
        f'<tr><th scope="row">{_participant_link(participant)}</th>'
        + "".join(f"<td>{cell}</td>" for cell in cells)
        + "</tr>"
    )


@register.simple_tag
def standing_row(span, as_of):
    """Draw one treaty's row of a participant's standings on `as_of`, in Python: a template per row cost a
    participant in 300 treaties about a third of its page."""
    treaty = span.treaty
    revoked = (
        format_html(' <span class="meta">(withdrawal revoked {})</span>', day(span.revoked_withdrawal_on))
        if span.revoked_withdrawal_on
        else ""
    )
    if span.in_force_from:
        in_force = day(span.in_force_from)
    else:
        in_force = NOT_KNOWN if span.in_force_unknown else ""
    if span.read_on != as_of:
        read_on = format_html('{} <span class="meta">as recorded; later acts not recorded</span>', day(span.read_on))
    else:
        read_on = day(as_of)
    return format_html(
        '<tr>\n      <th scope="row"><a href="{}">{}</a> <span class="key">{}</span></th>'
        "\n      <td>{}{}</td>\n      <td>{} {}</td>\n      <td>{}</td>"
        "\n      <td>{}</td>\n      <td>{}</td>\n    </tr>",
        treaty.get_absolute_url(),
        treaty.short_title or treaty.title,
        treaty.key,
        span.standing_label,
        revoked,
        day(span.since or span.start),
        strength(span.strength),
        in_force,
        _withdrawal_due_cell(span),
        read_on,
    )


def _withdrawal_due_cell(span):
    if span.withdrawal_due:
        condition = SUBJECT_TO_A_CONDITION if span.withdrawal_conditional else ""
        return format_html("{}{}", day(span.withdrawal_due), condition)
    return "deferred by a condition" if span.withdrawal_notified else ""


def _participant_link(participant):
    """A link to a participant's page, its name as the text (escaped, for the rows drawn in Python)."""
    return f'<a href="{escape(participant.get_absolute_url())}">{escape(participant.name)}</a>'


def _treaty_link(treaty):
    """A link to a treaty's page, its short title (else its title) as the text."""
    return f'<a href="{escape(treaty.get_absolute_url())}">{escape(treaty.short_title or treaty.title)}</a>'


def _recorded_on(read_on):
    """Say that a withdrawal is pending as read on an earlier horizon, after which nothing is recorded."""
    return f' <span class="meta">pending as recorded on {day(read_on)}; later acts not recorded</span>'


def _notification_link(notification):
    """A link to a notification's page, its reference as the text (escaped, for the rows drawn in Python)."""
    return f'<a href="{escape(notification.get_absolute_url())}">{escape(notification.reference)}</a>'


@register.simple_tag
def timeline_row(act):
    """Draw one act of a participant's timeline, in Python for the reason `participation_row` gives."""
    treaty = act.treaty
    effect = act.effect_date
    notifications = "".join(f" · {_notification_link(notification)}" for notification in act.reported_by)
    return mark_safe(
        f'<li><time datetime="{iso(act.date)}">{escape(act.date_display)}</time> {strength(act.strength)}'
        f" — {escape(ActKind(act.kind).label)},"
        f" {_treaty_link(treaty)}" + (f"; takes effect {day(effect)}" if effect else "") + notifications + "</li>"
    )


def _standing_cell(row):
    span = row.span
    if span is None:
        parts = [NO_DATED_ACT]
    else:
        parts = [escape(span.standing_label)]
        if span.revoked_withdrawal_on:
            parts.append(f'<span class="meta">(withdrawal revoked {day(span.revoked_withdrawal_on)})</span>')
    parts.extend(
        f'<span class="meta">(suspension notified {escape(act.date_display)}, not a withdrawal)</span>'
        for act in row.other_acts
        if act.kind == "suspension"
    )
    return " ".join(parts)


def _dated(act, kind=False):
    """Show an act's date as precisely as it is known, with its kind if asked, and how sure it is."""
    if act is None:
        return ""
    label = f' <span class="meta">{escape(ActKind(act.kind).label)}</span>' if kind else ""
    return f"{escape(act.date_display)}{label} {strength(act.strength)}"


def _in_force_cell(span):
    if span is None:
        return ""
    if span.in_force_from:
        computed = span.start_computed and span.in_force_from == span.start
        return day(span.in_force_from) + (f" {strength('C')}" if computed else "")
    if span.in_force_unknown:
        return NOT_KNOWN
    return ""


def _withdrawal_effect_cell(row):
    if row.revocation:
        return format_html('<span class="meta">revoked {}: no effect</span>', row.revocation.date_display)
    if row.withdrawal:
        return effect(row.withdrawal, row.withdrawal_effect)
    return ""


def _notifications_cell(row):
    if not row.notifications and not row.unlinked_references:
        return ""
    links = [_notification_link(notification) for notification in row.notifications]
    links.extend(f'<span class="meta">{escape(reference)}</span>' for reference in row.unlinked_references)
    return " ".join(links)


@register.simple_tag
def party_chart(layout, summary):
    """Draw one layout of the participation curve (treaties.chart_svg, which escapes every text)."""
    return mark_safe(party_chart_svg(layout, summary))


@register.simple_tag
def standing_timeline(timeline, participant, as_of, chart, total):
    """Draw one layout of a participant's standing timeline (`chart`: what `charts.standing_timelines` gives)."""
    return mark_safe(
        standing_timeline_svg(
            timeline, whose=participant.name, day=as_of, first=chart["first"], shown=chart["shown"], total=total
        )
    )


@register.simple_tag
def curve_table_rows(curve):
    """Draw the rows of the table that repeats a participation curve (hundreds of points).

    A date and a count need no escaping: joined as they are, with no `format_html` a row.
    """
    return mark_safe("".join(f'<tr><td>{day(d)}</td><td class="num">{int(n)}</td></tr>' for d, n in curve))


@register.simple_tag
def parties(counts):
    """Show the number of parties, or the range it lies in when some entries into force are unknown."""
    if counts.parties_known:
        return counts.parties
    return format_html(
        '<span class="unknown">unknown</span> <span class="meta">at least {}, at most {}</span>',
        counts.parties,
        counts.parties_most,
    )


@register.simple_tag
def treaty_row(entry, as_of=""):
    """Draw one treaty's row of the treaty list, with its counts on the day its record is read on.

    In Python, for the reason `participation_row` gives: a `format_html` a row,
    escaping ten values each, took a fifth of the list's time.
    """
    treaty, counts = entry["treaty"], entry["counts"]
    link = treaty.get_absolute_url() + (f"?as_of={as_of}" if as_of else "")
    heading = (
        f'<tr><td class="key">{escape(treaty.key)}</td>'
        f'<th scope="row"><a href="{escape(link)}">{escape(treaty.short_title or treaty.title)}</a></th>'
    )
    if counts is None:
        return mark_safe(
            heading + '<td colspan="6">Participation table not recorded: only some acts are on record.</td></tr>'
        )
    # Counts are whole numbers, and the date is spelled from a date: neither needs escaping.
    numbers = (counts.signatories, counts.contracting_states, parties(counts), counts.un_count, entry["pending"])
    return mark_safe(
        heading
        + f"<td>{day(treaty.horizon) if treaty.horizon else 'kept up to date'}</td>"
        + "".join(f'<td class="num">{number}</td>' for number in numbers)
        + "</tr>"
    )


@register.simple_tag(takes_context=True)
def sortable_header(context, label, ascending, descending=None):
    """Draw a table's column header as a link that orders the table by it, saying which order is shown.

    A click on the column shown in one order asks for the other, where it has one;
    the page goes back to the first, since the rows move.
    """
    shown = context["table_order"]
    if shown == ascending:
        direction, wanted = "ascending", descending or ascending
    elif descending and shown == descending:
        direction, wanted = "descending", ascending
    else:
        direction, wanted = None, ascending
    query = context["request"].GET.copy()
    query["sort"] = wanted
    query.pop("page", None)
    arrow = {"ascending": " ▲", "descending": " ▼"}.get(direction, "")
    return format_html(
        '<th scope="col"{}><a href="?{}">{}<span aria-hidden="true">{}</span></a></th>',
        format_html(' aria-sort="{}"', direction) if direction else "",
        query.urlencode(),
        label,
        arrow,
    )


@register.filter
def thousands(value):
    """Format a whole number with commas between thousands: `10,000`."""
    return f"{value:,}"


# --- The pending-withdrawals page's rows: three tables of up to fifty rows, drawn in Python as the others --------


def _who(act):
    """The participant and treaty cells of a withdrawal's row."""
    return f'<th scope="row">{_participant_link(act.participant)}</th>\n      <td>{_treaty_link(act.treaty)}</td>'


def _received(act, *, notifications=False):
    """An act's date and strength, and the notifications that reported it where asked."""
    links = "".join(f" {_notification_link(notification)}" for notification in act.reported_by) if notifications else ""
    return f"{escape(act.date_display)} {strength(act.strength)}{links}"


@register.simple_tag
def pending_withdrawal_row(entry, as_of):
    """Draw a pending withdrawal: who, when received, when it takes effect, the days left, and any condition."""
    act = entry.act
    takes_effect = effect(act, entry.effect)
    if entry.read_on != as_of:
        # Read on an earlier horizon: what happened since is not recorded, nor how many days are left.
        takes_effect += _recorded_on(entry.read_on)
        days_left = '<span class="meta">not known</span>'
    else:
        days_left = "—" if entry.days_left is None else str(entry.days_left)
    condition = escape(act.get_condition_state_display()) if act.treaty.withdrawal_condition else "none in the treaty"
    return mark_safe(
        f"<tr>\n      {_who(act)}\n      <td>{_received(act, notifications=True)}</td>\n"
        f'      <td>{takes_effect}</td>\n      <td class="num">{days_left}</td>\n'
        f"      <td>{condition}</td>\n    </tr>"
    )


@register.simple_tag
def revoked_withdrawal_row(entry):
    """Draw a revoked withdrawal: who, when the notice was received, and when and where it was revoked."""
    return mark_safe(
        f"<tr>\n      {_who(entry.act)}\n      <td>{_received(entry.act)}</td>\n"
        f"      <td>{_received(entry.revocation, notifications=True)}"
        ' <span class="meta">the withdrawal never took effect</span></td>\n    </tr>'
    )


@register.simple_tag
def withdrawal_taken_effect_row(entry):
    """Draw a withdrawal that took effect: who, when the notice was received, and when it took effect."""
    span = entry.span
    return mark_safe(
        f"<tr>\n      {_who(entry.act)}\n      <td>{_received(entry.act)}</td>\n"
        f"      <td>{day(span.start)} {strength(span.strength)}</td>\n    </tr>"
    )


# --- The home page's lists: a short list each, drawn in Python as the tables are --------------------------------


@register.simple_tag
def pending_withdrawal_item(entry, today):
    """Draw a pending withdrawal as the home page lists it: who, from which treaty, received when, effective when."""
    act = entry.act
    note = _recorded_on(entry.read_on) if entry.read_on != today else ""
    return mark_safe(
        f"<li>{_participant_link(act.participant)} from the {_treaty_link(act.treaty)}: "
        f"notified {escape(act.date_display)} {strength(act.strength)}, takes effect {effect(act, entry.effect)}"
        f"{note}</li>"
    )


@register.simple_tag
def treaty_item(treaty):
    """Draw a treaty as a list item: its key and name, linked to its page."""
    return mark_safe(
        f'<li><a href="{escape(treaty.get_absolute_url())}"><span class="key">{escape(treaty.key)}</span> '
        f"{escape(treaty.short_title or treaty.title)}</a></li>"
    )
