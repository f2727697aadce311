"""Guessed passwords lock the username (from that address) for a while, known or not."""

import datetime

import pytest
import time_machine

from config.demo import demo_totp_code

pytestmark = pytest.mark.django_db


def _attempt(client, username, password="wrong-password", ip="10.0.0.1", code=""):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "otp_token": code},
        REMOTE_ADDR=ip,
    )


@pytest.mark.parametrize("username", ["coordinator", "nobody-by-this-name"])
def test_five_wrong_passwords_lock_the_username(client, demo, username):
    for _ in range(4):
        response = _attempt(client, username)
        assert response.status_code == 200
        assert "didn" in response.content.decode() or "không" in response.content.decode()
    locked = _attempt(client, username)
    assert locked.status_code == 429
    # Even the right password and code are refused while locked.
    again = _attempt(client, username, password="safeward-demo", code=demo_totp_code())
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_known_and_unknown_usernames_get_the_same_answers(client, demo):
    known = [_attempt(client, "coordinator", ip="10.0.0.2") for _ in range(5)]
    unknown = [_attempt(client, "no-such-user", ip="10.0.0.2") for _ in range(5)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert known[0].content.decode().count("error") == unknown[0].content.decode().count("error")
    assert known[-1].content == unknown[-1].content


def test_lockout_is_per_username_not_per_address(client, demo):
    for _ in range(5):
        _attempt(client, "leader-cao-xanh", ip="10.0.0.3")
    assert _attempt(client, "leader-cao-xanh", ip="10.0.0.3").status_code == 429
    # Someone else behind the same carrier address is not locked out.
    response = _attempt(
        client, "leader-hong-gai", password="safeward-demo", ip="10.0.0.3", code=demo_totp_code()
    )
    assert response.status_code == 302


def test_lockout_lifts_after_fifteen_minutes(client, demo):
    for _ in range(5):
        _attempt(client, "communicator", ip="10.0.0.4")
    assert _attempt(client, "communicator", ip="10.0.0.4").status_code == 429
    with time_machine.travel(datetime.timedelta(minutes=16)):
        response = _attempt(
            client, "communicator", password="safeward-demo", ip="10.0.0.4", code=demo_totp_code()
        )
        assert response.status_code == 302
