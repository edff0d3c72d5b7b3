"""The Arabic printable checklist keeps what is read left to right in its
order: a phone number printed without isolation shows its groups reversed
("99100 27210"), so whoever dials from the paper calls the wrong number, and
an address is split around the Arabic town name."""

import re

import pytest

from core.models import CentreSettings
from directory.models import ServicePage


@pytest.fixture
def arabic_printout(client, db):
    page = ServicePage.objects.get(slug="kea", locale__language_code="ar")
    response = client.get(page.url + "ektyposi/")
    assert response.status_code == 200
    # The printed sheet: the article (the header and footer do not print).
    html = response.content.decode()
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def test_every_phone_number_is_isolated_left_to_right(arabic_printout):
    phone = CentreSettings.load().phone
    assert phone == "27210 99100"
    found = [match.start() for match in re.finditer(re.escape(phone), arabic_printout)]
    assert len(found) >= 2  # the place's and the centre's, in the footer line
    for start in found:
        assert arabic_printout[:start].endswith('<bdi dir="ltr">'), arabic_printout[
            start - 80 : start + 20
        ]


def test_addresses_are_one_isolated_piece(arabic_printout):
    # The demo's Arabic place: "Aristomenous 21, 241 31, كالاماتا".
    assert re.search(r"<bdi>Aristomenous 21, [^<]*كالاماتا</bdi>", arabic_printout)
