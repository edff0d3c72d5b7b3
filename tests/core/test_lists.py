"""Lists are written the way each language writes them (core.lists)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core import lists


@pytest.mark.parametrize(
    ("language", "expected"),
    [("el", "Δευτέρα, Τρίτη"), ("en", "Δευτέρα, Τρίτη"), ("ar", "Δευτέρα، Τρίτη")],
)
def test_a_list_takes_its_language_s_comma(language, expected):
    with translation.override(language):
        assert lists.join(["Δευτέρα", "Τρίτη"]) == expected
        rendered = Template(
            "{% load core_tags %}{{ days|join_list }}|"
            "{% for day in days %}{{ day }}{% if not forloop.last %}"
            "{% list_separator %}{% endif %}{% endfor %}"
        ).render(Context({"days": ["Δευτέρα", "Τρίτη"]}))
    assert rendered == f"{expected}|{expected}"


def test_a_list_escapes_its_items():
    with translation.override("en"):
        rendered = Template("{% load core_tags %}{{ items|join_list }}").render(
            Context({"items": ["<b>", "&"]})
        )
    assert rendered == "&lt;b&gt;, &amp;"


def test_the_arabic_mobile_unit_page_separates_village_and_municipality(
    client, demo_site
):
    html = client.get("/ar/kiniti-monada/").content.decode()
    section = html.split('id="next-visits-heading"')[1].split("</section>")[0]
    assert "</a>، " in section
    assert "</a>, " not in section
