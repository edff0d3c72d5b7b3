"""Whatever a visitor or a robot sends, the sign-up never fails with a 500,
and nothing is stored unless the whole form is valid."""

import pytest
from django.core import mail
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from volunteers.models import Volunteer

FIELDS = [
    "name",
    "email",
    "phone",
    "municipality",
    "skills",
    "languages",
    "availability",
    "interests",
    "message",
    "is_adult",
    "privacy_consent",
    "may_contact_about_future",
    "homepage",
    "started",
]

anything = st.one_of(
    st.text(max_size=2500),
    st.lists(st.text(max_size=40), max_size=4),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", " ", "on", "0", "-1", "null", "🙂" * 30, "a" * 2001]),
)
HYPOTHESIS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def post_and_check(client, url, data):
    Volunteer.objects.all().delete()
    cache.clear()
    mail.outbox = []
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert not Volunteer.objects.exists()
        assert 'class="error-summary"' in response.content.decode()
    else:
        stored = list(Volunteer.objects.all())
        assert len(stored) <= 1  # none when the honeypot was filled
        for volunteer in stored:
            assert volunteer.status == Volunteer.Status.UNCONFIRMED
            assert len(volunteer.message) <= 2000
            assert volunteer.is_adult
            assert "@" in volunteer.email
            assert volunteer.phone == "" or volunteer.phone.startswith("+")
    return response


@pytest.mark.parametrize("field", FIELDS)
def test_any_value_in_one_field_never_breaks_the_form(
    client, signup_url, valid_data, field
):
    @HYPOTHESIS
    @given(value=anything)
    def check(value):
        post_and_check(client, signup_url, valid_data(**{field: value}))

    check()


@HYPOTHESIS
@given(
    data=st.dictionaries(
        st.sampled_from([*FIELDS, "csrfmiddlewaretoken", "extra"]),
        anything,
        max_size=len(FIELDS),
    )
)
def test_any_combination_of_fields_never_breaks_the_form(client, signup_url, data):
    post_and_check(client, signup_url, data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("phone", "12345"),
        ("phone", "+30 210"),
        ("message", "λ" * 2001),
        ("name", "   "),
        ("name", "1234"),
        ("availability", "sun-night"),
        ("skills", "juggling"),
        ("municipality", "999999"),
        ("interests", "abc"),
        ("interests", str(2**63)),
        ("languages", str(-(2**64))),
        ("is_adult", None),
        ("privacy_consent", None),
        ("started", "tampered"),
    ],
)
def test_invalid_value_stores_nothing_and_explains_why(
    client, signup_url, valid_data, field, value
):
    response = post_and_check(client, signup_url, valid_data(**{field: value}))
    assert response.status_code == 200
    assert mail.outbox == []
