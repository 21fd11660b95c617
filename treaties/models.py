"""Treaties, participants and what each participant did with each treaty."""

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from treaties import countries, daterules

roman_numeral = RegexValidator(
    r"^(X{0,3})(IX|IV|V?I{0,3})$",
    "Write the MTDSG chapter as a Roman numeral, e.g. XXVI.",
)
treaty_number = RegexValidator(
    # Chapter XI is divided into sections: XI.A.5 is number "A.5".
    r"^([A-D]\.)?\d+(\.[0-9a-z]+)*$",
    "Write the treaty number as in the MTDSG, with its parts after dots, e.g. 5, 7.d or A.5.",
)


class ParsableChoices(models.TextChoices):
    """Text choices that turn outside input into a member, or None when it is not one."""

    @classmethod
    def parse(cls, value):
        """Return the member for a stored value, or None for anything else."""
        try:
            return cls(value)
        except ValueError:
            return None


class Strength(ParsableChoices):
    """How sure a fact is, by the kind of source it was seen in."""

    PRIMARY = "P", "Primary source"
    SECONDARY = "S", "Secondary source"
    THIRD_PARTY = "T", "Third-party derived"
    COMPUTED = "C", "Computed from the treaty"


class PeriodUnit(ParsableChoices):
    DAYS = "days", "days"
    MONTHS = "months", "months"
    YEARS = "years", "years"


class Snap(ParsableChoices):
    NONE = "none", "on the date the period ends"
    MONTH_START = "month_start", "on the first day of the month the period ends in"
    NEXT_MONTH_START = "next_month_start", "on the first day of the month after the period ends"


class DatePrecision(ParsableChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"


class ActKind(ParsableChoices):
    SIGNATURE = "signature", "Signature"
    SIGNATURE_SUCCESSION = "signature_succession", "Succession to signature"
    SIGNATURE_AD_REFERENDUM = "signature_ad_referendum", "Signature ad referendum"
    SIGNATURE_CONFIRMATION = "signature_confirmation", "Confirmation of a signature ad referendum"
    DEFINITIVE_SIGNATURE = "definitive_signature", "Definitive signature"
    RATIFICATION = "ratification", "Ratification"
    ACCEPTANCE = "acceptance", "Acceptance"
    APPROVAL = "approval", "Approval"
    ACCESSION = "accession", "Accession"
    SUCCESSION = "succession", "Succession"
    FORMAL_CONFIRMATION = "formal_confirmation", "Formal confirmation"
    CONSENT_TO_BE_BOUND = "consent_to_be_bound", "Consent to be bound"
    PARTICIPATION = "participation", "Participation"
    SIMPLIFIED_PROCEDURE = "simplified_procedure", "Consent by simplified procedure"
    PROVISIONAL_APPLICATION = "provisional_application", "Provisional application"
    PROVISIONAL_ACCEPTANCE = "provisional_acceptance", "Provisional acceptance"
    # E.g. a notification under section 43 of the Specialized Agencies
    # privileges convention that it applies to one more agency.
    APPLICATION = "application", "Application"
    NOTIFICATION = "notification", "Notification"
    RESERVATION = "reservation", "Reservation"
    DECLARATION = "declaration", "Declaration"
    OBJECTION = "objection", "Objection"
    RESERVATION_WITHDRAWAL = "reservation_withdrawal", "Withdrawal of a reservation"
    TERRITORIAL_APPLICATION = "territorial_application", "Territorial application"
    WITHDRAWAL = "withdrawal", "Withdrawal or denunciation"
    WITHDRAWAL_REVOCATION = "withdrawal_revocation", "Revocation of a withdrawal"
    CONSENT_REVOCATION = "consent_revocation", "Revocation of consent to be bound"
    # Recorded without treating it as a withdrawal: e.g. Ukraine's 2025 notice
    # to the Mine Ban Convention's depositary under VCLT art. 62.
    SUSPENSION = "suspension", "Suspension of operation"
    OTHER = "other", "Other communication"


# The kind sets live with the date rules, which decide what counts as signing
# or consenting; here they are the same values as ActKind members.
SIGNATURE_KINDS = frozenset(ActKind(kind) for kind in daterules.SIGNATURE_KINDS)
CONSENT_KINDS = frozenset(ActKind(kind) for kind in daterules.CONSENT_KINDS)


class Origin(ParsableChoices):
    """Where a record came from, so a re-import never overwrites another source's facts."""

    EDITOR = "editor", "Entered by an editor"
    CURATED = "curated", "Curated data shipped with the site"
    UNTC_2015 = "untc-2015", "UN Treaty Collection status page, captured 14 March 2015"


class ConditionState(ParsableChoices):
    """Whether a condition that may defer a withdrawal holds (e.g. Mine Ban art. 20(3))."""

    NOT_ASSESSED = "not_assessed", "Not assessed"
    IN_FORCE = "in_force", "In force: the withdrawal is deferred"
    LIFTED = "lifted", "Lifted: the withdrawal takes effect on its date"


class Participant(models.Model):
    name = models.CharField(max_length=200, unique=True, help_text="The name as the depositary writes it today.")
    slug = models.SlugField(max_length=200, unique=True)
    iso3 = models.CharField(
        "ISO 3166-1 alpha-3",
        max_length=3,
        blank=True,
        help_text="Filled from the ISO 3166 list when left empty; empty for organisations.",
    )
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso3="") | Q(iso3__regex=r"^[A-Z]{3}$"),
                name="treaties_participant_iso3_shape",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.iso3:
            self.iso3 = countries.iso3_for(self.name) or ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("treaties:participant", args=[self.slug])

    def clean(self):
        if self.iso3 and pycountry.countries.get(alpha_3=self.iso3) is None:
            raise ValidationError({"iso3": f"{self.iso3} is not an ISO 3166-1 alpha-3 code."})


