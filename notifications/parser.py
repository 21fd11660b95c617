"""Read a UN depositary notification into its parts.

The Secretary-General's notifications share one layout (see
../shared/DESIGN.md and notifications/data/):

    Reference: C.N.362.2025.TREATIES-XXVI.5 (Depositary Notification)
    THE TREATY'S TITLE, IN CAPITALS
    PLACE, DAY MONTH YEAR                                     (of adoption)
    PARTICIPANT: KIND OF ACT <footnote marker>
    The Secretary-General ..., acting in his capacity as depositary, communicates the following:
    The above action was effected on DAY MONTH YEAR.
    (Original: LANGUAGE)
    “the instrument, quoted: its paragraphs and bullets”
    <marker> Refer to depositary notification C.N.... of DATE (Kind: Participant).
    when the act takes effect, under which article, maybe on a condition: “the article, quoted”
    DAY MONTH YEAR                                            (of issue)

`parse()` returns each part with the line it stands on, and a doubt for what it
could not be sure of; for what makes the text unusable (no reference, a date
that is no date) it raises NotificationFormatError naming the line. The text
is first freed of its layout by notifications.layout. No Django imports.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from notifications.layout import (
    BARE_DATE,
    FOOTNOTE_MARKER,
    OPENING_QUOTES,
    SUPERSCRIPT_MARKER,
    Doubt,
    LineError,
    is_footnote,
    is_list_item,
    is_separator,
    reflow,
)
from notifications.references import reference_key
from treaties.mtdsg import REFERENCE_IN_TEXT, ParsedReference, parse_reference

# The act a heading names, longest wording first so that "WITHDRAWAL OF
# NOTIFICATION OF WITHDRAWAL" is not read as a withdrawal. The values are
# treaties.models.ActKind's; an empty kind is a notification about the treaty
# itself, which reports no participant's act.
HEADING_KINDS = (
    ("WITHDRAWAL OF NOTIFICATION OF WITHDRAWAL", "withdrawal_revocation"),
    ("WITHDRAWAL OF THE NOTIFICATION OF WITHDRAWAL", "withdrawal_revocation"),
    ("REVOCATION OF NOTIFICATION OF WITHDRAWAL", "withdrawal_revocation"),
    ("WITHDRAWAL OF NOTIFICATION OF DENUNCIATION", "withdrawal_revocation"),
    ("PARTIAL WITHDRAWAL OF RESERVATION", "reservation_withdrawal"),
    ("WITHDRAWAL OF RESERVATION", "reservation_withdrawal"),
    ("NOTIFICATION OF WITHDRAWAL", "withdrawal"),
    ("NOTIFICATION OF DENUNCIATION", "withdrawal"),
    ("DENUNCIATION", "withdrawal"),
    ("WITHDRAWAL", "withdrawal"),
    ("DEFINITIVE SIGNATURE", "definitive_signature"),
    ("SIGNATURE", "signature"),
    ("RATIFICATION", "ratification"),
    ("ACCESSION", "accession"),
    ("ACCEPTANCE", "acceptance"),
    ("APPROVAL", "approval"),
    ("SUCCESSION", "succession"),
    ("FORMAL CONFIRMATION", "formal_confirmation"),
    ("TERRITORIAL APPLICATION", "territorial_application"),
    ("RESERVATION", "reservation"),
    ("DECLARATION", "declaration"),
    ("OBJECTION", "objection"),
    ("SUSPENSION", "suspension"),
    ("COMMUNICATION", "other"),
    ("NOTIFICATION", "notification"),
    ("ENTRY INTO FORCE", ""),
)
# Kinds that are no participant's act: the notification is about the treaty.
TREATY_HEADINGS = frozenset(wording for wording, kind in HEADING_KINDS if kind == "")

_SECRETARY_GENERAL = re.compile(r"^The Secretary-General\b|communicates the following", re.IGNORECASE)
_REFERENCE_LINE_END = re.compile(r"^\(?(?:Depositary\s+)?Notification\)$", re.IGNORECASE)
_ADOPTION = re.compile(r"^(?P<place>[A-Z][A-Z .'’()-]*?),\s+(?P<date>\d{1,2}\s+[A-Z]+\s+\d{4})$")
_EFFECTED = re.compile(r"\beffected\s+on\s+(?P<date>\S+\s+\S+\s+\S+?)[.,;:]?(?:\s|$)", re.IGNORECASE)
_ORIGINAL = re.compile(r"\(Original:\s*(?P<language>[^)]+?)\s*\)")
_EFFECT = re.compile(r"\b(?:take[sn]?\s+effect|took\s+effect|enter(?:s|ed)?\s+into\s+force)\b", re.IGNORECASE)
_ON_DATE = re.compile(r"\bon\s+(?P<date>\d{1,2}\s+[^\s,.;:]+\s+\d{4})")
_ARTICLES = (
    re.compile(r"paragraph\s+(?P<paragraph>\d+)\s+of\s+article\s+(?P<article>\d+)", re.IGNORECASE),
    re.compile(r"article\s+(?P<article>\d+)\s*\(\s*(?P<paragraph>\d+)\s*\)", re.IGNORECASE),
    re.compile(r"article\s+(?P<article>\d+),?\s+paragraph\s+(?P<paragraph>\d+)", re.IGNORECASE),
    re.compile(r"article\s+(?P<article>\d+)", re.IGNORECASE),
)
# A marker closing a heading or a quotation: "WITHDRAWAL <sup>1</sup>", "WITHDRAWAL¹", "WITHDRAWAL 1".
_TRAILING_MARKER = re.compile(rf"\s*(?:{SUPERSCRIPT_MARKER}|\d{{1,3}})$")
_LEADING_MARKER = re.compile(rf"^{FOOTNOTE_MARKER}\s*")
_CLOSING_QUOTES = '”»"'
_BULLET = re.compile(r"^[-–—•▪◦●·*]\s+")
_MARKDOWN_EMPHASIS = re.compile(r"^(?:#+\s*)?(?:\*\*|__)?(.*?)(?:\*\*|__)?$")
_CITED_DATE = re.compile(r"\bof\s+(?P<date>\d{1,2}\s+\S+\s+\d{4})")
_CITED_ACT = re.compile(r"\((?P<kind>[^:()]+):\s*(?P<participant>[^()]+)\)")
_CONTEXT_TAIL = re.compile(r"(?:[\s,;.]|\band\b)+$")


class NotificationFormatError(LineError):
    """The text cannot be read as a notification; the message says why and where."""


@dataclass(frozen=True)
class Citation:
    reference: str  # as written
    context: str  # what the footnote says of it: "of 12 May 2003 (Ratification: Lithuania)"
    date: date | None
    kind: str  # an ActKind value, "" when the footnote names none this module knows
    participant: str
    line: int | None


@dataclass(frozen=True)
class StatedEffect:
    """The date the depositary says the act takes effect, and what it rests on."""

    date: date
    article: str  # as the site writes articles: "art. 20(3)"; "" when none is named
    conditional: bool  # "subject to the condition set forth in the said paragraph"
    quoted: str  # the article's words as the notification quotes them
    line: int


@dataclass(frozen=True)
class ParsedNotification:
    reference: str
    reference_parts: ParsedReference | None
    title: str
    adoption_place: str
    adoption_date: date | None
    heading: str
    participant: str  # as printed; "" for a notification about the treaty
    kind: str  # an ActKind value; "" when none
    date_effected: date | None
    original_language: str
    passages: tuple[str, ...]
    citations: tuple[Citation, ...]
    stated_effect: StatedEffect | None
    date_issued: date | None
    text: str  # the whole text as it reads
    doubts: tuple[Doubt, ...]
    lines: dict  # the line each part stands on, by field name

    @property
    def treaty_key(self):
        return self.reference_parts.treaty_key if self.reference_parts else None


def parse(text):
    """Return the parts of one notification, or raise NotificationFormatError."""
    if not text.strip():
        raise NotificationFormatError("the text is empty")
    reflowed = reflow(text)
    reader = _Reader(reflowed.paragraphs)
    return reader.read(reflowed.text, list(reflowed.doubts))


def read_date(phrase, line):
    """Return the date a phrase such as `27 June 2025` names; raise NotificationFormatError if it names none.

    Day, month and year must all be written: dateutil fills a missing part from
    its default, so parsing with two different defaults shows whether it did.
    """
    phrase = phrase.strip().rstrip(".,;:")
    try:
        first = dateutil_parser.parse(phrase, dayfirst=True, default=datetime(2001, 1, 1))
        second = dateutil_parser.parse(phrase, dayfirst=True, default=datetime(2002, 2, 2))
    except (ValueError, OverflowError) as error:
        raise NotificationFormatError(f"“{phrase}” is not a date ({error})", line) from error
    if first != second:
        raise NotificationFormatError(f"“{phrase}” is not a whole date: give the day, the month and the year", line)
    return first.date()


def kind_of(wording):
    """Return the ActKind value an act's wording names ("NOTIFICATION OF WITHDRAWAL"), or None if unknown."""
    wording = " ".join(wording.upper().split())
    for known, kind in HEADING_KINDS:
        if wording == known or wording.startswith(known + " ") or wording.startswith(known + "("):
            return kind
    return None


