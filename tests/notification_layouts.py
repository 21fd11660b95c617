"""Notifications written in the depositary's layout, and the marks that layout picks up on the way.

`compose()` writes a notification of any kind from its parts, as the
Secretary-General prints them; the other functions turn a clean text into what
pdftotext, a PDF writer, e-mail or a Markdown converter would hand over.
"""

import io
import re
import textwrap
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "notifications" / "data" / "CN.362.2025.TREATIES-XXVI.5.txt"
SECRETARY_GENERAL = (
    "The Secretary-General of the United Nations, acting in his capacity as depositary, communicates the following:"
)
MINE_BAN_TITLE = (
    "CONVENTION ON THE PROHIBITION OF THE USE, STOCKPILING, PRODUCTION AND TRANSFER OF ANTI-PERSONNEL MINES "
    "AND ON THEIR DESTRUCTION"
)
# Debian's fonts-dejavu-core, on every machine of this project: a font with the
# letters of the notifications (ė, à, curly quotation marks) for the PDFs.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def seed_text():
    return SEED.read_text(encoding="utf-8")


def compose(
    *,
    reference,
    title,
    adoption,
    heading,
    effected,
    original="English",
    instrument=(),
    effect="",
    quoted_article="",
    footnotes=(),
    issued,
):
    """Return a notification in the depositary's layout, paragraphs apart, the instrument in quotation marks.

    `instrument` is a list of paragraphs; a paragraph starting "- " is a bullet.
    `footnotes` are (reference, "of 12 May 2003 (Ratification: Lithuania)") pairs.
    """
    parts = [
        f"Reference: {reference} (Depositary Notification)",
        title,
        adoption,
        heading + (" <sup>1</sup>" if footnotes else ""),
        SECRETARY_GENERAL,
        f"The above action was effected on {effected}.",
        f"(Original: {original})",
    ]
    if instrument:
        parts.append(_quoted_instrument(list(instrument)))
    if effect:
        parts.append(effect)
    if quoted_article:
        parts.append(f"“{quoted_article}”")
    parts.append(issued)
    if footnotes:
        parts.append("---")
        parts += [
            f"<sup>{number}</sup> Refer to depositary notification {cited} {context}."
            for number, (cited, context) in enumerate(footnotes, start=1)
        ]
    return "\n\n".join(parts) + "\n"


def mine_ban_notice(**parts):
    """Return a notification about the Mine Ban Convention; `parts` as for compose()."""
    return compose(title=MINE_BAN_TITLE, adoption="OSLO, 18 SEPTEMBER 1997", **parts)


# The Mine Ban Convention's art. 17(2), shortened: the words a ratification quotes.
ARTICLE_17_2 = (
    "2. For any State which deposits its instrument after the date of the deposit of the 40th instrument, "
    "this Convention shall enter into force on the first day of the sixth month after that date."
)


def ratification_notice(*, stated="1 September 2025", reference="C.N.88.2025.TREATIES-XXVI.5"):
    """Return the Marshall Islands' ratification of 12 March 2025, stating its entry into force."""
    return mine_ban_notice(
        reference=reference,
        heading="MARSHALL ISLANDS: RATIFICATION",
        effected="12 March 2025",
        effect=(
            f"The Convention will enter into force for the Marshall Islands on {stated} in accordance "
            "with its article 17 (2), which reads as follows:"
        ),
        quoted_article=ARTICLE_17_2,
        issued="14 March 2025",
    )


def accession_notice():
    """Return Tuvalu's accession of 13 September 2011, its entry into force stated without a quotation."""
    return mine_ban_notice(
        reference="C.N.501.2011.TREATIES-XXVI.5",
        heading="TUVALU: ACCESSION",
        effected="13 September 2011",
        effect="In accordance with paragraph 2 of article 17, the Convention will enter into force for Tuvalu on "
        "1 March 2012.",
        issued="20 September 2011",
    )


def revocation_notice():
    """Return the Gambia's withdrawal of its notification of withdrawal from the Rome Statute."""
    return compose(
        reference="C.N.62.2017.TREATIES-XVIII.10",
        title="ROME STATUTE OF THE INTERNATIONAL CRIMINAL COURT",
        adoption="ROME, 17 JULY 1998",
        heading="GAMBIA: WITHDRAWAL OF NOTIFICATION OF WITHDRAWAL",
        effected="10 February 2017",
        instrument=["The Government of the Gambia hereby rescinds its notification of withdrawal."],
        footnotes=[("C.N.862.2016.TREATIES-XVIII.10", "of 11 November 2016 (Withdrawal: Gambia)")],
        issued="16 February 2017",
    )


