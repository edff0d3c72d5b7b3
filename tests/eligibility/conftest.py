import re

import pytest
from django.core.cache import cache

from eligibility import answers as stored
from eligibility.models import EligibilityCheckPage, EligibilityRule
from tests.eligibility.households import HOUSEHOLDS

FINDING = re.compile(
    r'class="finding finding--(\w+)" aria-labelledby="finding-([\w-]+)"'
)


@pytest.fixture
def check_page(db):
    return EligibilityCheckPage.objects.get(locale__language_code="el")


@pytest.fixture
def rules_by_service(db):
    return {
        str(rule.translation_key): rule.service.slug
        for rule in EligibilityRule.objects.filter(locale__language_code="el")
    }


def answer_all(client, start_url, answers):
    """Answer every question the check asks, in order, from a dict of form
    data by question; returns the answers page's URL and the questions asked."""
    client.cookies.pop(stored.COOKIE_NAME, None)
    response = client.get(start_url)
    assert response.status_code == 200
    url = re.search(r'href="([^"]+/erotisi/[^"]+)"', response.content.decode()).group(1)
    asked = []
    while "/erotisi/" in url:
        slug = url.split("/erotisi/")[1].split("/")[0]
        asked.append(slug)
        assert len(asked) < 30, asked
        response = client.post(url, answers[slug])
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
        url = response["Location"]
    return url, asked


def results_of(client, start_url, answers):
    """{service slug: outcome} and the page, for a household's answers."""
    answers_url, _asked = answer_all(client, start_url, answers)
    response = client.post(answers_url)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 200
    return response


def outcomes(response, rules_by_service):
    return {
        rules_by_service[key]: outcome
        for outcome, key in FINDING.findall(response.content.decode())
    }


@pytest.fixture
def households():
    return HOUSEHOLDS


@pytest.fixture(autouse=True)
def fresh_rulebook():
    cache.clear()
