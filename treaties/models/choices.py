"""The choices the models offer: kinds of act, source strengths, clause settings, coverage."""

from django.db import models

from treaties import daterules


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
