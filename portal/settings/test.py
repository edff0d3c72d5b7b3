"""The test suite: fast hashing, in-memory mail, no debug."""

from portal.settings import env
from portal.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-kentro"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = env.cache_config(None)
# Static files come from the app folders; nothing is collected locally.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WAGTAILADMIN_BASE_URL = "http://testserver"
