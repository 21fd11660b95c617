"""Hostile input in any address or parameter of any public page answers 200, a redirect, 400 or 404, never a 500."""

from urllib.parse import quote, quote_from_bytes

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notifications.filters import NotificationFilter, ReasonFilter, ReservationFilter
from research.filters import CodesFilter
from research.forms import PanelForm, SelectionForm
from search.forms import SearchForm
from tests.conftest import PARTICIPANT_SLUG, REFERENCE, TREATY_SLUG, status_after_reading
from treaties.filters import ParticipantFilter

pytestmark = pytest.mark.django_db

ACCEPTABLE = {200, 301, 302, 400, 404}
EXAMPLES_PER_URL = 60

PAGE_PARAMETERS = ["as_of", "format"]
LIST_PARAMETERS = ["page", "format"]
# Every public route (the admin has its own tests): its address with `{}` for
# the part taken from the address, a real value for that part, and its parameters.
PUBLIC_URLS = {
    "home": ("/", None, ["as_of", "format"]),
    "treaties:treaty_list": ("/treaties/", None, PAGE_PARAMETERS),
    "treaties:treaty": ("/treaties/{}/", TREATY_SLUG, [*PAGE_PARAMETERS, "participant", "page"]),
    "treaties:participant_list": ("/participants/", None, [*ParticipantFilter.base_filters, *LIST_PARAMETERS]),
    "treaties:participant": ("/participants/{}/", PARTICIPANT_SLUG, PAGE_PARAMETERS),
    "treaties:pending_withdrawals": ("/withdrawals/pending/", None, PAGE_PARAMETERS),
    "notifications:list": ("/notifications/", None, [*NotificationFilter.base_filters, *LIST_PARAMETERS]),
    "notifications:feed": ("/notifications/feed/", None, [*NotificationFilter.base_filters, "format"]),
    "notifications:detail": ("/notifications/{}/", REFERENCE, ["format"]),
    "notifications:reasons": ("/reasons/", None, [*ReasonFilter.base_filters, *LIST_PARAMETERS]),
    "notifications:reservations": ("/reservations/", None, [*ReservationFilter.base_filters, *LIST_PARAMETERS]),
    "research:home": ("/data/", None, ["format"]),
    "research:panel": ("/data/panel/", None, [*PanelForm.base_fields, "format"]),
    "research:dates": ("/data/dates/", None, [*SelectionForm.base_fields, "format"]),
    "research:participant_codes": ("/data/participants/", None, [*CodesFilter.base_filters, *LIST_PARAMETERS]),
    "research:changes": ("/data/changes/", None, ["since", "format"]),
    "research:changes_feed": ("/data/changes/feed/", None, ["since"]),
    "research:release_file": ("/data/releases/2026.1/{}", "datapackage.json", ["format"]),
    "search:results": ("/search/", None, [*SearchForm.base_fields]),
}

# Values that look right, so that fuzzing also reaches the code behind valid input.
PLAUSIBLE = [
    "csv", "json", "2025-12-01", "1", "2", "2025", "withdrawal", "true", "-issued", "reference",
    TREATY_SLUG, PARTICIPANT_SLUG, REFERENCE, "security", "Lithuania", "Mine Ban", "XXVI.5", "objection",
]  # fmt: skip
HOSTILE = [
    "\x00", "a\x00b", "\x01", "\x1b[31m", "\x7f", "line\r\nbreak", "%00", "%", "%%", "%zz", "%u0000",
    "'", '"', "' OR 1=1 --", "1; DROP TABLE treaties_treaty; --", "\\", "\\x00", "$$", "*", "_", "NULL",
    "2025-13-01", "2025-02-30", "0000-00-00", "9999-12-31", "1899-12-31", "-1", "0", "1e400", "NaN", "inf",
    "99999999999999999999999", "x" * 5000, "Türkiye", "🙂" * 100, "\u202e", "\ufeff", "../../etc/passwd",
    "<script>alert(1)</script>", "=HYPERLINK(1)", "a:b & c | !d", '"unterminated', "():*&|!<->",
]  # fmt: skip
# Text with a control character somewhere: PostgreSQL refuses NUL outright.
WITH_CONTROL_CHARACTER = st.builds(
    "{}{}{}".format, st.text(max_size=10), st.characters(max_codepoint=0x1F), st.text(max_size=10)
)
VALUES = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.sampled_from(HOSTILE),
    WITH_CONTROL_CHARACTER,
    st.text(max_size=200),
    st.text(min_size=500, max_size=3000),
)
# Raw bytes too: percent-escapes of anything, valid UTF-8 or not.
RAW_VALUES = st.binary(max_size=100)


def public_route_names(patterns=None, namespace=""):
    """Return the names of every route outside the admin, with their namespaces."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace != "admin":
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= public_route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add(namespace + pattern.name)
    return names


def encoded(value):
    """Percent-encode text or raw bytes for an address."""
    return quote_from_bytes(value, safe="") if isinstance(value, bytes) else quote(value, safe="")


def address(template, part, parameters):
    query = "&".join(f"{encoded(name)}={encoded(value)}" for name, value in parameters)
    path = template.format(encoded(part)) if part is not None else template
    return f"{path}?{query}" if query else path


def test_every_public_route_is_fuzzed():
    assert set(PUBLIC_URLS) == public_route_names()


@pytest.mark.parametrize("route", PUBLIC_URLS)
def test_hostile_parameters_and_addresses_never_cause_a_server_error(client, small_world, route):
    template, real_part, parameter_names = PUBLIC_URLS[route]
    names = st.one_of(st.sampled_from(parameter_names), st.text(max_size=20))
    parts = st.one_of(st.just(real_part), VALUES, RAW_VALUES) if real_part else st.none()

    @settings(max_examples=EXAMPLES_PER_URL, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    # Always try a NUL in the address and in every parameter, whatever else is drawn.
    @example(part=real_part and "\x00", parameters=[])
    @example(part=real_part, parameters=[(name, "a\x00b") for name in parameter_names])
    @given(part=parts, parameters=st.lists(st.tuples(names, st.one_of(VALUES, RAW_VALUES)), max_size=4))
    def check(part, parameters):
        url = address(template, part, parameters)
        assert status_after_reading(client, url) in ACCEPTABLE, url

    check()


@pytest.mark.parametrize(
    "url",
    [
        "/notifications/%00/",
        "/treaties/%01mine-ban/",
        "/notifications/?q=%00",
        "/participants/?name=Lith%00uania",
        "/reasons/?theme=security%0d%0a",
        "/treaties/?as_of%00=2025-12-01",
    ],
)
def test_control_characters_in_an_address_are_a_bad_request(client, small_world, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "control characters" in response.text
