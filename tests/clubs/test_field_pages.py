"""Field pages: ready for a strict Content Security Policy, signed-in only, bilingual."""

import re

import pytest

from clubs.models import Meeting, Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def field_urls(cao_xanh):
    meeting = Meeting.objects.filter(club=cao_xanh).first()
    member = Member.objects.filter(club=cao_xanh).first()
    return [
        "/field/",
        f"/field/clubs/{cao_xanh.pk}/",
        f"/field/clubs/{cao_xanh.pk}/meetings/new/",
        f"/field/clubs/{cao_xanh.pk}/members/new/",
        f"/field/meetings/{meeting.pk}/",
        f"/field/members/{member.pk}/edit/",
    ]


def assert_csp_ready(html: str):
    # Data blocks (type="application/json") never run, so CSP allows them.
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), (
        "inline script"
    )
    assert not re.search(r"\sstyle=", html), "style attribute"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_the_login_page_is_ready_for_csp_and_not_cached(client, demo):
    response = client.get("/field/login/")
    assert response.status_code == 200
    assert_csp_ready(response.content.decode())
    assert response["Cache-Control"] == "no-store"
    assert "X-SW-Cache" not in response


def test_signed_in_field_pages_are_ready_for_csp(client, login, field_urls):
    login("coordinator")
    for url in field_urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_csp_ready(response.content.decode())


def test_field_login_signs_in_and_lands_on_the_club(client, cao_xanh):
    from config.demo import demo_totp_code

    # A password alone is not enough for a club leader: the code is asked for.
    response = client.post(
        "/field/login/", {"username": "leader-cao-xanh", "password": "safeward-demo"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(
        "/field/login/",
        {"username": "leader-cao-xanh", "password": "safeward-demo", "otp_token": demo_totp_code()},
    )
    assert response.status_code == 302
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == (
        f"/field/clubs/{cao_xanh.pk}/"
    )


def test_a_wrong_password_says_so_in_vietnamese(client, demo):
    response = client.post("/field/login/", {"username": "leader-cao-xanh", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_logout_is_a_post(client, login, demo):
    login("leader-cao-xanh")
    assert client.get("/field/logout/").status_code == 405
    response = client.post("/field/logout/")
    assert response["Location"] == "/field/login/"
    assert client.get("/field/").status_code == 302


def test_english_under_en_with_a_link_back_to_vietnamese(client, login, cao_xanh):
    login("leader-cao-xanh")
    page = client.get(f"/en/field/clubs/{cao_xanh.pk}/").content.decode()
    assert '<html lang="en">' in page
    assert "Log a meeting" in page
    assert f'href="/field/clubs/{cao_xanh.pk}/"' in page
    vi = client.get(f"/field/clubs/{cao_xanh.pk}/").content.decode()
    assert "Ghi buổi sinh hoạt" in vi
    assert f'href="/en/field/clubs/{cao_xanh.pk}/"' in vi


def test_club_page_shows_the_current_ward_of_a_merged_ward(client, login, demo):
    login("leader-bach-dang")
    page = client.get("/field/", follow=True).content.decode()
    assert "nay thuộc Phường Hồng Gai" in page


def test_club_page_lists_meetings_with_a_constant_number_of_queries(
    client, login, cao_xanh, django_assert_max_num_queries
):
    login("leader-cao-xanh")
    client.get(f"/field/clubs/{cao_xanh.pk}/")
    with django_assert_max_num_queries(16):
        assert client.get(f"/field/clubs/{cao_xanh.pk}/").status_code == 200