def article_named(sentence):
    """Return the article a sentence names, as the site writes it ("art. 20(3)"), or ""."""
    for pattern in _ARTICLES:
        match = pattern.search(sentence)
        if match:
            paragraph = match.groupdict().get("paragraph")
            return f"art. {match['article']}({paragraph})" if paragraph else f"art. {match['article']}"
    return ""


class _Reader:
    """Walk a notification's paragraphs once, part by part, in the order the layout prints them."""

    def __init__(self, paragraphs):
        self.paragraphs = paragraphs
        self.lines = {}
        self.doubts = []

    def read(self, text, doubts):
        self.doubts = doubts
        reference, reference_index = self._reference()
        body_start = self._body_start(reference_index)
        header = self._header_lines(reference_index, body_start)
        title, place, adopted, heading = self._header(header)
        participant, kind = self._heading(heading)
        body = self.paragraphs[body_start:]
        plain, quotes, footnotes = _split_body(body, self.doubts)
        effect, effect_quote = self._stated_effect(plain, quotes)
        instrument = next((quote for quote in quotes if quote is not effect_quote), None)
        return ParsedNotification(
            reference=reference,
            reference_parts=parse_reference(reference),
            title=title,
            adoption_place=place,
            adoption_date=adopted,
            heading=heading,
            participant=participant,
            kind=kind,
            date_effected=self._date_effected(plain),
            original_language=self._original_language(plain),
            passages=_passages(instrument) if instrument else (),
            citations=self._citations(footnotes, reference),
            stated_effect=effect,
            date_issued=self._date_issued(plain),
            text=text,
            doubts=tuple(self.doubts),
            lines=self.lines,
        )

    def _reference(self):
        """Return the reference as written and the index of its paragraph."""
        for index, paragraph in enumerate(self.paragraphs):
            if _SECRETARY_GENERAL.search(paragraph.text):
                break
            match = REFERENCE_IN_TEXT.search(paragraph.text)
            if match:
                self.lines["reference"] = paragraph.line
                return match.group(0), index
        raise NotificationFormatError(
            "no reference: the notification should open with a line such as "
            "“Reference: C.N.362.2025.TREATIES-XXVI.5 (Depositary Notification)”",
            self.paragraphs[0].line if self.paragraphs else None,
        )

    def _body_start(self, reference_index):
        for index in range(reference_index, len(self.paragraphs)):
            if _SECRETARY_GENERAL.search(self.paragraphs[index].text):
                return index
        raise NotificationFormatError(
            "no “The Secretary-General of the United Nations ... communicates the following” sentence: "
            "the treaty and the heading cannot be told from the rest",
            self.lines["reference"],
        )

    def _header_lines(self, reference_index, body_start):
        """Return the lines between the reference and the Secretary-General's sentence."""
        lines = []
        for paragraph in self.paragraphs[reference_index : body_start + 1]:
            lines.extend(paragraph.lines)
        # The reference's own line, and the body's, may share a paragraph with the header.
        start = next(i for i, line in enumerate(lines) if REFERENCE_IN_TEXT.search(line.text)) + 1
        while start < len(lines) and _REFERENCE_LINE_END.match(lines[start].text):
            start += 1  # "(Depositary Notification)" broken off the reference's line
        body_first_line = len(lines) - len(self.paragraphs[body_start].lines)
        end = next((i for i, line in enumerate(lines) if _SECRETARY_GENERAL.search(line.text)), body_first_line)
        kept = []
        for line in lines[start:end]:
            text = _MARKDOWN_EMPHASIS.match(line.text).group(1).strip()
            if text and not is_separator(text):
                kept.append((line.number, text))
        return kept

    def _header(self, lines):
        """Return the title, the place and date of adoption, and the heading."""
        adoption = next((i for i, (_, text) in enumerate(lines) if _ADOPTION.match(text)), None)
        if adoption is None:
            # Without the adoption line, the heading is the last line naming an act.
            self.doubts.append(Doubt(lines[0][0] if lines else None, "no place and date of adoption found"))
            split = next((i for i in range(len(lines) - 1, -1, -1) if ":" in lines[i][1]), len(lines) - 1)
            title_lines, heading_lines, place, adopted = lines[:split], lines[split:], "", None
        else:
            number, text = lines[adoption]
            match = _ADOPTION.match(text)
            place, adopted = match["place"].strip().title(), read_date(match["date"], number)
            self.lines["adoption"] = number
            title_lines, heading_lines = lines[:adoption], lines[adoption + 1 :]
        if title_lines:
            self.lines["title"] = title_lines[0][0]
        if not heading_lines:
            raise NotificationFormatError(
                "no heading such as “LITHUANIA: NOTIFICATION OF WITHDRAWAL” before the Secretary-General's sentence",
                lines[-1][0] if lines else self.lines["reference"],
            )
        self.lines["heading"] = heading_lines[0][0]
        heading = _TRAILING_MARKER.sub("", _joined(text for _, text in heading_lines))
        return _joined(text for _, text in title_lines), place, adopted, heading

    def _heading(self, heading):
        """Return the participant as printed and the kind of act the heading names."""
        participant, _, wording = heading.rpartition(":")
        participant = participant.strip()
        kind = kind_of(wording)
        if kind is None:
            self.doubts.append(
                Doubt(self.lines["heading"], f"the act “{wording.strip()}” is not one this importer knows; choose it")
            )
            return participant, ""
        if not participant and kind:
            self.doubts.append(Doubt(self.lines["heading"], "the heading names no participant"))
        return participant, kind

    def _date_effected(self, plain):
        for paragraph in plain:
            match = _EFFECTED.search(paragraph.text)
            if match:
                self.lines["date_effected"] = paragraph.line
                return read_date(match["date"], paragraph.line)
        self.doubts.append(Doubt(None, "no “The above action was effected on ...” sentence"))
        return None

    def _original_language(self, plain):
        for paragraph in plain:
            match = _ORIGINAL.search(paragraph.text)
            if match:
                self.lines["original_language"] = paragraph.line
                return match["language"]
        return ""

    def _stated_effect(self, plain, quotes):
        """Return the date of effect the depositary states, and the quotation of the article it cites."""
        for paragraph in plain:
            if not _EFFECT.search(paragraph.text) or _EFFECTED.search(paragraph.text):
                continue
            effect = _EFFECT.search(paragraph.text)
            on = _ON_DATE.search(paragraph.text, effect.end()) or _ON_DATE.search(paragraph.text)
            if on is None:
                continue
            quote = next((quote for quote in quotes if quote[0].line > paragraph.line), None)
            if quote is not None and not paragraph.text.rstrip().endswith(":"):
                quote = None  # the article is quoted only after "which reads as follows:"
            self.lines["stated_effect"] = paragraph.line
            stated = StatedEffect(
                date=read_date(on["date"], paragraph.line),
                article=article_named(paragraph.text),
                conditional="subject to" in paragraph.text.lower(),
                quoted="\n\n".join(_passages(quote, items=False)) if quote else "",
                line=paragraph.line,
            )
            return stated, quote
        return None, None

    def _date_issued(self, plain):
        for paragraph in reversed(plain):
            if BARE_DATE.match(paragraph.text):
                self.lines["date_issued"] = paragraph.line
                return read_date(paragraph.text, paragraph.line)
        self.doubts.append(Doubt(None, "no date of issue (a date on a line of its own, at the end)"))
        return None

    def _citations(self, footnotes, own_reference):
        citations = []
        for paragraph in footnotes:
            text = _LEADING_MARKER.sub("", paragraph.text)
            matches = list(REFERENCE_IN_TEXT.finditer(text))
            for position, match in enumerate(matches):
                if reference_key(match.group(0)) == reference_key(own_reference):
                    continue
                end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
                context = _CONTEXT_TAIL.sub("", text[match.end() : end]).strip()
                citations.append(self._citation(match.group(0), context, paragraph.line))
        return tuple(citations)

    def _citation(self, reference, context, line):
        citation = cite(reference, context, line)
        if citation.date is None and (dated := _CITED_DATE.search(context)):
            self.doubts.append(Doubt(line, f"the footnote's date “{dated['date']}” is not a date"))
        return citation


