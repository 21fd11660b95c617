"""Settings for the page benchmark: the site's own, plus one bare view to measure against."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
