"""MTDSG treaty numbers and depositary notification references: read, write and order them.

The Multilateral Treaties Deposited with the Secretary-General (MTDSG) files a
treaty under a chapter, a Roman numeral (XXVI), and a number within it (5;
7.d for a part; A.5 for a section of chapter XI). Its key is `XXVI.5`; the UN
website writes `XXVI-5`. A depositary notification reference,
`C.N.362.2025.TREATIES-XXVI.5`, is circular notification 362 of 2025 on that
treaty; references before about 2003 have other shapes, and some are cited
without the treaty part (`C.N.225.2025`): those are kept as written, and only
what can be read with certainty is returned.

This is the one place these shapes are written. No Django imports: this
module is pure (treaties and notifications both use it).
"""

import re
from dataclasses import dataclass

# The numerals as the MTDSG writes a chapter, I to XXXIX (it has fewer than 40).
CHAPTER_RULE = r"^(X{0,3})(IX|IV|V?I{0,3})$"
# A number within its chapter: "5", "7.d", and in chapter XI's sections "A.5".
NUMBER = r"(?:[A-D]\.)?\d+(?:\.[0-9a-z]+)*"
NUMBER_RULE = rf"^{NUMBER}$"
# Letters that may spell a numeral, for finding one in text before checking it.
_NUMERAL_LETTERS = r"[IVXLC]+"

# A reference in its current shape, and as it stands in running text or a
# footnote, older shapes included (C.N.155.1999.TREATIES-2): there the treaty
# part is taken as far as it goes, never with the full stop ending a sentence.
REFERENCE = rf"C\.N\.\d{{1,5}}\.\d{{4}}(?:\.TREATIES-{_NUMERAL_LETTERS}\.{NUMBER})?"
REFERENCE_IN_TEXT = re.compile(r"C\.N\.\d{1,5}\.\d{4}(?:\.TREATIES-[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*)?")
_REFERENCE_PARTS = re.compile(
    rf"^C\.N\.(?P<number>\d{{1,5}})\.(?P<year>\d{{4}})(?:\.TREATIES-(?P<chapter>{_NUMERAL_LETTERS})\.(?P<treaty>{NUMBER}))?$"
)
# Whitespace inside a reference is a typing or PDF artefact, never meaningful.
_SPACES = re.compile(r"\s+")

# The UN website's key, with hyphens: XXVII-7-d, XI-A-5.
_UN_KEY = re.compile(rf"^(?P<chapter>{_NUMERAL_LETTERS})-(?P<number>(?:[A-D]-)?\d+(?:-[0-9a-z]+)*)$")
# A UN status page's address names its treaty: ...?mtdsg_no=XXVI-5&chapter=26.
UN_PAGE_KEY = re.compile(rf"mtdsg_no=(?P<chapter>{_NUMERAL_LETTERS})-(?P<number>[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*)(?:&|$)")
# A key as a researcher types it: any case, dots or hyphens, `TREATIES-` or not.
_TYPED_KEY = re.compile(
    rf"^(?:TREATIES-)?({_NUMERAL_LETTERS})[.-]((?:[A-D][.-])?\d+(?:[.-][0-9a-z]+)*)$", re.IGNORECASE
)
# A reference as typed, whole or in part: C.N.362.2025[.TREATIES-XXVI.5], 362.2025,
# and as the UN names its files, without the dots after C and N: CN.362.2025, CN.362.2025-Eng.pdf
# (the French copy is "-Frn"; "-Fre" is read too, as people write it).
_TYPED_REFERENCE = re.compile(
    r"^(?:C\.?N\.)?(\d{1,5})\.(\d{4})(?:\.TREATIES-(.+)|-(?:Eng|Frn|Fre)(?:\.pdf)?)?$", re.IGNORECASE
)
# The circular number and year that open a reference of any age, however "C.N." is written.
_CIRCULAR_NUMBER = re.compile(r"^C\.?N\.(?P<number>\d{1,5})\.(?P<year>\d{4})(?=\.|$)", re.IGNORECASE)

# The depositary's own copy of a notification, a PDF in English and in French, at
# the address the UN Treaty Collection gives every C.N. (the year's folder, then
# the reference's number and year), for instance
# https://treaties.un.org/doc/Publication/CN/2025/CN.351.2025-Eng.pdf and
# https://treaties.un.org/doc/Publication/CN/2025/CN.162.2025-Frn.pdf (both cited
# in public repositories), and this project's own
# https://treaties.un.org/doc/Publication/CN/2026/CN.180.2026-Eng.pdf
# (treaties/data/curated/acts.toml).
UN_DOCUMENT = "https://treaties.un.org/doc/Publication/CN/{year}/CN.{number}.{year}-{language}.pdf"
# The two languages it publishes them in: name, the UN's abbreviation, the language code.
UN_DOCUMENT_LANGUAGES = [("English", "Eng", "en"), ("French", "Frn", "fr")]

_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_NUMERAL_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


# -- Roman numerals --------------------------------------------------------


