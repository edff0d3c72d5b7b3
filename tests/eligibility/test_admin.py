"""Editors keep the rules in the Wagtail admin: a ceiling entered ahead with
the date it starts, and conditions checked when the rule is saved."""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from eligibility.models import EligibilityRule, MonthlyTally
from tests.eligibility.conftest import results_of
from tests.eligibility.households import HOUSEHOLDS

RENTER = HOUSEHOLDS["single unemployed renter"]["answers"]


class FormFields(HTMLParser):
    """The fields of the admin's edit form as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.data = {}
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea:
                self.data[self._textarea] = self.data[self._textarea].lstrip("\n")
            self._textarea = None


def edit_form(client, rule):
    url = reverse("wagtailsnippets_eligibility_eligibilityrule:edit", args=[rule.pk])
    response = client.get(url)
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    data = {
        name: value
        for name, value in parser.data.items()
        if not name.startswith("csrfmiddleware") and name != "q"
    }
    return url, data


def add_limit(data, **values):
    number = int(data["limits-TOTAL_FORMS"])
    data["limits-TOTAL_FORMS"] = str(number + 1)
    row = {
        "name": "",
        "unit": "euros",
        "valid_from": "",
        "base": "",
        "per_other_adult": "0",
        "per_child": "0",
        "single_parent_extra": "0",
        "maximum": "",
        "ORDER": str(number + 1),
        "DELETE": "",
        "id": "",
    }
    row.update(values)
    for key, value in row.items():
        data[f"limits-{number}-{key}"] = value
    return data


@pytest.fixture
def editor(db, client):
    user = User.objects.create_user("editor", "editor@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    # The admin in English, so that the messages below read as written.
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    client.force_login(user)
    return user


@pytest.fixture
def housing_rule(db):
    return EligibilityRule.objects.get(
        locale__language_code="el", service__slug="epidoma-stegasis"
    )


def test_an_editor_enters_next_years_ceiling_and_the_result_changes_on_that_day(
    client, editor, housing_rule, check_page, monkeypatch
):
    url, data = edit_form(client, housing_rule)
    add_limit(data, name="income", valid_from="2027-01-01", base="2000", maximum="6000")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert housing_rule.limits.filter(valid_from=datetime.date(2027, 1, 1)).exists()

    visitor = client.__class__()
    page = results_of(visitor, check_page.url, RENTER).content.decode()
    assert "κάτω από το όριο των 7.000 €" in page
    new_year = timezone.make_aware(datetime.datetime(2027, 1, 1, 0, 5))
    monkeypatch.setattr(timezone, "now", lambda: new_year)
    page = visitor.get(check_page.route_url("results")).content.decode()
    assert "το όριο είναι 2.000 €" in page
    assert "όριο των 7.000 € τον χρόνο" not in page


@pytest.mark.parametrize(
    "expression,message",
    [
        ('{"<=": [{"var": "salary"}, 5]}', "is not an answer the check asks for"),
        ('{"<=": [{"var": "income"}, {"var": "limit.rent"}]}', "has no limit called"),
        ('{"today": []}', "is not one the rules use"),
        ('{"<=": [1, 2], ">=": [1, 2]}', "is one operation"),
        ("not json", "Enter a valid JSON"),
    ],
)
def test_a_condition_is_checked_when_the_rule_is_saved(
    client, editor, housing_rule, expression, message
):
    before = list(housing_rule.conditions.values_list("expression", flat=True))
    url, data = edit_form(client, housing_rule)
    data["conditions-0-expression"] = expression
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    housing_rule.refresh_from_db()
    assert list(housing_rule.conditions.values_list("expression", flat=True)) == before


def test_a_reason_may_only_quote_what_it_knows(client, editor, housing_rule):
    url, data = edit_form(client, housing_rule)
    data["conditions-1-reason_met"] = "Κάτω από {limit.salary} για {household}."
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Unknown placeholder {limit.salary}" in response.content.decode()


def test_the_monthly_figures_are_listed_for_editors(client, editor, housing_rule):
    MonthlyTally.objects.record(datetime.date(2026, 11, 30), [(housing_rule.pk, "met")])
    response = client.get(reverse("eligibility-figures:index"))
    assert response.status_code == 200
    assert "Επίδομα Στέγασης" in response.content.decode()
