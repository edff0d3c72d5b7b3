"""Read configuration from the environment.

Every external service Kentro talks to is chosen by an environment variable
with an embedded default, so that one machine needs nothing but Python and
many machines share state through PostgreSQL, Redis and object storage.
"""

import ipaddress
import os
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}


def get(name, default=None):
    value = os.environ.get(name, "").strip()
    return value or default


def get_bool(name, default=False):
    value = get(name)
    if value is None:
        return default
    return value.lower() in TRUE_VALUES


def get_list(name, default=()):
    value = get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def get_networks(name, default=()):
    """A comma-separated list of IP addresses or networks (``10.0.0.0/8``),
    checked now: a typo must stop the site, not trust the wrong proxy."""
    entries = get_list(name, default)
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as error:
            raise ImproperlyConfigured(
                f"{name}: {entry!r} is not an IP address or network."
            ) from error
    return entries


def database_config(url, *, conn_max_age, lock_timeout, statement_timeout):
    """Django's DATABASES entry for a URL, with how long a statement may wait
    for a lock (SQLite's busy timeout; PostgreSQL's lock_timeout) and, on
    PostgreSQL, how long it may run at all (0 for no limit), in seconds."""
    config = dj_database_url.parse(
        url, conn_max_age=conn_max_age, conn_health_checks=True
    )
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"].endswith("sqlite3"):
        options.setdefault("timeout", lock_timeout)
    elif config["ENGINE"].endswith("postgresql"):
        timeouts = (
            f"-c lock_timeout={int(lock_timeout * 1000)} "
            f"-c statement_timeout={int(statement_timeout * 1000)}"
        )
        options["options"] = f"{options.get('options', '')} {timeouts}".strip()
    return config


def require(name):
    value = get(name)
    if value is None:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set in production."
        )
    return value


def cache_config(redis_url):
    """Redis when REDIS_URL is set, otherwise a per-process memory cache.
    Redis being down costs at most half a second, then pages come from the
    database (portal/cache.py)."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "core.cache.ForgivingRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "kentro",
                "TIMEOUT": 300,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kentro",
        }
    }


TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_config(backend):
    """django-tasks settings: "immediate" runs a task in the request that
    enqueued it; "database" stores it for ``manage.py db_worker`` to run."""
    if backend not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND {backend!r} is not one of {sorted(TASK_BACKENDS)}."
        )
    return {"default": {"BACKEND": TASK_BACKENDS[backend]}}


def search_backends_config(elasticsearch_url, index_prefix):
    """The site's term index (``search.backends``): in the database, or read
    from Elasticsearch with the database as fallback when a URL is given."""
    database = {"BACKEND": "search.backends.database"}
    if not elasticsearch_url:
        return {"default": database}
    return {
        "default": {
            "BACKEND": "search.backends.fallback",
            "BACKENDS": ["elasticsearch", "database"],
        },
        "elasticsearch": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [elasticsearch_url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": 5,
        },
        "database": database,
    }


def frontend_cache_config(purge_url=None, cloudflare_token=None, cloudflare_zone=None):
    """WAGTAILFRONTENDCACHE for the proxy or CDN in front: an HTTP PURGE to
    ``purge_url`` (Varnish, nginx with a purge module), and/or Cloudflare's
    API with a token and a zone id; ``{}`` when neither is given."""
    backends = {}
    if purge_url:
        backends["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": purge_url,
        }
    if cloudflare_token or cloudflare_zone:
        if not (cloudflare_token and cloudflare_zone):
            raise ImproperlyConfigured(
                "CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID go together."
            )
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": cloudflare_token,
            "ZONEID": cloudflare_zone,
        }
    return backends


def email_config(email_url):
    """Turn ``smtp://user:password@host:587?tls=1`` into Django's EMAIL_* settings.

    ``console://`` and ``locmem://`` select those backends. The password may be
    percent-encoded so that it can hold ``@`` or ``:``.
    """
    parts = urlsplit(email_url)
    backends = {
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {parts.scheme!r} is not one of {sorted(backends)}."
        )
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    config = {"EMAIL_BACKEND": backends[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        use_ssl = parts.scheme == "smtps" or options.get("ssl", "") in TRUE_VALUES
        config.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if use_ssl else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=options.get("tls", "") in TRUE_VALUES,
            EMAIL_USE_SSL=use_ssl,
            EMAIL_TIMEOUT=int(options.get("timeout", 10)),
        )
    return config


def media_storage_config(bucket, media_root):
    """S3-compatible object storage when a bucket is named, else a local folder.

    The S3 backend comes from the ``s3`` extra (django-storages).
    """
    if bucket:
        return {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": bucket,
                    "endpoint_url": get("AWS_S3_ENDPOINT_URL"),
                    "region_name": get("AWS_S3_REGION_NAME"),
                    "custom_domain": get("AWS_S3_CUSTOM_DOMAIN"),
                    "file_overwrite": False,
                    "default_acl": None,
                    "querystring_auth": False,
                },
            },
        }
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media_root)},
        },
    }
