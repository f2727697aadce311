"""Public Wagtail pages: home, articles, FAQ, and the hotline settings shown on every page."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from content.blocks import ArticleBodyBlock, QuestionAnswerBlock

SW_CACHE_HEADER = "X-SW-Cache"


class PublicPage(Page):
    """Base for every resident-facing page.

    A published page served to an anonymous visitor is marked so the service worker may keep
    it for offline reading; the cache policy middleware strips the mark for signed-in users.
    """

    class Meta:
        abstract = True

    # Related objects fetched with the page when it is routed to (see HomePage.route).
    route_select_related: tuple[str, ...] = ()

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False) and not request.user.is_authenticated:
            response[SW_CACHE_HEADER] = "public"
        return response


class HomePage(PublicPage):
    """The start page: what SafeWard is, whom to call, the latest articles."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = PublicPage.content_panels + [FieldPanel("intro")]

    subpage_types = ["content.ArticleIndexPage", "content.FAQPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the page at this path in one lookup rather than two queries per level.

        Paths that match no page's URL exactly (a page routing sub-paths itself) take
        Wagtail's walk down the tree.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            found = (
                Page.objects.filter(url_path=url_path)
                .descendant_of(self)
                .only("id", "content_type_id")
                .first()
            )
            model = found.specific_class if found else None
            if model is not None:
                related = getattr(model, "route_select_related", ())
                page = model.objects.select_related(*related).get(pk=found.pk)
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = ArticlePage.objects.for_listing(
            locale=self.locale, descendant_of=self
        )[:6]
        context["sections"] = (
            self.get_children().live().public().in_menu().only("title", "url_path", "path")
        )
        return context


class ArticleIndexPage(PublicPage):
    """A list of articles, newest first, optionally filtered by topic."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = PublicPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage"]
    per_page = 10

    class Meta:
        verbose_name = _("article index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.for_listing(locale=self.locale, descendant_of=self)
        topic = request.GET.get("topic", "")
        if topic in ArticlePage.Topic.values:
            articles = articles.filter(topic=topic)
        else:
            topic = ""
        context["articles"] = Paginator(articles, self.per_page).get_page(request.GET.get("page"))
        context["topics"] = ArticlePage.Topic.choices
        context["current_topic"] = topic
        return context


class ArticlePageQuerySet(PageQuerySet):
    def for_listing(self, *, locale, descendant_of=None):
        """Live public articles of one language with their thumbnails, newest first.

        The number of queries stays the same however many articles are listed.
        """
        pages = self.live().public().filter(locale=locale)
        if descendant_of is not None:
            pages = pages.descendant_of(descendant_of)
        return (
            pages.select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-date", "-pk")
        )


class ArticlePage(PublicPage):
    """An awareness article: what the lures look like, what the law says, where to get help."""

    class Topic(models.TextChoices):
        LURES = "lures", _("Lures and tricks")
        LAW = "law", _("The law")
        SUPPORT = "support", _("Victim support")
        CLUB_NEWS = "club_news", _("Club news")

    date = models.DateField(_("date"), default=datetime.date.today)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.LURES)
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences shown in lists.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), use_json_field=True)

    objects = PageManager.from_queryset(ArticlePageQuerySet)()
    route_select_related = ("hero_image",)

    content_panels = PublicPage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("topic"), FieldPanel("summary")],
            heading=_("About this article"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = PublicPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("topic"),
        index.FilterField("date"),
    ]

    parent_page_types = ["content.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_articles"] = (
            ArticlePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, topic=self.topic)
            .exclude(pk=self.pk)
            .order_by("-date")
            .only("title", "url_path", "path", "depth", "locale_id", "date")[:3]
        )
        return context


class FAQPage(PublicPage):
    """Questions and answers, in the manner of the Q&A legal booklet."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    items = StreamField(
        [("item", QuestionAnswerBlock())], verbose_name=_("questions"), use_json_field=True
    )

    content_panels = PublicPage.content_panels + [FieldPanel("intro"), FieldPanel("items")]
    search_fields = PublicPage.search_fields + [index.SearchField("items")]

    parent_page_types = ["content.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ page")


@register_setting(icon="mobile-alt")
class HotlineSettings(BaseSiteSetting):
    """The numbers shown in the header and footer of every public page."""

    national_number = models.CharField(_("national hotline"), max_length=20, default="111")
    provincial_number = models.CharField(_("Quảng Ninh hotline"), max_length=20, default="18001769")
    sunshine_house_name = models.CharField(
        _("Sunshine House name"), max_length=120, default="Ngôi nhà Ánh Dương Quảng Ninh"
    )
    sunshine_house_number = models.CharField(_("Sunshine House phone"), max_length=20, blank=True)
    sunshine_house_address = models.CharField(
        _("Sunshine House address"), max_length=250, blank=True
    )

    panels = [
        FieldPanel("national_number"),
        FieldPanel("provincial_number"),
        MultiFieldPanel(
            [
                FieldPanel("sunshine_house_name"),
                FieldPanel("sunshine_house_number"),
                FieldPanel("sunshine_house_address"),
            ],
            heading=_("Sunshine House"),
        ),
    ]

    class Meta:
        verbose_name = _("hotlines")

    def __str__(self):
        return str(self._meta.verbose_name)
