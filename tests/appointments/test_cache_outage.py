"""Redis down: every page still answers from the database, and what people
send is stored. (The cache holds nothing that cannot be rebuilt.)"""

import pytest
from django.test import override_settings

from appointments.models import AppointmentRequest
from core import cache as forgiving
from portal.settings import env

# Nothing listens on port 1: connections are refused at once.
UNREACHABLE_REDIS = env.cache_config("redis://127.0.0.1:1/0")


@pytest.fixture
def redis_down(monkeypatch):
    monkeypatch.setitem(forgiving._state, "down_until", float("-inf"))
    monkeypatch.setitem(forgiving._state, "warned_at", float("-inf"))
    with override_settings(CACHES=UNREACHABLE_REDIS):
        yield


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/programmata-ypiresies/",
        "/programmata-ypiresies/?q=epidoma+stegasis&free=1",
        "/programmata-ypiresies/protaseis/?q=%CE%B5%CF%80",
        "/programmata-ypiresies/kea/",
        "/anazitisi/?q=%CE%BA%CE%B5%CE%B1",
        "/ekdiloseis/",
        "/ekdiloseis/?view=month",
        "/kiniti-monada/",
        "/en/",
    ],
)
def test_pages_answer_while_the_cache_is_down(client, redis_down, path, caplog):
    response = client.get(path)

    assert response.status_code == 200
    assert "cache is unreachable" in caplog.text


def test_a_request_sent_while_the_cache_is_down_is_stored(
    client, redis_down, page, valid_data
):
    response = client.post(page.url, valid_data())

    assert response.status_code == 302
    assert AppointmentRequest.objects.filter(email="eleni@example.org").exists()
