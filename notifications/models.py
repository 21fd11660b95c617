"""Depositary notifications, the passages they quote, and the notices they cite."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Replace, Upper
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from simple_history.models import HistoricalRecords

from notifications.references import REFERENCE_RULE, is_plain_in_a_path, is_well_formed_reference
from notifications.search import NotificationQuerySet, PassageQuerySet, PhrasePairs, refresh_documents_of
from treaties.models import ActKind, Participant, ParticipantName, ParticipationAct, Treaty, slug_url
from treaties.models.addresses import SLUG_MARK
from treaties.mtdsg import normalise_reference, parse_reference


def notification_url(reference):
    """Return the address of a notification's page, as reverse() writes it."""
    return notification_addresses()(reference)


def notification_addresses():
    """Return a function giving a notification's address from its reference, as reverse() writes it.

    An export writes one a row: the view's address is reversed once, and a
    plain reference (nearly all) takes its place in it; only one with a space
    or a slash is reversed on its own.
    """
    template = slug_url("notifications:detail", SLUG_MARK)

    def address(reference):
        if is_plain_in_a_path(reference):
            return template.replace(SLUG_MARK, reference)
        return reverse("notifications:detail", args=[reference])

    return address


def reference_key_expression(field="reference"):
    """Return, in SQL, notifications.references.reference_key of a field: no spaces, upper case.

    A well-formed reference has no whitespace but spaces (REFERENCE_RULE), and
    only ASCII letters, so SQLite's UPPER and REPLACE give what Python gives.
    """
    return Upper(Replace(field, Value(" "), Value("")))


