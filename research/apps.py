from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "research data"

    def ready(self):
        # Participant codes follow every participant save (research.models).
        from research import models  # noqa: F401
