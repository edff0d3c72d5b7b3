import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from core.factories import AlertBannerFactory
from portal.factories import StandardPageFactory

# design.md section 6; the site chrome is cached per page (core.chrome).
MAX_QUERIES_PER_PAGE = 12
# Wagtail routes /en/ and /ar/ through the translation of the site's root
# page, which it looks up on every request: a query Greek pages do not make.
TRANSLATED_ROUTING_QUERIES = 1


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_pages_in_every_language(client, demo_site):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/poioi-eimaste/</loc>" in body
    assert "<loc>http://testserver/en/poioi-eimaste/</loc>" in body
    assert "<loc>http://testserver/ar/poioi-eimaste/</loc>" in body


def test_favicon_is_served(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200


def test_public_pages_forbid_inline_scripts(client, demo_site):
    policy = client.get("/")["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'unsafe-inline'" not in script_src
    assert "'self'" in script_src


def test_templates_carry_no_inline_scripts_or_handlers(client, demo_site):
    for page in Page.objects.live().filter(depth__gt=1):
        html = client.get(page.url).content.decode()
        inline = [
            tag
            for tag in re.findall(r"<script\b[^>]*>", html)
            if "src=" not in tag and "application/ld+json" not in tag
        ]
        assert inline == [], page.url
        assert not re.search(r"\son[a-z]+=", html), page.url


def test_html_is_compressed_for_browsers_that_accept_it(client, demo_site):
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


def test_queries_per_page_stay_within_budget(client, demo_site):
    for page in Page.objects.live().filter(depth__gt=1).select_related("locale"):
        client.get(page.url)  # warm the per-process caches, as in production
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        budget = MAX_QUERIES_PER_PAGE
        if page.locale.language_code != "el":
            budget += TRANSLATED_ROUTING_QUERIES
        assert len(queries) <= budget, (page.url, len(queries))


def test_publishing_a_page_refreshes_the_cached_menu(client, demo_site):
    assert "Νέα σελίδα στο μενού" not in client.get("/").content.decode()
    home = Page.objects.get(depth=2, locale__language_code="el")
    page = StandardPageFactory(
        parent=home, slug="nea", title="Νέα σελίδα στο μενού", show_in_menus=True
    )
    page.save_revision().publish()
    assert "Νέα σελίδα στο μενού" in client.get("/").content.decode()


def test_a_new_alert_shows_at_once(client, demo_site):
    client.get("/")
    AlertBannerFactory(title="Έκτακτη ανακοίνωση")
    assert "Έκτακτη ανακοίνωση" in client.get("/").content.decode()
