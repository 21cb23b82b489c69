"""Settings for Centrum Wolontariatu, read from the environment.

Development: DJANGO_DEBUG=1 and nothing else gives SQLite and the console e-mail
backend. Production differs only by environment variables (see .env.example).
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(int(default))).strip().lower() in {
        "1",
        "true",
        "yes",
        "on",
    }


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG")

# Production needs DJANGO_SECRET_KEY; there is no fallback. It may be missing
# for commands that sign nothing (makemigrations, compilemessages in a build):
# the WSGI/ASGI entry points and `check --deploy` refuse to run without it
# (volunteer_center/core/checks.py), and Django refuses any use of an empty key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "simple_history",
    "import_export",
    "django_tasks_db",
    # The layers, bottom to top (docs/ARCHITECTURE.md).
    "volunteer_center.core",
    "registry",
    "matching",
    "agreements",
    "volunteer_center",
    "volunteer_center.volunteer_area",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files may be cached, pages never.
    "volunteer_center.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "volunteer_center.core.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "volunteer_center.core.middleware.StaffSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "volunteer_center.urls"
WSGI_APPLICATION = "volunteer_center.wsgi.application"
ASGI_APPLICATION = "volunteer_center.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "volunteer_center.core.context_processors.centre",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The matching queries run for milliseconds; PostgreSQL's JIT spent longer
    # compiling them than running them (benchmarks/RESULTS.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The quick start runs the task worker beside the web server on one file.
    # WAL lets them read while the other writes; IMMEDIATE takes the write lock
    # when a transaction begins, so a second writer waits (up to ``timeout``
    # seconds) instead of failing with "database is locked" when its read turns
    # into a write (docs/ARCHITECTURE.md, Background work).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Throttles repeated failed logins before the real check runs.
    "axes.backends.AxesStandaloneBackend",
    # Django's, reading a user's permissions in one query (core/backends.py).
    "volunteer_center.core.backends.ModelBackend",
]
_PASSWORD_VALIDATION = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_PASSWORD_VALIDATION}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_PASSWORD_VALIDATION}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": f"{_PASSWORD_VALIDATION}.CommonPasswordValidator"},
    {"NAME": f"{_PASSWORD_VALIDATION}.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Without it every manage.py command starts with an "AXES: BEGIN" banner; failed
# logins and lock-outs are still logged.
AXES_VERBOSE = False
# The client address comes from volunteer_center/core/clientip.py, which
# believes X-Forwarded-For only from the proxies trusted below.
AXES_CLIENT_IP_CALLABLE = "volunteer_center.core.clientip.client_ip"
AXES_USERNAME_CALLABLE = "volunteer_center.core.clientip.login_username"
# Reverse proxies (addresses or networks, comma-separated) whose
# X-Forwarded-For is believed; none by default, so the connection's own
# address counts. A typo fails at start-up rather than trusting nobody.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
try:
    for _proxy in TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy, strict=False)
except ValueError as error:
    raise ImproperlyConfigured(f"DJANGO_TRUSTED_PROXIES: {error}") from error

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# dd.mm.rrrr everywhere in the Polish interface (volunteer_center/formats/pl).
FORMAT_MODULE_PATH = ["volunteer_center.formats"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded scans of signed agreements: never under a public URL, served by a view
# that checks permissions.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = None
# Scans of signed agreements and generated documents: served only by views
# that check the permission and log the access.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", MEDIA_ROOT / "private")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Scans, PDFs and ZIPs hold personal data: readable by the service's own
# user only, whatever its umask.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# E-mail: console unless an SMTP host is configured.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Centrum Wolontariatu OPS <wolontariat@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute links in e-mails (accept/decline, confirmations).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Security: every cookie and header below is on whenever the site runs over HTTPS.
HTTPS = env_bool("DJANGO_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = (
    int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
# A staff session also ends after this many minutes without a request
# (volunteer_center/core/middleware.py).
STAFF_IDLE_TIMEOUT_MINUTES = int(os.environ.get("STAFF_IDLE_TIMEOUT_MINUTES", "30"))
# Content-Security-Policy on every page (Django's own middleware): scripts
# and styles only from our static files; the admin's few inline ones carry
# the request's nonce. Bootstrap draws its icons from data: URLs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# The centre itself: shown on public pages and printed documents.
CENTRE = {
    "name": "Centrum Wolontariatu",
    "organisation": "Ośrodek Pomocy Społecznej w Czechowicach-Dziedzicach",
    "team": "Zespół ds. usług",
    "street": "ul. Nad Białką 1B",
    "postal_code": "43-502",
    "city": "Czechowice-Dziedzice",
    "phone": os.environ.get("CENTRE_PHONE", "+48 32 214 11 11"),
    "email": os.environ.get("CENTRE_EMAIL", "wolontariat@ops.czechowice-dziedzice.pl"),
}
# Version of the RODO information clauses shown on forms; stored with what a
# person read or consented to (2026-02: purposes with their legal bases, the
# data protection officer, recipients, retention per purpose).
PRIVACY_CLAUSE_VERSION = "2026-02"
# The data protection officer the OPS has appointed (RODO art. 37–39): an OPS
# fills these in before going live (``check --deploy`` reports them missing).
DPO_NAME = os.environ.get("DPO_NAME", "")
DPO_EMAIL = os.environ.get("DPO_EMAIL", "")
DPO_ADDRESS = os.environ.get(
    "DPO_ADDRESS",
    "Inspektor Ochrony Danych, Ośrodek Pomocy Społecznej, ul. Nad Białką 1B, "
    "43-502 Czechowice-Dziedzice",
)
# Who processes the data on the OPS's behalf (RODO art. 28), as the clauses
# name them.
IT_PROVIDERS = os.environ.get(
    "IT_PROVIDERS",
    "dostawca usług hostingu i poczty elektronicznej działający na zlecenie Ośrodka",
)
# Retention per kind of record, as the information clauses state it: a
# candidate's months run from the last change of their record; the years of a
# former volunteer, an inactive beneficiary and a visit run from the end of the
# year in which they ended, as the archive rules count; the checks for work
# with minors go that many months after the last such work.
RETENTION_CANDIDATE_MONTHS = int(os.environ.get("RETENTION_CANDIDATE_MONTHS", "24"))
RETENTION_VOLUNTEER_YEARS = int(os.environ.get("RETENTION_VOLUNTEER_YEARS", "5"))
RETENTION_VETTING_MONTHS = int(os.environ.get("RETENTION_VETTING_MONTHS", "12"))
RETENTION_BENEFICIARY_YEARS = int(os.environ.get("RETENTION_BENEFICIARY_YEARS", "3"))
RETENTION_CONSULTATION_YEARS = int(os.environ.get("RETENTION_CONSULTATION_YEARS", "2"))
RETENTION_ACCESS_LOG_YEARS = int(os.environ.get("RETENTION_ACCESS_LOG_YEARS", "3"))
# The archive category (JRWA) under which the OPS files agreements and issued
# certificates; documents are kept as long as it says, whatever the register.
JRWA_AGREEMENTS = os.environ.get("JRWA_AGREEMENTS", "B5")
JRWA_CERTIFICATES = os.environ.get("JRWA_CERTIFICATES", "B5")
# The centre's own lower age limit for volunteers (not a legal rule).
MIN_VOLUNTEER_AGE = int(os.environ.get("MIN_VOLUNTEER_AGE", "13"))
# The oldest plausible age of a volunteer: an older date of birth is refused.
MAX_VOLUNTEER_AGE = int(os.environ.get("MAX_VOLUNTEER_AGE", "110"))
# The years a date may have, in every form, filter, import and model (e.g. a
# year 0001 typed for 2001 is refused); within 1000-2999 (core/dates.py).
try:
    PLAUSIBLE_YEARS = tuple(
        int(year) for year in os.environ.get("PLAUSIBLE_YEARS", "1900-2100").split("-")
    )
    if len(PLAUSIBLE_YEARS) != 2 or PLAUSIBLE_YEARS[0] > PLAUSIBLE_YEARS[1]:
        raise ValueError("two years, the earlier first")
except ValueError as error:
    raise ImproperlyConfigured(f"PLAUSIBLE_YEARS (e.g. 1900-2100): {error}") from error
# Short assignments with one host follow each other into one period of service
# (art. 44 ust. 4: 30 days) when at most this many free days lie between them.
SERVICE_CHAIN_MAX_GAP_DAYS = int(os.environ.get("SERVICE_CHAIN_MAX_GAP_DAYS", "7"))
# How long the link to a minor's legal representative confirms consent (days).
GUARDIAN_CONSENT_LINK_DAYS = int(os.environ.get("GUARDIAN_CONSENT_LINK_DAYS", "14"))
# How long a criminal-record and register check counts as current (days).
VETTING_VALIDITY_DAYS = int(os.environ.get("VETTING_VALIDITY_DAYS", "365"))
# The report that leaves the centre shows no group counted fewer times than
# this (requests by category or district, advice by topic): smaller groups
# are added up in one row, so that no figure points at one person.
REPORT_MIN_COUNT = int(os.environ.get("REPORT_MIN_COUNT", "3"))
# The dashboard's charts and the report are kept once counted until a table
# they read changes; this bounds what that check cannot see (seconds,
# volunteer_center/core/figures.py).
FIGURES_KEEP_SECONDS = int(os.environ.get("FIGURES_KEEP_SECONDS", "300"))
# Verify again before each new engagement with minors (a Register check made
# after the last one ended), not only every VETTING_VALIDITY_DAYS.
VETTING_EACH_ENGAGEMENT = env_bool("VETTING_EACH_ENGAGEMENT", True)
# An import of more rows than this is done by the task queue, not while the
# page waits (a gunicorn worker gives up after 30 s).
IMPORT_ROWS_IN_REQUEST = int(os.environ.get("IMPORT_ROWS_IN_REQUEST", "200"))
# A larger import file is refused (and a workbook unpacking to ten times it).
IMPORT_MAX_MEGABYTES = int(os.environ.get("IMPORT_MAX_MEGABYTES", "10"))
# Public forms (sign-up, booking a visit): accepted submissions per hour per
# client address (a whole school room may share one) and per e-mail address.
RATE_LIMIT_PER_ADDRESS_PER_HOUR = int(
    os.environ.get("RATE_LIMIT_PER_ADDRESS_PER_HOUR", "40")
)
RATE_LIMIT_PER_EMAIL_PER_HOUR = int(
    os.environ.get("RATE_LIMIT_PER_EMAIL_PER_HOUR", "3")
)
# Staff list exports: an XLSX of more rows than this is built by the task queue
# behind a progress page (a CSV always streams); its file is kept this long.
EXPORT_XLSX_INLINE_ROWS = int(os.environ.get("EXPORT_XLSX_INLINE_ROWS", "2000"))
EXPORT_FILE_HOURS = int(os.environ.get("EXPORT_FILE_HOURS", "24"))
# A background job (import, export, batch, certificates) running without a
# sign of life this long is shown as failed: its worker was stopped mid-task.
BACKGROUND_JOB_STALE_MINUTES = int(os.environ.get("BACKGROUND_JOB_STALE_MINUTES", "30"))
# Signs the volunteers' private calendar addresses; change it to revoke them all.
VOLUNTEER_ICAL_SALT = os.environ.get("VOLUNTEER_ICAL_SALT", "matching.volunteer-ical")

# Notifications (docs/ARCHITECTURE.md, "Notifications"): the channels in use,
# in order. Text messages go through SMSAPI.pl and stay off without a token.
NOTIFICATION_CHANNELS = env_list("NOTIFICATION_CHANNELS", "email,sms")
SMS_API_URL = os.environ.get("SMS_API_URL", "https://api.smsapi.pl/sms.do")
SMS_API_TOKEN = os.environ.get("SMS_API_TOKEN", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "")

# Cover when someone drops out (docs/ARCHITECTURE.md, "Cover chain"): hours a
# volunteer has to answer an offer, and at most this many offers per place.
COVER_ANSWER_HOURS = int(os.environ.get("COVER_ANSWER_HOURS", "24"))
COVER_MAX_OFFERS = int(os.environ.get("COVER_MAX_OFFERS", "5"))
# Reminders: sent this many hours before a visit starts (the command runs
# hourly from cron); the coordinators' digest goes out on the first run of the
# day from this hour on.
REMINDER_HOURS_BEFORE = int(os.environ.get("REMINDER_HOURS_BEFORE", "24"))
DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", "7"))
# The volunteer self-service area: the sign-in link's lifetime (minutes) and
# the session's length (hours); sign-in requests count against the public
# forms' limits (RATE_LIMIT_PER_ADDRESS_PER_HOUR, RATE_LIMIT_PER_EMAIL_PER_HOUR).
VOLUNTEER_SIGN_IN_LINK_MINUTES = int(
    os.environ.get("VOLUNTEER_SIGN_IN_LINK_MINUTES", "15")
)
VOLUNTEER_SESSION_HOURS = int(os.environ.get("VOLUNTEER_SESSION_HOURS", "12"))

CACHES = {
    # Shared by every worker: rate-limit counters, the kept figures of the
    # dashboard and the report (volunteer_center/core/figures.py).
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cw_cache",
    },
    # Each worker's own: filter forms already drawn, keyed by everything they
    # show (volunteer_center/core/fragments.py), so never stale.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
    # WeasyPrint and fontTools narrate every PDF step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
