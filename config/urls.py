from django.contrib import admin
from django.urls import include, path

from notifications.views import home

urlpatterns = [
    path("", home, name="home"),
    path("admin/", admin.site.urls),
    path("", include("notifications.urls")),
    path("", include("treaties.urls")),
    path("", include("research.urls")),
    path("", include("search.urls")),
]
