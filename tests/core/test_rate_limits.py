"""Rate limits hold while the shared cache (Redis) is down, and keep no
address anywhere."""

import pytest
from django.test import RequestFactory, override_settings

from appointments.models import AppointmentPage
from core import abuse
from core import cache as forgiving
from core.models import RateCounter
from portal.settings import env

UNREACHABLE_REDIS = env.cache_config("redis://127.0.0.1:1/0")


@pytest.fixture
def redis_down(monkeypatch):
    monkeypatch.setitem(forgiving._state, "down_until", float("-inf"))
    monkeypatch.setitem(forgiving._state, "warned_at", float("-inf"))
    with override_settings(CACHES=UNREACHABLE_REDIS):
        yield


def visitor(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


@pytest.mark.django_db
def test_limits_keep_counting_in_the_database_while_the_cache_is_down(redis_down):
    results = [
        abuse.is_rate_limited(visitor("203.0.113.9"), "test", limit=3, window=60)
        for _ in range(5)
    ]

    assert results == [False, False, False, True, True]
    assert not abuse.is_rate_limited(
        visitor("198.51.100.7"), "test", limit=3, window=60
    )
    counters = list(RateCounter.objects.values_list("key", "count"))
    assert sorted(count for _key, count in counters) == [1, 5]
    assert not any("203.0.113.9" in key for key, _count in counters)


@pytest.mark.django_db
def test_the_appointment_form_is_limited_while_the_cache_is_down(
    redis_down, client, settings
):

    settings.KENTRO_APPOINTMENT_RATE_LIMIT = 2
    page = AppointmentPage.objects.get(locale__language_code="el")

    statuses = [client.post(page.url, {}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
