from django.urls import path

from research import views

app_name = "research"
urlpatterns = [
    path("data/", views.data_home, name="home"),
    path("data/panel/", views.panel, name="panel"),
    path("data/dates/", views.dates, name="dates"),
    path("data/participants/", views.participant_codes, name="participant_codes"),
    path("data/changes/", views.changes, name="changes"),
    path("data/changes/feed/", views.changes_feed, name="changes_feed"),
    path("data/releases/<str:version>/<str:name>", views.release_file, name="release_file"),
]
