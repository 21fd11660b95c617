from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    # References are kept as written: C.N.362.2025.TREATIES-XXVI.5.
    path("<str:reference>/", views.notification_detail, name="detail"),
]
