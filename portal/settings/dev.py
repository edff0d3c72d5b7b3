"""Local development: the embedded defaults, debug pages, mail on the console."""

from portal.settings import env
from portal.settings.base import *  # noqa: F403

DEBUG = True
# A development-only key: production.py refuses to start without SECRET_KEY.
SECRET_KEY = env.get("SECRET_KEY", "dev-only-not-secret-kentro")  # noqa: S105
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
# Static files come from the app folders; nothing is collected locally.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A template or code change shows on the next reload: the page cache is off
# unless asked for (KENTRO_PAGE_CACHE=1 make run).
KENTRO_PAGE_CACHE = env.get_bool("KENTRO_PAGE_CACHE", False)
