"""Turn a notification file (text or PDF) into its text, or say plainly why not.

PDFs are read with pypdf, in its layout mode: it keeps the blank lines between
paragraphs that notifications.layout needs. No Django imports: this module is pure.
"""

import io
import re

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from notifications.layout import LineError

# A notification is a few pages: its PDF weighs well under a megabyte. A file
# far larger is not one, and is refused by its size before it is read.
MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = (".txt", ".pdf")
_BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n){2,}")
# What a damaged or hostile PDF can make pypdf raise, besides its own errors.
_PDF_FAILURES = (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


class UnreadableDocument(LineError):
    """The file cannot be read as a notification; the message says why, and the line where one applies."""


def refuse_oversize(size):
    """Raise UnreadableDocument for a file too large to be a notification, before anything is read."""
    if size > MAX_BYTES:
        raise UnreadableDocument(
            f"the file is {size / 1024 / 1024:.1f} MB; a notification is far smaller "
            f"(at most {MAX_BYTES // 1024 // 1024} MB is read), so it was not read"
        )


def document_text(data):
    """Return the text of a notification file's bytes: a PDF's text layer, or UTF-8 text."""
    refuse_oversize(len(data))
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    if data.startswith(b"%PDF-"):
        return pdf_text(data)
    if b"\x00" in data:
        raise UnreadableDocument("the file is binary, not text: give the notification as a .txt or .pdf file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UnreadableDocument(
            f"byte 0x{data[error.start]:02x} is not UTF-8: the file is in another encoding; save it as UTF-8", line
        ) from error


def pdf_text(data):
    """Return the text layer of a PDF, its pages separated by form feeds."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocument("the PDF is encrypted: save an unprotected copy")
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except _PDF_FAILURES as error:
        raise UnreadableDocument(f"the PDF cannot be read ({error})") from error
    # A page's last line and the next page's first are two lines, a form feed between them;
    # layout mode pads lines with spaces to place them on the page, which means nothing here.
    text = "\n".join(line.rstrip() for line in "\n\f".join(pages).split("\n"))
    # Vertical space comes out as runs of blank lines: one is a paragraph break, more say nothing.
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
    if not text.strip():
        raise UnreadableDocument(
            "the PDF has no text layer (a scanned image?): run it through OCR, or paste its text instead"
        )
    return text
