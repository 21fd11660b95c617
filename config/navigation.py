"""The site's sections, defined once: the navigation bar and the section each page belongs to."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    # The pages of the section, by resolved view name: "namespace:name", or "namespace:" for every page of a namespace.
    pages: tuple[str, ...]

    def holds(self, view_name):
        """Return whether the page with this resolved view name belongs to the section."""
        return any(view_name == page or (page.endswith(":") and view_name.startswith(page)) for page in self.pages)


# The site-wide search: the page the header's search box and the Search link go
# to, and the name of its text parameter.
SEARCH_URL_NAME = "search:results"
SEARCH_PARAMETER = "q"

SECTIONS = (
    Section("Treaties", "treaties:treaty_list", ("treaties:treaty_list", "treaties:treaty")),
    Section("Participants", "treaties:participant_list", ("treaties:participant_list", "treaties:participant")),
    Section("Notifications", "notifications:list", ("notifications:list", "notifications:detail")),
    Section("Pending withdrawals", "treaties:pending_withdrawals", ("treaties:pending_withdrawals",)),
    Section("Reasons", "notifications:reasons", ("notifications:reasons",)),
    Section("Reservations", "notifications:reservations", ("notifications:reservations",)),
    Section("Search", SEARCH_URL_NAME, ("search:",)),
    Section("Data", "research:home", ("research:",)),
)


def current_section(view_name):
    """Return the section a page belongs to, by its resolved view name; None for the home page and the like."""
    return next((section for section in SECTIONS if section.holds(view_name)), None)


def navigation(request):
    """Give every template the navigation bar, with the current section marked, and the search box's target."""
    match = getattr(request, "resolver_match", None)
    current = current_section(match.view_name) if match else None
    return {
        "navigation": [(section.label, reverse(section.url_name), section is current) for section in SECTIONS],
        "search_url": reverse(SEARCH_URL_NAME),
        "search_parameter": SEARCH_PARAMETER,
    }
