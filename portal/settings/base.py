"""Settings shared by every environment. Nothing here is a secret."""

import datetime
from pathlib import Path

from csp.constants import NONE, SELF

from portal.settings import env
from search.backends.elasticsearch import WAGTAIL_INDEX_SETTINGS

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env.get("KENTRO_VAR_DIR", BASE_DIR / "var"))

DEBUG = False
SECRET_KEY = env.get("SECRET_KEY")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "search",
    "portal",
    "directory",
    "events",
    "volunteers",
    "appointments",
    "goods",
    "eligibility",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "core.staff.apps.UsersConfig",  # wagtail.users, groups named in Greek
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Staff accounts: login lockout (axes), a second factor (django-otp's
    # authenticator-app and recovery-code devices)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Anonymous visitors' pages from the shared cache (core.pagecache): after
    # GZip, which it compresses for, before everything a cached page skips.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A form in another charset than UTF-8 comes back with an error, not a 400.
    "core.middleware.FormCharsetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after 30 idle minutes or 12 hours, and reach the
    # admin only with their second factor (core.staff).
    "core.staff.middleware.StaffSessionMiddleware",
    # A locked database answers "try again in a moment" (503), not a 500.
    "core.middleware.DatabaseBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSPMiddleware so that it sees the response first on the way out.
    "portal.middleware.AdminContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its answer.
    "axes.middleware.AxesMiddleware",
]
# How long the server took, in a Server-Timing header: only when switched on
# (make bench does), since the figures help whoever measures the site from
# outside, e.g. to tell from the timing which addresses are volunteers'.
KENTRO_SERVER_TIMING = env.get_bool("KENTRO_SERVER_TIMING", False)
if KENTRO_SERVER_TIMING:
    # First, so that the figure covers every other middleware too.
    MIDDLEWARE.insert(0, "portal.middleware.ServerTimingMiddleware")

