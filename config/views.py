"""Pages that belong to the whole site rather than to one app."""

from django.shortcuts import render

from notifications.models import DepositaryNotification
from treaties.models import Treaty


def home(request):
    """List the treaties covered and the latest notifications."""
    treaties = Treaty.objects.only("slug", "chapter", "number", "title", "short_title", "sort_key")
    latest = DepositaryNotification.objects.select_related("treaty")[:10]
    return render(request, "home.html", {"treaties": treaties, "latest": latest})
