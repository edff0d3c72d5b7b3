"""The browser harness every page type reuses: Debian's Chromium driven by
Playwright against Django's live server, with axe-core for WCAG 2.1 A/AA."""

import os
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.browser.staff import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    available = os.path.exists(CHROMIUM)
    if not available:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but Chromium is not at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # made by fixtures around it are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},  # a cheap phone
        java_script_enabled=True,
    )
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and page.csp_violations.append(message.text)
        ),
    )
    yield page
    context.close()


def ensure_demo():
    """The demo centre built for the session is there, unless a
    transactional test (which runs before these in the same worker) flushed
    the database: then the migrations' rows are loaded again and the demo is
    built again."""
    import io

    from django.core.management import call_command

    from portal.models import HomePage
    from tests import migrated

    migrated.restore()
    if not HomePage.objects.exists():
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_setup, django_db_blocker):
    """Stands in for pytest-django's helper of this name, which makes every
    live-server test transactional: the database was flushed after each test
    and the demo built again for the next (8 s a test). Browser tests instead
    share the demo built for the session, committed: the server and the test
    reach it outside any transaction, as the site and its staff would, and
    what one test adds (a sign-up, a request, an editor) stays for the
    others, which do not mind it."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        ensure_demo()
        yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture
def live_demo_site(live_server):
    return live_server


@pytest.fixture
def quick_forms(settings):
    # A person at a keyboard is slower than three seconds; a test is not.
    settings.KENTRO_FORM_MIN_FILL_SECONDS = 0


def assert_accessible(page, url=""):
    """One h1, no WCAG 2.1 A/AA violation, nothing blocked by the CSP."""
    # A click starts a navigation without waiting for it: check the page the
    # click led to, once it has loaded, not the one it left.
    page.wait_for_load_state("load")
    expect(page.locator("h1"), url).to_have_count(1)
    assert axe_violations(page) == [], url
    assert page.csp_violations == [], url


def tab_to(page, selector, limit=200):
    """Press Tab until the element matching selector has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(selector) => document.activeElement.matches(selector)", selector
        ):
            return
    pytest.fail(f"{selector} is not reachable with Tab")


def axe_violations(page):
    """Run axe-core (shipped inside axe-playwright-python) on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']}: {violation['help']} "
        f"({', '.join(node['target'][0] for node in violation['nodes'][:3])})"
        for violation in results.response["violations"]
    ]


@pytest.fixture
def staff_user(live_demo_site):
    """Makes a member of a staff group with a password; gone after the test.
    The live server's tests share one committed database, and a staff
    member left behind would be mailed in the tests that count who is
    mailed (a goods coordinator gets every pledge's notice)."""
    made = []

    def make(username, group_name):
        user = get_user_model().objects.create_user(
            username, f"{username}@example.org", PASSWORD, first_name="Μαρία"
        )
        user.groups.add(Group.objects.get(name=group_name))
        made.append(user.pk)
        return user

    yield make
    get_user_model().objects.filter(pk__in=made).delete()
