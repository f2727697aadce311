"""What a resident sees on the public pages."""

import pytest
from wagtail.models import Page

from content.models import ArticleIndexPage, ArticlePage, FAQPage, HomePage
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_home_page_is_vietnamese_with_hotlines_and_latest_articles(client, demo):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert 'href="tel:111"' in html
    assert 'href="tel:18001769"' in html
    newest = ArticlePage.objects.live().filter(locale__language_code="vi").order_by("-date").first()
    assert newest.title in html
    assert "Bài viết mới" in html


def test_article_index_lists_articles_newest_first(client, demo):
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    response = client.get(index.url)
    assert response.status_code == 200
    titles = [a.title for a in response.context["articles"]]
    expected = list(
        ArticlePage.objects.live()
        .filter(locale=index.locale)
        .order_by("-date")
        .values_list("title", flat=True)[:10]
    )
    assert titles == expected


def test_article_index_filters_by_topic(client, demo):
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    response = client.get(index.url, {"topic": "law"})
    topics = {a.topic for a in response.context["articles"]}
    assert topics == {"law"}
    # An unknown topic shows everything instead of an error.
    response = client.get(index.url, {"topic": "nonsense"})
    assert response.status_code == 200
    assert response.context["current_topic"] == ""


def test_article_index_paginates_and_survives_bad_page_numbers(client, demo):
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    for _ in range(12):
        ArticlePageFactory(parent=index)
    first = client.get(index.url)
    assert len(first.context["articles"]) == 10
    assert 'rel="next"' in first.content.decode()
    last = client.get(index.url, {"page": "999"})
    assert last.status_code == 200
    assert last.context["articles"].number == last.context["articles"].paginator.num_pages


def test_article_page_shows_body_hotline_and_dates_day_first(client, demo):
    article = ArticlePage.objects.get(slug="viec-nhe-luong-cao")
    response = client.get(article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{article.title}</h1>" in html
    assert "12/08/2024" in html
    assert 'class="callout"' in html
    assert 'href="tel:111"' in html
    # Hero image as responsive WebP renditions, 360 px first.
    assert ".webp" in html
    assert "srcset=" in html and "360w" in html


def test_faq_page_uses_disclosures_that_work_without_javascript(client, demo):
    faq = FAQPage.objects.get(locale__language_code="vi")
    html = client.get(faq.url).content.decode()
    assert html.count("<details") == 8
    assert "<summary>Mua bán người là gì?</summary>" in html


def test_unpublished_article_is_not_shown(client, demo):
    article = ArticlePage.objects.get(slug="hon-nhan-moi-gioi")
    article.unpublish()
    assert client.get("/bai-viet/hon-nhan-moi-gioi/").status_code == 404
    assert article.title not in client.get("/bai-viet/").content.decode()


def test_english_prefix_serves_pages_with_english_interface(client, demo):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Latest articles" in response.content.decode()


def test_public_pages_render_with_javascript_disabled_markup(client, demo):
    """No public page depends on a script: the only script is the deferred worker loader."""
    for url in ["/", "/bai-viet/", "/bai-viet/viec-nhe-luong-cao/", "/hoi-dap/"]:
        html = client.get(url).content.decode()
        assert html.count("<script") == 1, url
        assert 'src="/static/js/app.js" defer' in html


def test_every_public_page_type_is_a_public_page():
    from content.models import PublicPage

    for model in [HomePage, ArticleIndexPage, ArticlePage, FAQPage]:
        assert issubclass(model, PublicPage)
        assert issubclass(model, Page)


def test_navigation_follows_publishing(client, demo):
    """The cached header navigation changes as soon as a section is published or withdrawn."""
    faq = FAQPage.objects.get(locale__language_code="vi")
    assert f'href="{faq.url}"' in client.get("/").content.decode()
    faq.unpublish()
    assert f'href="{faq.url}"' not in client.get("/").content.decode()
    faq.save_revision().publish()
    assert f'href="{faq.url}"' in client.get("/").content.decode()


def test_hotline_numbers_follow_the_settings(client, demo):
    from wagtail.models import Site

    from content.models import HotlineSettings

    setting = HotlineSettings.for_site(Site.objects.get(is_default_site=True))
    setting.provincial_number = "02033999999"
    setting.save()
    assert 'href="tel:02033999999"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    "path", ["/bai-viet/khong-co/", "/bai-viet/viec-nhe-luong-cao/them/", "/hoi-dap/x/y/"]
)
def test_unknown_paths_are_not_found(client, demo, path):
    assert client.get(path).status_code == 404
