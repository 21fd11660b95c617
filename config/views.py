"""Pages that belong to the whole site rather than to one app."""

from datetime import date

from django.shortcuts import render

from notifications.models import DepositaryNotification
from treaties.models import Treaty
from treaties.participation import pending_on

LATEST_NOTIFICATIONS = 10


def home(request):
    """Show what changed lately, the withdrawals pending today, a search box and the treaties covered."""
    today = date.today()
    pending = pending_on(today)
    context = {
        "today": today,
        "latest": DepositaryNotification.objects.select_related("treaty")[:LATEST_NOTIFICATIONS],
        "pending": pending,
        "treaties": Treaty.objects.only("slug", "chapter", "number", "title", "short_title", "sort_key"),
    }
    return render(request, "home.html", context)
