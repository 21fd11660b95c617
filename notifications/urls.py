from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/feed/", views.notification_feed, name="feed"),
    path("reasons/", views.reason_list, name="reasons"),
    path("reservations/", views.reservation_list, name="reservations"),
    # References are kept as written: C.N.362.2025.TREATIES-XXVI.5.
    path("notifications/<str:reference>/", views.notification_detail, name="detail"),
]