def to_roman(number: int) -> str:
    """Return a positive integer as a Roman numeral: 26 -> XXVI."""
    if number < 1:
        raise ValueError(f"no Roman numeral for {number}")
    digits = []
    for value, numeral in _NUMERALS:
        count, number = divmod(number, value)
        digits.append(numeral * count)
    return "".join(digits)


def from_roman(numeral: str) -> int:
    """Return a Roman numeral's value: XXVI -> 26."""
    total = 0
    for symbol, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = _NUMERAL_VALUES[symbol]
        total += -value if _NUMERAL_VALUES.get(following, 0) > value else value
    return total


def is_chapter(text: str) -> bool:
    """Return whether `text` is written as an MTDSG chapter numeral is (upper case, I to XXXIX)."""
    return bool(text) and re.match(CHAPTER_RULE, text) is not None


# -- Treaty keys -----------------------------------------------------------


def treaty_key(chapter: str, number: str) -> str:
    """Return the MTDSG key: ("XXVI", "5") -> XXVI.5."""
    return f"{chapter}.{number}"


def un_key(chapter: str, number: str) -> str:
    """Return the key as the UN website writes it: ("XI", "A.5") -> XI-A-5."""
    return f"{chapter}-{number.replace('.', '-')}"


def split_key(key: str) -> tuple[str, str]:
    """Return a key's chapter and number: XI.A.5 -> ("XI", "A.5")."""
    chapter, _, number = key.partition(".")
    return chapter, number


def treaty_key_from_un(raw: str) -> str | None:
    """Turn the UN website's `XXVII-7-d` into the MTDSG's `XXVII.7.d`, or None."""
    match = _UN_KEY.match(raw.strip())
    if match is None:
        return None
    return treaty_key(match["chapter"], match["number"].replace("-", "."))


def read_typed_key(text: str) -> tuple[str, str] | None:
    """Return the chapter and number a typed key names (`xxvii-7-D` -> ("XXVII", "7.d")), or None."""
    match = _TYPED_KEY.match(text)
    if match is None or not is_chapter(match[1].upper()):
        return None
    first, *rest = re.split(r"[.-]", match[2])
    return match[1].upper(), ".".join([first.upper(), *(part.lower() for part in rest)])


def sort_key(chapter: str, number: str) -> str:
    """Return a key that orders treaties as the MTDSG does: IV.4 before IV.11, XXVI.5 before XXVII.1."""
    parts = ".".join(part.zfill(4) for part in number.split("."))
    return f"{from_roman(chapter):03d}.{parts}"


# -- Notification references -----------------------------------------------


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
        return treaty_key(self.chapter, self.treaty_number)

    def __str__(self):
        """Return the reference in its current shape: C.N.362.2025.TREATIES-XXVI.5."""
        written = f"C.N.{self.number}.{self.year}"
        return f"{written}.TREATIES-{self.treaty_key}" if self.chapter else written


def normalise_reference(raw):
    """Return the reference with stray whitespace removed, for matching."""
    return _SPACES.sub("", raw or "")


def parse_reference(raw):
    """Return the parts of a `C.N.` reference, or None when its shape is unknown."""
    match = _REFERENCE_PARTS.match(normalise_reference(raw))
    if match is None:
        return None
    return ParsedReference(
        number=int(match["number"]),
        year=int(match["year"]),
        chapter=match["chapter"],
        treaty_number=match["treaty"],
    )


def read_typed_reference(text: str) -> tuple[int, int, str | None, str | None] | None:
    """Return the C.N. number, year, chapter and treaty number a typed reference names, or None.

    `C.N.362.2025`, `CN.362.2025` (the UN's file name) and `362.2025` leave
    the treaty out (None, None); a typed key alone (`XXVI.5`) is not a reference: see read_typed_key.
    """
    match = _TYPED_REFERENCE.match(text)
    if match is None:
        return None
    if match[3] is None:
        return int(match[1]), int(match[2]), None, None
    key = read_typed_key(match[3])
    return (int(match[1]), int(match[2]), *key) if key else None


def canonical_reference(raw: str) -> str | None:
    """Return a reference in any case or spelling as the depositary writes it, or None when it reads as none.

    `c.n.362.2025.treaties-xxvi.5`, `CN.362.2025.TREATIES-XXVI-5` and
    `C.N. 362.2025.TREATIES-XXVI.5` are all C.N.362.2025.TREATIES-XXVI.5.
    """
    text = normalise_reference(raw)
    typed = read_typed_reference(text) if _CIRCULAR_NUMBER.match(text) else None
    return str(ParsedReference(*typed)) if typed else None


@dataclass(frozen=True)
class UNCopy:
    language: str  # "English"
    code: str  # "en", for hreflang
    url: str


def un_copies(raw: str) -> list[UNCopy]:
    """Return the UN's copies of a notification, one a language; none when its number cannot be read."""
    match = _CIRCULAR_NUMBER.match(normalise_reference(raw))
    if match is None:
        return []
    number, year = int(match["number"]), match["year"]
    return [
        UNCopy(language, code, UN_DOCUMENT.format(year=year, number=number, language=abbreviation))
        for language, abbreviation, code in UN_DOCUMENT_LANGUAGES
    ]
