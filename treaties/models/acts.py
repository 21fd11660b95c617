"""What each participant did with each treaty, and the dates that follow from it."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from treaties import daterules
from treaties.models.choices import (
    CONSENT_KINDS,
    SIGNATURE_KINDS,
    WITHDRAWAL_KINDS,
    ActKind,
    ConditionState,
    DatePrecision,
    Origin,
    Strength,
)
from treaties.models.participants import Participant
from treaties.models.treaty import Treaty


class ActQuerySet(models.QuerySet):
    def consents(self):
        return self.filter(kind__in=CONSENT_KINDS)

    def signatures(self):
        return self.filter(kind__in=SIGNATURE_KINDS)

    def withdrawals(self):
        return self.filter(kind=ActKind.WITHDRAWAL)

    def withdrawal_notices(self):
        """Keep the notices of withdrawal and their revocations."""
        return self.filter(kind__in=WITHDRAWAL_KINDS)

    def effected_by(self, day):
        """Keep the acts effected (instrument received, or signed) on or before `day`."""
        return self.filter(date__lte=day)

    def with_reports(self):
        """Fetch with the acts the notifications that reported them, in their own order, as `act.reported_by`."""
        return self.prefetch_related(reports())


def reports():
    """Return the prefetch of the notifications that reported acts: only their references, all a page shows.

    Whole, each would bring its full text and search document (up to 10 KB
    and 2 KB) to draw one link. Written from the reverse relation: this app
    never imports notifications. Kept as a plain list (`reported_by`, as
    table_sql.acts_with_reports names it): read through `act.notifications`,
    Django built a manager and a filtered queryset for each act, 5 ms of the
    pending page's 32 at 1,000,000 notifications.
    """
    notifications = ParticipationAct._meta.get_field("notifications").related_model
    return models.Prefetch("notifications", queryset=notifications.objects.only("reference"), to_attr="reported_by")


class ParticipationAct(models.Model):
    treaty = models.ForeignKey(Treaty, models.PROTECT, related_name="acts")
    participant = models.ForeignKey(Participant, models.PROTECT, related_name="acts")
    kind = models.CharField(max_length=32, choices=ActKind.choices)
    date = models.DateField(
        "date effected",
        null=True,
        blank=True,
        help_text="When the instrument was received (or signed). Empty only when no source gives it.",
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="For a date known only to the month or year; never pick a day no source gives.",
    )
    strength = models.CharField(
        "strength of the date", max_length=1, choices=Strength.choices, default=Strength.PRIMARY
    )
    effective_date = models.DateField(
        "date it takes effect", null=True, blank=True, help_text="As stated or computed; may be empty."
    )
    effective_strength = models.CharField(
        "strength of the effect date", max_length=1, choices=Strength.choices, blank=True
    )
    reference = models.CharField(
        "notification reference",
        max_length=100,
        blank=True,
        help_text="The depositary notification that reported it, exactly as written, when known.",
    )
    reference_strength = models.CharField(max_length=1, choices=Strength.choices, blank=True)
    took_effect = models.BooleanField(
        "reported to have taken effect", null=True, blank=True, help_text="As sources report it; empty if unknown."
    )
    # For withdrawals: what the treaty's clause needs besides the date received.
    date_specified = models.DateField(
        "later date named in the instrument",
        null=True,
        blank=True,
        help_text="Only where the clause lets the instrument choose a later date (e.g. Rome Statute art. 127(1)).",
    )
    condition_state = models.CharField(
        max_length=16,
        choices=ConditionState.choices,
        default=ConditionState.NOT_ASSESSED,
        help_text="For a withdrawal under a clause with a condition (e.g. the armed-conflict clause).",
    )
    # An editor's decision, kept beside the computed date, never replacing it.
    override_date = models.DateField("override of the date of effect", null=True, blank=True)
    override_reason = models.TextField(blank=True)
    checked_on = models.DateField(
        "sources checked on",
        null=True,
        blank=True,
        help_text="The day the sources were last read for this participant's later acts on this treaty: "
        "its record is taken as complete up to then.",
    )

    note = models.TextField(blank=True)
    sources = models.TextField(blank=True, help_text="One source address a line.")
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)
    synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by generate_synthetic for benchmarks; never real data."
    )

    objects = ActQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "participation act"
        constraints = [
            models.UniqueConstraint(fields=["treaty", "participant", "kind", "date"], name="treaties_act_unique"),
            models.CheckConstraint(
                condition=Q(effective_date__isnull=True) | Q(date__isnull=True) | Q(effective_date__gte=F("date")),
                name="treaties_act_effect_not_before_effected",
            ),
            models.CheckConstraint(
                condition=Q(effective_date__isnull=True) | ~Q(effective_strength=""),
                name="treaties_act_effect_has_strength",
            ),
            models.CheckConstraint(
                condition=Q(override_date__isnull=True) | ~Q(override_reason=""),
                name="treaties_act_override_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(override_date__isnull=True) | Q(date__isnull=True) | Q(override_date__gte=F("date")),
                name="treaties_act_override_not_before_effected",
            ),
        ]
        indexes = [
            # The participation table of one treaty, in date order.
            models.Index(fields=["treaty", "date"], name="treaties_act_treaty_date"),
            # Every act of one participant across treaties (its timeline).
            models.Index(fields=["participant", "date"], name="treaties_act_participant_date"),
            # The pending-withdrawals page (treaties/withdrawal_lists.py): the notices and revocations of the
            # pairs that have a revocation, read among a few thousand rows, not every act.
            models.Index(
                fields=["treaty", "participant", "date"],
                name="treaties_act_withdrawals",
                condition=Q(kind__in=sorted(WITHDRAWAL_KINDS)),
            ),
            # The admin's list of acts: its order (date, then id), and the first and last
            # year of its year filter.
            models.Index(fields=["date", "id"], name="treaties_act_date"),
            # The admin's list of acts of one kind (withdrawals: one act in five hundred), in its order.
            models.Index(fields=["kind", "date", "id"], name="treaties_act_kind_date"),
            # The admin's search of acts by the beginning of a reference (C.N.10004.2024).
            models.Index(fields=["reference"], opclasses=["varchar_pattern_ops"], name="treaties_act_reference"),
        ]

    def __str__(self):
        return f"{self.participant}: {self.get_kind_display()} of {self.treaty.key}, {self.date_display}"

    def save(self, *args, **kwargs):
        # The standing spans of the participant in the treaty are refreshed by
        # receivers in treaties.standing, inside this transaction.
        with transaction.atomic():
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            return super().delete(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.effective_date and self.date and self.effective_date < self.date:
            errors["effective_date"] = "An act cannot take effect before the date it was effected."
        if self.effective_date and not self.effective_strength:
            errors["effective_strength"] = "Say how sure the effect date is (computed, if you worked it out)."
        if self.date and self.date_precision != DatePrecision.DAY and self.date.day != 1:
            errors["date"] = "For a date known only to the month or year, enter the first day of that month."
        if self.override_date and not self.override_reason.strip():
            errors["override_reason"] = "Say why the computed date is overridden: the reason is shown beside it."
        if self.override_date and self.date and self.override_date < self.date:
            errors["override_date"] = "An act cannot take effect before the date it was effected."
        if self.date and self.date_precision == DatePrecision.YEAR and self.date.month != 1:
            errors["date"] = "For a date known only to the year, enter 1 January of that year."
        if errors:
            raise ValidationError(errors)

    @property
    def date_display(self):
        """Return the date effected as precisely as it is known."""
        return daterules.spell_date(self.date, self.date_precision) if self.date else "date unknown"

    def computed_effect(self):
        """Return the date this act takes effect under the treaty's own articles, with the article.

        Only withdrawals and consents have such a date; for other acts, and
        for acts with no exact date, return None.
        """
        if self.date is None or self.date_precision != DatePrecision.DAY:
            return None
        if self.kind == ActKind.WITHDRAWAL:
            return ComputedEffect.for_withdrawal(self)
        if self.kind in CONSENT_KINDS:
            return ComputedEffect.for_consent(self)
        return None

    @property
    def recorded_effect(self):
        """Return the date of effect on record: an editor's override, else the date a source states; or None."""
        return recorded_effect(self.override_date, self.effective_date)

    @property
    def effect_date(self):
        """Return the date of effect to rely on: the one on record, else the one the treaty's article gives."""
        if self.recorded_effect:
            return self.recorded_effect
        computed = self.computed_effect()
        return computed.date if computed else None

    def as_rule_act(self):
        """Return this act as the date rules take it, with its date of effect where one is on record."""
        return daterules.Act(kind=self.kind, date=self.date, effective=self.recorded_effect)


