"""The public page cache: fast for anonymous readers, never stale after publishing, never
holding anything a signed-in user saw."""

import gzip

import pytest
from wagtail.models import Site

from config.page_cache import HIT_HEADER
from content.models import ArticlePage, HotlineSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.SAFEWARD_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def article(demo):
    return ArticlePage.objects.live().filter(locale__language_code="vi").first()


def test_second_anonymous_read_is_served_without_the_database(
    client, article, django_assert_num_queries
):
    first = client.get(article.url)
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(article.url)
    assert second.status_code == 200
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    # The headers the page went out with come back with it: policy, worker mark, type.
    for name in ("Content-Security-Policy", "X-SW-Cache", "Content-Type", "Cache-Control"):
        assert second[name] == first[name]


def test_publishing_a_change_is_seen_at_once(client, article):
    client.get(article.url)
    article.title = "Tiêu đề vừa sửa"
    article.save_revision().publish()
    response = client.get(article.url)
    assert response[HIT_HEADER] == "miss"
    assert "Tiêu đề vừa sửa" in response.content.decode()


def test_unpublished_page_is_gone_at_once(client, article):
    assert client.get(article.url).status_code == 200
    url = article.url
    article.unpublish()
    assert client.get(url).status_code == 404


def test_new_hotline_numbers_reach_every_cached_page(client, demo):
    client.get("/")
    hotlines = HotlineSettings.for_site(Site.objects.get(is_default_site=True))
    hotlines.provincial_number = "02033999999"
    hotlines.save()
    assert "02033999999" in client.get("/").content.decode()


def test_signed_in_users_are_neither_served_nor_stored(client, login, article):
    anonymous = client.get(article.url)
    assert anonymous[HIT_HEADER] == "miss"
    login("communicator")
    signed_in = client.get(article.url)
    assert HIT_HEADER not in signed_in
    assert signed_in["Cache-Control"] == "no-store"
    client.logout()
    assert client.get(article.url)[HIT_HEADER] == "hit"


def test_a_page_seen_by_a_signed_in_user_is_not_kept_for_others(client, login, article):
    login("communicator")
    client.get(article.url)
    client.logout()
    assert client.get(article.url)[HIT_HEADER] == "miss"


def test_pages_that_are_not_public_are_never_kept(client, demo):
    # The field app's login page carries a CSRF token and sets its cookie.
    client.get("/field/")
    client.cookies.clear()
    response = client.get("/field/")
    assert HIT_HEADER not in response
    assert client.get("/khong-co-trang-nay/").status_code == 404
    assert HIT_HEADER not in client.get("/khong-co-trang-nay/")


def test_languages_and_query_strings_are_kept_apart(client, demo):
    vi = client.get("/")
    en = client.get("/en/")
    assert en[HIT_HEADER] == "miss"
    assert vi.content != en.content
    assert client.get("/", {"source": "pwa"})[HIT_HEADER] == "miss"
    assert client.get("/")[HIT_HEADER] == "hit"


def test_turned_off_with_zero_seconds(client, article, settings):
    settings.SAFEWARD_PAGE_CACHE_SECONDS = 0
    client.get(article.url)
    assert HIT_HEADER not in client.get(article.url)


def test_public_pages_are_compressed_for_phones(client, article):
    response = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    cached = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")
    assert cached[HIT_HEADER] == "hit"
    assert cached["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in cached["Vary"]
    # A client that cannot take gzip gets the same page, plain.
    plain = client.get(article.url)
    assert plain[HIT_HEADER] == "hit"
    assert "Content-Encoding" not in plain
    assert gzip.decompress(cached.content) == gzip.decompress(response.content) == plain.content
