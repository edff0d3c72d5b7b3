"""Whatever a visitor or a robot sends, the request form and the status check
never fail with a 500, and nothing is stored unless the whole form is valid."""

import pytest
from django.core import mail
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appointments.models import AppointmentRequest

FIELDS = [
    "service",
    "where",
    "preferred_days",
    "preferred_times",
    "name",
    "phone",
    "email",
    "preferred_contact",
    "language",
    "needs_interpreter",
    "accessibility_needs",
    "message",
    "privacy_consent",
    "homepage",
    "started",
]

anything = st.one_of(
    st.text(max_size=2500),
    st.lists(st.text(max_size=40), max_size=4),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(
        ["", " ", "on", "0", "-1", "null", "place-", "visit-1-x", "🙂" * 30, "a" * 2001]
    ),
)
HYPOTHESIS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def post_and_check(client, url, data):
    AppointmentRequest.objects.all().delete()
    cache.clear()
    mail.outbox = []
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert not AppointmentRequest.objects.exists()
        assert 'class="error-summary"' in response.content.decode()
    else:
        stored = list(AppointmentRequest.objects.all())
        assert len(stored) <= 1  # none when the honeypot was filled
        for request in stored:
            assert request.status == "new"
            assert len(request.message) <= 2000
            assert len(request.accessibility_needs) <= 500
            assert request.phone or request.email
            assert request.phone == "" or request.phone.startswith("+")
            assert request.location is not None
    return response


@pytest.mark.parametrize("field", FIELDS)
def test_any_value_in_one_field_never_breaks_the_form(client, page, valid_data, field):
    @HYPOTHESIS
    @given(value=anything)
    def check(value):
        post_and_check(client, page.url, valid_data(**{field: value}))

    check()


@HYPOTHESIS
@given(
    data=st.dictionaries(
        st.sampled_from([*FIELDS, "csrfmiddlewaretoken", "extra"]),
        anything,
        max_size=len(FIELDS),
    )
)
def test_any_combination_of_fields_never_breaks_the_form(client, page, data):
    post_and_check(client, page.url, data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("phone", "12345"),
        ("message", "λ" * 2001),
        ("accessibility_needs", "λ" * 501),
        ("name", "   "),
        ("name", "1234"),
        ("where", "place-999999"),
        ("where", "visit-1-1"),
        ("where", ""),
        ("service", "abc"),
        ("service", str(2**63)),
        ("language", str(-(2**64))),
        ("preferred_days", "sun"),
        ("preferred_days", "5"),  # a Saturday: the offices are closed
        ("preferred_times", "night"),
        ("preferred_contact", "pigeon"),
        ("privacy_consent", None),
        ("started", "tampered"),
    ],
)
def test_invalid_value_stores_nothing_and_explains_why(
    client, page, valid_data, field, value
):
    response = post_and_check(client, page.url, valid_data(**{field: value}))
    assert response.status_code == 200
    assert mail.outbox == []


@HYPOTHESIS
@given(data=st.dictionaries(st.sampled_from(["reference", "contact", "x"]), anything))
def test_any_status_check_never_breaks(client, page, data):
    cache.clear()
    response = client.post(page.url + "katastasi/", data)
    assert response.status_code == 200
