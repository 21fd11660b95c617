"""Treaties, participants and what each participant did with each treaty."""

from functools import cache

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import DateField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least
from django.urls import get_script_prefix, get_urlconf, reverse
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



# Stands for a slug in a reversed address; a slug is letters, digits, hyphens and underscores.
SLUG_MARK = "__slug__"


def slug_url(view_name, slug):
    """Return the address of the page `view_name` shows for `slug`, as `reverse` would.

    A table links hundreds of rows; reversing once per view name (and script
    prefix and URL configuration) and putting each slug in its place costs a
    twentieth as much. A slug needs no quoting in a path.
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _address_with_mark(view_name, get_script_prefix(), urlconf).replace(SLUG_MARK, slug)


@cache
def _address_with_mark(view_name, script_prefix, urlconf):
    return reverse(view_name, urlconf=urlconf, args=[SLUG_MARK])

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


class InForce(ParsableChoices):
    """What the sources say of a treaty's own entry into force."""

    IN_FORCE = "in_force", "In force"
    NOT_IN_FORCE = "not_in_force", "Not in force"
    UNKNOWN = "unknown", "Not recorded"


class Coverage(ParsableChoices):
    """How much of a treaty's participation the site records."""

    COMPLETE = "complete", "Every participant's acts, up to the horizon"
    PARTIAL = "partial", "Only some participants' acts: no participation table"


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
        return slug_url("treaties:participant", self.slug)

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
    in_force = models.CharField(
        "in force?",
        max_length=12,
        choices=InForce.choices,
        default=InForce.UNKNOWN,
        help_text="Not recorded: the date is unknown, so no participant's entry into force can be computed.",
    )
    entry_into_force = models.DateField(null=True, blank=True, help_text="Only for a treaty in force.")
    entry_into_force_strength = models.CharField(max_length=1, choices=Strength.choices, blank=True)
    entry_into_force_sources = models.TextField(blank=True, help_text="One source address a line.")
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
    # Zero is a period: the 1967 Refugee Protocol binds a State "on the date of deposit".
    entry_into_force_period_count = models.PositiveSmallIntegerField("entry-into-force period", null=True, blank=True)
    entry_into_force_period_unit = models.CharField(
        "entry-into-force period unit", max_length=6, choices=PeriodUnit.choices, blank=True
    )
    entry_into_force_snap = models.CharField("in force", max_length=16, choices=Snap.choices, default=Snap.NONE)
    entry_into_force_rule_strength = models.CharField(max_length=1, choices=Strength.choices, blank=True)
    entry_into_force_rule_sources = models.TextField(blank=True, help_text="One source address a line.")
    entry_into_force_required = models.PositiveSmallIntegerField(
        "instruments needed", null=True, blank=True, help_text="How many instruments bring the treaty into force."
    )

    coverage = models.CharField(max_length=8, choices=Coverage.choices, default=Coverage.COMPLETE)
    horizon = models.DateField(
        null=True,
        blank=True,
        help_text="The date the participation table is complete to (a dated snapshot, or the day it was last "
        "checked). Empty only for a table kept up to date.",
    )
    horizon_note = models.TextField(blank=True, help_text="Where the horizon comes from.")
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
            models.CheckConstraint(
                condition=Q(in_force=InForce.IN_FORCE, entry_into_force__isnull=False)
                | ~Q(in_force=InForce.IN_FORCE) & Q(entry_into_force__isnull=True),
                name="treaties_treaty_in_force_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.key} {self.short_title or self.title}"

    def save(self, *args, **kwargs):
        self.sort_key = treaty_sort_key(self.chapter, self.number)
        # The standing spans follow a change of the rule fields in the same
        # transaction (a post_save receiver in treaties.standing).
        with transaction.atomic():
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("treaties:treaty", self.slug)

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
        if self.entry_into_force_period_count is not None and self.entry_into_force_period_unit:
            period = daterules.Period(
                self.entry_into_force_period_count, self.entry_into_force_period_unit, self.entry_into_force_snap
            )
        return daterules.EntryIntoForceClause(
            article=self.entry_into_force_article,
            period=period,
            treaty_known_not_in_force=self.in_force == InForce.NOT_IN_FORCE,
        )

    def rules(self):
        """Return the keyword arguments every status computation on this treaty needs."""
        return {
            "treaty_in_force": self.entry_into_force,
            "entry_clause": self.entry_clause(),
            "withdrawal_clause": self.withdrawal_clause(),
        }

    @property
    def why_no_entry_date(self):
        """Say why no date of entry into force follows for a participant's consent, if none does."""
        if self.in_force == InForce.NOT_IN_FORCE:
            return "the treaty is not in force"
        if self.in_force == InForce.UNKNOWN:
            return "the treaty's own date of entry into force is not recorded"
        return "its article on entry into force for later participants is not recorded"

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
        if (self.entry_into_force_period_count is None) != (not self.entry_into_force_period_unit):
            errors["entry_into_force_period_unit"] = "Give the period as a number and a unit, or neither."
        if (self.in_force == InForce.IN_FORCE) != (self.entry_into_force is not None):
            errors["entry_into_force"] = (
                "Give the date for a treaty in force, and only then; if the date is not known, choose 'Not recorded'."
            )
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
        in_force = daterules.consent_in_force(daterules.Act(act.kind, act.date), clause, treaty.entry_into_force)
        if in_force is None:
            return cls(None, clause.article, f"No date of entry into force is computed: {treaty.why_no_entry_date}.")
        if act.kind == ActKind.SUCCESSION:
            explanation = (
                f"Bound by {format_partial_date(in_force, DatePrecision.DAY)} at the latest: the site uses the date "
                "of the notice of succession, as the date of the succession of States is not recorded."
            )
        elif in_force == treaty.entry_into_force:
            explanation = (
                f"The treaty entered into force on {format_partial_date(in_force, DatePrecision.DAY)}, "
                "and was in force for it from then."
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


PARTY_STANDINGS = [daterules.Standing.PARTY, daterules.Standing.WITHDRAWAL_PENDING]
CONTRACTING_STANDINGS = [daterules.Standing.CONTRACTING_STATE, *PARTY_STANDINGS]


def covers(day):
    """Return the condition that a span covers `day` (a date, or an expression such as F("read_on"))."""
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gt=day))


