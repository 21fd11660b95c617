"""Turn notification files into records: read, find what they name, compare with what is stored, save.

The management command and the admin page go through the same steps:

- `read_source()` turns a file's bytes (or pasted text) into a Draft, the
  notification's parts as an editor would type them, or refuses it;
- `plan()` finds the treaty, the participant, the stored notification and act,
  and says what saving the draft would create or fill in, what it disagrees
  with (a conflict: nothing is written), and what an editor should check;
- `save()` writes one plan in one transaction: the notification, its quoted
  passages, its citations and the act it reports, or nothing. Saving the act
  refreshes the participant's standing in the same transaction (treaties.standing).
"""

import difflib
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from notifications.documents import UnreadableDocument, document_text
from notifications.models import (
    DepositaryNotification,
    NotificationReference,
    QuotedPassage,
    reference_key_expression,
)
from notifications.parser import Citation, NotificationFormatError, parse
from notifications.references import reference_key
from treaties import mtdsg
from treaties.daterules import spell_date
from treaties.models import ActKind, DatePrecision, Participant, ParticipantName, ParticipationAct, Strength, Treaty

CREATE, UPDATE, UNCHANGED, REFUSED = "create", "update", "unchanged", "refused"
CHANGE_REASON = "Imported from a depositary notification"
# The notification's fields an import writes, in the order the editor reads them.
NOTIFICATION_FIELDS = ["heading", "date_effected", "date_issued", "original_language", "text"]


class Refused(Exception):
    """A source or draft that cannot be saved; the message says why, and where."""


@dataclass
class Draft:
    """A notification's parts, as parsed or as an editor corrected them."""

    source: str  # the file's name, or "pasted text"
    reference: str
    treaty_key: str = ""  # "XXVI.5", from the reference; else the treaty is found by its title
    treaty_title: str = ""
    adoption_place: str = ""
    adoption_date: date | None = None
    participant: str = ""  # as printed: "LITHUANIA"
    kind: str = ""
    heading: str = ""
    date_effected: date | None = None
    date_issued: date | None = None
    original_language: str = ""
    text: str = ""
    passages: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    effect_date: date | None = None
    effect_article: str = ""
    effect_conditional: bool = False
    effect_quoted: str = ""
    doubts: list[str] = field(default_factory=list)  # the parser's, each naming its line
    lines: dict = field(default_factory=dict)

    @property
    def key(self):
        return reference_key(self.reference)

    def where(self, part):
        """Return "line N: " for a part of the text, or "" once an editor has typed it."""
        line = self.lines.get(part)
        return f"line {line}: " if line else ""


def read_source(name, data=None, text=None):
    """Return the Draft in a file's bytes or in pasted text; raise Refused naming the line."""
    try:
        text = document_text(data) if text is None else text
        parsed = parse(text)
    except (UnreadableDocument, NotificationFormatError) as error:
        raise Refused(str(error)) from error
    effect = parsed.stated_effect
    return Draft(
        source=name,
        reference=parsed.reference,
        treaty_key=parsed.treaty_key or "",
        treaty_title=parsed.title,
        adoption_place=parsed.adoption_place,
        adoption_date=parsed.adoption_date,
        participant=parsed.participant,
        kind=parsed.kind,
        heading=parsed.heading,
        date_effected=parsed.date_effected,
        date_issued=parsed.date_issued,
        original_language=parsed.original_language,
        text=parsed.text,
        passages=list(parsed.passages),
        citations=list(parsed.citations),
        effect_date=effect.date if effect else None,
        effect_article=effect.article if effect else "",
        effect_conditional=effect.conditional if effect else False,
        effect_quoted=effect.quoted if effect else "",
        doubts=[str(doubt) for doubt in parsed.doubts],
        lines=parsed.lines,
    )


@dataclass
class Plan:
    """What saving one draft would do, or why it cannot be saved."""

    draft: Draft
    treaty: Treaty | None = None
    participant: Participant | None = None
    stored: DepositaryNotification | None = None
    act: ParticipationAct | None = None  # the stored act the notification reports
    refusals: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # what was compared and agrees
    changes: list[str] = field(default_factory=list)  # what saving would write, in words
    # What save() writes: field values for the notification and the act, and new rows.
    notification_values: dict = field(default_factory=dict)
    act_values: dict = field(default_factory=dict)
    new_passages: list[str] = field(default_factory=list)
    new_citations: list[Citation] = field(default_factory=list)
    link_act: bool = False

    @property
    def status(self):
        if self.refusals:
            return REFUSED
        if self.stored is None:
            return CREATE
        return UPDATE if self.changes else UNCHANGED


