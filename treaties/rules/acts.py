"""The acts a participant performs on a treaty, as the depositary records them."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from treaties.rules.wording import LabelledEnum


class ActKind(LabelledEnum):
    """The kinds of act the site records: the one list, from which the models' choices are made.

    A member's words are given where they differ from its value's own ("withdrawal" is
    shown as "Withdrawal or denunciation").
    """

    SIGNATURE = "signature"
    SIGNATURE_SUCCESSION = "signature_succession", "Succession to signature"
    SIGNATURE_AD_REFERENDUM = "signature_ad_referendum", "Signature ad referendum"
    SIGNATURE_CONFIRMATION = "signature_confirmation", "Confirmation of a signature ad referendum"
    DEFINITIVE_SIGNATURE = "definitive_signature"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    FORMAL_CONFIRMATION = "formal_confirmation"
    CONSENT_TO_BE_BOUND = "consent_to_be_bound"
    PARTICIPATION = "participation"
    SIMPLIFIED_PROCEDURE = "simplified_procedure", "Consent by simplified procedure"
    PROVISIONAL_APPLICATION = "provisional_application"
    PROVISIONAL_ACCEPTANCE = "provisional_acceptance"
    # E.g. a notification under section 43 of the Specialized Agencies
    # privileges convention that it applies to one more agency.
    APPLICATION = "application"
    NOTIFICATION = "notification"
    RESERVATION = "reservation"
    DECLARATION = "declaration"
    OBJECTION = "objection"
    RESERVATION_WITHDRAWAL = "reservation_withdrawal", "Withdrawal of a reservation"
    TERRITORIAL_APPLICATION = "territorial_application"
    WITHDRAWAL = "withdrawal", "Withdrawal or denunciation"
    WITHDRAWAL_REVOCATION = "withdrawal_revocation", "Revocation of a withdrawal"
    CONSENT_REVOCATION = "consent_revocation", "Revocation of consent to be bound"
    # Recorded without treating it as a withdrawal: e.g. Ukraine's 2025 notice
    # to the Mine Ban Convention's depositary under VCLT art. 62.
    SUSPENSION = "suspension", "Suspension of operation"
    OTHER = "other", "Other communication"


# A signatory has signed in one of these ways (a definitive signature both
# signs and consents).
SIGNATURE_KINDS = frozenset({
    ActKind.SIGNATURE, ActKind.SIGNATURE_SUCCESSION, ActKind.SIGNATURE_AD_REFERENDUM,
    ActKind.SIGNATURE_CONFIRMATION, ActKind.DEFINITIVE_SIGNATURE,
})
# Consent to be bound. Provisional application or acceptance is not consent.
CONSENT_KINDS = frozenset({
    ActKind.DEFINITIVE_SIGNATURE, ActKind.RATIFICATION, ActKind.ACCEPTANCE, ActKind.APPROVAL,
    ActKind.ACCESSION, ActKind.SUCCESSION, ActKind.FORMAL_CONFIRMATION, ActKind.CONSENT_TO_BE_BOUND,
    ActKind.PARTICIPATION, ActKind.SIMPLIFIED_PROCEDURE,
})
# A notice of withdrawal and its revocation: which revocation undid which notice is `withdrawal_notices`.
WITHDRAWAL_KINDS = frozenset({ActKind.WITHDRAWAL, ActKind.WITHDRAWAL_REVOCATION})
ACT_KINDS = frozenset(ActKind)

# Acts of one day are read in the order they must have happened: a signature before
# the consent that follows it, a withdrawal before its revocation, a consent before
# the revocation of that consent.
SAME_DAY_ORDER = {
    **dict.fromkeys(SIGNATURE_KINDS - CONSENT_KINDS, 0),
    **dict.fromkeys(CONSENT_KINDS, 1),
    ActKind.WITHDRAWAL: 3, ActKind.SUSPENSION: 3, ActKind.WITHDRAWAL_REVOCATION: 4, ActKind.CONSENT_REVOCATION: 5,
}


@dataclass(frozen=True)
class Act:
    """One act of a participant on a treaty, as the depositary recorded it."""

    kind: str  # one of ACT_KINDS
    date: date  # date effected (instrument received / signed)
    effective: date | None = None  # a stored or computed effect date, if any

    def __post_init__(self):
        if self.kind not in ACT_KINDS:
            raise ValueError(f"unknown act kind {self.kind!r}")


def in_order(acts: Iterable[Act]) -> list[Act]:
    """Return the acts in the order they happened."""
    return sorted(acts, key=lambda act: (act.date, SAME_DAY_ORDER.get(act.kind, 2)))