def read_on(day, horizon="horizon"):
    """Return the day a record answers for when asked about `day`: `day`, or its horizon if earlier.

    `horizon` names the field holding the horizon, or is an expression giving it.
    """
    horizon = F(horizon) if isinstance(horizon, str) else horizon
    return Least(Value(day, DateField()), Coalesce(horizon, Value(day, DateField())))


class SpanQuerySet(models.QuerySet):
    def on(self, day, *, horizon="horizon"):
        """Keep the span each participant stood in on `day`, or on the horizon named if that comes first.

        `horizon` is the field that limits how far a record reaches: the span's own
        (the participant's record in the treaty). Each row gets `read_on`, the day read.
        """
        return self.annotate(read_on=read_on(day, horizon)).filter(covers(F("read_on")))

    def started_by(self, day, *, horizon="horizon"):
        """Keep the spans that began on or before `day`, or before the horizon named if that comes first."""
        return self.annotate(read_on=read_on(day, horizon)).filter(start__lte=F("read_on"))

    def covering(self, day):
        """Keep the spans that cover `day`, a day already limited to the record's horizon (a treaty's table)."""
        return self.annotate(read_on=Value(day, DateField())).filter(covers(day))

    def pending(self):
        """Keep the spans with a notified, unrevoked withdrawal that has not yet taken effect."""
        return self.filter(withdrawal_notified__isnull=False)


