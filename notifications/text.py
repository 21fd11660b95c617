"""Split a notification's text into segments a template can render safely.

The stored text is kept exactly as published, PDF-export debris included. For
display, quoted passages are marked, footnote markers (`<sup>1</sup>`) become
real superscripts, and references to other notifications become links; the
template escapes every segment. No Django imports: this module is pure.
"""

import re
from dataclasses import dataclass

from treaties.mtdsg import REFERENCE

_FOOTNOTE = re.compile(r"<sup>(\d{1,3})</sup>")


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = "text"  # text | passage | footnote | reference
    order: int | None = None  # the passage's order, for passages


def segments(text, passages):
    """Return the text as segments: quoted passages marked, footnotes and references recognised.

    `passages` are (order, text) pairs; each is marked where it first occurs.
    """
    spans = _passage_spans(text, passages)
    result = []
    position = 0
    for start, end, order in spans:
        result.extend(_plain(text[position:start]))
        result.append(Segment(text[start:end], "passage", order))
        position = end
    result.extend(_plain(text[position:]))
    return result


def _passage_spans(text, passages):
    spans = []
    for order, passage in passages:
        start = text.find(passage) if passage else -1
        if start < 0:
            continue
        end = start + len(passage)
        if all(end <= other_start or start >= other_end for other_start, other_end, _ in spans):
            spans.append((start, end, order))
    return sorted(spans)


def _plain(text):
    """Split text that is not a quoted passage into plain text, footnotes and references."""
    pieces = []
    position = 0
    pattern = re.compile(f"{_FOOTNOTE.pattern}|{REFERENCE}")
    for match in pattern.finditer(text):
        if match.start() > position:
            pieces.append(Segment(text[position : match.start()]))
        if match.group(1):
            pieces.append(Segment(match.group(1), "footnote"))
        else:
            pieces.append(Segment(match.group(0), "reference"))
        position = match.end()
    if position < len(text):
        pieces.append(Segment(text[position:]))
    return pieces
