"""The test suite: fast hashing, in-memory mail, no debug."""

import atexit
import shutil
import tempfile
from pathlib import Path

from portal.settings import env
from portal.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-kentro"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = env.cache_config(None)
# Tests that change content through the ORM and read the page again see what
# they changed; tests/core/test_page_cache.py switches the cache on.
KENTRO_PAGE_CACHE = False
# Static files come from the app folders; nothing is collected locally.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Look static files up when asked for: scanning them all, which WhiteNoise
# does whenever a test client is made, cost 65 ms a client.
WHITENOISE_AUTOREFRESH = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Images the tests upload go to a folder of this process's own (test
# workers run side by side), not into the developer's var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kentro-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {**STORAGES, **env.media_storage_config(None, MEDIA_ROOT)}  # noqa: F405