# The anonymous full-page cache (core.pagecache); off to measure the pages
# as they are drawn (make bench's uncached rows, ../shared/bench-anchor).
KENTRO_PAGE_CACHE = env.get_bool("KENTRO_PAGE_CACHE", True)
# At most this many pages are kept, whatever visitors ask for (about 10 kB
# each, compressed).
KENTRO_PAGE_CACHE_SLOTS = int(env.get("KENTRO_PAGE_CACHE_SLOTS", "5000"))
# Addresses never served from it: the admin, files, the HSDS API, Wagtail's
# page-password form.
KENTRO_PAGE_CACHE_SKIP = ("/admin/", "/documents/", "/api/", "/_util/")
# How long a proxy or CDN in front may keep a public page (s-maxage), in
# seconds; never past the page's own expiry. A publish is purged at once when
# the purge below is configured; other changes (an alert, a place) reach the
# proxy within this time.
KENTRO_PROXY_MAX_AGE = int(env.get("KENTRO_PROXY_MAX_AGE", "60"))
# Purging a proxy or CDN when a page is published or unpublished (Wagtail's
# frontend cache): FRONTEND_CACHE_PURGE_URL for Varnish or nginx (an HTTP
# PURGE to that address), or Cloudflare's token and zone.
WAGTAILFRONTENDCACHE = env.frontend_cache_config(
    purge_url=env.get("FRONTEND_CACHE_PURGE_URL"),
    cloudflare_token=env.get("CLOUDFLARE_BEARER_TOKEN"),
    cloudflare_zone=env.get("CLOUDFLARE_ZONE_ID"),
)
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL names another database. A locked
# table makes a request wait at most DATABASE_LOCK_TIMEOUT seconds, and no
# statement runs longer than DATABASE_STATEMENT_TIMEOUT (PostgreSQL), both
# well inside gunicorn's 30 s: the person gets "try again in a moment" with
# their answers (core.middleware, the form views), never a killed worker.
DATABASES = {
    "default": env.database_config(
        env.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kentro.sqlite3'}"),
        conn_max_age=int(env.get("DATABASE_CONN_MAX_AGE", "60")),
        lock_timeout=float(env.get("DATABASE_LOCK_TIMEOUT", "5")),
        statement_timeout=float(env.get("DATABASE_STATEMENT_TIMEOUT", "20")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = env.cache_config(env.get("REDIS_URL"))

# Staff accounts (README "Security"). django-axes counts failed logins by
# username and address together (the address as core.client reads it behind
# the trusted proxies), locks that pair out after AXES_FAILURE_LIMIT failures
# for AXES_COOLOFF_TIME, and forgets the failures after a good login.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(env.get("AXES_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"
AXES_LOCKOUT_TEMPLATE = "core/staff/locked_out.html"
AXES_VERBOSE = False
# Addresses or networks of the proxies in front of the site, whose
# X-Forwarded-For is believed (core.client); none by default.
KENTRO_TRUSTED_PROXIES = env.get_networks("TRUSTED_PROXIES")
# The second factor: required for the groups that see personal data, and for
# superusers; anyone else who set one up is asked for it too.
KENTRO_2FA_REQUIRED_GROUPS = env.get_list(
    "KENTRO_2FA_REQUIRED_GROUPS",
    ["Caseworkers", "Volunteer coordinators", "Goods coordinators"],
)
OTP_TOTP_ISSUER = "Kentro"
# A staff session ends after this long without a request, and this long
# after the login whatever happens.
KENTRO_STAFF_IDLE_SECONDS = int(env.get("KENTRO_STAFF_IDLE_MINUTES", "30")) * 60
KENTRO_STAFF_SESSION_SECONDS = int(env.get("KENTRO_STAFF_SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_AGE = KENTRO_STAFF_SESSION_SECONDS
# Throttles of the staff password reset and of page passwords, per address.
KENTRO_PASSWORD_RESET_LIMIT = 5
KENTRO_PAGE_PASSWORD_LIMIT = 10

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Internationalisation: Greek is the default, at the root; English under /en/
# and Arabic under /ar/.
LANGUAGE_CODE = "el"
LANGUAGES = [
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times in the reader's language, always on a 24-hour clock.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Europe/Athens"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LANGUAGE_COOKIE_NAME = "kentro_language"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    **env.media_storage_config(env.get("AWS_STORAGE_BUCKET_NAME"), MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if env.get("EMAIL_URL"):
    globals().update(env.email_config(env.get("EMAIL_URL")))
DEFAULT_FROM_EMAIL = env.get(
    "DEFAULT_FROM_EMAIL", "Κέντρο Κοινότητας <noreply@localhost>"
)
SERVER_EMAIL = env.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work (e-mail) goes through django-tasks. "immediate" runs a task
# in the request that enqueued it (one process, nothing else to start);
# "database" stores it for a worker (manage.py db_worker), as production does.
TASKS = env.tasks_config(env.get("TASKS_BACKEND", "immediate"))

# Content-Security-Policy: nothing from third-party hosts except map tiles,
# and no inline scripts or styles on public pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https://tile.openstreetmap.org"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
# The Wagtail admin still relies on inline scripts and styles; the public site
# does not. portal.middleware widens the policy for /admin/ only.
KENTRO_ADMIN_PATH_PREFIX = "/admin/"

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

WAGTAIL_SITE_NAME = "Κέντρο Κοινότητας"
# Staff avatars would otherwise load from a third-party host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call home from the admin either: upgrades come through pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin keeps what is typed in Greek; the server makes every slug Latin
# by ELOT 743 (core.slugs, core.forms.LatinSlugField), not the JavaScript
# (whose own table writes θ as "8").
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Search: the database by default; Elasticsearch 8 when ELASTICSEARCH_URL is
# set (the elasticsearch client is pinned to 8.x to match the backend). The
# site's own term index (search.backends) is then read from Elasticsearch,
# with the database as its fallback and record.
ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env.get("ELASTICSEARCH_INDEX_PREFIX", "kentro_")
KENTRO_SEARCH_BACKENDS = env.search_backends_config(
    ELASTICSEARCH_URL, ELASTICSEARCH_INDEX_PREFIX
)
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": ELASTICSEARCH_INDEX_PREFIX,
            "TIMEOUT": 5,
            "INDEX_SETTINGS": WAGTAIL_INDEX_SETTINGS,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"},
    }
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# A page sent for translation starts as a draft in the other language, however
# it is sent (one page, its child pages too, a sync): wagtail-localize would
# otherwise publish a copy still in Greek at once when the Greek page is live,
# past the Moderators. It goes live when a Moderator approves it (#18;
# core.translation_workflow).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
}

# The version of the privacy notice that consent forms record with the consent.
KENTRO_PRIVACY_NOTICE_VERSION = env.get("KENTRO_PRIVACY_NOTICE_VERSION", "1")

# How long each kind of personal data is kept (README "Security"); the daily
# purge_personal_data applies every one of them.
KENTRO_APPOINTMENT_RETENTION_DAYS = int(
    env.get("KENTRO_APPOINTMENT_RETENTION_DAYS", "365")
)
KENTRO_OPEN_REQUEST_RETENTION_DAYS = int(
    env.get("KENTRO_OPEN_REQUEST_RETENTION_DAYS", "730")
)
KENTRO_INACTIVE_VOLUNTEER_RETENTION_DAYS = int(
    env.get("KENTRO_INACTIVE_VOLUNTEER_RETENTION_DAYS", "730")
)
KENTRO_PLEDGE_RETENTION_DAYS = int(env.get("KENTRO_PLEDGE_RETENTION_DAYS", "90"))
KENTRO_UNANSWERED_QUERY_DAYS = int(env.get("KENTRO_UNANSWERED_QUERY_DAYS", "30"))
KENTRO_WITHDRAWAL_LINK_DAYS = int(env.get("KENTRO_WITHDRAWAL_LINK_DAYS", "30"))
KENTRO_SIGN_IN_RECORD_DAYS = int(env.get("KENTRO_SIGN_IN_RECORD_DAYS", "90"))
