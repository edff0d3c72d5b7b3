"""Production: every secret comes from the environment, or the site refuses to start."""

from portal.settings import env
from portal.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env.require("SECRET_KEY")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env.require("ALLOWED_HOSTS")
if "*" in ALLOWED_HOSTS:
    raise env.ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts, not '*'.")

# E-mail is sent by a worker process (manage.py db_worker), retried there.
TASKS = env.tasks_config(env.get("TASKS_BACKEND", "database"))

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

WAGTAILADMIN_BASE_URL = env.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# The Wagtail admin shows page previews in a same-origin frame, so frames stay
# allowed from the site itself (X_FRAME_OPTIONS and CSP frame-ancestors 'self').
SILENCED_SYSTEM_CHECKS = ["security.W019"]
