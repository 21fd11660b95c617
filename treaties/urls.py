from django.urls import path

from treaties import views

app_name = "treaties"
urlpatterns = [
    path("treaties/<slug:slug>/", views.treaty_detail, name="treaty"),
    path("participants/<slug:slug>/", views.participant_detail, name="participant"),
]