class StandingSpan(models.Model):
    """A stretch of days over which a participant's standing in a treaty stays the same.

    Derived from the acts and the treaty's clauses by `daterules.standing_spans`,
    and rebuilt by `treaties.standing` in the transaction that changes either:
    pages, counts, curves and exports read these rows, never the acts replayed.
    """

    treaty = models.ForeignKey(Treaty, models.CASCADE, related_name="spans")
    participant = models.ForeignKey(Participant, models.CASCADE, related_name="spans")
    standing = models.CharField(max_length=20, choices=[(member.value, member.label) for member in daterules.Standing])
    start = models.DateField(help_text="The first day of the span.")
    end = models.DateField(
        null=True, blank=True, help_text="The first day after it; empty: as far as the record reaches."
    )
    since = models.DateField(
        null=True, blank=True, help_text="When it took this standing (a party: since the treaty is in force for it)."
    )
    in_force_from = models.DateField(null=True, blank=True)
    in_force_unknown = models.BooleanField(
        default=False, help_text="A consent stands but no date of entry into force for it follows from the record."
    )
    signed_on = models.DateField(null=True, blank=True)
    withdrawal_notified = models.DateField(null=True, blank=True, help_text="Set while a withdrawal is pending.")
    withdrawal_due = models.DateField(null=True, blank=True)
    withdrawal_conditional = models.BooleanField(default=False)
    revoked_withdrawal_on = models.DateField(null=True, blank=True)
    strength = models.CharField(
        max_length=1, choices=Strength.choices, help_text="The weakest source of the dates the span rests on."
    )
    start_computed = models.BooleanField(default=False, help_text="The start is computed from a treaty's clause.")
    horizon = models.DateField(
        null=True, blank=True, help_text="The day this participant's record in the treaty is complete to."
    )

    objects = SpanQuerySet.as_manager()

    class Meta:
        ordering = ["treaty", "participant", "start"]
        constraints = [
            models.UniqueConstraint(fields=["treaty", "participant", "start"], name="treaties_span_unique_start"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")), name="treaties_span_ends_after_start"
            ),
        ]
        indexes = [
            # A treaty's table and counts on a day; the treaty list groups every treaty's.
            models.Index(fields=["treaty", "start"], name="treaties_span_treaty_start"),
            # A participant's standing in every treaty on a day.
            models.Index(fields=["participant", "start"], name="treaties_span_member_start"),
            # The pending-withdrawals page reads only spans with a notice pending.
            models.Index(
                fields=["withdrawal_notified"],
                name="treaties_span_pending",
                condition=Q(withdrawal_notified__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.participant} in {self.treaty.key}: {self.get_standing_display()} from {self.start}"

    def covers(self, day):
        """Say whether `day` falls within this span: `covers(day)` above, for spans already read."""
        return self.start <= day and (self.end is None or day < self.end)

    @property
    def standing_label(self):
        """Return the standing as a page shows it, saying when entry into force is not known."""
        if self.in_force_unknown:
            return "Contracting State, entry into force not known"
        return daterules.Standing(self.standing).label


class CountQuerySet(models.QuerySet):
    def latest_id_on(self, day):
        """Return a subquery giving, for the treaty in OuterRef("pk"), the step in force on `day` or its horizon."""
        day_read = read_on(day, OuterRef("horizon"))
        return Subquery(self.filter(treaty=OuterRef("pk"), start__lte=day_read).order_by("-start").values("pk")[:1])


# The counts a TreatyCount row stores, in the order pages read them.
COUNT_FIELDS = ["signatories", "contracting_states", "parties", "parties_unknown", "pending_withdrawals", "listed"]


class TreatyCount(models.Model):
    """A treaty's counts over a stretch of days in which none of them changes.

    Derived from the treaty's standing spans by `daterules.count_steps`, in the
    same transaction; the treaty list reads one row per treaty, and a treaty's
    curve is the parties column of its rows.
    """

    treaty = models.ForeignKey(Treaty, models.CASCADE, related_name="counts")
    start = models.DateField()
    end = models.DateField(
        null=True, blank=True, help_text="The first day after it; empty: as far as the record reaches."
    )
    signatories = models.PositiveIntegerField()
    contracting_states = models.PositiveIntegerField()
    parties = models.PositiveIntegerField(help_text="Known parties; the true number may be up to parties_unknown more.")
    parties_unknown = models.PositiveIntegerField()
    pending_withdrawals = models.PositiveIntegerField()
    listed = models.PositiveIntegerField(
        help_text="Participants with a span on these days, whatever their standing: the rows of the treaty's table."
    )

    objects = CountQuerySet.as_manager()

    class Meta:
        ordering = ["treaty", "start"]
        constraints = [
            models.UniqueConstraint(fields=["treaty", "start"], name="treaties_count_unique_start"),
        ]
        # The unique constraint's index on (treaty, start) serves "the step in force on a day".

    def __str__(self):
        return f"{self.treaty.key} from {self.start}: {self.parties} parties"

    @property
    def as_counts(self):
        """Return the counts as the date rules define them."""
        return counts_of(self)


def counts_of(step):
    """Return the counts a stored step (a TreatyCount, or a row with its fields) holds, in the rules' terms."""
    return daterules.Counts(
        signatories=step.signatories,
        contracting_states=step.contracting_states,
        parties=step.parties,
        un_count=step.contracting_states,
        parties_unknown=step.parties_unknown,
    )
