from django.contrib import admin
from django.urls import include, path

from config import views

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("", include("notifications.urls")),
    path("", include("treaties.urls")),
    path("", include("research.urls")),
]
