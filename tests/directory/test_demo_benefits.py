"""The demo's benefits show the published amounts and limits (the figures
and their sources: directory/demo.py) at the top of their pages."""

import pytest

from directory.models import ServicePage

EXPECTED = {
    "kea": ["216 € έως 972 € τον μήνα", "2.592 € τον χρόνο", "+108 €", "+54 €"],
    "epidoma-stegasis": ["70 € έως 210 € τον μήνα", "7.000 € τον χρόνο", "+35 €"],
    "epidoma-paidiou": ["28 € έως 140 € τον μήνα", "15.000 €", "κάθε δύο μήνες"],
    "epidoma-thermansis": ["100 € έως 1.200 € τον χρόνο", "16.000 € τον χρόνο"],
}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_a_demo_benefit_shows_its_amounts_and_limits(client, demo_site, slug):
    page = ServicePage.objects.get(slug=slug, locale__language_code="el")
    html = client.get(page.url).content.decode()
    facts = html.split('class="key-facts"', 1)[1].split("</section>", 1)[0]
    for text in EXPECTED[slug]:
        assert text in facts, text