def _quoted_instrument(paragraphs):
    paragraphs[0] = "“" + paragraphs[0]
    paragraphs[-1] = paragraphs[-1] + "”"
    text = paragraphs[0]
    for previous, paragraph in zip(paragraphs, paragraphs[1:], strict=False):
        # Bullets follow one another line by line, as the seed prints them.
        text += ("\n" if previous.startswith("- ") and paragraph.startswith("- ") else "\n\n") + paragraph
    return text


# --- The marks of the way ---------------------------------------------------------------


def with_crlf(text):
    return text.replace("\n", "\r\n")


def with_straight_quotes(text):
    return text.translate({ord("“"): '"', ord("”"): '"', ord("’"): "'"})


def with_no_break_spaces(text):
    """Put no-break spaces where typesetters do: inside dates and before numbers."""
    return re.sub(r"(?<=\d) (?=[A-Z][a-z])|(?<=[a-z]) (?=\d)", "\u00a0", text)


def with_footnote_markers(text, style):
    """Write the footnote marker as ¹ or as a bare digit, as PDF exports do."""
    return text.replace("<sup>1</sup>", {"superscript": "¹", "digit": "1"}[style])


def with_markdown_debris(text, debris):
    return text.replace("\\*\\*\\*", debris)


def hard_wrapped(text, width):
    """Break every line at `width` characters, as pdftotext does, without Markdown's two-space breaks."""
    lines = []
    for line in text.split("\n"):
        wrapped = textwrap.wrap(line.rstrip(), width, break_long_words=False, break_on_hyphens=False)
        lines += wrapped or [""]
    return "\n".join(lines)


def hyphenated(text, every=3):
    """Break a long word across every `every`th pair of lines with a hyphen, as a typesetter does."""
    lines = text.split("\n")
    count = 0
    for index in range(len(lines) - 1):
        words = lines[index + 1].split(" ")
        if not lines[index] or not re.fullmatch(r"[a-z]{9,}", words[0]):
            continue
        count += 1
        if count % every:
            continue
        head, tail = words[0][:4], words[0][4:]
        lines[index] += f" {head}-"
        lines[index + 1] = " ".join([tail, *words[1:]])
    return "\n".join(lines)


def paginated(text, lines_per_page, header="UNITED NATIONS\nNATIONS UNIES"):
    """Cut the text into pages with form feeds, each headed and numbered.

    Pages end only where a real page could end without a doubt: in the middle
    of a sentence, or between paragraphs.
    """
    lines = text.split("\n")
    pages, page = [], []
    for index, line in enumerate(lines):
        page.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if len(page) >= lines_per_page and _can_end_page(line, following):
            pages.append(page)
            page = []
    pages.append(page)
    numbered = [f"{header}\n\n" + "\n".join(page) + f"\n\n- {number} -" for number, page in enumerate(pages, 1)]
    return "\n\f".join(numbered) + "\n"


def _can_end_page(line, following):
    if not line.strip() or not following.strip():
        return True
    return not re.search(r"""[.:;!?"”»)]$""", line.rstrip())


# --- PDFs ----------------------------------------------------------------------------------


def pdf_of(text):
    """Return a PDF whose text layer is `text`, headed "UNITED NATIONS  NATIONS UNIES" and numbered on each page."""
    fpdf = pytest.importorskip("fpdf")
    if not DEJAVU.exists():
        pytest.skip(f"needs Debian's fonts-dejavu-core ({DEJAVU})")

    class Notice(fpdf.FPDF):
        def header(self):
            self.cell(0, 6, "UNITED NATIONS                                            NATIONS UNIES", align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.cell(0, 6, f"Page {self.page_no()}", align="C")

    pdf = Notice()
    pdf.add_font("DejaVu", fname=str(DEJAVU))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, text.replace("<sup>1</sup>", "¹"))
    return bytes(pdf.output())


def scanned_pdf():
    """Return a PDF with a page that shows only a picture: no text layer at all."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250, style="F")
    return bytes(pdf.output())


def pdf_pages(data):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
