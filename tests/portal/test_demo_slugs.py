"""The demo's hand-made slugs spell Greek by ELOT 743 like every other slug
(core.slugs), and the pages renamed to that end answer at their old addresses
(portal.demo.renames)."""

import io
import json
from pathlib import Path

import pytest
from anyascii import anyascii
from django.core.management import call_command
from django.utils.text import slugify as django_slugify

from core.slugs import slugify
from portal.demo import renames
from portal.models import StandardPage
from volunteers.demo import OPPORTUNITIES

ROOT = Path(__file__).resolve().parents[2]


def demo_slugs():
    """(slug, Greek title) of every hand-made demo slug."""
    directory = json.loads((ROOT / "directory/demo_content.json").read_text("utf-8"))
    portal = json.loads((ROOT / "portal/demo/content.json").read_text("utf-8"))
    events = json.loads((ROOT / "events/demo_content.json").read_text("utf-8"))
    pairs = [(row["slug"], row["title"]) for row in directory["services"]]
    for kind in ("categories", "municipalities", "organisations", "locations"):
        pairs += [(row["slug"], row["name"]) for row in directory[kind]]
    pairs += [(row[0], row[1]) for row in portal["CAMPAIGNS"]]
    pairs += [(row[0], row[1]) for row in events["EVENTS"] + events["CATEGORIES"]]
    pairs += [(row[0], row[1]) for row in OPPORTUNITIES]
    return pairs


def other_spellings(word):
    """How a Greek word is often written in Latin other than by ELOT 743:
    letter by letter (anyascii: "papadopoyloy"), ξ as "ks", χ as "x", αυ/ευ
    as "au"/"eu", γγ as "gg"."""
    elot = slugify(word)
    spellings = {
        django_slugify(anyascii(word)),
        elot.replace("x", "ks"),
        elot.replace("ch", "x"),
        elot.replace("af", "au").replace("ef", "eu"),
        elot.replace("av", "au").replace("ev", "eu"),
        elot.replace("ng", "gg"),
    }
    return spellings - {elot}


@pytest.mark.parametrize(("slug", "title"), demo_slugs(), ids=lambda v: v[:40])
def test_a_demo_slug_spells_greek_by_elot_743(slug, title):
    wrong = {
        part
        for word in title.split()
        for part in other_spellings(word)
        if part and part in slug.split("-")
    }
    assert not wrong, f"{slug}: {sorted(wrong)} is not ELOT 743 for {title}"


def test_the_renamed_slugs_are_the_elot_ones():
    assert renames.RENAMED["sxoliki-stirixi"] == slugify("Σχολική στήριξη")
    assert renames.RENAMED["synaylia-xorodias"] == slugify("Συναυλία χορωδίας")


def test_a_demo_built_before_the_rename_is_renamed_in_place(home, client):
    page = StandardPage(title="Σχολική στήριξη", slug="sxoliki-stirixi")
    home.add_child(instance=page)

    renames.rename(print)
    renames.redirect(print)

    assert StandardPage.objects.get(title="Σχολική στήριξη").slug == "scholiki-stirixi"
    response = client.get("/sxoliki-stirixi/")
    assert response.status_code == 301
    assert response["Location"].endswith("/scholiki-stirixi/")


@pytest.mark.django_db
def test_old_demo_addresses_answer_with_a_permanent_redirect(client):
    # The test database holds the demo (tests/conftest.py); built again here,
    # it adds nothing twice.
    call_command("seed_demo", stdout=io.StringIO())

    for old, new in [
        (
            "/programmata-ypiresies/psychokoinoniki-stiriksi/",
            "/programmata-ypiresies/psychokoinoniki-stirixi/",
        ),
        ("/ethelontismos/sxoliki-stirixi/", "/ethelontismos/scholiki-stirixi/"),
        (
            "/en/programmata-ypiresies/ypostiriksi-aitounton-asylo/",
            "/en/programmata-ypiresies/ypostirixi-aitounton-asylo/",
        ),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(new)
        assert client.get(new).status_code == 200


@pytest.mark.django_db
def test_the_directory_filtered_by_a_renamed_category_redirects(client):
    response = client.get("/programmata-ypiresies/?category=ekpaideusi&free=1")
    assert response.status_code == 301
    assert response["Location"] == (
        "/programmata-ypiresies/?category=ekpaidefsi&free=1"
    )
