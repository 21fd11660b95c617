from django.apps import AppConfig


class TreatiesConfig(AppConfig):
    name = "treaties"

    def ready(self):
        # Connects the receivers that keep the standing spans in step with acts and treaties.
        from treaties import standing  # noqa: F401
