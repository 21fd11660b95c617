from django.shortcuts import render

from notifications.search import search_is_full_text, wanted_words
from search.forms import SearchForm
from search.groups import GROUP_SIZE, search_everything


def results(request):
    """Search treaties, participants, notifications, reasons and reservations at once; show each kind's best."""
    form = SearchForm(request.GET)
    context = {"form": form, "full_text": search_is_full_text(), "group_size": GROUP_SIZE, "groups": None, "prompt": ""}
    if not form.is_valid():
        return render(request, "search/results.html", context, status=400)
    text = form.cleaned_data["q"]
    if not text:
        context["prompt"] = "Type a word, a name or a reference to search every record."
    elif not wanted_words(text):
        context["prompt"] = "That search has no word to look for: type a word, a name or a reference."
    else:
        context["query"] = text
        context["groups"] = search_everything(text, full_text=context["full_text"])
    return render(request, "search/results.html", context)
