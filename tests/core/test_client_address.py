"""The visitor's address behind the proxy README's production set-up puts in
front, and the rate limits that count by it."""

import pytest
from django.test import RequestFactory

from core import abuse
from core.client import client_address
from portal.settings import env

PROXY = "10.0.0.2"


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **headers)


def test_without_trusted_proxies_the_header_changes_nothing(settings):
    settings.KENTRO_TRUSTED_PROXIES = []

    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == (
        "203.0.113.9"
    )


def test_behind_a_trusted_proxy_the_visitor_is_the_address_it_appended(settings):
    settings.KENTRO_TRUSTED_PROXIES = ["10.0.0.0/8"]

    # The visitor wrote a false address at the left; the proxy appended theirs.
    request = request_from(PROXY, "1.1.1.1, 203.0.113.9")

    assert client_address(request) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(settings):
    settings.KENTRO_TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]

    request = request_from(PROXY, "203.0.113.9, 192.0.2.10, 10.1.1.1")

    assert client_address(request) == "203.0.113.9"


def test_a_request_not_from_the_proxy_is_its_own_address(settings):
    settings.KENTRO_TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == (
        "203.0.113.9"
    )


def test_garbage_in_the_header_does_not_choose_the_address(settings):
    settings.KENTRO_TRUSTED_PROXIES = ["10.0.0.0/8"]

    assert client_address(request_from(PROXY, "not-an-address")) == PROXY
    assert client_address(request_from(PROXY, "")) == PROXY
    assert client_address(request_from("")) is None


def test_an_unparseable_trusted_proxy_setting_stops_the_site(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, proxy.example")
    with pytest.raises(ImproperlyConfigured):
        env.get_networks("TRUSTED_PROXIES")


@pytest.mark.django_db
def test_behind_the_proxy_one_visitor_at_the_limit_does_not_block_another(
    settings,
):
    settings.KENTRO_TRUSTED_PROXIES = [PROXY]

    def limited(visitor):
        return abuse.is_rate_limited(
            request_from(PROXY, visitor), "test", limit=3, window=60
        )

    assert [limited("203.0.113.9") for _ in range(4)] == [False] * 3 + [True]
    assert limited("198.51.100.7") is False


@pytest.mark.django_db
def test_without_configuration_a_forged_header_does_not_escape_the_limit(
    settings,
):
    settings.KENTRO_TRUSTED_PROXIES = []

    results = [
        abuse.is_rate_limited(
            request_from("203.0.113.9", f"198.51.100.{n}"),
            "test",
            limit=3,
            window=60,
        )
        for n in range(5)
    ]

    assert results == [False] * 3 + [True] * 2
