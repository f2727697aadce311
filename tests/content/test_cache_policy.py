"""Only published pages seen anonymously may be kept by the service worker."""

import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_page_is_marked_for_the_worker(client, demo):
    response = client.get("/bai-viet/viec-nhe-luong-cao/")
    assert response["X-SW-Cache"] == "public"
    assert "no-store" not in response["Cache-Control"]


@pytest.mark.parametrize("username", ["communicator", "coordinator", "leader-cao-xanh"])
def test_signed_in_users_get_no_store_and_no_worker_mark(client, demo, login, username):
    login(username)
    response = client.get("/bai-viet/viec-nhe-luong-cao/")
    assert response.status_code == 200
    assert "X-SW-Cache" not in response
    assert response["Cache-Control"] == "no-store"


def test_admin_is_never_cacheable(client, demo, login):
    assert client.get("/admin/login/")["Cache-Control"] == "no-store"
    login("communicator")
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "X-SW-Cache" not in response


def test_page_preview_is_not_marked(client, demo, login):
    from content.models import ArticlePage

    login("communicator")
    article = ArticlePage.objects.get(slug="viec-nhe-luong-cao")
    response = client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert response.status_code == 200
    assert "X-SW-Cache" not in response
    assert response["Cache-Control"] == "no-store"


def test_not_found_is_no_store(client, demo):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"
