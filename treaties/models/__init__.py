"""Treaties, participants and what each participant did with each treaty.

One module a concern: `choices` (kinds of act, strengths, clause settings),
`participants`, `treaty`, `acts` (acts and the dates that follow from them),
`spans` (standing and counts as stored), `loads` (data sets loaded) and
`addresses` (page addresses by slug). The names below are the app's models
and what other modules import with them.
"""

from treaties.models.acts import ActQuerySet, ComputedEffect, ParticipationAct, recorded_effect
from treaties.models.addresses import slug_url
from treaties.models.choices import (
    CONSENT_KINDS,
    SIGNATURE_KINDS,
    WITHDRAWAL_KINDS,
    ActKind,
    ConditionState,
    Coverage,
    DatePrecision,
    InForce,
    Origin,
    ParsableChoices,
    PeriodUnit,
    Snap,
    Strength,
    choices_from,
)
from treaties.models.loads import DataLoad
from treaties.models.participants import Participant, ParticipantName
from treaties.models.spans import (
    CONTRACTING_STANDINGS,
    COUNT_FIELDS,
    PARTY_STANDINGS,
    CountQuerySet,
    RevokedWithdrawal,
    SpanQuerySet,
    StandingSpan,
    TreatyCount,
    counts_of,
    covers,
    read_on,
)
from treaties.models.treaty import (
    NAME_FIELDS,
    RULE_FIELDS,
    Treaty,
    TreatyQuerySet,
    chapter_validator,
    number_validator,
)

__all__ = [
    "CONSENT_KINDS",
    "CONTRACTING_STANDINGS",
    "COUNT_FIELDS",
    "NAME_FIELDS",
    "PARTY_STANDINGS",
    "RULE_FIELDS",
    "SIGNATURE_KINDS",
    "WITHDRAWAL_KINDS",
    "ActKind",
    "ActQuerySet",
    "ComputedEffect",
    "ConditionState",
    "CountQuerySet",
    "Coverage",
    "DataLoad",
    "DatePrecision",
    "InForce",
    "Origin",
    "ParsableChoices",
    "Participant",
    "ParticipantName",
    "ParticipationAct",
    "RevokedWithdrawal",
    "PeriodUnit",
    "Snap",
    "SpanQuerySet",
    "StandingSpan",
    "Strength",
    "Treaty",
    "TreatyCount",
    "TreatyQuerySet",
    "chapter_validator",
    "choices_from",
    "counts_of",
    "covers",
    "number_validator",
    "read_on",
    "recorded_effect",
    "slug_url",
]
