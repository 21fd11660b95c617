"""Check, normalise and compare depositary notification references as stored.

The shapes of a reference (`C.N.362.2025.TREATIES-XXVI.5`, older ones, a
reference in running text) are read by treaties.mtdsg; this module holds
what storing one needs: the characters allowed and the form two references
are compared in. No Django imports: this module is pure.
"""

import re

from treaties.mtdsg import normalise_reference

# Every shape the depositary has used (C.N.362.2025.TREATIES-XXVI.5, C.N.225.2025,
# older ones with slashes or a parenthesised note) is written with these: never
# a quote, a control character or a line break, so that a file name, a header
# or an address built from a reference is always safe.
_REFERENCE_CHARACTERS = re.compile(r"^[A-Za-z0-9./()\- ]+$")
REFERENCE_RULE = (
    "Write the reference with letters, digits, dots, hyphens, slashes, spaces and parentheses only, "
    "e.g. C.N.362.2025.TREATIES-XXVI.5."
)


# A reference written with these only, and not dots alone, stands in a path as it is:
# reverse() quotes none of them, and no segment of it is "." or "..".
_PLAIN_IN_A_PATH = re.compile(r"^[A-Za-z0-9.()\-]*[A-Za-z0-9()\-][A-Za-z0-9.()\-]*$")


def is_plain_in_a_path(reference):
    """Return whether `reference` needs no quoting as a segment of a path (no space, no slash)."""
    return bool(_PLAIN_IN_A_PATH.match(reference))


def is_well_formed_reference(raw):
    """Return whether `raw` is written only with the characters references use."""
    return bool(_REFERENCE_CHARACTERS.match(raw))


def reference_key(raw):
    """Return the form two references are compared in: no whitespace, upper case.

    `C.N. 362.2025.treaties-xxvi.5` and `C.N.362.2025.TREATIES-XXVI.5` are the
    same notification. The database compares references the same way
    (notifications.models.reference_key_expression), in a unique constraint.
    """
    return normalise_reference(raw).upper()
