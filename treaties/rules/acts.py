"""The acts a participant performs on a treaty, as the depositary records them."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# A signatory has signed in one of these ways (a definitive signature both
# signs and consents).
SIGNATURE_KINDS = frozenset({
    "signature", "signature_succession", "signature_ad_referendum", "signature_confirmation",
    "definitive_signature",
})
# Consent to be bound. Provisional application or acceptance is not consent.
CONSENT_KINDS = frozenset({
    "definitive_signature", "ratification", "acceptance", "approval", "accession",
    "succession", "formal_confirmation", "consent_to_be_bound", "participation",
    "simplified_procedure",
})
ACT_KINDS = SIGNATURE_KINDS | CONSENT_KINDS | frozenset({
    "reservation", "declaration", "objection", "reservation_withdrawal",
    "territorial_application", "withdrawal", "withdrawal_revocation",
    "consent_revocation", "suspension", "provisional_application", "provisional_acceptance",
    "application", "notification", "other",
})

# Acts of one day are read in the order they must have happened: a signature before
# the consent that follows it, a withdrawal before its revocation, a consent before
# the revocation of that consent.
SAME_DAY_ORDER = {
    **dict.fromkeys(SIGNATURE_KINDS - CONSENT_KINDS, 0),
    **dict.fromkeys(CONSENT_KINDS, 1),
    "withdrawal": 3, "suspension": 3, "withdrawal_revocation": 4, "consent_revocation": 5,
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
