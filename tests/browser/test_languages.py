"""Greek, English and Arabic in a real browser: axe-core on the key pages of
each language, and the Arabic layout mirrored, measured by element positions."""

from tests.browser.conftest import assert_accessible

PREFIXES = {"el": "", "en": "/en", "ar": "/ar"}
WIDE = {"width": 1280, "height": 900}


def box(page, selector):
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def right(found):
    return found["x"] + found["width"]


def test_key_pages_and_the_form_with_errors_pass_axe_in_every_language(
    page, live_demo_site
):
    for code, prefix in PREFIXES.items():
        for path in (
            "/",
            "/programmata-ypiresies/",
            "/programmata-ypiresies/kea/",
            "/ethelontismos/eggrafi/",
        ):
            page.goto(prefix + path)
            assert page.locator("html").get_attribute("lang") == code
            assert_accessible(page, prefix + path)
        # The sign-up form sent empty answers with its errors, in that language.
        page.locator("form.volunteer-form button[type=submit]").click()
        page.wait_for_selector(".error-summary")
        assert page.locator("html").get_attribute("lang") == code
        assert_accessible(page, f"{prefix}/ethelontismos/eggrafi/ (errors)")


def text_box(page, selector):
    """Where the text of the first matching element is drawn (not its box,
    which for a block spans the whole line in either direction)."""
    return page.evaluate(
        """(selector) => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector(selector));
            const r = range.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height};
        }""",
        selector,
    )


def home_layout(page, prefix):
    page.goto(f"{prefix}/")
    items = page.locator(".main-nav__list > li")
    page.keyboard.press("Tab")  # the skip link shows when it has the focus
    return {
        "dir": page.locator("html").get_attribute("dir"),
        "header": box(page, ".site-header__inner"),
        "brand": box(page, ".site-header__brand"),
        "switcher": box(page, ".language-switcher"),
        "first_item": items.nth(0).bounding_box(),
        "second_item": items.nth(1).bounding_box(),
        "skip": box(page, ".skip-link"),
        "heading": text_box(page, "h1"),
        "search": box(page, "#home-search"),
        "main": box(page, "main"),
    }


def form_layout(page, prefix):
    page.goto(f"{prefix}/ethelontismos/eggrafi/")
    page.locator("form.volunteer-form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    checkbox = page.locator("input[type=checkbox][name=skills]").first
    return {
        "form": box(page, "form.volunteer-form"),
        "label": text_box(page, "label[for=id_name]"),
        "name": box(page, "#id_name"),
        "email": box(page, "#id_email"),
        "error": text_box(page, ".field--error .field__error"),
        "summary": box(page, ".error-summary"),
        "summary_title": text_box(page, ".error-summary h2"),
        "checkbox": checkbox.bounding_box(),
        "checkbox_label": text_box(page, f"label[for={checkbox.get_attribute('id')}]"),
        "email_direction": page.locator("#id_email").evaluate(
            "element => getComputedStyle(element).direction"
        ),
    }


def near(a, b, tolerance=24):
    return abs(a - b) <= tolerance


def test_arabic_home_page_and_form_are_mirrored(page, live_demo_site):
    page.set_viewport_size(WIDE)
    english, arabic = home_layout(page, "/en"), home_layout(page, "/ar")
    assert (english["dir"], arabic["dir"]) == ("ltr", "rtl")
    # The brand sits at the right edge in Arabic, at the left in English, and
    # the language switcher at the other end.
    assert near(right(arabic["brand"]), right(arabic["header"]))
    assert near(english["brand"]["x"], english["header"]["x"])
    assert arabic["brand"]["x"] > arabic["switcher"]["x"]
    assert english["brand"]["x"] < english["switcher"]["x"]
    # The menu reads from the right: its first item is the rightmost.
    assert arabic["first_item"]["x"] > arabic["second_item"]["x"]
    assert english["first_item"]["x"] < english["second_item"]["x"]
    # The skip link shows at the start edge: right in Arabic, left in English.
    assert arabic["skip"]["x"] > WIDE["width"] / 2 > right(english["skip"])
    # The heading's text and the search box start at the right.
    assert near(right(arabic["heading"]), right(arabic["main"]), 64)
    assert near(english["heading"]["x"], english["main"]["x"], 64)
    assert near(right(arabic["search"]), right(arabic["main"]), 64)

    english, arabic = form_layout(page, "/en"), form_layout(page, "/ar")
    # Labels, fields, errors and the error summary start at the right edge.
    assert near(right(arabic["label"]), right(arabic["name"]))
    assert near(right(arabic["name"]), right(arabic["form"]), 48)
    assert near(right(arabic["email"]), right(arabic["name"]), 2)
    assert near(right(arabic["error"]), right(arabic["name"]))
    assert near(right(arabic["summary"]), right(arabic["form"]))
    assert near(right(arabic["summary_title"]), right(arabic["summary"]), 48)
    assert near(english["label"]["x"], english["name"]["x"])
    assert near(english["name"]["x"], english["form"]["x"], 48)
    assert near(english["summary"]["x"], english["form"]["x"])
    # A checkbox comes before its label: to its right in Arabic.
    assert arabic["checkbox"]["x"] > arabic["checkbox_label"]["x"]
    assert english["checkbox"]["x"] < english["checkbox_label"]["x"]
    # An e-mail address is typed left to right even on the Arabic form.
    assert arabic["email_direction"] == "ltr"

    # A phone number, and an address line in Latin letters, keep their
    # left-to-right order inside Arabic text ("241 31 Kalamata").
    page.goto("/ar/epikoinonia/")
    for selector in ('main a[href^="tel:"]', "main address bdi:last-of-type"):
        assert page.evaluate(
            """(selector) => {
                const text = document.querySelector(selector).firstChild;
                const range = document.createRange();
                range.setStart(text, 0); range.setEnd(text, 3);
                const first = range.getBoundingClientRect().x;
                range.setStart(text, text.length - 3);
                range.setEnd(text, text.length);
                return first < range.getBoundingClientRect().x;
            }""",
            selector,
        ), selector
