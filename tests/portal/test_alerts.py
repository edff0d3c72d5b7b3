import datetime

from django.utils import timezone

from core.factories import AlertBannerFactory
from core.models import AlertBanner


def test_banner_is_shown_on_every_page_within_its_window(client, home):
    AlertBannerFactory(title="Κλειστό λόγω απεργίας", kind=AlertBanner.Kind.CLOSURE)
    html = client.get(home.url).content.decode()
    assert "Κλειστό λόγω απεργίας" in html
    # The kind is written out, not only shown by colour.
    assert "alert--closure" in html
    assert f"{AlertBanner.Kind.CLOSURE.label}:" in html


def test_banner_is_hidden_before_and_after_its_window(client, home):
    now = timezone.now()
    AlertBannerFactory(
        title="Ληγμένη ανακοίνωση",
        starts_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=1),
    )
    AlertBannerFactory(
        title="Μελλοντική ανακοίνωση",
        starts_at=now + datetime.timedelta(days=1),
        ends_at=None,
    )
    html = client.get(home.url).content.decode()
    assert "Ληγμένη ανακοίνωση" not in html
    assert "Μελλοντική ανακοίνωση" not in html


def test_disabled_banner_is_hidden(client, home):
    AlertBannerFactory(title="Απενεργοποιημένη", is_enabled=False)
    assert "Απενεργοποιημένη" not in client.get(home.url).content.decode()


def test_banner_shows_only_in_its_own_language(client, demo_site, locales):
    AlertBannerFactory(title="Only in English", locale=locales["en"])
    assert "Only in English" in client.get("/en/").content.decode()
    assert "Only in English" not in client.get("/").content.decode()


def test_an_untranslated_banner_shows_in_greek_on_every_language_labelled(
    client, demo_site, locales
):
    AlertBannerFactory(
        title="Κλειστό την Πέμπτη",
        message="Λόγω απογραφής.",
        locale=locales["el"],
    )
    for path, label in (("/en/", "(in Greek)"), ("/ar/", "(باليونانية)")):
        html = client.get(path).content.decode()
        alerts = html.split('class="alerts"', 1)[1].split("</section>", 1)[0]
        assert '<span lang="el" dir="ltr">Κλειστό την Πέμπτη</span>' in alerts
        assert '<p class="alert__message" lang="el" dir="ltr">Λόγω απογραφής.' in alerts
        assert label in alerts


def test_a_translated_banner_shows_its_translation_not_the_greek(
    client, demo_site, locales
):
    greek = AlertBannerFactory(title="Κλειστό την Πέμπτη", locale=locales["el"])
    AlertBannerFactory(
        title="Closed on Thursday",
        locale=locales["en"],
        translation_key=greek.translation_key,
    )
    html = client.get("/en/").content.decode()
    assert "Closed on Thursday" in html
    assert "Κλειστό την Πέμπτη" not in html
    assert "(in Greek)" not in html.split('class="alerts"', 1)[1].split("</section>")[0]
