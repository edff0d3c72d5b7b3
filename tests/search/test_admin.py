"""Editors keep search working in the admin: synonyms and the report of
searches that found nothing; other staff do not see them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from search.models import SearchSynonym, UnansweredQuery
from tests.staff import login_staff

ROLES = ["anonymous", "Editors", "Moderators", "Caseworkers", "superuser"]
ALLOWED = {"Editors", "Moderators", "superuser"}


def login_as(client, role):
    if role == "anonymous":
        return
    User = get_user_model()
    if role == "superuser":
        user = User.objects.create_superuser("root", "root@example.org", "x")
    else:
        user = User.objects.create_user(role.lower(), password="x")  # noqa: S106
        user.groups.add(Group.objects.get(name=role))
    login_staff(client, user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url",
    [
        "synonyms:index",
        "synonyms:add",
        "unanswered-searches:index",
        "unanswered-searches:index_results",
    ],
)
def test_only_editors_and_moderators_reach_search_admin(client, db, role, url):
    login_as(client, role)
    response = client.get(reverse(url))
    assert (response.status_code == 200) == (role in ALLOWED)


def test_the_report_lists_the_most_asked_first_and_exports(client, db):
    UnansweredQuery.objects.create(query="σπανιο", language="el", times=2)
    UnansweredQuery.objects.create(query="συχνο", language="el", times=9)
    login_as(client, "Editors")
    html = client.get(reverse("unanswered-searches:index")).content.decode()
    assert html.index("συχνο") < html.index("σπανιο")
    export = client.get(reverse("unanswered-searches:index") + "?export=csv")
    assert "συχνο" in export.getvalue().decode()


def test_an_editor_adds_a_synonym_in_the_admin(client, db):
    login_as(client, "Editors")
    response = client.post(
        reverse("synonyms:add"),
        {"phrase": "κατοικία", "alternatives": "σπίτι, στέγη", "both_ways": ""},
    )
    assert response.status_code == 302
    synonym = SearchSynonym.objects.get(phrase="κατοικία")
    assert synonym.pairs() == [(("κατοικια",), [("σπιτι",), ("στεγη",)])]


def test_searches_without_results_export_for_greek_excel(client, db):
    UnansweredQuery.objects.create(query="=1+1 σίτιση", language="en", times=3)
    login_as(client, "Editors")
    url = reverse("unanswered-searches:index")
    response = client.get(url + "?export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    row = body.decode("utf-8-sig").splitlines()[1].split(";")
    assert row[0] == "'=1+1 σίτιση"
    assert row[1] == "Αγγλικά"
    response = client.get(url + "?export=xlsx")
    assert response.status_code == 200
