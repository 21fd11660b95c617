"""Undo the layout a depositary notification picked up on its way here.

Text comes from `pdftotext`, from pypdf, from e-mail or from a Markdown
conversion of the PDF (like the seed notification in notifications/data/). Each
leaves its marks: CRLF line ends, form feeds between pages, the running header
"UNITED NATIONS / NATIONS UNIES" and page numbers, sentences broken across
lines, words hyphenated at a line end, no-break spaces, a page's footnote in the
middle of a sentence that runs on to the next page. `reflow()` removes them and
returns the text as it reads, in paragraphs, keeping every character of the
words themselves. Text that has none of these marks comes back unchanged, so a
clean file is stored exactly as published.

No Django imports: this module is pure.
"""

import re
from dataclasses import dataclass

# Layout spaces: a no-break space is a typesetting choice, not a different word.
_LAYOUT_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\t": " "})
# Invisible characters a PDF leaves inside words.
_INVISIBLE = re.compile("[\u00ad\u200b\ufeff]")
_RUNNING_HEADER = re.compile(r"^(?:UNITED NATIONS|NATIONS UNIES|UNITED NATIONS\s*/?\s*NATIONS UNIES)$")
_PAGE_NUMBER = re.compile(r"^(?:-\s*\d{1,3}\s*-|(?:Page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?)$", re.IGNORECASE)
# "---", "___", "***" and the escaped "\*\*\*" a Markdown converter writes.
_SEPARATOR = re.compile(r"^(?:\\?[*_\-]\s*){3,}$")
# A footnote marker as PDF exports write it: <sup>1</sup>, ¹, or a bare 1 (before a space).
SUPERSCRIPT_MARKER = r"(?:<sup>\d{1,3}</sup>|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)"
FOOTNOTE_MARKER = rf"(?:{SUPERSCRIPT_MARKER}|\d{{1,3}}(?=\s))"
# A footnote cites another notification: "1 Refer to depositary notification C.N.381.2003...".
_FOOTNOTE = re.compile(rf"^{FOOTNOTE_MARKER}\s*(?:Refer to|See)?.*C\.N\.\d", re.IGNORECASE)
# A list item: a bullet glyph, or an enumeration such as (a), a), (iv), 1.
_LIST_ITEM = re.compile(r"^(?:[-–—•▪◦●·*]|\(?[a-z]\)|\(?[ivx]{1,5}\)|\d{1,2}[.)])\s+")
# "(Original: English)" always stands alone; the reference line always opens a paragraph.
_ALONE = re.compile(r"^\(Original:.*\)$")
_REFERENCE_LINE = re.compile(r"^Reference:")
# A date on a line of its own: the date of issue, unless a sentence runs on into it.
BARE_DATE = re.compile(r"^\d{1,2}\s+\S+\s+\d{4}\.?$")
# A line that ends a paragraph for certain: a sentence closed by a quotation mark.
_CLOSES_QUOTE = re.compile(r"""[.!?;:]["”»]$""")
OPENING_QUOTES = "“„«\""
# Where a sentence may end: a line ending otherwise runs on after a page break.
_ENDS_SENTENCE = re.compile(r"""[.:;!?"”»)]$""")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_WORD_BEFORE_HYPHEN = re.compile(r"([^\W\d_]+)-$")
_WORD_AT_START = re.compile(r"^([^\W\d_]+)")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the text as given
    text: str  # spaces collapsed, ends stripped
    hard_break: bool = False  # ended in two spaces, Markdown's line break: kept as written
    page_break_before: bool = False


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]
    text: str  # the lines joined as the paragraph reads

    @property
    def line(self):
        return self.lines[0].number


def at_line(line, message):
    """Return a message prefixed with the line it concerns, when one is known."""
    return f"line {line}: {message}" if line else message


class LineError(ValueError):
    """A fault in a text that stops it being read, with the line it stands on where one applies."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return at_line(self.line, self.message)


@dataclass(frozen=True)
class Doubt:
    line: int | None
    message: str

    def __str__(self):
        return at_line(self.line, self.message)


@dataclass(frozen=True)
class Reflowed:
    paragraphs: tuple[Paragraph, ...]
    text: str  # the whole text as it reads
    doubts: tuple[Doubt, ...]


def reflow(text):
    """Return the text's paragraphs and the text as it reads, with what was uncertain."""
    lines = _without_page_furniture(_lines(text))
    lines = _feet_after_their_paragraphs(lines)
    vocabulary = _vocabulary(lines)
    builder = _Builder(vocabulary)
    for line in lines:
        builder.add(line)
    return builder.finish(ends_with_newline=text.endswith(("\n", "\r")))


