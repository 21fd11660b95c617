"""Relevance: judged queries on the real data put the right notification first.

The real data is what `load_reference_data` ships: among it, Lithuania's
withdrawal from the Mine Ban Convention, C.N.362.2025.TREATIES-XXVI.5, and
its quoted reasons. The few notifications it is judged against are synthetic,
built here for contrast: their C.N. numbers are in the 9000s, which no real
notification has, and their note says what they are.
"""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from notifications.models import DepositaryNotification
from notifications.search import search_notifications
from treaties.models import Participant, Treaty

pytestmark = pytest.mark.django_db

LITHUANIA = "C.N.362.2025.TREATIES-XXVI.5"
LATVIA_MENTIONS_LITHUANIA = "C.N.9001.2025.TREATIES-XXVI.5"
FINLAND_ARMED_CONFLICT_ONCE = "C.N.9002.2025.TREATIES-XXVI.5"
ESTONIA_CITES_LITHUANIA = "C.N.9003.2025.TREATIES-XXVI.5"
TURKIYE = "C.N.9004.2025.TREATIES-XXVI.5"
PHILIPPINES_HUMANITARIAN = "C.N.9005.2025.TREATIES-XVIII.10"
HUNGARY_ROME = "C.N.9006.2025.TREATIES-XVIII.10"

SYNTHETIC = [
    # (reference, treaty, participant, heading, text)
    (
        LATVIA_MENTIONS_LITHUANIA,
        "XXVI.5",
        "Latvia",
        "LATVIA: NOTIFICATION OF WITHDRAWAL",
        "Latvia notifies its withdrawal from the Convention. Latvia, Lithuania and Estonia consulted each other.",
    ),
    (
        FINLAND_ARMED_CONFLICT_ONCE,
        "XXVI.5",
        "Finland",
        "FINLAND: NOTIFICATION OF WITHDRAWAL",
        "Finland notifies its withdrawal. The Convention provides for the case of an armed conflict.",
    ),
    (
        ESTONIA_CITES_LITHUANIA,
        "XXVI.5",
        "Estonia",
        "ESTONIA: COMMUNICATION",
        "Estonia refers to depositary notification C.N.362.2025.TREATIES-XXVI.5 of 3 July 2025.",
    ),
    (
        TURKIYE,
        "XXVI.5",
        "Türkiye",
        "TÜRKIYE: COMMUNICATION",
        "A communication on the destruction of stockpiles.",
    ),
    (
        PHILIPPINES_HUMANITARIAN,
        "XVIII.10",
        "Philippines",
        "PHILIPPINES: COMMUNICATION",
        "The Philippines reaffirms its humanitarian commitments.",
    ),
    (
        HUNGARY_ROME,
        "XVIII.10",
        "Hungary",
        "HUNGARY: NOTIFICATION OF WITHDRAWAL",
        "Hungary notifies its withdrawal from the Statute.",
    ),
]

# query -> the notification that must come first; references that must not be found at all.
FULL_TEXT_JUDGED = [
    ('withdrawal "armed conflict"', LITHUANIA, []),
    ('withdrawals "armed conflicts"', LITHUANIA, []),
    ("Lithuania", LITHUANIA, [HUNGARY_ROME]),
    ("Lithuania withdrawal", LITHUANIA, [ESTONIA_CITES_LITHUANIA]),
    ("C.N.362.2025", LITHUANIA, [LATVIA_MENTIONS_LITHUANIA]),
    ("362.2025", LITHUANIA, []),
    ("C.N.362.2025.TREATIES-XXVI.5", LITHUANIA, []),
    ("XVIII.10 withdrawal", HUNGARY_ROME, [LITHUANIA, PHILIPPINES_HUMANITARIAN]),
    ("XXVI.5 withdrawal Lithuania", LITHUANIA, [HUNGARY_ROME]),
    ("humanitarian -Ukraine", PHILIPPINES_HUMANITARIAN, [LITHUANIA]),
    ("withdrawal -Latvia", LITHUANIA, [LATVIA_MENTIONS_LITHUANIA]),
    ("anti-personnel mines deterrence", LITHUANIA, []),
    ("Turkey", TURKIYE, [LITHUANIA]),
    ("Turkiye", TURKIYE, [LITHUANIA]),
    ("Phillipines", PHILIPPINES_HUMANITARIAN, [LITHUANIA]),
    ("Russia aggression", LITHUANIA, []),
]
SIMPLE_JUDGED = [
    ("Lithuania", LITHUANIA, [HUNGARY_ROME]),
    ("C.N.362.2025", LITHUANIA, []),
    ("362.2025", LITHUANIA, []),
    ("C.N.362.2025.TREATIES-XXVI.5", LITHUANIA, []),
    ("XVIII.10 withdrawal", HUNGARY_ROME, [LITHUANIA, PHILIPPINES_HUMANITARIAN]),
    ("humanitarian -Ukraine", PHILIPPINES_HUMANITARIAN, [LITHUANIA]),
    ("Turkey", TURKIYE, [LITHUANIA]),
    ('"armed conflict" deterrence', LITHUANIA, [FINLAND_ARMED_CONFLICT_ONCE]),
]


@pytest.fixture
def judged_data():
    call_command("load_reference_data", verbosity=0, stdout=StringIO())
    for reference, key, participant, heading, text in SYNTHETIC:
        DepositaryNotification.objects.create(
            reference=reference,
            treaty=Treaty.objects.by_key(key).get(),
            participant=Participant.objects.get(name=participant),
            heading=heading,
            kind="other",
            date_effected=date(2025, 9, 1),
            date_issued=date(2025, 9, 2),
            text=text,
            note="Synthetic: built by tests/test_search_relevance.py for contrast; not a real notification.",
        )


def misjudged(search, judged):
    """Return a line for each judged query whose results are not as judged."""
    wrong = []
    for query, first, absent in judged:
        found = [notification.reference for notification in search(query)]
        if not found or found[0] != first:
            wrong.append(f"{query!r}: expected {first} first, got {found[:3]}")
        wrong += [f"{query!r}: {reference} should not be found" for reference in absent if reference in found]
    return wrong


@pytest.mark.postgres
def test_full_text_search_puts_the_judged_notification_first(judged_data):
    assert misjudged(DepositaryNotification.objects.search, FULL_TEXT_JUDGED) == []


@pytest.mark.postgres
def test_a_notification_citing_a_reference_comes_right_after_the_one_it_names(judged_data):
    found = [notification.reference for notification in DepositaryNotification.objects.search("C.N.362.2025")]

    assert found == [LITHUANIA, ESTONIA_CITES_LITHUANIA]


def test_simple_search_puts_the_judged_notification_first(judged_data):
    def simple(query):
        return search_notifications(DepositaryNotification.objects.all(), query, full_text=False)

    assert misjudged(simple, SIMPLE_JUDGED) == []
