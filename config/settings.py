"""Settings for Depositary, read from the environment.

Development needs no variables: without DATABASE_URL the site uses a SQLite
file in the project, and a secret key kept in an untracked file. A deployment
names its hosts in ALLOWED_HOSTS, and then refuses to start without SECRET_KEY.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    """Return an environment flag; refuse values that are not clearly on or off."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}")


def env_list(name, default):
    """Return a comma-separated environment variable as a list of non-empty items."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default, minimum=1):
    """Return an environment variable as a whole number of at least `minimum`; refuse anything else."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    return int(value)


def development_secret_key():
    """Return a key kept in an untracked file, created on first use (local use only)."""
    path = BASE_DIR / ".secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)

# A site that answers to any host beyond this machine is a deployment: it must
# have its own secret, and serves hashed, compressed static files.
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)
DEPLOYED = any(host not in LOCAL_HOSTS for host in ALLOWED_HOSTS)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEPLOYED:
        raise ImproperlyConfigured("Set SECRET_KEY: this site answers to hosts beyond this machine.")
    SECRET_KEY = development_secret_key()

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "treaties",
    "notifications",
    "editing",
    "research",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before anything reads the request: control characters in an address are a 400.
    "config.middleware.RejectControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: the edit history records the logged-in editor.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: answers a locked-out login with 429.
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees a view's database errors first: 503, not 500.
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.navigation.navigation",
            ],
        },
    },
]

# Django's renderer, drawing its plain inputs and selects in Python (config/form_rendering.py).
FORM_RENDERER = "config.form_rendering.WidgetRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection the server dropped is replaced at the next request.
        conn_health_checks=True,
    )
}
# A refused or stalled database must fail fast, well inside gunicorn's worker
# timeout, so that pages answer 503 (config.middleware) instead of hanging.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)  # seconds
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 10_000)  # milliseconds
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["connect_timeout"] = DATABASE_CONNECT_TIMEOUT
    # The planner's defaults are tuned for spinning disks and long reports; the site's
    # data sits in memory and its pages are short reads (bench/RESULTS.md, 29 November 2026):
    # - random_page_cost 1.1: an index probe costs about what a sequential read does, so
    #   the planner follows an index from a few rows (a treaty's passages: 0.6 ms, not 2.9 ms
    #   through a scan of every passage) instead of hashing whole tables;
    # - jit off: at 100,000 notifications some plans passed JIT's cost threshold and spent
    #   0.4-2.7 s compiling a query that runs in milliseconds;
    # - no parallel workers: starting them cost a page's read more than they saved (a
    #   participant's reservations at 1,000,000 notifications: 25 ms with two, 11 ms
    #   without), and under load every core is already serving a request.
    _planner = "-c random_page_cost=1.1 -c jit=off -c max_parallel_workers_per_gather=0"
    # Parameters bound by the server, so that psycopg prepares a statement it has run
    # DATABASE_PREPARE_THRESHOLD times on a connection: PostgreSQL then stops planning it
    # anew on every request (about 1 ms for each of a treaty page's joins, a sixth of its
    # time). Behind a pooler in transaction mode, prepared statements must be off: set
    # DATABASE_PREPARE_THRESHOLD=off.
    _options["server_side_binding"] = True
    _prepare_off = os.environ.get("DATABASE_PREPARE_THRESHOLD", "").strip() == "off"
    _options["prepare_threshold"] = None if _prepare_off else env_int("DATABASE_PREPARE_THRESHOLD", 5, minimum=0)
    _options["options"] = (
        f"{_options.get('options', '')} -c statement_timeout={DATABASE_STATEMENT_TIMEOUT} {_planner}".strip()
    )
# Where `manage.py make_release` writes the dated releases that /data/ lists and serves.
RELEASES_DIR = Path(os.environ.get("RELEASES_DIR", "").strip() or BASE_DIR / "releases")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The spans' covering indexes (`include=`) let PostgreSQL answer from the index
# alone; SQLite, the first run's database, builds them without the extra
# columns, which is all it can do, and Django would warn of it on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Admin logins are throttled by django-axes: after AXES_FAILURE_LIMIT wrong
# passwords for one username from one address, that pair is refused, right
# password or not, until the cool-off ends. Axes comes first, so a refused
# attempt costs no password hashing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files when deployed (after collectstatic);
        # plain files while developing and testing.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if DEPLOYED
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Locally, whitenoise serves straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = not DEPLOYED
WHITENOISE_AUTOREFRESH = not DEPLOYED

if DEPLOYED:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_CONTENT_TYPE_NOSNIFF = True

# HTTPS. A deployment redirects plain HTTP by default; HSTS is opt-in, with
# its flags, because browsers remember it for SECURE_HSTS_SECONDS (README).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", DEPLOYED)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Trusting X-Forwarded-Proto is only safe behind a proxy that always sets it
# (and strips it from clients); otherwise anyone could claim HTTPS.
if env_bool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A strict Content-Security-Policy: scripts, styles, images and fonts come
# from this site's own files (no inline code, no style attributes), forms post
# here, and no other site may frame a page.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