class Lookup:
    """The stored records a batch of drafts names, read in a fixed number of queries, whatever the batch."""

    def __init__(self, drafts):
        self.treaties = self._treaties(drafts)
        self.participant_ids = self._participant_ids()
        self.participants = Participant.objects.in_bulk(
            {self.participant_ids.get(_name_key(draft.participant)) for draft in drafts} - {None}
        )
        self.notifications = self._notifications(drafts)
        self.acts = self._acts(drafts)

    def treaty_for(self, draft):
        """Return the treaty the reference names, else the one with the printed title, or None."""
        if draft.treaty_key:
            return next((treaty for treaty in self.treaties if treaty.key == draft.treaty_key), None)
        title = _name_key(draft.treaty_title)
        return next((treaty for treaty in self.treaties if _name_key(treaty.title) == title), None)

    def participant_for(self, name):
        return self.participants.get(self.participant_ids.get(_name_key(name)))

    def suggestion_for(self, name):
        """Return the stored name closest to a name no participant has, or None."""
        close = difflib.get_close_matches(_name_key(name), list(self.participant_ids), n=1, cutoff=0.75)
        return close[0] if close else None

    def acts_for(self, treaty, participant, kind, day, key):
        """Return the stored act with these natural keys, and the other acts that cite the reference."""
        same = None
        others = []
        for act in self.acts:
            if (act.treaty_id, act.participant_id, act.kind, act.date) == (treaty.pk, participant.pk, kind, day):
                same = act
            elif act.reference and reference_key(act.reference) == key:
                others.append(act)
        return same, others

    def _treaties(self, drafts):
        wanted = Q(pk__in=[])
        for draft in drafts:
            if draft.treaty_key:
                chapter, number = mtdsg.split_key(draft.treaty_key)
                wanted |= Q(chapter=chapter, number=number)
            elif draft.treaty_title:
                wanted |= Q(title__iexact=" ".join(draft.treaty_title.split()))
        return list(Treaty.objects.filter(wanted))

    def _participant_ids(self):
        """Return every participant's names, current and other, in the form they are compared in."""
        ids = {_name_key(name): pk for pk, name in ParticipantName.objects.values_list("participant_id", "name")}
        # A current name wins over another participant's former one.
        ids.update({_name_key(name): pk for pk, name in Participant.objects.values_list("pk", "name")})
        return ids

    def _notifications(self, drafts):
        stored = (
            DepositaryNotification.objects.annotate(key=reference_key_expression())
            .filter(key__in={draft.key for draft in drafts})
            .select_related("treaty", "participant")
            .prefetch_related("passages", "outgoing_references", "acts")
        )
        return {notification.key: notification for notification in stored}

    def _acts(self, drafts):
        wanted = Q(pk__in=[])
        for draft in drafts:
            treaty, participant = self.treaty_for(draft), self.participant_for(draft.participant)
            if treaty and participant and draft.kind and draft.date_effected:
                wanted |= Q(treaty=treaty, participant=participant, kind=draft.kind, date=draft.date_effected)
            wanted |= Q(reference_key__in=[draft.key])
        acts = ParticipationAct.objects.annotate(reference_key=reference_key_expression())
        return list(acts.filter(wanted).select_related("treaty", "participant"))


def plan_all(drafts):
    """Return the plan of each draft, reading the stored records once for all of them."""
    lookup = Lookup(drafts)
    plans = []
    seen = {}
    for draft in drafts:
        plan = plan_draft(draft, lookup)
        if draft.key in seen:
            plan.refusals.append(f"{draft.reference} is also in {seen[draft.key]}: import it once")
        seen.setdefault(draft.key, draft.source)
        plans.append(plan)
    return plans


