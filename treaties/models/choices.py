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


def choices_from(name, rules_enum):
    """Return Django choices with the members, values and labels of an enum of the date rules.

    The rules hold each list once; the models, forms and admin offer it from here.
    """
    return ParsableChoices(name, [(member.name, (member.value, member.label)) for member in rules_enum])


PeriodUnit = choices_from("PeriodUnit", daterules.Unit)
Snap = choices_from("Snap", daterules.Snap)


DatePrecision = choices_from("DatePrecision", daterules.DatePrecision)


ActKind = choices_from("ActKind", daterules.ActKind)

# The kind sets live with the date rules, which decide what counts as signing
# or consenting; here they are the same values as ActKind members.
SIGNATURE_KINDS = frozenset(ActKind(kind) for kind in daterules.SIGNATURE_KINDS)
CONSENT_KINDS = frozenset(ActKind(kind) for kind in daterules.CONSENT_KINDS)
WITHDRAWAL_KINDS = frozenset(ActKind(kind) for kind in daterules.WITHDRAWAL_KINDS)


class Origin(ParsableChoices):
    """Where a record came from, so a re-import never overwrites another source's facts."""

    EDITOR = "editor", "Entered by an editor"
    CURATED = "curated", "Curated data shipped with the site"
    UNTC_2015 = "untc-2015", "UN Treaty Collection status page, captured 14 March 2015"
    SYNTHETIC = "synthetic", "Synthetic, made by generate_synthetic for benchmarks"


class InForce(ParsableChoices):
    """What the sources say of a treaty's own entry into force."""

    IN_FORCE = "in_force", "In force"
    NOT_IN_FORCE = "not_in_force", "Not in force"
    UNKNOWN = "unknown", "Not recorded"


class Coverage(ParsableChoices):
    """How much of a treaty's participation the site records."""

    COMPLETE = "complete", "Every participant's acts, up to the horizon"
    PARTIAL = "partial", "Only some participants' acts: no participation table"


ConditionState = choices_from("ConditionState", daterules.ConditionState)
