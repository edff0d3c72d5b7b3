"""The chrome a phone sees first: a short header whose menu opens without
JavaScript, the alert as one line, the appointment request linked from the
header and footer, and a 404 page with a next step."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from core.factories import AlertBannerFactory
from portal.models import CampaignPage

PREFIX = {"el": "", "en": "/en", "ar": "/ar"}


def header_of(html):
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_the_menu_is_a_toggle_that_needs_no_javascript(client, demo_site, language):
    html = client.get(f"{PREFIX[language]}/").content.decode()
    header = header_of(html)
    assert '<details class="main-nav__menu">' in header
    with translation.override(language):
        assert (
            f'<summary class="main-nav__toggle">{gettext("Menu")}</summary>' in header
        )


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_the_request_form_is_linked_from_the_header_and_footer(
    client, demo_site, language
):
    html = client.get(f"{PREFIX[language]}/").content.decode()
    request_url = f"{PREFIX[language]}/rantevou/"
    assert f'class="site-header__request" href="{request_url}"' in header_of(html)
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'href="{request_url}"' in footer


def test_an_alert_is_one_line_that_opens_for_more(client, demo_site):
    AlertBannerFactory(
        title="Κλειστό την Παρασκευή",
        message="Λόγω αργίας.",
        locale=demo_site.root_page.locale,
    )
    html = client.get("/").content.decode()
    alert = html.split('<details class="alert', 1)[1].split("</details>", 1)[0]
    summary = alert.split("<summary", 1)[1].split("</summary>", 1)[0]
    assert "Κλειστό την Παρασκευή" in summary
    assert "Λόγω αργίας." not in summary
    assert "Λόγω αργίας." in alert


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_the_not_found_page_offers_the_request_the_menu_and_the_phone(
    client, demo_site, language
):
    response = client.get(f"{PREFIX[language]}/no-such-page/")
    assert response.status_code == 404
    main = response.content.decode().split("<main", 1)[1]
    assert f'href="{PREFIX[language]}/rantevou/"' in main
    assert f'href="{PREFIX[language]}/programmata-ypiresies/"' in main
    assert 'href="tel:' in main
    assert 'role="search"' in main


@pytest.mark.parametrize("language", ["el", "ar"])
def test_a_campaign_ends_with_its_next_step(client, demo_site, language):
    campaign = (
        CampaignPage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    main = client.get(campaign.url).content.decode().split("<main", 1)[1]
    step = main.split('id="next-step-heading"', 1)[1]
    assert f'href="{PREFIX[language]}/rantevou/"' in step
    assert 'href="tel:' in step


def main_of(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("language", ["el", "en", "ar"])
@pytest.mark.parametrize(
    "path", ["/", "/epikoinonia/", "/pos-mporoume-na-voithisoume/"]
)
def test_the_request_form_is_linked_from_the_body_of_home_contact_and_help_pages(
    client, demo_site, language, path
):
    response = client.get(f"{PREFIX[language]}{path}")
    assert response.status_code == 200
    request_url = f"{PREFIX[language]}/rantevou/"
    main = main_of(response.content.decode())
    assert f'<a class="button" href="{request_url}">' in main


def test_the_request_links_are_added_once(demo_site):
    from portal.demo.build import build_request_links

    messages = []
    build_request_links(messages.append)
    assert messages == ["site: 0 links to the appointment request added"]