def plan_draft(draft, lookup):
    """Return what saving one draft would do, given the stored records."""
    plan = Plan(draft=draft, doubts=list(draft.doubts), stored=lookup.notifications.get(draft.key))
    _find_treaty(plan, lookup)
    _find_participant(plan, lookup)
    _refuse_synthetic(plan)
    if plan.refusals:
        return plan
    _compare_effect(plan)
    _plan_act(plan, lookup)
    _plan_notification(plan)
    return plan


def _find_treaty(plan, lookup):
    draft = plan.draft
    plan.treaty = lookup.treaty_for(draft)
    if plan.treaty is None:
        named = f"treaty {draft.treaty_key}" if draft.treaty_key else f"treaty titled “{draft.treaty_title}”"
        plan.refusals.append(f"{draft.where('reference')}no {named} is stored; add the treaty first")
        return
    if draft.treaty_title and _name_key(draft.treaty_title) != _name_key(plan.treaty.title):
        plan.doubts.append(
            f"{draft.where('title')}the title printed, “{draft.treaty_title}”, is not the stored title of "
            f"{plan.treaty.key}, “{plan.treaty.title}”"
        )
    if draft.adoption_date and plan.treaty.adoption_date and draft.adoption_date != plan.treaty.adoption_date:
        plan.doubts.append(
            f"{draft.where('adoption')}adopted on {spell_date(draft.adoption_date)} here, "
            f"on {spell_date(plan.treaty.adoption_date)} in the treaty's record"
        )


def _find_participant(plan, lookup):
    draft = plan.draft
    if draft.kind and not draft.participant:
        plan.refusals.append(f"{draft.where('heading')}the heading names an act but no participant")
        return
    if not draft.participant:
        return
    plan.participant = lookup.participant_for(draft.participant)
    if plan.participant is None:
        close = lookup.suggestion_for(draft.participant)
        hint = f"; is it “{close}”? Add “{draft.participant}” as its other name" if close else "; add it first"
        plan.refusals.append(
            f"{draft.where('heading')}no participant is named “{draft.participant}”, nor has it as another name{hint}"
        )


def _refuse_synthetic(plan):
    """Refuse to write a real notification onto records made by generate_synthetic for benchmarks."""
    for record in (plan.treaty, plan.participant, plan.stored):
        if record is not None and record.synthetic:
            plan.refusals.append(
                f"{record} is a synthetic record (made by generate_synthetic): real data is never written onto it"
            )


def _reported_act(plan):
    """Return an unsaved act with the draft's facts, to compute its date of effect as the site does."""
    draft = plan.draft
    return ParticipationAct(treaty=plan.treaty, participant=plan.participant, kind=draft.kind, date=draft.date_effected)


def _compare_effect(plan):
    """Compare the date of effect the depositary states with the one the site computes; never keep quiet."""
    draft = plan.draft
    if draft.effect_date is None:
        return
    where = draft.where("stated_effect")
    stated = f"{spell_date(draft.effect_date)}" + (
        f" under {draft.effect_article}" if draft.effect_article else ""
    )
    if not (draft.kind and plan.participant and draft.date_effected):
        _compare_treaty_entry_into_force(plan, stated, where)
        return
    computed = _reported_act(plan).computed_effect()
    if computed is None or computed.date is None:
        label = ActKind(draft.kind).label.lower()
        why = computed.explanation if computed else f"the site computes no date of effect for a {label}"
        plan.doubts.append(f"{where}the depositary states {stated}; {why.rstrip('.')}. The stated date is kept.")
        return
    found = f"{spell_date(computed.date)} under {computed.article or 'no article recorded'}"
    if computed.date != draft.effect_date or _article_key(computed.article) != _article_key(draft.effect_article):
        plan.doubts.append(
            f"{where}DISAGREEMENT: the depositary states {stated}; the site computes {found} "
            f"({computed.explanation}). The depositary's date is stored; check the treaty's clause and the dates."
        )
    else:
        plan.checks.append(f"the depositary's date of effect, {stated}, agrees with the site's: {computed.explanation}")
    if draft.effect_conditional and not computed.conditional:
        plan.doubts.append(f"{where}the depositary states a condition that the treaty's record does not have")
    _compare_quoted_article(plan, where)


def _compare_treaty_entry_into_force(plan, stated, where):
    recorded = plan.treaty.entry_into_force
    if recorded and recorded != plan.draft.effect_date:
        plan.doubts.append(
            f"{where}DISAGREEMENT: the depositary states {stated}; the treaty's record has "
            f"{spell_date(recorded)} for its entry into force"
        )