class ParticipantName(models.Model):
    """Another name a participant has gone by ("Turkey" for Türkiye)."""

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "other name"

    def __str__(self):
        return self.name

    def clean(self):
        taken = Participant.objects.filter(name=self.name).exclude(pk=self.participant_id)
        if taken.exists():
            raise ValidationError({"name": f"{self.name} is already the name of another participant."})


class TreatyQuerySet(models.QuerySet):
    def by_key(self, key):
        """Filter on an MTDSG key such as `XXVI.5`."""
        chapter, _, number = key.partition(".")
        return self.filter(chapter=chapter, number=number)


class Treaty(models.Model):
    title = models.TextField(help_text="The full title, as the depositary prints it.")
    short_title = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    chapter = models.CharField("MTDSG chapter", max_length=8, validators=[roman_numeral], help_text="e.g. XXVI")
    number = models.CharField("MTDSG number", max_length=16, validators=[treaty_number], help_text="e.g. 5 or 7.d")
    chapter_subject = models.CharField(max_length=200, blank=True)
    adoption_place = models.CharField("place of adoption", max_length=200, blank=True)
    adoption_date = models.DateField("date of adoption", null=True, blank=True)
    opened_for_signature = models.DateField(null=True, blank=True)
    entry_into_force = models.DateField(null=True, blank=True, help_text="Empty while the treaty is not in force.")
    entry_into_force_note = models.TextField(blank=True)
    depositary = models.CharField(max_length=200, default="Secretary-General of the United Nations")

    # The withdrawal clause, as data: a new treaty needs no code.
    has_withdrawal_clause = models.BooleanField(
        default=True, help_text="Untick for treaties with no withdrawal clause (e.g. the ICCPR)."
    )
    withdrawal_article = models.CharField(max_length=50, blank=True, help_text="e.g. art. 20(3)")
    withdrawal_text = models.TextField(
        "withdrawal article text", blank=True, help_text="Exact wording, only where seen verbatim."
    )
    withdrawal_text_note = models.TextField(blank=True)
    withdrawal_period_count = models.PositiveSmallIntegerField(
        "notice period", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    withdrawal_period_unit = models.CharField(
        "notice period unit", max_length=6, choices=PeriodUnit.choices, blank=True
    )
    withdrawal_later_date_allowed = models.BooleanField(
        default=False, help_text="The instrument may name a later date (e.g. Rome Statute art. 127(1))."
    )
    withdrawal_condition = models.TextField(
        blank=True, help_text="A condition that may defer the withdrawal, quoted exactly."
    )

    # Entry into force for a participant that joins after the treaty is in force.
    entry_into_force_article = models.CharField(max_length=50, blank=True, help_text="e.g. art. 17(2)")
    entry_into_force_text = models.TextField(
        "entry-into-force article text", blank=True, help_text="Exact wording, only where seen verbatim."
    )
    entry_into_force_text_note = models.TextField(blank=True)
    entry_into_force_treaty_text = models.TextField(
        "treaty's own entry-into-force text", blank=True, help_text="e.g. art. 17(1), exact wording."
    )
    entry_into_force_period_count = models.PositiveSmallIntegerField(
        "entry-into-force period", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    entry_into_force_period_unit = models.CharField(
        "entry-into-force period unit", max_length=6, choices=PeriodUnit.choices, blank=True
    )
    entry_into_force_snap = models.CharField("in force", max_length=16, choices=Snap.choices, default=Snap.NONE)

    status_as_at = models.DateField(
        null=True,
        blank=True,
        help_text="The date the participation data is complete to, when it comes from a dated snapshot.",
    )
    strength = models.CharField(max_length=1, choices=Strength.choices, default=Strength.PRIMARY)
    sources = models.TextField(blank=True, help_text="One source address a line.")
    note = models.TextField(blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)

    # Set on save, and by importers that bulk-create; never edited by hand.
    sort_key = models.CharField(max_length=64, editable=False, db_index=True)

    objects = TreatyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_key"]
        verbose_name_plural = "treaties"
        constraints = [
            models.UniqueConstraint(fields=["chapter", "number"], name="treaties_treaty_unique_mtdsg"),
            models.CheckConstraint(
                condition=Q(withdrawal_period_count__isnull=True, withdrawal_period_unit="")
                | Q(withdrawal_period_count__isnull=False, has_withdrawal_clause=True) & ~Q(withdrawal_period_unit=""),
                name="treaties_treaty_withdrawal_period_complete",
            ),
            models.CheckConstraint(
                condition=Q(entry_into_force_period_count__isnull=True, entry_into_force_period_unit="")
                | Q(entry_into_force_period_count__isnull=False) & ~Q(entry_into_force_period_unit=""),
                name="treaties_treaty_entry_period_complete",
            ),
        ]

    def __str__(self):
        return f"{self.key} {self.short_title or self.title}"

    def save(self, *args, **kwargs):
        self.sort_key = treaty_sort_key(self.chapter, self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("treaties:treaty", args=[self.slug])

    @property
    def key(self):
        """Return the MTDSG key, e.g. `XXVI.5`."""
        return f"{self.chapter}.{self.number}"

    def withdrawal_clause(self):
        """Return the withdrawal clause as the date rules read it."""
        period = None
        if self.has_withdrawal_clause and self.withdrawal_period_count:
            period = daterules.Period(self.withdrawal_period_count, self.withdrawal_period_unit)
        return daterules.WithdrawalClause(
            article=self.withdrawal_article,
            period=period,
            later_date_allowed=self.withdrawal_later_date_allowed,
            condition=self.withdrawal_condition,
        )

    def entry_clause(self):
        """Return the entry-into-force rule for later participants as the date rules read it."""
        period = None
        if self.entry_into_force_period_count:
            period = daterules.Period(
                self.entry_into_force_period_count, self.entry_into_force_period_unit, self.entry_into_force_snap
            )
        return daterules.EntryIntoForceClause(article=self.entry_into_force_article, period=period)

    def rules(self):
        """Return the keyword arguments every status computation on this treaty needs."""
        return {
            "treaty_in_force": self.entry_into_force,
            "entry_clause": self.entry_clause(),
            "withdrawal_clause": self.withdrawal_clause(),
        }

    def participation(self, acts):
        """Group acts on this treaty by participant, as the date rules take them, with conditions."""
        by_participant, conditions = {}, {}
        # An act with no known date cannot place the participant in time.
        for act in (act for act in acts if act.date):
            by_participant.setdefault(act.participant, []).append(act.as_rule_act())
            if act.kind == ActKind.WITHDRAWAL:
                conditions[act.participant] = daterules.ConditionState(act.condition_state)
        return by_participant, conditions

    def summary_on(self, acts, day):
        """Return the counts and the pending withdrawals on `day`, in one pass over the acts."""
        by_participant, conditions = self.participation(acts)
        return daterules.summary_on(by_participant, day, conditions=conditions, **self.rules())

    def counts_on(self, acts, day):
        """Return signatories, contracting states, parties and the UN's count on `day`."""
        by_participant, conditions = self.participation(acts)
        return daterules.counts_on(by_participant, day, conditions=conditions, **self.rules())

    def pending_withdrawals_on(self, acts, day):
        """Return (participant, status) for each withdrawal pending on `day`."""
        by_participant, conditions = self.participation(acts)
        return daterules.pending_withdrawals(by_participant, day, conditions=conditions, **self.rules())

    def participation_curve(self, acts):
        """Return the number of parties at each date it changes."""
        by_participant, conditions = self.participation(acts)
        return daterules.participation_curve(by_participant, conditions=conditions, **self.rules())

    @property
    def un_key(self):
        """Return the key as the UN website writes it, e.g. `XXVI-5`."""
        return f"{self.chapter}-{self.number.replace('.', '-')}"

    def clean(self):
        errors = {}
        if not self.has_withdrawal_clause and (self.withdrawal_period_count or self.withdrawal_condition):
            errors["has_withdrawal_clause"] = (
                "A treaty without a withdrawal clause has no notice period or condition: clear them, or tick the box."
            )
        if bool(self.withdrawal_period_count) != bool(self.withdrawal_period_unit):
            errors["withdrawal_period_unit"] = "Give the notice period as a number and a unit, or neither."
        if bool(self.entry_into_force_period_count) != bool(self.entry_into_force_period_unit):
            errors["entry_into_force_period_unit"] = "Give the period as a number and a unit, or neither."
        if self.adoption_date and self.entry_into_force and self.entry_into_force < self.adoption_date:
            errors["entry_into_force"] = "A treaty cannot enter into force before it is adopted."
        if errors:
            raise ValidationError(errors)


def chapter_as_number(chapter):
    """Return a Roman chapter numeral as an integer: XXVI -> 26."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for symbol, following in zip(chapter, chapter[1:] + " ", strict=True):
        value = values[symbol]
        total += -value if values.get(following, 0) > value else value
    return total


def treaty_sort_key(chapter, number):
    """Return a key that orders treaties as the MTDSG does: IV.4 before IV.11, XXVI.5 before XXVII.1."""
    parts = ".".join(part.zfill(4) for part in number.split("."))
    return f"{chapter_as_number(chapter):03d}.{parts}"


def status_on(treaty, acts, day):
    """Return a participant's status in `treaty` on `day`, from its acts on it."""
    acts = list(acts)
    condition = next(
        (daterules.ConditionState(act.condition_state) for act in acts if act.kind == ActKind.WITHDRAWAL),
        daterules.ConditionState.NOT_ASSESSED,
    )
    return daterules.status_on(
        [act.as_rule_act() for act in acts if act.date], day, condition=condition, **treaty.rules()
    )


class ActQuerySet(models.QuerySet):
    def consents(self):
        return self.filter(kind__in=CONSENT_KINDS)

    def signatures(self):
        return self.filter(kind__in=SIGNATURE_KINDS)

    def withdrawals(self):
        return self.filter(kind=ActKind.WITHDRAWAL)


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

    note = models.TextField(blank=True)
    sources = models.TextField(blank=True, help_text="One source address a line.")
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)

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
        ]

    def __str__(self):
        return f"{self.participant}: {self.get_kind_display()} of {self.treaty.key}, {self.date_display}"

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
        return format_partial_date(self.date, self.date_precision)

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
    def effect_date(self):
        """Return the date of effect to rely on: an editor's override, else a stated date, else the computed one."""
        if self.override_date:
            return self.override_date
        if self.effective_date:
            return self.effective_date
        computed = self.computed_effect()
        return computed.date if computed else None

    def as_rule_act(self):
        """Return this act as the date rules take it, with its date of effect where one is on record."""
        return daterules.Act(
            kind=self.kind, date=self.date, effective=self.override_date or self.effective_date or None
        )


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
        in_force = daterules.entry_into_force_for(clause, act.date, treaty.entry_into_force)
        if in_force is None:
            reason = "the treaty is not in force" if treaty.entry_into_force is None else "its article is not recorded"
            return cls(None, clause.article, f"No date of entry into force is computed: {reason}.")
        if in_force == treaty.entry_into_force:
            explanation = (
                f"The treaty entered into force on {in_force.day} {in_force:%B %Y}, and was in force for it from then."
            )
        else:
            explanation = f"{clause.period.describe().capitalize()} the deposit ({clause.article})."
        return cls(in_force, clause.article, explanation)


def format_partial_date(day, precision):
    """Return `27 June 2025`, `March 2017` or `1997`, or `date unknown`."""
    if day is None:
        return "date unknown"
    if precision == DatePrecision.YEAR:
        return str(day.year)
    if precision == DatePrecision.MONTH:
        return day.strftime("%B %Y")
    return f"{day.day} {day.strftime('%B %Y')}"


class DataLoad(models.Model):
    """A record that a shipped data set was loaded, so a second run can skip it."""

    name = models.CharField(max_length=100, unique=True)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the files loaded.")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "data load"

    def __str__(self):
        return f"{self.name} ({self.loaded_at:%Y-%m-%d %H:%M})"
