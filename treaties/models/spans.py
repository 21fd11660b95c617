"""Standing as stored spans and count steps, derived from the acts in the transaction that changes them."""

from django.db import models
from django.db.models import DateField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least

from treaties import daterules
from treaties.models.choices import Strength
from treaties.models.participants import Participant
from treaties.models.treaty import Treaty

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

    def pending(self, *, at=None):
        """Keep the spans with a notified, unrevoked withdrawal that has not yet taken effect.

        `at`: only those pending on that day, each read as far as its record reaches.
        """
        spans = self.filter(withdrawal_notified__isnull=False)
        if at is None:
            return spans
        # Implied by covering the day read (the day asked about, or an earlier horizon), and
        # written on the columns themselves so that the pending spans' indexes can find them:
        # without it every span ever pending was read (10,000 at a million notifications).
        may_cover = Q(end__isnull=True) | Q(end__gt=at) | Q(horizon__lt=at)
        return spans.filter(may_cover).on(at)


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
    withdrawal_took_effect = models.BooleanField(
        default=False,
        help_text="A withdrawal took effect on its first day: a withdrawn stretch begins here, on a notice received.",
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
            # Those pending on a day (SpanQuerySet.pending): ending after it, or not at all...
            models.Index(
                fields=["end"], name="treaties_span_pending_end", condition=Q(withdrawal_notified__isnull=False)
            ),
            # ... or read on an earlier horizon.
            models.Index(
                fields=["horizon"],
                name="treaties_span_pending_horizon",
                condition=Q(withdrawal_notified__isnull=False),
            ),
            # The latest withdrawals that took effect by a day (treaties/withdrawal_lists.py), and how
            # many: with the horizon in the index, counting them reads no table rows (14 ms for
            # 7,888 spans scattered over 5,945 pages at 1,000,000 notifications).
            models.Index(
                fields=["start"],
                include=["horizon"],
                name="treaties_span_took_effect",
                condition=Q(withdrawal_took_effect=True),
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
        return f"{self.treaty.key} from {self.start}: {self.parties} {'party' if self.parties == 1 else 'parties'}"

    @property
    def as_counts(self):
        """Return the counts as the date rules define them."""
        return counts_of(self)


class RevokedWithdrawal(models.Model):
    """A withdrawal notice and the revocation that undid it, derived from the acts as the spans are.

    Whether a revocation undoes a notice depends on the pair's earlier acts and
    on the notice's date of effect, which the treaty's articles give
    (`daterules.withdrawal_notices`): `treaties.standing` works it out and
    stores it with the spans, in the transaction that changes the acts or the
    treaty, and the pending-withdrawals page reads the latest with SQL.
    """

    treaty = models.ForeignKey(Treaty, models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, models.CASCADE, related_name="+")
    notice = models.ForeignKey("treaties.ParticipationAct", models.CASCADE, related_name="+")
    revocation = models.ForeignKey("treaties.ParticipationAct", models.CASCADE, related_name="+")
    revoked_on = models.DateField(help_text="The revocation's date, which a page lists and filters by.")

    class Meta:
        ordering = ["-revoked_on", "-revocation_id"]
        constraints = [models.UniqueConstraint(fields=["notice"], name="treaties_revoked_notice_once")]
        indexes = [
            # The pending-withdrawals page: the latest revocations up to a day (treaties/withdrawal_lists.py).
            models.Index(fields=["revoked_on", "revocation"], name="treaties_revoked_latest"),
        ]

    def __str__(self):
        return f"{self.participant} in {self.treaty.key}: withdrawal revoked on {self.revoked_on}"


def counts_of(step):
    """Return the counts a stored step (a TreatyCount, or a row with its fields) holds, in the rules' terms."""
    return daterules.Counts(
        signatories=step.signatories,
        contracting_states=step.contracting_states,
        parties=step.parties,
        un_count=step.contracting_states,
        parties_unknown=step.parties_unknown,
    )
