from django.shortcuts import get_object_or_404, render

from notifications.models import DepositaryNotification


def notification_detail(request, reference):
    """Show a notification's full text, its quoted passages and its citations."""
    notification = get_object_or_404(
        DepositaryNotification.objects.select_related("treaty", "participant"), reference=reference
    )
    context = {
        "notification": notification,
        "passages": notification.passages.prefetch_related("themes"),
        "cites": notification.outgoing_references.select_related("target"),
        "cited_by": notification.incoming_references.select_related("source"),
    }
    return render(request, "notifications/notification_detail.html", context)
