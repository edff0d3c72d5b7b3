"""The weekly check of outside links (core.links): how one address is asked,
how the requests are paced, and what is recorded. No test reaches the
network: the request (or urllib under it) is replaced."""

import datetime
import urllib.error
from unittest import mock

import pytest
from django.utils import timezone

from core import links
from core.models import ExternalLink


class FakeResponse:
    def __init__(self, status):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_a_request_says_who_asks_and_waits_briefly():
    with mock.patch("urllib.request.urlopen", return_value=FakeResponse(200)) as open_:
        answer = links.request("https://www.gov.gr/ipiresies", "HEAD")
    assert answer == links.Answer(status_code=200)
    sent = open_.call_args.args[0]
    assert sent.get_method() == "HEAD"
    assert sent.get_header("User-agent") == links.USER_AGENT
    assert open_.call_args.kwargs["timeout"] == links.TIMEOUT


def test_a_network_fault_is_an_error_not_an_exception():
    fault = urllib.error.URLError("Name or service not known")
    with mock.patch("urllib.request.urlopen", side_effect=fault):
        answer = links.request("https://gone.example.org/", "GET")
    assert answer.is_broken and "not known" in answer.error


def test_get_is_asked_when_a_server_refuses_head():
    answers = {"HEAD": links.Answer(status_code=405), "GET": links.Answer(200)}
    with mock.patch.object(links, "request", side_effect=lambda u, m: answers[m]):
        assert links.fetch("https://www.efka.gov.gr/") == links.Answer(200)


def test_a_missing_page_is_broken_after_head_and_get():
    with mock.patch.object(links, "request", return_value=links.Answer(404)) as ask:
        answer = links.fetch("https://www.gov.gr/lathos")
    assert answer.is_broken and answer.status_code == 404
    assert [call.args[1] for call in ask.call_args_list] == ["HEAD", "GET"]


def test_only_web_addresses_are_asked():
    with mock.patch.object(links, "request") as ask:
        assert links.fetch("ftp://files.example.org/a").is_broken
    ask.assert_not_called()


def test_requests_to_one_host_are_spaced_and_other_hosts_do_not_wait():
    now, waits = [100.0], []
    pacer = links.HostPacer(1.0, clock=lambda: now[0], sleep=waits.append)
    pacer.wait("www.gov.gr")
    pacer.wait("www.gov.gr")
    pacer.wait("www.efka.gov.gr")
    pacer.wait("www.gov.gr")
    assert waits == [1.0, 2.0]


def use(url, record="Επίδομα Θέρμανσης (el)"):
    return links.LinkUse(url, record, "online application", "/admin/pages/1/edit/")


@pytest.fixture
def answers(monkeypatch):
    """The answer each address gets, set by the test; no pacing."""
    table = {}
    monkeypatch.setattr(links, "HOST_INTERVAL", 0)
    monkeypatch.setattr(links, "fetch", lambda url: table[url])
    return table


def test_the_check_records_each_address_once_with_its_records(db, answers):
    answers["https://www.gov.gr/a"] = links.Answer(200)
    answers["https://partner.example.org/"] = links.Answer(error="timed out")
    summary = links.check(
        [
            use("https://www.gov.gr/a"),
            use("https://www.gov.gr/a", "Heating allowance (en)"),
            use("https://www.gov.gr/a"),
            use("https://partner.example.org/"),
        ]
    )
    assert (summary.checked, summary.broken) == (2, 1)
    ok = ExternalLink.objects.get(url="https://www.gov.gr/a")
    assert ok.status_code == 200 and not ok.is_broken and ok.first_broken_at is None
    assert [u["record"] for u in ok.uses] == [
        "Επίδομα Θέρμανσης (el)",
        "Heating allowance (en)",
    ]
    assert [link.url for link in ExternalLink.objects.broken()] == [
        "https://partner.example.org/"
    ]


def test_broken_since_is_the_first_check_that_found_it_broken(db, answers):
    url = "https://www.gov.gr/lathos"
    first = timezone.now() - datetime.timedelta(days=7)
    answers[url] = links.Answer(404)
    links.check([use(url)], now=first)
    links.check([use(url)])
    link = ExternalLink.objects.get(url=url)
    assert link.first_broken_at == first and link.last_checked_at > first
    answers[url] = links.Answer(200)
    links.check([use(url)])
    link.refresh_from_db()
    assert link.first_broken_at is None and not ExternalLink.objects.broken()


def test_an_address_no_record_shows_any_more_is_forgotten(db, answers):
    answers["https://old.example.org/"] = links.Answer(404)
    answers["https://new.example.org/"] = links.Answer(200)
    links.check([use("https://old.example.org/")])
    summary = links.check([use("https://new.example.org/")])
    assert summary.removed == 1
    assert list(ExternalLink.objects.values_list("url", flat=True)) == [
        "https://new.example.org/"
    ]
