"""The site's URLs, plus `/bench/bare/`: a Django view that runs one query and renders nothing."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    """Answer after one trivial query: the floor every page is measured against."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("config.urls")),
]
