from django.shortcuts import get_object_or_404, render

from treaties.models import Participant, Treaty


def treaty_detail(request, slug):
    """Show a treaty's facts and every recorded act on it."""
    treaty = get_object_or_404(Treaty, slug=slug)
    acts = treaty.acts.select_related("participant").order_by("participant__name", "date", "pk")
    return render(request, "treaties/treaty_detail.html", {"treaty": treaty, "acts": acts})


def participant_detail(request, slug):
    """Show every recorded act of one participant, across treaties."""
    participant = get_object_or_404(Participant.objects.prefetch_related("other_names"), slug=slug)
    acts = participant.acts.select_related("treaty").order_by("date", "pk")
    return render(request, "treaties/participant_detail.html", {"participant": participant, "acts": acts})