def cite(reference, context, line=None):
    """Return a citation of another notification, with the date and act its context names, where it names them."""
    cited_date = None
    if dated := _CITED_DATE.search(context):
        try:
            cited_date = read_date(dated["date"], line)
        except NotificationFormatError:
            cited_date = None
    act = _CITED_ACT.search(context)
    return Citation(
        reference=reference,
        context=context,
        date=cited_date,
        kind=(kind_of(act["kind"]) or "") if act else "",
        participant=act["participant"].strip() if act else "",
        line=line,
    )


def _split_body(paragraphs, doubts):
    """Return the plain paragraphs, the quotations (each a list of paragraphs) and the footnotes."""
    plain, quotes, footnotes = [], [], []
    quote = None
    for paragraph in paragraphs:
        if is_footnote(paragraph.text):
            footnotes.append(paragraph)
            continue
        if is_separator(paragraph.text):
            continue
        if quote is None and paragraph.text.startswith(tuple(OPENING_QUOTES)):
            quote = []
        if quote is None:
            plain.append(paragraph)
            continue
        quote.append(paragraph)
        if _closes_quotation(paragraph.text, opens=len(quote) == 1):
            quotes.append(quote)
            quote = None
    if quote:
        doubts.append(Doubt(quote[0].line, "this quotation is never closed; it was read to the end of the text"))
        quotes.append(quote)
    return plain, quotes, footnotes


def _closes_quotation(text, opens):
    text = _TRAILING_MARKER.sub("", text)
    # A straight quotation mark both opens and closes: one alone opens only.
    return text.endswith(tuple(_CLOSING_QUOTES)) and not (opens and len(text) < 2)


def _passages(quote, items=True):
    """Return the quotation's reasons: its bullets if it has any, else each paragraph; without the quotation marks."""
    texts = [paragraph.text for paragraph in quote]
    texts[0] = texts[0][1:]
    closing = _TRAILING_MARKER.sub("", texts[-1])
    texts[-1] = closing[:-1] if closing.endswith(tuple(_CLOSING_QUOTES)) else closing
    pairs = zip(texts, quote, strict=True)
    listed = [_BULLET.sub("", text) for text, paragraph in pairs if is_list_item(paragraph.text)]
    chosen = listed if items and listed else texts
    return tuple(text.strip() for text in chosen if text.strip())


def _joined(texts):
    """Join header lines into one line, a word hyphenated across them kept whole."""
    result = ""
    for text in texts:
        result = f"{result}{text}" if result.endswith("-") or not result else f"{result} {text}"
    return result
