import pytest

from goods.models import NeedItem, Urgency
from tests.goods.conftest import page_url

pytestmark = pytest.mark.django_db

HEADINGS = {
    "el": ("Τι χρειαζόμαστε", "Τρόφιμα", "Επείγον", "Γάλα εβαπορέ"),
    "en": ("What we need", "Food", "Urgent", "Evaporated milk"),
    "ar": ("ما نحتاج إليه", "مواد غذائية", "عاجل", "حليب مبخّر"),
}


@pytest.mark.parametrize("language", ["el", "en", "ar"])
def test_needs_page_groups_the_list_in_each_language(client, demo_needs_page, language):
    response = client.get(page_url(demo_needs_page, language))
    assert response.status_code == 200
    html = response.content.decode()
    for text in HEADINGS[language]:
        assert text in html
    # Category headings come before the urgency headings inside them.
    assert html.index('<h2 id="needs-food"') < html.index("needs__urgency--urgent")


def test_urgency_is_in_words_not_only_colour(client, demo_needs_page):
    html = client.get(demo_needs_page.url).content.decode()
    assert "Αρκετά για τώρα: παρακαλούμε μην φέρετε" in html


def test_fresh_list_has_no_out_of_date_note(client, demo_needs_page, age_list):
    age_list(13)
    html = client.get(demo_needs_page.url).content.decode()
    assert "Τελευταία ενημέρωση:" in html
    assert "Ο κατάλογος μπορεί να μην είναι ενημερωμένος." not in html


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("el", "Ο κατάλογος μπορεί να μην είναι ενημερωμένος."),
        ("en", "This list may be out of date."),
        ("ar", "قد لا تكون هذه القائمة محدّثة."),
    ],
)
def test_list_unchanged_for_two_weeks_says_it_may_be_out_of_date(
    client, demo_needs_page, age_list, language, note
):
    age_list(15)
    html = client.get(page_url(demo_needs_page, language)).content.decode()
    assert note in html


def test_marking_an_item_urgent_shows_in_every_language(client, demo_needs_page):
    item = NeedItem.objects.get(locale__language_code="el", name="Σαμπουάν")
    item.urgency = Urgency.URGENT
    item.save()
    for language, name in (("el", "Σαμπουάν"), ("en", "Shampoo"), ("ar", "شامبو")):
        html = client.get(page_url(demo_needs_page, language)).content.decode()
        urgent_hygiene = html.split('id="needs-hygiene"')[1].split("</section>")[0]
        urgent_part = urgent_hygiene.split("needs__items--urgent")[1].split("</ul>")[0]
        assert name in urgent_part


def test_drop_off_points_show_their_week_and_what_they_take(client, demo_needs_page):
    html = client.get(demo_needs_page.url).content.decode()
    assert "Αποθήκη Κοινωνικού Παντοπωλείου" in html
    assert "Κέντρο Κοινότητας – Κεντρικό γραφείο" in html
    assert 'class="place__week"' in html
    # The grocery's store does not take clothes; the centre takes everything.
    accepts = [
        part.split("</p>")[0] for part in html.split('class="needs__accepts">')[1:]
    ]
    assert "Ρουχισμός" in accepts[0]
    assert "Ρουχισμός" not in accepts[1]
    assert "Τρόφιμα" in accepts[1]


def test_empty_list_says_nothing_is_needed(client, demo_needs_page):
    NeedItem.objects.all().delete()
    response = client.get(demo_needs_page.url)
    assert response.status_code == 200
    assert "Δεν χρειαζόμαστε κάτι συγκεκριμένο" in response.content.decode()
