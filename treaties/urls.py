from django.urls import path

from treaties import views

app_name = "treaties"
urlpatterns = [
    path("treaties/", views.treaty_list, name="treaty_list"),
    path("treaties/<slug:slug>/", views.treaty_detail, name="treaty"),
    path("participants/", views.participant_list, name="participant_list"),
    path("participants/<slug:slug>/", views.participant_detail, name="participant"),
    path("withdrawals/pending/", views.pending_withdrawals, name="pending_withdrawals"),
]
