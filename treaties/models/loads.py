"""A record of each shipped data set loaded."""

from django.db import models


class DataLoad(models.Model):
    """A record that a shipped data set was loaded, so a second run can skip it."""

    name = models.CharField(max_length=100, unique=True)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the files loaded.")
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "data load"

    def __str__(self):
        return f"{self.name} ({self.loaded_at:%Y-%m-%d %H:%M})"
