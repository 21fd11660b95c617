"""Treaties: their MTDSG place, their facts and the final clauses that fix their dates."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q
from simple_history.models import HistoricalRecords

from treaties import daterules, mtdsg
from treaties.models.addresses import slug_url
from treaties.models.choices import Coverage, InForce, Origin, PeriodUnit, Snap, Strength

chapter_validator = RegexValidator(mtdsg.CHAPTER_RULE, "Write the MTDSG chapter as a Roman numeral, e.g. XXVI.")
number_validator = RegexValidator(
    mtdsg.NUMBER_RULE, "Write the treaty number as in the MTDSG, with its parts after dots, e.g. 5, 7.d or A.5."
)


class TreatyQuerySet(models.QuerySet):
    def by_key(self, key):
        """Filter on an MTDSG key such as `XXVI.5`."""
        chapter, number = mtdsg.split_key(key)
        return self.filter(chapter=chapter, number=number)


# What a page needs to name and link a treaty, and what its date rules (`rules()`) read: a page
# that computes an act's date of effect reads these, not the articles' texts and notes.
NAME_FIELDS = ("title", "short_title", "chapter", "number", "slug")
RULE_FIELDS = (
    "in_force",
    "entry_into_force",
    "entry_into_force_article",
    "entry_into_force_period_count",
    "entry_into_force_period_unit",
    "entry_into_force_snap",
    "has_withdrawal_clause",
    "withdrawal_article",
    "withdrawal_period_count",
    "withdrawal_period_unit",
    "withdrawal_later_date_allowed",
    "withdrawal_condition",
)


class Treaty(models.Model):
    title = models.TextField(help_text="The full title, as the depositary prints it.")
    short_title = models.CharField(max_length=200, blank=True)
    other_names = models.TextField(
        blank=True, help_text="Other names it is known by, one a line, e.g. Ottawa Convention; cite them in sources."
    )
    slug = models.SlugField(max_length=200, unique=True)
    chapter = models.CharField("MTDSG chapter", max_length=8, validators=[chapter_validator], help_text="e.g. XXVI")
    number = models.CharField("MTDSG number", max_length=16, validators=[number_validator], help_text="e.g. 5 or 7.d")
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
    synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by generate_synthetic for benchmarks; never real data."
    )

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
        self.sort_key = mtdsg.sort_key(self.chapter, self.number)
        # The standing spans follow a change of the rule fields in the same
        # transaction (a post_save receiver in treaties.standing).
        with transaction.atomic():
            super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("treaties:treaty", self.slug)

    @property
    def key(self):
        """Return the MTDSG key, e.g. `XXVI.5`."""
        return mtdsg.treaty_key(self.chapter, self.number)

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
        return mtdsg.un_key(self.chapter, self.number)

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