class ComputedEffect:
    """A date computed from a treaty's article, with the article and a sentence explaining it."""

    def __init__(self, date, article, explanation, *, earliest=None, conditional=False, deferred=False):
        self.date = date
        self.earliest = earliest  # deferred by a condition: "not before" this date
        self.article = article
        self.explanation = explanation
        self.conditional = conditional
        self.deferred = deferred

    def __repr__(self):
        return f"<ComputedEffect {self.date} under {self.article}>"

    @classmethod
    def for_withdrawal(cls, act):
        effect = daterules.withdrawal_effect(
            act.treaty.withdrawal_clause(),
            act.date,
            date_specified=act.date_specified,
            condition=daterules.ConditionState(act.condition_state),
        )
        return cls(
            effect.date,
            effect.article,
            effect.explanation,
            earliest=effect.earliest,
            conditional=effect.conditional,
            deferred=effect.deferred,
        )

    @classmethod
    def for_consent(cls, act):
        treaty = act.treaty
        clause = treaty.entry_clause()
        in_force = daterules.consent_in_force(daterules.Act(act.kind, act.date), clause, treaty.entry_into_force)
        if in_force is None:
            return cls(None, clause.article, f"No date of entry into force is computed: {treaty.why_no_entry_date}.")
        if act.kind == ActKind.SUCCESSION:
            explanation = (
                f"Bound by {daterules.spell_date(in_force)} at the latest: the site uses the date "
                "of the notice of succession, as the date of the succession of States is not recorded."
            )
        elif in_force == treaty.entry_into_force:
            explanation = (
                f"The treaty entered into force on {daterules.spell_date(in_force)}, and was in force for it from then."
            )
        else:
            explanation = f"{clause.period.describe().capitalize()} the deposit ({clause.article})."
        return cls(in_force, clause.article, explanation)


def recorded_effect(override_date, effective_date):
    """Return the date of effect on record for an act: an editor's override wins over a date a source states.

    Also for acts read as plain rows (the standing's bulk rebuild).
    """
    return override_date or effective_date or None
