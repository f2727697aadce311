"""Bytes and queries of the public pages (foundation issue targets).

Targets: HTML <= 15 KB gzip, CSS <= 15 KB, JS <= 20 KB, an article page without images
<= 50 KB in all; <= 10 queries per article page; the article list must not grow in
queries between 5 and 50 articles. A quiz page (the 8-question demo quiz, its JSON data
block and quiz.js included) has the same budgets as an article page.
"""

import gzip
import re

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

KB = 1024


def _gzip_len(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _assets(html: str) -> dict:
    css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    js = re.findall(r'<script[^>]+src="([^"]+)"', html)

    def size(urls):
        total = 0
        for url in urls:
            name = url.removeprefix("/static/")
            # Manifest storage names files by their hash; the collected copy is the one served.
            path = finders.find(name) or staticfiles_storage.path(name)
            total += _gzip_len(open(path, "rb").read())  # noqa: SIM115
        return total

    return {"css_gzip_bytes": size(css), "js_gzip_bytes": size(js)}


def measure(client: Client, url: str) -> dict:
    client.get(url)  # renditions made, caches warm: measure the steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content
    figures = {
        "url": url,
        "html_bytes": len(html),
        "html_gzip_bytes": _gzip_len(html),
        "queries": len(queries),
        **_assets(html.decode()),
    }
    manifest = client.get("/manifest.json").content
    figures["page_without_images_gzip_bytes"] = (
        figures["html_gzip_bytes"]
        + figures["css_gzip_bytes"]
        + figures["js_gzip_bytes"]
        + _gzip_len(manifest)
    )
    return figures


def _list_queries(client: Client, count: int) -> int:
    """Queries of an article index holding *count* articles (all on one page)."""
    from content.models import ArticleIndexPage, HomePage
    from tests.factories import ArticleIndexPageFactory, ArticlePageFactory

    home = HomePage.objects.get(locale__language_code="vi")
    index = ArticleIndexPageFactory(parent=home, slug=f"bench-list-{count}")
    ArticleIndexPage.per_page = 100
    for _ in range(count):
        ArticlePageFactory(parent=index)
    return measure(client, index.url)["queries"]


def run() -> dict:
    client = Client()
    home = measure(client, "/")
    article = measure(client, "/bai-viet/viec-nhe-luong-cao/")
    faq = measure(client, "/hoi-dap/")
    quiz = measure(client, "/trac-nghiem/viec-lam-o-nuoc-ngoai/")
    search = measure(client, "/tim-kiem/?q=lua+dao+viec+nhe+luong+cao")
    list_5 = _list_queries(client, 5)
    list_50 = _list_queries(client, 50)
    return {
        "home": home,
        "article": article,
        "faq": faq,
        "quiz": quiz,
        "search": search,
        "article_list_queries": {"5_articles": list_5, "50_articles": list_50},
        "targets": {
            "html_gzip_bytes_max": 15 * KB,
            "css_gzip_bytes_max": 15 * KB,
            "js_gzip_bytes_max": 20 * KB,
            "page_without_images_gzip_bytes_max": 50 * KB,
            "article_queries_max": 10,
            "article_list_queries": "same for 5 and 50 articles",
        },
        "met": {
            "html": max(home["html_gzip_bytes"], article["html_gzip_bytes"]) <= 15 * KB,
            "css": article["css_gzip_bytes"] <= 15 * KB,
            "js": article["js_gzip_bytes"] <= 20 * KB,
            "article_page": article["page_without_images_gzip_bytes"] <= 50 * KB,
            "article_queries": article["queries"] <= 10,
            "quiz_html": quiz["html_gzip_bytes"] <= 15 * KB,
            "quiz_page": quiz["page_without_images_gzip_bytes"] <= 50 * KB,
            "quiz_js": quiz["js_gzip_bytes"] <= 20 * KB,
            "quiz_queries": quiz["queries"] <= 10,
            "list_queries_flat": list_5 == list_50,
        },
    }
