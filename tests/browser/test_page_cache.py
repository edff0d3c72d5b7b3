"""Issue 21 in a browser, with the page cache on: a visitor's phone gets
the stored page (in Greek, English and Arabic, axe-clean at 320 px, a reload
answered 304), an editor signed in sees the live page with Wagtail's bar,
which no visitor ever gets, and a publish shows on the visitor's next
reload."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Revision

from directory.models import ServicePage
from tests.browser.conftest import assert_accessible
from tests.browser.staff import new_page, sign_in

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def page_cache(settings):
    settings.KENTRO_PAGE_CACHE = True


@pytest.fixture
def service(live_demo_site):
    """A live Greek service, not the one the partner-review test edits. The
    live server's tests share one committed database: its content is
    published again afterwards as a new revision, so that the latest
    revision, which later drafts start from, is the original again."""
    service = (
        ServicePage.objects.live()
        .filter(locale__language_code="el")
        .order_by("-pk")
        .first()
    )
    original = service.live_revision_id or service.save_revision().pk
    yield service
    Revision.objects.get(pk=original).as_object().save_revision().publish()


def test_a_visitor_gets_the_stored_page_and_the_next_publish(
    page_cache, browser, live_server, service, staff_user
):
    visitor = new_page(browser, live_server, PHONE)
    first = visitor.goto(service.url)
    assert "public" in first.headers["cache-control"]
    expect(visitor.locator("h1")).to_contain_text(service.title)
    assert_accessible(visitor, service.url)
    # A reload revalidates: the server answers 304 and the page stays.
    again = visitor.reload()
    assert again.status in (200, 304)
    expect(visitor.locator("h1")).to_contain_text(service.title)

    editor = new_page(browser, live_server, {"width": 1366, "height": 900})
    sign_in(editor, staff_user("eleni-editor-cache", "Editors"))
    own = editor.goto(service.url)
    assert "private" in own.headers["cache-control"]
    expect(editor.locator("wagtail-userbar")).to_have_count(1)
    visitor.reload()
    expect(visitor.locator("wagtail-userbar")).to_have_count(0)

    service.title = "Νέος τίτλος της υπηρεσίας (δοκιμή)"
    service.save_revision().publish()
    visitor.reload()
    expect(visitor.locator("h1")).to_contain_text("Νέος τίτλος της υπηρεσίας (δοκιμή)")
    editor.context.close()
    visitor.context.close()


@pytest.mark.parametrize("path", ["/", "/en/", "/ar/"])
def test_a_stored_page_is_the_same_accessible_page(
    page_cache, browser, live_server, path
):
    visitor = new_page(browser, live_server, PHONE)
    visitor.goto(path)  # drawn and stored
    response = visitor.goto(path)  # from the cache
    assert "public" in response.headers["cache-control"]
    assert response.headers.get("content-encoding") == "gzip"
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(visitor, path)
    visitor.context.close()