def _compare_quoted_article(plan, where):
    """Compare the article the notification quotes with the text the treaty's record keeps."""
    draft, treaty = plan.draft, plan.treaty
    if not draft.effect_quoted:
        return
    withdrawal = draft.kind == ActKind.WITHDRAWAL
    recorded = treaty.withdrawal_text if withdrawal else treaty.entry_into_force_text
    article = (treaty.withdrawal_article if withdrawal else treaty.entry_into_force_article) or draft.effect_article
    if not recorded:
        plan.doubts.append(f"{where}the treaty's record has no text for {article}; the notification quotes it")
    elif " ".join(recorded.split()) != " ".join(draft.effect_quoted.split()):
        plan.doubts.append(f"{where}the text of {article} quoted here differs from the one in the treaty's record")


def _plan_act(plan, lookup):
    """Plan the act the notification reports: create it, fill in what the stored one lacks, or refuse."""
    draft = plan.draft
    if not draft.kind or plan.participant is None:
        return
    if draft.date_effected is None:
        plan.refusals.append("no date the action was effected: the act it reports cannot be dated")
        return
    act, others = lookup.acts_for(plan.treaty, plan.participant, draft.kind, draft.date_effected, draft.key)
    for other in others:
        plan.refusals.append(
            f"act: the stored {other.get_kind_display().lower()} of {other.date_display} cites "
            f"{draft.reference}, which reports a {ActKind(draft.kind).label.lower()} of "
            f"{spell_date(draft.date_effected)}"
        )
    described = f"{ActKind(draft.kind).label.lower()} of {spell_date(draft.date_effected)}"
    if act is None:
        plan.act_values = _new_act_values(draft)
        plan.changes.append(f"create the act: {described}{_effect_words(draft)}")
        plan.link_act = True
        return
    plan.act = act
    fills = {"effective_date": draft.effect_date, "reference": draft.reference}
    for name, stored, value in _gaps_and_conflicts(act, fills):
        label = _label(ParticipationAct, name)
        if stored in (None, ""):
            plan.act_values[name] = value
            plan.act_values.update(_strength_of(name))
            plan.changes.append(f"fill in the stored act's {label}: {_shown(value)}")
        else:
            plan.refusals.append(
                f"act {described}: {label} is {_shown(stored)} in the database and {_shown(value)} in the notification"
            )
    plan.link_act = plan.stored is None or act not in plan.stored.acts.all()
    if plan.link_act:
        plan.changes.append(f"link the stored act: {described}")


def _new_act_values(draft):
    values = {
        "date_precision": DatePrecision.DAY,
        "strength": Strength.PRIMARY,
        "reference": draft.reference,
        "reference_strength": Strength.PRIMARY,
    }
    if draft.effect_date:
        values.update(effective_date=draft.effect_date, effective_strength=Strength.PRIMARY)
    return values


def _strength_of(name):
    """Return the strength that goes with a fact read from the notification itself: primary."""
    return {f"{name.removesuffix('_date')}_strength": Strength.PRIMARY}


def _effect_words(draft):
    if not draft.effect_date:
        return ""
    return f", taking effect on {spell_date(draft.effect_date)} (stated)"


def _plan_notification(plan):
    """Plan the notification: every field for a new one; for a stored one, fill gaps and refuse conflicts."""
    draft = plan.draft
    values = {
        "treaty": plan.treaty,
        "participant": plan.participant,
        "kind": draft.kind,
        **{name: getattr(draft, name) for name in NOTIFICATION_FIELDS},
    }
    stored = plan.stored
    if stored is None:
        plan.notification_values = values
        plan.new_passages = list(draft.passages)
        plan.new_citations = list(draft.citations)
        plan.changes.insert(0, f"create the notification {draft.reference}")
        return
    for name, current, value in _gaps_and_conflicts(stored, values):
        label = _label(DepositaryNotification, name)
        if current in (None, ""):
            plan.notification_values[name] = value
            plan.changes.append(f"fill in {label}: {_shown(value)}")
        else:
            plan.refusals.append(f"{label}: {_shown(current)} in the database, {_shown(value)} in the notification")
    _plan_passages(plan, [passage.text for passage in stored.passages.all()])
    _plan_citations(plan, {reference_key(c.reference): c for c in stored.outgoing_references.all()})