def is_separator(text):
    return bool(_SEPARATOR.match(text))


def is_footnote(text):
    return bool(_FOOTNOTE.match(text))


def is_list_item(text):
    return bool(_LIST_ITEM.match(text))


def _lines(text):
    """Split the text into Lines, noting page breaks and Markdown line breaks."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    result = []
    # A final line end closes the last line; it does not open another.
    for number, raw in enumerate(text.removesuffix("\n").split("\n"), start=1):
        page_break = "\f" in raw
        raw = raw.replace("\f", "").translate(_LAYOUT_SPACES)
        result.append(
            Line(
                number=number,
                text=" ".join(raw.split()),
                hard_break=raw.endswith("  ") and bool(raw.strip()),
                page_break_before=page_break,
            )
        )
    return result


def _pages(lines):
    """Group lines into pages at each form feed."""
    pages = [[]]
    for line in lines:
        if line.page_break_before and any(other.text for other in pages[-1]):
            pages.append([])
        pages[-1].append(line)
    return pages


def _without_page_furniture(lines):
    """Drop running headers anywhere, and page numbers at a page's top or foot."""
    kept = []
    for index, page in enumerate(_pages(lines)):
        body = [line for line in page if not _RUNNING_HEADER.match(line.text)]
        _drop_edge_page_numbers(body)
        if len(body) < len(page):
            while body and not body[0].text:
                body.pop(0)  # the space under the header
        if index:
            # Blank lines at a page's edges are layout: whether a paragraph runs on is decided below.
            _strip_blank_edges(body, kept)
            if body:
                body[0] = Line(body[0].number, body[0].text, body[0].hard_break, page_break_before=True)
        kept.extend(body)
    return kept


def _strip_blank_edges(page, previous_pages):
    while page and not page[0].text:
        page.pop(0)
    while previous_pages and not previous_pages[-1].text:
        previous_pages.pop()


def _drop_edge_page_numbers(page):
    for edge in (0, -1):
        filled = [line for line in page if line.text]
        if filled and _PAGE_NUMBER.match(filled[edge].text):
            page.remove(filled[edge])


def _feet_after_their_paragraphs(lines):
    """Move a page's footnotes after the paragraph they interrupt when it runs on to the next page.

    A PDF prints footnotes at the foot of the page; when a sentence runs on
    past them, the sentence must be joined again for its words to be quoted.
    """
    pages = _pages(lines)
    for index in range(len(pages) - 1):
        page, following = pages[index], pages[index + 1]
        foot = _foot(page)
        body = [line for line in page[: len(page) - len(foot)] if line.text]
        if not foot or not body or _ENDS_SENTENCE.search(body[-1].text):
            continue
        del page[len(page) - len(foot) :]
        while not page[-1].text:
            page.pop()  # the space above the foot: the sentence runs on
        end = _end_of_first_paragraph(following)
        following[end:end] = [Line(0, ""), *[line for line in foot if line.text], Line(0, "")]
    return [line for page in pages for line in page]


def _foot(page):
    """Return the lines from the page's first footnote (and the separator above it) to its end."""
    starts = [index for index, line in enumerate(page) if is_footnote(line.text)]
    if not starts:
        return []
    start = starts[0]
    above = [index for index in range(start) if page[index].text][-1:]
    if above and is_separator(page[above[0]].text):
        start = above[0]
    return page[start:]


def _end_of_first_paragraph(page):
    """Return the index just after the paragraph that opens the page."""
    for index, line in enumerate(page[1:], start=1):
        if not line.text or _starts_paragraph(line.text) or _may_start_paragraph(line.text):
            return index
    return len(page)


def _vocabulary(lines):
    """Return the words the text uses whole, to decide a hyphen at a line end."""
    words = set()
    for line in lines:
        for word in _WORD.findall(line.text.rstrip("-")):
            words.add(word.casefold())
            words.update(part.casefold() for part in word.split("-"))
    return words


