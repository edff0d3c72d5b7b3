import pytest
from wagtail.models import Page

from portal.models import CampaignIndexPage, CampaignPage, HomePage, StandardPage

ALLOWED = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage},
    CampaignIndexPage: {HomePage},
    CampaignPage: {CampaignIndexPage},
}


@pytest.mark.parametrize("page_type", list(ALLOWED))
def test_page_type_can_be_created_only_under_its_allowed_parents(page_type):
    for parent_type in [Page, HomePage, StandardPage, CampaignIndexPage, CampaignPage]:
        expected = parent_type in ALLOWED[page_type]
        allowed = (
            parent_type in page_type.allowed_parent_page_models()
            and page_type in parent_type.allowed_subpage_models()
        )
        assert allowed is expected, f"{page_type.__name__} under {parent_type.__name__}"


def test_every_page_of_the_demo_site_renders_in_every_language(client, demo_site):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    rendered_types = set()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        rendered_types.add((type(page).__name__, page.locale.language_code))
    for page_type in ALLOWED:
        for language in ("el", "en", "ar"):
            if page_type is CampaignPage and language != "el":
                continue
            assert (page_type.__name__, language) in rendered_types


def test_every_page_has_one_h1_and_a_meta_description(client, demo_site):
    for page in Page.objects.live().filter(depth__gt=1):
        html = client.get(page.url).content.decode()
        assert html.count("<h1") == 1, page.url
        assert '<meta name="description" content="' in html, page.url
        assert '<meta name="description" content="">' not in html, page.url