def _plan_passages(plan, stored):
    passages = plan.draft.passages
    if not stored:
        plan.new_passages = list(passages)
        plan.changes.extend(f"add quoted passage {order}" for order, _ in enumerate(passages, start=1))
        return
    if stored == passages:
        return
    if len(stored) != len(passages):
        plan.refusals.append(f"quoted passages: {len(stored)} in the database, {len(passages)} in the notification")
        return
    for order, (old, new) in enumerate(zip(stored, passages, strict=True), start=1):
        if old != new:
            plan.refusals.append(f"quoted passage {order}: “{shortened(old)}” in the database, “{shortened(new)}” here")


def _plan_citations(plan, stored):
    for citation in plan.draft.citations:
        existing = stored.get(reference_key(citation.reference))
        if existing is None:
            plan.new_citations.append(citation)
            plan.changes.append(f"add the citation of {citation.reference}")
        elif existing.context and citation.context and existing.context != citation.context:
            plan.refusals.append(
                f"citation of {citation.reference}: “{existing.context}” in the database, “{citation.context}” here"
            )


def save(plan, reason=CHANGE_REASON):
    """Write one plan in one transaction and return the notification; raise Refused and write nothing if refused."""
    if plan.refusals:
        raise Refused("; ".join(plan.refusals))
    draft = plan.draft
    try:
        with transaction.atomic():
            notification = plan.stored or DepositaryNotification(reference=draft.reference)
            _write(notification, plan.notification_values, reason)
            act = plan.act
            if plan.act_values:
                act = act or ParticipationAct(
                    treaty=plan.treaty, participant=plan.participant, kind=draft.kind, date=draft.date_effected
                )
                _write(act, plan.act_values, reason)
            if plan.link_act:
                notification.acts.add(act)
            first = notification.passages.count() + 1
            for order, text in enumerate(plan.new_passages, start=first):
                _write(QuotedPassage(notification=notification, order=order), {"text": text}, reason)
            for citation in plan.new_citations:
                cited = NotificationReference(source=notification, reference=citation.reference)
                _write(cited, {"context": citation.context}, reason)
    except ValidationError as error:
        raise Refused(_described(error)) from error
    except IntegrityError as error:
        raise Refused(f"the database refused it ({error})") from error
    return notification


def _write(record, values, reason):
    """Validate and save one record with its edit-history reason."""
    for name, value in values.items():
        setattr(record, name, value)
    record.full_clean()
    record._change_reason = reason
    record.save()


def rehearse(plan):
    """Save a plan and undo it: the database's own checks, for a dry run, without writing anything."""
    with transaction.atomic():
        save(plan)
        transaction.set_rollback(True)


def _described(error):
    if not hasattr(error, "message_dict"):
        return " ".join(error.messages)
    return "; ".join(
        " ".join(messages) if name == "__all__" else f"{name}: {' '.join(messages)}"
        for name, messages in error.message_dict.items()
    )


def _name_key(name):
    """Return a name in the form names are compared in: any case, curly or straight apostrophe, spaces collapsed."""
    return " ".join(name.replace("’", "'").split()).casefold()


def _article_key(article):
    return "".join(article.split()).casefold()


def _gaps_and_conflicts(record, values):
    """Yield (name, stored, value) where the record lacks a value the notification gives, or holds another.

    A stored record is only ever filled in: a value it holds is never overwritten,
    and one that differs refuses the import.
    """
    for name, value in values.items():
        stored = getattr(record, name)
        if value not in (None, "") and (stored in (None, "") or _differs(name, stored, value)):
            yield name, stored, value


def _differs(name, stored, value):
    if name == "text":
        return " ".join(stored.split()) != " ".join(value.split())  # layout aside, the same words
    if name == "reference":
        return reference_key(stored) != reference_key(value)
    return stored != value


def _label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def _shown(value):
    if isinstance(value, date):
        return spell_date(value)
    if isinstance(value, str):
        return f"“{shortened(value)}”"
    return str(value)


def shortened(text, length=80):
    """Return text on one line, cut with an ellipsis past `length` characters."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
