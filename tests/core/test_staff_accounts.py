"""Staff accounts: the second factor and its set-up in the admin, login
lockout, session limits, logout by POST only, the throttled password reset;
and who reaches the new pages (the permission matrix of the new views)."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.staff import two_factor
from core.staff.middleware import LOGIN_AT, SEEN_AT
from tests.staff import login_staff

PASSWORD = "a-long-test-password-42"  # noqa: S105
ROLES = ["Editors", "Caseworkers", "Volunteer coordinators", "superuser"]
REQUIRED = {"Caseworkers", "Volunteer coordinators", "superuser"}


def make_staff(role, username=None):
    User = get_user_model()
    username = username or role.lower().replace(" ", "-")
    if role == "superuser":
        return User.objects.create_superuser(
            username, f"{username}@example.org", PASSWORD
        )
    user = User.objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def code_for(device):
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def sign_in(client, username, password=PASSWORD, address="203.0.113.9"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_after_the_password_the_admin_asks_for_a_second_factor_where_required(
    client, role
):
    make_staff(role, "someone")

    response = sign_in(client, "someone")
    home = client.get(reverse("wagtailadmin_home"))

    if role in REQUIRED:
        assert home.status_code == 302
        assert home["Location"].startswith(reverse("kentro_2fa_setup"))
        # Nothing with personal data is reachable before the code.
        for url in (reverse("appointments:index"), reverse("volunteers:index")):
            assert client.get(url)["Location"].startswith(reverse("kentro_2fa_setup"))
    else:
        assert response.status_code == 302 and home.status_code == 200


@pytest.mark.django_db
def test_a_caseworker_sets_up_the_app_and_reaches_the_requests(client):
    user = make_staff("Caseworkers", "eleni")
    sign_in(client, "eleni")

    setup = client.get(reverse("kentro_2fa_setup"))
    assert setup.status_code == 200
    assert b"data:image/svg+xml" in setup.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("kentro_2fa_setup"), {"code": "000000"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    # A failure makes the device wait a second before the next try (and
    # longer after each): a person takes that long to read the app again.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    done = client.post(reverse("kentro_2fa_setup"), {"code": code_for(device)})

    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT
    assert all(code in done.content.decode() for code in codes)
    assert client.get(reverse("appointments:index")).status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == len(codes)


@pytest.mark.django_db
def test_next_time_a_code_from_the_app_or_a_recovery_code_is_asked(client):
    user = make_staff("Volunteer coordinators", "maria")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    codes = two_factor.new_recovery_codes(user)

    sign_in(client, "maria")
    assert client.get(reverse("volunteers:index"))["Location"].startswith(
        reverse("kentro_2fa_verify")
    )
    wrong = client.post(reverse("kentro_2fa_verify"), {"code": "123456"})
    assert wrong.status_code == 200 and wrong.context["form"].errors["code"]
    # (the app device now waits after a failure; the recovery code works)
    right = client.post(
        reverse("kentro_2fa_verify"),
        {"code": codes[0], "next": reverse("volunteers:index")},
    )
    assert right.status_code == 302 and right["Location"] == reverse("volunteers:index")
    assert client.get(reverse("volunteers:index")).status_code == 200
    # A recovery code works once.
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    assert device.pk


@pytest.mark.django_db
def test_an_app_code_lets_a_superuser_in(client):
    user = make_staff("superuser", "root")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(client, "root")

    response = client.post(reverse("kentro_2fa_verify"), {"code": code_for(device)})

    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_wrong_passwords_lock_that_username_from_that_address_only(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    make_staff("Editors", "editor")

    for _ in range(5):
        sign_in(client, "editor", "wrong")
    locked = sign_in(client, "editor")

    assert locked.status_code == 429
    assert not client.get(reverse("wagtailadmin_home")).status_code == 200
    other = client.__class__()
    assert sign_in(other, "editor", address="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_behind_the_trusted_proxy_the_lockout_is_per_visitor(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.KENTRO_TRUSTED_PROXIES = ["10.0.0.2"]
    make_staff("Editors", "editor")

    def attempt(visitor, password):
        return client.post(
            reverse("wagtailadmin_login"),
            {"username": "editor", "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=visitor,
        )

    for _ in range(3):
        attempt("203.0.113.9", "wrong")

    assert attempt("203.0.113.9", PASSWORD).status_code == 429
    assert attempt("198.51.100.7", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_good_login_forgets_the_failures(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_staff("Editors", "editor")
    for _ in range(2):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor").status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    for _ in range(2):
        sign_in(client, "editor", "wrong")

    assert sign_in(client, "editor").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stamp", "age"), [(SEEN_AT, 31 * 60), (LOGIN_AT, 12 * 3600 + 60)]
)
def test_staff_sessions_end_when_idle_or_too_old(client, stamp, age):
    login_staff(client, make_staff("Caseworkers"))
    assert client.get(reverse("appointments:index")).status_code == 200
    session = client.session
    session[stamp] = time.time() - age
    session.save()

    response = client.get(reverse("appointments:index"))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.django_db
def test_a_session_in_use_goes_on(client):
    login_staff(client, make_staff("Caseworkers"))
    session = client.session
    session[SEEN_AT] = time.time() - 29 * 60
    session.save()

    assert client.get(reverse("appointments:index")).status_code == 200
    assert client.get(reverse("appointments:index")).status_code == 200


@pytest.mark.django_db
def test_logout_by_get_changes_nothing_and_by_post_ends_the_session(client):
    from django.contrib.sessions.models import Session

    login_staff(client, make_staff("Editors"))
    key = client.cookies["sessionid"].value

    page = client.get(reverse("wagtailadmin_logout"))

    assert page.status_code == 200 and b'method="post"' in page.content
    assert client.cookies["sessionid"].value == key
    assert Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    client.post(reverse("wagtailadmin_logout"))

    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


@pytest.mark.django_db
def test_password_resets_are_throttled_per_address(client, settings, mailoutbox):
    settings.KENTRO_PASSWORD_RESET_LIMIT = 2
    make_staff("Editors", "editor")
    url = reverse("wagtailadmin_password_reset")

    statuses = [
        client.post(url, {"email": "editor@example.org"}).status_code for _ in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert len(mailoutbox) == 2


# The permission matrix of the new views: who reaches what, in which state.
STATES = ["anonymous", "editor", "caseworker without code", "caseworker with code"]


def put_in_state(client, state):
    if state == "editor":
        login_staff(client, make_staff("Editors"))
    elif state == "caseworker without code":
        client.force_login(make_staff("Caseworkers"))
    elif state == "caseworker with code":
        login_staff(client, make_staff("Caseworkers"))


EXPECTED = {
    # view: {state: (status, where a redirect goes)}
    "kentro_2fa": {
        "anonymous": (302, "/admin/login/"),
        "editor": (200, None),
        "caseworker without code": (302, "/admin/2fa/setup/"),
        "caseworker with code": (200, None),
    },
    "kentro_2fa_setup": {
        "anonymous": (302, "/admin/login/"),
        "editor": (200, None),
        "caseworker without code": (200, None),
        "caseworker with code": (200, None),
    },
    "kentro_2fa_verify": {
        "anonymous": (302, "/admin/login/"),
        "editor": (302, "/admin/"),
        "caseworker without code": (302, "/admin/"),
        "caseworker with code": (302, "/admin/"),
    },
    "wagtailadmin_logout": {
        "anonymous": (302, "/admin/login/"),
        "editor": (200, None),
        "caseworker without code": (200, None),
        "caseworker with code": (200, None),
    },
    "appointments:index": {
        "anonymous": (302, "/admin/login/"),
        "editor": ("denied", None),
        "caseworker without code": (302, "/admin/2fa/setup/"),
        "caseworker with code": (200, None),
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("view", list(EXPECTED))
def test_who_reaches_the_new_views(client, state, view):
    put_in_state(client, state)

    response = client.get(reverse(view))

    status, where = EXPECTED[view][state]
    if status == "denied":
        assert response.status_code in (302, 403)
        assert "appointments" not in response.get("Location", "")
        return
    assert response.status_code == status
    if where is not None:
        assert response["Location"].startswith(where), response["Location"]
