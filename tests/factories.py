"""Factories for test data (pages build on the demo home page)."""

import datetime

import factory
import wagtail_factories

from content.models import ArticleIndexPage, ArticlePage


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Bài viết"
    slug = factory.Sequence(lambda n: f"bai-viet-{n}")

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bài viết thử số {n}")
    slug = factory.Sequence(lambda n: f"bai-thu-{n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    summary = "Một bài viết để kiểm thử."
    topic = ArticlePage.Topic.LURES
    hero_image = factory.SubFactory(wagtail_factories.ImageFactory)
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Nội dung thử nghiệm.</p>"}]
    )

    class Meta:
        model = ArticlePage
