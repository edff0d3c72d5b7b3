import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings import env

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "kentro.example.gr",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args, **environment):
    # The browser tests allow sync ORM calls beside Playwright's event loop;
    # that switch must not leak into a production check.
    ignored = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_required_secret(missing):
    environment = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", **environment)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_refuses_a_wildcard_host():
    result = run_manage("check", **{**PRODUCTION_ENV, "ALLOWED_HOSTS": "*"})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's hosts" in result.stderr


def test_deploy_check_is_clean_with_sensible_production_variables():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stderr


def test_redis_url_selects_the_redis_cache():
    config = env.cache_config("redis://127.0.0.1:6379/1")["default"]
    assert config["BACKEND"] == "core.cache.ForgivingRedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert config["OPTIONS"]["socket_connect_timeout"] <= 1


def test_without_redis_url_the_cache_is_local_memory():
    config = env.cache_config(None)["default"]
    assert config["BACKEND"].endswith("LocMemCache")


def test_email_url_is_turned_into_smtp_settings():
    config = env.email_config("smtp://kentro:p%40ss@mail.example.gr:587?tls=1")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["EMAIL_HOST"] == "mail.example.gr"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "kentro"
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"  # noqa: S105 (a test value)
    assert config["EMAIL_USE_TLS"] is True


def test_an_unknown_email_scheme_is_refused():
    with pytest.raises(env.ImproperlyConfigured):
        env.email_config("carrier-pigeon://loft")


def test_tasks_backend_is_chosen_by_name():
    assert env.tasks_config("immediate")["default"]["BACKEND"].endswith(
        "ImmediateBackend"
    )
    assert (
        env.tasks_config("database")["default"]["BACKEND"]
        == "django_tasks_db.DatabaseBackend"
    )
    with pytest.raises(env.ImproperlyConfigured):
        env.tasks_config("celery")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "django_tasks_db.DatabaseBackend"),
        ({"TASKS_BACKEND": "immediate"}, "ImmediateBackend"),
    ],
)
def test_production_queues_email_for_the_worker_by_default(environment, expected):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])",
        **PRODUCTION_ENV,
        **environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(expected)


def test_a_bucket_selects_object_storage_for_media():
    config = env.media_storage_config("kentro-media", "/tmp/media")  # noqa: S108
    assert config["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config["default"]["OPTIONS"]["bucket_name"] == "kentro-media"


def test_without_a_bucket_media_is_stored_on_disk():
    config = env.media_storage_config(None, "/srv/media")
    assert config["default"]["BACKEND"].endswith("FileSystemStorage")
    assert config["default"]["OPTIONS"]["location"] == "/srv/media"


def test_static_files_collect_for_production(tmp_path):
    result = run_manage(
        "collectstatic", "--noinput", "-v0", **PRODUCTION_ENV, STATIC_ROOT=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()


def test_a_proxy_purge_address_configures_wagtail_s_frontend_cache():
    config = env.frontend_cache_config(purge_url="http://127.0.0.1:6081")
    assert config == {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }
    assert env.frontend_cache_config() == {}


def test_cloudflare_needs_both_its_token_and_its_zone():
    token = "not-a-real-token"  # noqa: S105
    config = env.frontend_cache_config(cloudflare_token=token, cloudflare_zone="z1")
    assert config["cloudflare"]["ZONEID"] == "z1"
    with pytest.raises(env.ImproperlyConfigured):
        env.frontend_cache_config(cloudflare_token=token)
