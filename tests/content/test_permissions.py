"""Who may do what in the admin with the foundation's roles."""

import json

import pytest

from content.models import ArticleIndexPage

pytestmark = pytest.mark.django_db

DRAFTAIL_PARAGRAPH = {
    "blocks": [
        {
            "key": "a",
            "text": "Nội dung.",
            "type": "unstyled",
            "depth": 0,
            "inlineStyleRanges": [],
            "entityRanges": [],
        }
    ],
    "entityMap": {},
}


@pytest.mark.parametrize("username", ["communicator", "coordinator"])
def test_editors_may_add_articles(client, demo, login, username):
    login(username)
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    response = client.get(f"/admin/pages/add/content/articlepage/{index.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("username", ["campaigns"])
def test_campaign_staff_may_not_edit_pages(client, demo, login, username):
    login(username)
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    response = client.get(f"/admin/pages/add/content/articlepage/{index.pk}/")
    assert response.status_code in (302, 403)


def test_club_leaders_reach_the_admin_but_not_the_pages(client, demo, login):
    """Club boards get the admin for their club's listings (clubs.backends), nothing more."""
    login("leader-cao-xanh")
    assert client.get("/admin/").status_code == 200
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    response = client.get(f"/admin/pages/add/content/articlepage/{index.pk}/")
    assert response.status_code in (302, 403)
    assert client.get("/admin/images/").status_code in (302, 403)
    assert client.get("/admin/users/").status_code in (302, 403)


def test_anonymous_is_sent_to_login(client, demo):
    response = client.get("/admin/")
    assert response.status_code == 302


def test_communicator_publishes_an_article_that_appears_on_the_index(client, demo, login):
    login("communicator")
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    response = client.post(
        f"/admin/pages/add/content/articlepage/{index.pk}/",
        {
            "title": "Cảnh giác với tin tuyển dụng trên mạng",
            "slug": "canh-giac-tin-tuyen-dung",
            "date": "05/02/2025",
            "topic": "lures",
            "summary": "Một bài viết mới.",
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": json.dumps(DRAFTAIL_PARAGRAPH),
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from content.models import ArticlePage

    article = ArticlePage.objects.get(slug="canh-giac-tin-tuyen-dung")
    assert article.live
    assert article.date.isoformat() == "2025-02-05"
    client.logout()
    assert "Cảnh giác với tin tuyển dụng trên mạng" in client.get(index.url).content.decode()
