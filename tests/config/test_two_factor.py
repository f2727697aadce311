"""Two-factor sign-in: a password alone never opens a session that can see personal data."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from config.accounts import _new_recovery_codes
from config.demo import demo_totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "safeward-demo"


def _sign_in(client, username, code=""):
    return client.post(
        "/admin/login/", {"username": username, "password": PASSWORD, "otp_token": code}
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_password_alone_is_refused_for_an_account_with_an_app(client, demo):
    response = _sign_in(client, "coordinator")
    assert response.status_code == 200
    assert "Hãy nhập mã sáu chữ số" in response.content.decode()
    assert not _signed_in(client)


def test_wrong_code_is_refused(client, demo):
    wrong = f"{(int(demo_totp_code()) + 1) % 1_000_000:06d}"
    response = _sign_in(client, "coordinator", wrong)
    assert response.status_code == 200
    assert not _signed_in(client)


def test_password_and_code_open_a_verified_session(client, demo):
    response = _sign_in(client, "coordinator", demo_totp_code())
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, demo):
    user = get_user_model().objects.get(username="coordinator")
    codes = _new_recovery_codes(user)
    assert _sign_in(client, "coordinator", codes[0]).status_code == 302
    client.logout()
    assert _sign_in(client, "coordinator", codes[0]).status_code == 200
    assert not _signed_in(client)


@pytest.fixture
def new_coordinator(db):
    user = get_user_model().objects.create_user("new-coordinator", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))
    return user


def test_an_account_without_an_app_must_enrol_before_anything_else(client, new_coordinator):
    assert _sign_in(client, "new-coordinator").status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/two-factor/")
    # The sync endpoint and other JSON clients get a 401 they understand, not a redirect.
    response = client.get("/admin/", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json()["login_required"] is True

    page = client.get("/account/two-factor/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=new_coordinator, confirmed=False)
    assert client.post("/account/two-factor/", {"otp_token": "000000"}).status_code == 400
    # Straight after a wrong code the app is asked to wait (django-otp throttling) ...
    code = f"{totp(device.bin_key):06d}"
    assert client.post("/account/two-factor/", {"otp_token": code}).status_code == 429
    # ... and a few seconds later the right code turns two-factor sign-in on.
    with time_machine.travel(datetime.timedelta(seconds=5)):
        code = f"{totp(device.bin_key):06d}"
        response = client.post("/account/two-factor/", {"otp_token": code})
        assert response.status_code == 200
        assert response.content.decode().count("<code>") == 10
        device.refresh_from_db()
        assert device.confirmed
        assert client.get("/admin/").status_code == 200


def test_communicator_without_an_app_signs_in_with_a_password(client, demo):
    TOTPDevice.objects.filter(user__username="communicator").delete()
    assert _sign_in(client, "communicator").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_verify_step_for_an_unverified_session(client, demo):
    user = get_user_model().objects.get(username="coordinator")
    client.force_login(user)  # a session without its second step
    response = client.get("/admin/pages/")
    assert response["Location"].startswith("/account/two-factor/verify/")
    response = client.post(
        "/account/two-factor/verify/", {"otp_token": demo_totp_code(), "next": "/admin/pages/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_verify_step_refuses_foreign_next_urls(client, demo):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    response = client.post(
        "/account/two-factor/verify/",
        {"otp_token": demo_totp_code(), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/admin/"


def test_account_pages_need_a_signed_in_user(client, demo):
    for url in ["/account/two-factor/", "/account/two-factor/verify/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert client.post("/account/two-factor/recovery-codes/").status_code == 302


def test_recovery_codes_are_replaced_only_for_a_verified_session(client, demo, login):
    user = login("coordinator")
    old = _new_recovery_codes(user)
    response = client.post("/account/two-factor/recovery-codes/")
    assert response.status_code == 200
    client.logout()
    assert _sign_in(client, "coordinator", old[0]).status_code == 200


def test_field_login_with_a_password_alone_opens_no_session(client, demo):
    response = client.post(
        "/field/login/", {"username": "leader-cao-xanh", "password": PASSWORD, "otp_token": ""}
    )
    assert response.status_code == 200
    assert not _signed_in(client)
    response = client.post(
        "/field/login/",
        {"username": "leader-cao-xanh", "password": PASSWORD, "otp_token": demo_totp_code()},
    )
    assert response.status_code == 302
    assert _signed_in(client)
