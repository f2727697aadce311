"""Public Wagtail pages: home, articles, FAQ, quizzes and polls; the hotline settings shown on
every page; anonymous quiz attempts and poll votes."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from config.middleware import SW_CACHE_HEADER
from config.text import fold_vi
from content.blocks import (
    ArticleBodyBlock,
    PollChoiceBlock,
    QuestionAnswerBlock,
    QuizQuestion,
    QuizQuestionsBlock,
    ScoreBandBlock,
)


class FoldedTitleField(index.SearchField):
    """The title folded, indexed next to the title as written: the backends weigh only the
    fields named "title" as title (PostgreSQL ranks them higher), so the folded form is one."""

    def get_value(self, obj):
        return fold_vi(super().get_value(obj) or "")


class PublicPage(Page):
    """Base for every resident-facing page.

    A published page served to an anonymous visitor is marked so the service worker may keep
    it for offline reading; the cache policy middleware strips the mark for signed-in users.
    """

    # Related objects fetched with the page when it is routed to (see HomePage.route).
    route_select_related: tuple[str, ...] = ()
    # Fields whose text is indexed a second time, folded (see folded_search_text).
    folded_search_fields: tuple[str, ...] = ()

    search_fields = Page.search_fields + [
        FoldedTitleField("title", boost=2),
        index.SearchField("folded_search_text"),
    ]

    class Meta:
        abstract = True

    def folded_search_text(self) -> str:
        """The page's text without diacritics, so that "hong gai" finds "Hồng Gai" (the title
        is indexed folded by FoldedTitleField).

        The search backends do not fold Vietnamese themselves (SQLite leaves ``đ``, PostgreSQL
        has no Vietnamese configuration); the query is folded the same way before searching.
        """
        parts = []
        for name in self.folded_search_fields:
            field = self._meta.get_field(name)
            value = getattr(self, name)
            if isinstance(field, StreamField):
                parts.extend(field.get_searchable_content(value))
            elif isinstance(field, RichTextField):
                parts.append(get_text_for_indexing(value or ""))
            else:
                parts.append(str(value or ""))
        return fold_vi(" ".join(parts))

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not getattr(request, "is_preview", False) and not request.user.is_authenticated:
            response[SW_CACHE_HEADER] = "public"
        return response


class HomePage(PublicPage):
    """The start page: what SafeWard is, whom to call, the latest articles."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = PublicPage.content_panels + [FieldPanel("intro")]

    subpage_types = ["content.ArticleIndexPage", "content.FAQPage", "content.QuizIndexPage"]
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
            locale=self.locale_id, descendant_of=self
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
        articles = ArticlePage.objects.for_listing(locale=self.locale_id, descendant_of=self)
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
    folded_search_fields = ("summary", "body")

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

    folded_search_fields = ("intro", "items")

    content_panels = PublicPage.content_panels + [FieldPanel("intro"), FieldPanel("items")]
    search_fields = PublicPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("items"),
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ page")


