"""Participants (States and organisations) and the other names they had."""

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from treaties import countries
from treaties.models.addresses import slug_url


class Participant(models.Model):
    name = models.CharField(max_length=200, unique=True, help_text="The name as the depositary writes it today.")
    slug = models.SlugField(max_length=200, unique=True)
    iso3 = models.CharField(
        "ISO 3166-1 alpha-3",
        max_length=3,
        blank=True,
        help_text="Filled from the ISO 3166 list when left empty; empty for organisations.",
    )
    note = models.TextField(blank=True)
    synthetic = models.BooleanField(
        default=False, editable=False, help_text="Made by generate_synthetic for benchmarks; never real data."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso3="") | Q(iso3__regex=r"^[A-Z]{3}$"),
                name="treaties_participant_iso3_shape",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.iso3:
            self.iso3 = countries.iso3_for(self.name) or ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("treaties:participant", self.slug)

    def clean(self):
        if self.iso3 and pycountry.countries.get(alpha_3=self.iso3) is None:
            raise ValidationError({"iso3": f"{self.iso3} is not an ISO 3166-1 alpha-3 code."})


class ParticipantName(models.Model):
    """Another name a participant has gone by ("Turkey" for Türkiye)."""

    participant = models.ForeignKey(Participant, models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = "other name"

    def __str__(self):
        return self.name

    def clean(self):
        taken = Participant.objects.filter(name=self.name).exclude(pk=self.participant_id)
        if taken.exists():
            raise ValidationError({"name": f"{self.name} is already the name of another participant."})