def _starts_paragraph(text):
    """Say whether a line opens a paragraph whatever comes before it."""
    return is_footnote(text) or is_separator(text) or bool(_ALONE.match(text) or _REFERENCE_LINE.match(text))


def _may_start_paragraph(text):
    """Say whether a line opens a paragraph when the line before it ends a sentence."""
    return is_list_item(text) or text.startswith(tuple(OPENING_QUOTES)) or bool(BARE_DATE.match(text))


def _ends_paragraph(text):
    return is_separator(text) or bool(_ALONE.match(text)) or bool(_CLOSES_QUOTE.search(text))


class _Builder:
    """Join lines into paragraphs, keeping the separators of a text already clean."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self.pieces = []  # [text, separator after it] for each output line
        self.paragraphs = []
        self.current = []  # the Lines of the paragraph being built
        self.current_text = ""
        self.doubts = []

    def add(self, line):
        if not line.text:
            self._close()
            # Blank lines written in the text are kept; one added here to set a footnote apart, once.
            if line.number or not (self.pieces and not self.pieces[-1][0]):
                self.pieces.append(["", "\n"])
            return
        if self.current and self._continues(line):
            self._join(line)
            return
        self._close()
        if line.page_break_before and self.pieces and self.pieces[-1][0]:
            self.pieces.append(["", "\n"])  # a new paragraph on a new page: set it apart
        self.current = [line]
        self.current_text = line.text
        self.pieces.append([line.text, "\n"])

    def _continues(self, line):
        """Say whether `line` runs on the paragraph being built."""
        previous = self.current[-1]
        if _starts_paragraph(line.text) or _ends_paragraph(previous.text):
            return False
        if len(self.current) == 1 and BARE_DATE.match(previous.text):
            return False  # a date standing alone, the date of issue, ends its paragraph
        if not _ENDS_SENTENCE.search(previous.text):
            return True
        # After a full sentence, a bullet, a quotation or a date opens a new paragraph,
        # and so does anything on the next page: whether it does is a guess, said as one.
        if line.page_break_before and not _may_start_paragraph(line.text):
            self.doubts.append(
                Doubt(
                    line.number,
                    "a page ended with a full sentence and this line, on the next page, was taken to open "
                    "a new paragraph; if it continues the one before, join them",
                )
            )
        return not (_may_start_paragraph(line.text) or line.page_break_before)

    def _join(self, line):
        previous = self.current[-1]
        piece = self.pieces[-1]
        if previous.hard_break and not line.page_break_before:
            piece[1] = "  \n"
            self.pieces.append([line.text, "\n"])
            self.current_text = f"{self.current_text}  \n{line.text}"
        else:
            glue = self._glue(previous, line)
            if glue is None:  # the hyphen only broke the word at the line end: drop it
                piece[0] = piece[0][:-1]
                self.current_text = self.current_text[:-1]
                glue = ""
            piece[0] = f"{piece[0]}{glue}{line.text}"
            self.current_text = f"{self.current_text}{glue}{line.text}"
        self.current.append(line)

    def _glue(self, previous, line):
        """Return what joins two lines of a paragraph: a space, nothing after a hyphen kept, None to drop it."""
        before = _WORD_BEFORE_HYPHEN.search(previous.text)
        after = _WORD_AT_START.match(line.text)
        if before is None or after is None:
            return " "
        head, tail = before.group(1), after.group(1)
        if not tail[0].islower() or f"{head}-{tail}".casefold() in self.vocabulary:
            return ""  # Anti-Personnel, TREATIES-XXVI.5, or a compound the text writes whole
        if (head + tail).casefold() not in self.vocabulary:
            self.doubts.append(
                Doubt(
                    previous.number,
                    f"“{head}-” and “{tail}” at a line break were joined as “{head}{tail}”; "
                    "if the hyphen belongs to the word, put it back.",
                )
            )
        return None

    def _close(self):
        if self.current:
            self.paragraphs.append(Paragraph(tuple(self.current), self.current_text))
        self.current = []
        self.current_text = ""

    def finish(self, ends_with_newline):
        self._close()
        text = "".join(text + separator for text, separator in self.pieces)
        if not ends_with_newline:
            text = text.removesuffix("\n")
        return Reflowed(tuple(self.paragraphs), text, tuple(self.doubts))
