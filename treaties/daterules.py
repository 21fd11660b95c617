"""The date rules, under the one name the rest of the site imports them by.

Each rule lives in a module of `treaties.rules` (its docstring lists them);
this module only gathers the names models, pages, loaders and tests use.
"""

from treaties.rules.acts import ACT_KINDS, CONSENT_KINDS, SIGNATURE_KINDS, WITHDRAWAL_KINDS, Act, ActKind, in_order
from treaties.rules.counts import Counts, counts_on, party_curve, pending_withdrawals, summary_on
from treaties.rules.entry import (
    EntryIntoForceClause,
    consent_in_force,
    entry_into_force_for,
    treaty_entry_into_force,
)
from treaties.rules.periods import Period, Snap, Unit
from treaties.rules.spans import CountStep, Span, count_steps, participation_curve, read_day, standing_spans
from treaties.rules.status import Standing, Status, status_on
from treaties.rules.withdrawal import (
    ConditionState,
    Notice,
    WithdrawalClause,
    WithdrawalEffect,
    withdrawal_effect,
    withdrawal_notices,
)
from treaties.rules.wording import DatePrecision, LabelledEnum, spell_date

__all__ = [
    "ACT_KINDS",
    "CONSENT_KINDS",
    "SIGNATURE_KINDS",
    "WITHDRAWAL_KINDS",
    "Act",
    "ActKind",
    "ConditionState",
    "CountStep",
    "DatePrecision",
    "Counts",
    "EntryIntoForceClause",
    "LabelledEnum",
    "Notice",
    "Period",
    "Snap",
    "Span",
    "Standing",
    "Status",
    "Unit",
    "WithdrawalClause",
    "WithdrawalEffect",
    "consent_in_force",
    "count_steps",
    "counts_on",
    "entry_into_force_for",
    "in_order",
    "participation_curve",
    "party_curve",
    "pending_withdrawals",
    "read_day",
    "spell_date",
    "standing_spans",
    "status_on",
    "summary_on",
    "treaty_entry_into_force",
    "withdrawal_effect",
    "withdrawal_notices",
]