class QuizIndexPage(PublicPage):
    """The quizzes and polls of one language, in the order of the page tree."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = PublicPage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.QuizPage", "content.PollPage"]

    class Meta:
        verbose_name = _("quiz index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # In the order editors give them in the page tree.
        context["quizzes"] = QuizPage.objects.child_of(self).live().public().order_by("path")
        context["polls"] = PollPage.objects.child_of(self).live().public().order_by("path")
        return context


class QuizPage(PublicPage):
    """A short quiz on recognising lures.

    The page carries everything a browser needs to score it offline (a JSON data block that
    quiz.js reads); answers posted without JavaScript are scored by ``services.quiz_score``.
    """

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"))
    result_messages = StreamField(
        [("band", ScoreBandBlock())],
        verbose_name=_("result messages"),
        blank=True,
        help_text=_("Optional. The message with the highest threshold the score reaches is shown."),
    )

    folded_search_fields = ("intro", "questions")

    content_panels = PublicPage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
        FieldPanel("result_messages"),
        InlinePanel(
            "related_article_links",
            label=_("Related articles"),
            help_text=_("Offered with the result; the newest articles fill the gaps."),
            max_num=2,
        ),
    ]
    search_fields = PublicPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("questions"),
    ]

    parent_page_types = ["content.QuizIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @cached_property
    def question_list(self) -> list[QuizQuestion]:
        """The questions, normalised whatever block each comes from."""
        return [child.block.as_question(child.value, child.id) for child in self.questions]

    def get_answer_url(self) -> str:
        return reverse("content:quiz_answers", args=[self.pk])

    def result_message(self, percent: int) -> str:
        """The message of the highest band the percentage reaches, or ""."""
        bands = sorted(
            (band.value for band in self.result_messages), key=lambda b: b["min_percent"]
        )
        message = ""
        for band in bands:
            if percent >= band["min_percent"]:
                message = band["message"]
        return message

    def get_client_data(self) -> dict:
        """What quiz.js needs to score in the browser, rendered into the page as JSON."""
        return {
            "url": self.get_answer_url(),
            "questions": [
                {
                    "id": question.id,
                    "multiple": question.multiple,
                    "choices": [
                        {"id": c.id, "correct": c.correct, "explanation": c.explanation}
                        for c in question.choices
                    ],
                }
                for question in self.question_list
            ],
            "bands": [
                {"min": band.value["min_percent"], "message": band.value["message"]}
                for band in self.result_messages
            ],
            "strings": {
                "right": gettext("Right"),
                "partly": gettext("Partly right"),
                "wrong": gettext("Not right"),
                "skipped": gettext("Not answered"),
                "score": gettext("%(score)s of %(max)s points (%(percent)s%%)"),
                "chosen": gettext("Your answer"),
                "rightAnswer": gettext("Right answer"),
                "sent": gettext("Your answers were sent anonymously. Thank you!"),
                "queued": gettext(
                    "No connection: your anonymous answers are kept on this phone and "
                    "will be sent when you are back online."
                ),
                "unanswered": gettext("Answer at least one question."),
            },
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["quiz_data"] = self.get_client_data()
        context["related_articles"] = self.related_articles()
        return context

    def related_articles(self, limit: int = 2) -> list:
        """The articles offered with a quiz's result, in the quiz's language.

        The editor's choices come first, in their order (matched by translation key, so an
        English quiz offers the English translations of the Vietnamese quiz's articles), then
        the newest articles fill the remaining places. One query, two if places remain.
        """
        articles = (
            ArticlePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .only("title", "url_path", "path", "depth", "locale_id", "summary", "translation_key")
        )
        links = QuizRelatedArticle.objects.filter(
            quiz_id=self.pk, article__translation_key=OuterRef("translation_key")
        )
        related = list(
            articles.annotate(
                link=Subquery(links.values("pk")[:1]),
                link_order=Subquery(links.values("sort_order")[:1]),
            )
            .filter(link__isnull=False)
            .order_by(F("link_order").asc(nulls_last=True), "link")[:limit]
        )
        if len(related) < limit:
            newest = articles.exclude(pk__in=[a.pk for a in related]).order_by("-date", "-pk")
            related.extend(newest[: limit - len(related)])
        return related


class QuizRelatedArticle(Orderable):
    """An article offered with a quiz's result."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="related_article_links")
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")


class PollPage(PublicPage):
    """One question; residents see the answers as percentages after voting."""

    question = models.CharField(_("question"), max_length=250)
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    choices = StreamField(
        [("choice", PollChoiceBlock())], verbose_name=_("answers"), min_num=2, max_num=8
    )

    content_panels = PublicPage.content_panels + [
        FieldPanel("question"),
        FieldPanel("intro"),
        FieldPanel("choices"),
    ]

    parent_page_types = ["content.QuizIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")

    @cached_property
    def choice_list(self) -> list[tuple[str, str]]:
        """(id, text) of each answer; the ids stay the same across edits."""
        return [(child.id, child.value) for child in self.choices]

    def get_vote_url(self) -> str:
        return reverse("content:poll_vote", args=[self.pk])


def _today() -> datetime.date:
    return timezone.localdate()


class QuizAttempt(models.Model):
    """One anonymous run through a quiz.

    Nothing here points to a person: no user, no IP address, no user agent, no session, and
    dates only to the day. ``client_uuid`` is the key the browser made for this attempt; the
    sync protocol (``config.sync``) accepts each key once, so a resend is not counted twice.
    """

    quiz = models.ForeignKey(
        QuizPage, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="attempts"
    )
    client_uuid = models.UUIDField(_("client key"), null=True, blank=True, unique=True)
    taken_on = models.DateField(_("taken on"), default=_today, db_index=True)
    received_on = models.DateField(_("received on"), default=_today)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    percent = models.PositiveSmallIntegerField(_("percent"))

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")

    def __str__(self):
        return f"{self.quiz_id}/{self.pk}"


class QuizAnswer(models.Model):
    """The answer of one attempt to one question (also kept when the question was skipped)."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(_("question"), max_length=64)
    correct = models.BooleanField(_("right"))
    credit = models.DecimalField(_("credit"), max_digits=4, decimal_places=2)

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")

    def __str__(self):
        return f"{self.attempt_id}/{self.question_id}"


class QuizAnswerChoice(models.Model):
    """One answer picked for a question; ``right`` says whether it is one of the right ones."""

    answer = models.ForeignKey(QuizAnswer, on_delete=models.CASCADE, related_name="picks")
    choice_id = models.CharField(_("answer"), max_length=64)
    right = models.BooleanField(_("right"))

    class Meta:
        verbose_name = _("picked answer")
        verbose_name_plural = _("picked answers")

    def __str__(self):
        return self.choice_id


class PollVote(models.Model):
    """One anonymous vote: which answer of which poll, and the day. Nothing about the voter."""

    poll = models.ForeignKey(
        PollPage, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="votes"
    )
    choice_id = models.CharField(_("answer"), max_length=64)
    voted_on = models.DateField(_("voted on"), default=_today)

    class Meta:
        verbose_name = _("poll vote")
        verbose_name_plural = _("poll votes")

    def __str__(self):
        return f"{self.poll_id}/{self.choice_id}"


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
