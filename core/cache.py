"""The shared cache, which must never take the site down with it.

Everything the portal keeps in Redis can be rebuilt from the database: page
fragments, facet counts, version stamps, form rate-limit counters. So when
Redis cannot be reached, a read is a miss and a write is dropped, the page is
built from the database, and one warning a minute tells the operators. After
a failure the cache is left alone for a few seconds, so that pages do not each
wait for a connection timeout while Redis is down.
Forms stay open and what people send is still stored; their rate limits
count in the database meanwhile (``core.abuse`` asks ``is_unreachable``).
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
WARNING_INTERVAL_SECONDS = 60
RETRY_SECONDS = 5
_state = {"warned_at": float("-inf"), "down_until": float("-inf")}


def _failed(error):
    now = time.monotonic()
    _state["down_until"] = now + RETRY_SECONDS
    if now - _state["warned_at"] >= WARNING_INTERVAL_SECONDS:
        _state["warned_at"] = now
        logger.warning("The cache is unreachable; serving from the database: %s", error)


def _or(fallback):
    """Run the cache operation; if Redis is unreachable, return what
    fallback(*args, **kwargs) makes of the call instead."""

    def decorate(method):
        @wraps(method)
        def run(self, *args, **kwargs):
            if time.monotonic() < _state["down_until"]:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                _failed(error)
                return fallback(*args, **kwargs)

        return run

    return decorate


def is_unreachable():
    """True while this process counts the shared cache as down: a call to it
    just failed, or failed less than RETRY_SECONDS ago."""
    return time.monotonic() < _state["down_until"]


def _nothing(*args, **kwargs):
    return None


def _default(key, default=None, version=None):
    return default


def _not_added(*args, **kwargs):
    return False


def _first_count(key, delta=1, version=None):
    return delta


def _no_values(*args, **kwargs):
    return {}


def _none_failed(*args, **kwargs):
    return []


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, for which an unreachable server is a miss."""

    get = _or(_default)(RedisCache.get)
    get_many = _or(_no_values)(RedisCache.get_many)
    has_key = _or(_not_added)(RedisCache.has_key)
    add = _or(_not_added)(RedisCache.add)
    set = _or(_nothing)(RedisCache.set)
    set_many = _or(_none_failed)(RedisCache.set_many)
    touch = _or(_not_added)(RedisCache.touch)
    incr = _or(_first_count)(RedisCache.incr)
    delete = _or(_not_added)(RedisCache.delete)
    delete_many = _or(_nothing)(RedisCache.delete_many)
    clear = _or(_nothing)(RedisCache.clear)
