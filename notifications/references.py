"""Read the parts of a depositary notification reference.

`C.N.362.2025.TREATIES-XXVI.5` is circular notification 362 of 2025 about the
treaty filed in the MTDSG as chapter XXVI, number 5. References before about
2003 have other shapes, and some are cited without the treaty part
(`C.N.225.2025`); the raw string is always kept, and only what can be read
with certainty is returned. No Django imports: this module is pure.
"""

import re
from dataclasses import dataclass

# Whitespace inside a reference is a typing or PDF artefact, never meaningful.
_SPACES = re.compile(r"\s+")
_REFERENCE = re.compile(
    r"""^C\.N\.(?P<number>\d{1,5})\.(?P<year>\d{4})
        (?:\.TREATIES-(?P<chapter>[IVXLC]+)\.(?P<treaty>(?:[A-D]\.)?\d+(?:\.[0-9a-z]+)*))?$""",
    re.VERBOSE,
)
# Every shape the depositary has used (C.N.362.2025.TREATIES-XXVI.5, C.N.225.2025,
# older ones with slashes or a parenthesised note) is written with these: never
# a quote, a control character or a line break, so that a file name, a header
# or an address built from a reference is always safe.
_REFERENCE_CHARACTERS = re.compile(r"^[A-Za-z0-9./()\- ]+$")
REFERENCE_RULE = (
    "Write the reference with letters, digits, dots, hyphens, slashes, spaces and parentheses only, "
    "e.g. C.N.362.2025.TREATIES-XXVI.5."
)
# A reference as it stands in running text or a footnote, older shapes included
# (C.N.155.1999.TREATIES-2): the treaty part is taken as far as it goes, never
# with the full stop that ends a sentence after it.
REFERENCE_IN_TEXT = re.compile(r"C\.N\.\d{1,5}\.\d{4}(?:\.TREATIES-[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*)?")
# Chapter XI is divided into sections: XI-A-5 is number A.5 of chapter XI.
_UN_TREATY_KEY = re.compile(r"^(?P<chapter>[IVXLC]+)-(?P<treaty>(?:[A-D]-)?\d+(?:-[0-9a-z]+)*)$")


@dataclass(frozen=True)
class ParsedReference:
    number: int
    year: int
    chapter: str | None
    treaty_number: str | None

    @property
    def treaty_key(self):
        """Return the treaty as `XXVI.5`, or None when the reference does not name it."""
        if self.chapter is None:
            return None
        return f"{self.chapter}.{self.treaty_number}"


def is_well_formed_reference(raw):
    """Return whether `raw` is written only with the characters references use."""
    return bool(_REFERENCE_CHARACTERS.match(raw))


def normalise_reference(raw):
    """Return the reference with stray whitespace removed, for matching."""
    return _SPACES.sub("", raw or "")


def reference_key(raw):
    """Return the form two references are compared in: no whitespace, upper case.

    `C.N. 362.2025.treaties-xxvi.5` and `C.N.362.2025.TREATIES-XXVI.5` are the
    same notification. The database compares references the same way
    (notifications.models.reference_key_expression), in a unique constraint.
    """
    return normalise_reference(raw).upper()


def parse_reference(raw):
    """Return the parts of a `C.N.` reference, or None when its shape is unknown."""
    match = _REFERENCE.match(normalise_reference(raw))
    if match is None:
        return None
    return ParsedReference(
        number=int(match["number"]),
        year=int(match["year"]),
        chapter=match["chapter"],
        treaty_number=match["treaty"],
    )


def treaty_key_from_un(raw):
    """Turn the UN website's `XXVII-7-d` into the MTDSG's `XXVII.7.d`, or None."""
    match = _UN_TREATY_KEY.match(raw.strip())
    if match is None:
        return None
    return f"{match['chapter']}.{match['treaty'].replace('-', '.')}"
