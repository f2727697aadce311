"""Sessions end when idle or old, start fresh at sign-in, and follow account changes."""

import datetime
import time

import pytest
import time_machine
from django.contrib.auth.models import Group

from config.accounts import SESSION_AUTH_AT

pytestmark = pytest.mark.django_db


def test_session_ends_after_thirty_idle_minutes(client, demo, login):
    login("coordinator")
    assert client.get("/admin/").status_code == 200
    with time_machine.travel(datetime.timedelta(minutes=29)):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(datetime.timedelta(minutes=29 + 31)):
        response = client.get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_session_ends_after_its_absolute_lifetime_however_active(client, demo, login):
    login("coordinator")
    session = client.session
    session[SESSION_AUTH_AT] = int(time.time()) - 13 * 60 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert "_auth_user_id" not in client.session
    # A field phone syncing in the background is told to sign in again, not redirected.
    login("coordinator")
    session = client.session
    session[SESSION_AUTH_AT] = int(time.time()) - 13 * 60 * 60
    session.save()
    response = client.get("/admin/", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json() == {"login_required": True}


def test_signing_in_gives_a_new_session_id(client, demo):
    from config.demo import demo_totp_code

    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key
    client.post(
        "/admin/login/",
        {"username": "coordinator", "password": "safeward-demo", "otp_token": demo_totp_code()},
    )
    assert client.session.session_key != before
    assert not client.session.__class__().exists(before)


def test_deactivated_user_is_signed_out_on_the_next_request(client, demo, login):
    user = login("communicator")
    assert client.get("/admin/").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/admin/").status_code == 302


def test_losing_a_role_takes_effect_on_the_next_request(client, demo, login):
    user = login("coordinator")
    assert client.get("/admin/users/").status_code == 200
    user.groups.remove(Group.objects.get(name="coordinator"))
    response = client.get("/admin/users/")
    assert response.status_code in (302, 403)


def test_losing_a_club_role_closes_its_cases_on_the_next_request(client, demo, login):
    from clubs.models import ClubRole
    from outreach.cases.models import Case

    user = login("leader-cao-xanh")
    role = ClubRole.objects.get(user=user, role="leader")
    case = Case.objects.filter(club=role.club).first()
    assert client.get(f"/field/cases/{case.pk}/").status_code == 200
    role.delete()
    assert client.get(f"/field/cases/{case.pk}/").status_code == 404
    assert client.get(f"/admin/outreach/cases/edit/{case.pk}/").status_code in (302, 404)
