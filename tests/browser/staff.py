"""What browser tests of the staff side share: signing in through the
admin's form, a second person's browser, and the mail the live server
sends."""

import time

from django.core import mail

PASSWORD = "a-test-password-for-browser-tests"  # noqa: S105


def sign_in(page, user):
    """Through the admin's login form. Editors are not among the groups that
    must give a second factor (KENTRO_2FA_REQUIRED_GROUPS), so the admin opens
    after the password."""
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/admin/login/" not in page.url, page.url


def new_page(browser, live_server, viewport):
    """A fresh browser (no cookies: another person) with the CSP watch of the
    ``page`` fixture."""
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    tab = context.new_page()
    tab.csp_violations = []
    tab.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and tab.csp_violations.append(message.text)
        ),
    )
    return tab


def wait_for_mail(match, seconds=15):
    """The messages of ``mail.outbox`` that ``match`` (a function of a
    message), once there is one or after ``seconds``. The live server sends
    a request's mail after its commit, which the test can read first."""
    deadline = time.monotonic() + seconds
    while True:
        found = [message for message in mail.outbox if match(message)]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)