class DepositaryNotification(models.Model):
    reference = models.CharField(
        max_length=100, unique=True, help_text="Exactly as written, e.g. C.N.362.2025.TREATIES-XXVI.5."
    )
    # Read from the reference on every save, so they never drift from it.
    cn_number = models.PositiveIntegerField("C.N. number", null=True, editable=False)
    cn_year = models.PositiveSmallIntegerField("C.N. year", null=True, editable=False)
    reference_chapter = models.CharField(max_length=8, blank=True, editable=False)
    reference_treaty_number = models.CharField(max_length=16, blank=True, editable=False)

    treaty = models.ForeignKey(Treaty, models.PROTECT, related_name="notifications")
    participant = models.ForeignKey(Participant, models.PROTECT, null=True, blank=True, related_name="notifications")
    kind = models.CharField("kind of act", max_length=32, choices=ActKind.choices, blank=True)
    heading = models.CharField(
        max_length=300, blank=True, help_text='As printed, e.g. "LITHUANIA: NOTIFICATION OF WITHDRAWAL".'
    )
    date_effected = models.DateField(null=True, blank=True, help_text='"The above action was effected on ..."')
    date_issued = models.DateField("date of issue", null=True, blank=True)
    original_language = models.CharField(max_length=50, blank=True)
    text = models.TextField("full text", blank=True)
    source_url = models.URLField("source address", max_length=500, blank=True)
    acts = models.ManyToManyField(
        ParticipationAct,
        blank=True,
        related_name="notifications",
        help_text="The participation acts this notification reports.",
    )
    note = models.TextField(blank=True)
    synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by generate_synthetic for benchmarks; never real data."
    )
    # Reference, heading, treaty and participant names (A), quoted passages (B)
    # and the full text (C); PostgreSQL only, kept by notifications/search.py.
    search_vector = SearchVectorField(null=True, editable=False)
    # The document's pairs of adjacent words, by which a phrase of two words is
    # looked up (notifications/phrase_pairs.py). PostgreSQL computes them from
    # the document in the statement that writes it; NULL on SQLite.
    phrase_pairs = models.GeneratedField(
        expression=PhrasePairs("search_vector"), output_field=SearchVectorField(), db_persist=True
    )

    objects = NotificationQuerySet.as_manager()
    # The search document is derived and refreshed in bulk: not an edit.
    history = HistoricalRecords(excluded_fields=["search_vector", "phrase_pairs"])

    class Meta:
        ordering = ["-date_issued", "-cn_year", "-cn_number"]
        verbose_name = "depositary notification"
        constraints = [
            models.CheckConstraint(
                condition=Q(date_issued__isnull=True)
                | Q(date_effected__isnull=True)
                | Q(date_issued__gte=F("date_effected")),
                name="notifications_notification_issued_after_effected",
            ),
            # One notification per reference however it is spaced or cased: an import
            # of "C.N. 362.2025.treaties-xxvi.5" finds C.N.362.2025.TREATIES-XXVI.5 by
            # this expression (its index serves the importer's look-up), and a second
            # row for it is refused even when two imports run at once.
            models.UniqueConstraint(
                reference_key_expression(),
                name="notifications_notification_reference_key_unique",
                violation_error_message=(
                    "A notification with this reference is already stored "
                    "(references are compared without spaces, in any case)."
                ),
            ),
        ]
        indexes = [
            # The latest notifications, on the home page and the list.
            models.Index(fields=["-date_issued"], name="notifications_issued"),
            # The list filtered by kind of act (/notifications/?kind=ratification):
            # its capped count reads only this index, and its page comes newest first from it.
            models.Index(fields=["kind", "-date_issued"], name="notifications_kind_issued"),
            # The list sorted by the date effected (/notifications/?sort=-effected), either way.
            models.Index(fields=["date_effected"], name="notifications_effected"),
            # The search's matches on a partial reference: "362.2025", "C.N.362.2025".
            models.Index(fields=["cn_year", "cn_number"], name="notifications_cn_number"),
            # The search itself (PostgreSQL only; the migration skips it elsewhere).
            GinIndex(fields=["search_vector"], name="notifications_search"),
            # A phrase search's candidates: the notifications holding its pairs of words.
            GinIndex(fields=["phrase_pairs"], name="notifications_phrase_pairs"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.reference = self.reference.strip()
        refuse_malformed_reference(self.reference)
        self._read_reference()
        super().save(*args, **kwargs)
        # Citations stored before this notification now point at it.
        NotificationReference.objects.filter(
            normalised=normalise_reference(self.reference), target__isnull=True
        ).update(target=self)

    def get_absolute_url(self):
        return notification_url(self.reference)

    def clean(self):
        errors = {}
        if not is_well_formed_reference(self.reference.strip()):
            errors["reference"] = REFERENCE_RULE
        parsed = parse_reference(self.reference)
        if parsed and parsed.treaty_key and self.treaty_id and parsed.treaty_key != self.treaty.key:
            errors["treaty"] = (
                f"The reference names treaty {parsed.treaty_key}, but this notification "
                f"is filed under {self.treaty.key}."
            )
        if parsed and self.date_issued and parsed.year != self.date_issued.year:
            errors["date_issued"] = (
                f"The reference is from {parsed.year}, but the date of issue is in {self.date_issued.year}."
            )
        if self.date_issued and self.date_effected and self.date_issued < self.date_effected:
            errors["date_issued"] = "A notification cannot be issued before the act it reports was effected."
        if errors:
            raise ValidationError(errors)

    def _read_reference(self):
        parsed = parse_reference(self.reference)
        self.cn_number = parsed.number if parsed else None
        self.cn_year = parsed.year if parsed else None
        self.reference_chapter = (parsed.chapter or "") if parsed else ""
        self.reference_treaty_number = (parsed.treaty_number or "") if parsed else ""


class Theme(models.Model):
    """A kind of reason states give (security, humanitarian commitment, ...)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


# What a list of notifications shows of each (reference, heading, dates, treaty): a list reads these
# columns only, not the full text, the search document or the treaty's articles.
LISTED_NOTIFICATION_FIELDS = (
    "reference",
    "heading",
    "date_effected",
    "date_issued",
    "treaty__title",
    "treaty__short_title",
)


def listed_notifications():
    """Return the notifications with what a list of them shows, their treaties joined.

    Reading 50 full texts of up to 10 KB, and their search documents, cost a list more
    than the rest of its page; reading every column of every treaty, a fifth of it.
    """
    return DepositaryNotification.objects.select_related("treaty").only(*LISTED_NOTIFICATION_FIELDS)


# What a list of reasons shows of each quoted passage: its words, where it stands in its notification,
# the notification's reference and date and whose it is (notification_format.reason_figure).
LISTED_REASON_FIELDS = (
    "text",
    "order",
    "notification__reference",
    "notification__date_issued",
    "notification__participant__name",
)


# The Reasons page's order, and a broad search's among passages: newest notification first.
NEWEST_REASONS_FIRST = ("-notification__date_issued", "notification__reference", "order")


class QuotedPassage(models.Model):
    """Words quoted exactly from a state's instrument: a reason, a reservation."""

    notification = models.ForeignKey(
        DepositaryNotification, models.CASCADE, null=True, blank=True, related_name="passages"
    )
    # Reservations and declarations from the UN status pages have no
    # notification in the data; they hang on the act they belong to.
    act = models.ForeignKey(ParticipationAct, models.CASCADE, null=True, blank=True, related_name="passages")
    text = models.TextField(help_text="Exactly as in the source, word for word.")
    order = models.PositiveSmallIntegerField(default=0)
    themes = models.ManyToManyField(Theme, blank=True, related_name="passages")
    source_url = models.URLField("source address", max_length=500, blank=True)
    # The passage's words; PostgreSQL only, kept by notifications/search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PassageQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notification__isnull=False) | Q(act__isnull=False),
                name="notifications_passage_has_source",
            ),
            models.UniqueConstraint(
                fields=["notification", "order"],
                condition=Q(notification__isnull=False),
                name="notifications_passage_unique_order",
            ),
        ]
        indexes = [
            # The Reasons page's search (PostgreSQL only; the migration skips it elsewhere).
            GinIndex(fields=["search_vector"], name="notifications_passage_search"),
            # A treaty's or participant's reservations section (page_sections._arms): the passages
            # quoted from an act that no notification reports, found from the record's acts.
            models.Index(
                fields=["act"], name="notifications_passage_act_only", condition=Q(notification__isnull=True)
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def clean(self):
        if self.notification_id is None and self.act_id is None:
            raise ValidationError("A quoted passage must come from a notification or belong to an act.")
        notification_text = self.notification.text if self.notification_id else ""
        if notification_text and self.text and self.text not in notification_text:
            raise ValidationError({"text": "This passage does not appear word for word in the notification's text."})


class NotificationReference(models.Model):
    """A citation from one notification to another, kept as written."""

    source = models.ForeignKey(DepositaryNotification, models.CASCADE, related_name="outgoing_references")
    reference = models.CharField(max_length=100, help_text="As written, e.g. C.N.381.2003.TREATIES-XXVI.5.")
    normalised = models.CharField(max_length=100, editable=False, db_index=True)
    context = models.TextField(
        blank=True, help_text='The footnote or sentence that cites it, e.g. "(Ratification: Lithuania)".'
    )
    target = models.ForeignKey(
        DepositaryNotification,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="incoming_references",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = "reference to another notification"
        verbose_name_plural = "references to other notifications"
        constraints = [
            models.UniqueConstraint(fields=["source", "reference"], name="notifications_reference_unique"),
        ]

    def __str__(self):
        return f"{self.source} → {self.reference}"

    def save(self, *args, **kwargs):
        self.reference = self.reference.strip()
        refuse_malformed_reference(self.reference)
        self.normalised = normalise_reference(self.reference)
        self.target = DepositaryNotification.objects.filter(reference=self.normalised).first()
        super().save(*args, **kwargs)

    def clean(self):
        refuse_malformed_reference(self.reference.strip())
        if self.source_id and normalise_reference(self.reference) == normalise_reference(self.source.reference):
            raise ValidationError({"reference": "A notification cannot refer to itself."})


def refuse_malformed_reference(reference):
    """Raise ValidationError for a reference that is not written the way references are.

    Checked on every save, not only in forms: loaders, the shell and bulk
    scripts save too, and a file name or header is built from the reference.
    """
    if not is_well_formed_reference(reference):
        raise ValidationError({"reference": REFERENCE_RULE})


def _refresh_search_documents(sender, instance, raw=False, **kwargs):
    """Refresh the search documents a saved or deleted record is part of (PostgreSQL only)."""
    # A fixture loads rows as they are; whoever loads it calls refresh_search_vectors().
    if raw:
        return
    refresh_documents_of(instance)


# Every save and delete, the admin's included, keeps the search documents
# current; bulk work (bulk_create, update) calls refresh_search_vectors().
for _sender in (DepositaryNotification, QuotedPassage, Treaty, Participant, ParticipantName):
    post_save.connect(_refresh_search_documents, sender=_sender, dispatch_uid=f"search-saved-{_sender.__name__}")
for _sender in (QuotedPassage, ParticipantName):
    post_delete.connect(_refresh_search_documents, sender=_sender, dispatch_uid=f"search-deleted-{_sender.__name__}")
