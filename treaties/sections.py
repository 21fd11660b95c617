"""Sections that other apps add to the treaty and participant pages.

Dependencies run one way: notifications builds on treaties, never the reverse.
An app with something to show on these pages registers a section when it is
ready (its AppConfig.ready): a template, and a function that reads what the
template shows for one treaty or participant, in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str  # drawn with the page's context, plus `section`: what `read` returned
    read: Callable  # (treaty or participant) -> what the template shows


TREATY_PAGE: list[Section] = []
PARTICIPANT_PAGE: list[Section] = []


def sections_of(page, record):
    """Return (template, what it shows) for each section registered for a page, read for `record`."""
    return [(section.template, section.read(record)) for section in page]
