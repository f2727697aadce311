"""Reads: the public layout (cached), site search, quiz and poll figures.

The header and footer need the hotline numbers and the home page's sections on every
request; both change rarely, so they are kept in the cache and dropped by the signals in
``content.signals`` whenever a page is published, unpublished, moved or deleted, or the
hotline settings are saved.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from config.text import fold_vi
from content.blocks import LureType
from content.models import (
    ArticlePage,
    FAQPage,
    HotlineSettings,
    PollVote,
    QuizAnswer,
    QuizAnswerChoice,
    QuizPage,
)

CHROME_TIMEOUT = 300  # seconds; signals clear it sooner on every change


def _nav_key(site_id: int, locale_id: int) -> str:
    return f"safeward:nav:{site_id}:{locale_id}"


def _hotlines_key(site_id: int) -> str:
    return f"safeward:hotlines:{site_id}"


def site_nav_items(*, site: Site, locale_id: int) -> list[dict]:
    """Titles and URLs of the home page's live, public sections shown in menus."""
    key = _nav_key(site.pk, locale_id)
    items = cache.get(key)
    if items is None:
        sections = (
            Page.objects.live()
            .public()
            .in_menu()
            .filter(depth=site.root_page.depth + 1, locale_id=locale_id)
            .order_by("path")
        )
        items = []
        for section in sections:
            url = section.get_url()
            if url:
                items.append({"title": section.title, "url": url})
        cache.set(key, items, CHROME_TIMEOUT)
    return items


def hotlines(*, site: Site) -> dict:
    """The hotline numbers and Sunshine House details of *site*."""
    key = _hotlines_key(site.pk)
    numbers = cache.get(key)
    if numbers is None:
        setting = HotlineSettings.for_site(site)
        numbers = {
            field: getattr(setting, field)
            for field in (
                "national_number",
                "provincial_number",
                "sunshine_house_name",
                "sunshine_house_number",
                "sunshine_house_address",
            )
        }
        cache.set(key, numbers, CHROME_TIMEOUT)
    return numbers


def clear_chrome_cache() -> None:
    """Forget the cached navigation and hotlines of every site and language."""
    keys = []
    for site_id in Site.objects.values_list("pk", flat=True):
        keys.append(_hotlines_key(site_id))
        keys.extend(
            _nav_key(site_id, locale_id)
            for locale_id in Locale.objects.values_list("pk", flat=True)
        )
    cache.delete_many(keys)


# --- search ------------------------------------------------------------------------------------

SEARCH_MAX_LENGTH = 100


@dataclass(frozen=True)
class SearchOutcome:
    """Results of a site search; ``all_words`` is False when no page had every word."""

    results: object
    all_words: bool


def search_query_folded(query: str) -> str:
    """The query as the index holds text: folded, words only, at most 100 characters."""
    words = re.sub(r"[^\w\s]", " ", fold_vi(query[:SEARCH_MAX_LENGTH]))
    return " ".join(words.split())


def search_pages(*, query: str, locale: Locale) -> SearchOutcome:
    """Live, public articles, FAQ pages and quizzes of *locale* matching *query*.

    Pages holding every word come first; when none does, pages holding any word are given.
    Matching ignores diacritics because both the index (``PublicPage.folded_search_text``)
    and the query are folded with ``fold_vi``.
    """
    folded = search_query_folded(query)
    if not folded:
        return SearchOutcome(results=Page.objects.none(), all_words=True)
    pages = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(ArticlePage, FAQPage, QuizPage)
        .specific()
    )
    results = pages.search(folded, operator="and")
    if results.count() or " " not in folded:
        return SearchOutcome(results=results, all_words=True)
    return SearchOutcome(results=pages.search(folded, operator="or"), all_words=False)


# --- quizzes and polls -------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionStat:
    """How one question of a quiz was answered in one month."""

    quiz_title: str
    language: str
    month: datetime.date
    position: int
    question: str
    lure: str
    attempts: int
    right: int
    wrong_choice: str
    wrong_choice_count: int

    @property
    def percent_right(self) -> int:
        return round(100 * self.right / self.attempts) if self.attempts else 0

    @property
    def month_label(self) -> str:
        return self.month.strftime("%m/%Y")


def quiz_question_stats(*, answers=None) -> list[QuestionStat]:
    """Per quiz, month and question: attempts, share right, the most picked wrong answer.

    *answers* (a ``QuizAnswer`` queryset, all of them by default) narrows what is counted,
    e.g. to one quiz or a period. Two grouped queries, whatever the number of attempts.
    """
    if answers is None:
        answers = QuizAnswer.objects.all()
    counts = (
        answers.annotate(month=TruncMonth("attempt__taken_on"))
        .values("attempt__quiz_id", "month", "question_id")
        .annotate(attempts=Count("pk"), right=Count("pk", filter=Q(correct=True)))
        .order_by()
    )
    wrong_picks = (
        QuizAnswerChoice.objects.filter(answer__in=answers.values("pk"), right=False)
        .annotate(month=TruncMonth("answer__attempt__taken_on"))
        .values("answer__attempt__quiz_id", "month", "answer__question_id", "choice_id")
        .annotate(picks=Count("pk"))
        .order_by("-picks", "choice_id")
    )
    most_wrong: dict[tuple, tuple[int, str]] = {}
    for row in wrong_picks:
        key = (row["answer__attempt__quiz_id"], row["month"], row["answer__question_id"])
        most_wrong.setdefault(key, (row["picks"], row["choice_id"]))
    counts = list(counts)
    quizzes = QuizPage.objects.select_related("locale").in_bulk(
        {row["attempt__quiz_id"] for row in counts}
    )
    stats = []
    for row in counts:
        quiz = quizzes[row["attempt__quiz_id"]]
        questions = {q.id: (position, q) for position, q in enumerate(quiz.question_list, 1)}
        position, question = questions.get(row["question_id"], (0, None))
        key = (quiz.pk, row["month"], row["question_id"])
        picks, choice_id = most_wrong.get(key, (0, ""))
        choice_text = ""
        if question is not None:
            choice_text = next((c.text for c in question.choices if c.id == choice_id), "")
        stats.append(
            QuestionStat(
                quiz_title=quiz.title,
                language=quiz.locale.get_display_name(),
                month=row["month"],
                position=position,
                question=question.text if question else str(_("(question removed)")),
                lure=str(LureType(question.lure).label) if question else "",
                attempts=row["attempts"],
                right=row["right"],
                wrong_choice=choice_text,
                wrong_choice_count=picks if choice_text else 0,
            )
        )
    stats.sort(key=lambda s: (s.quiz_title, s.language, -s.month.toordinal(), s.position))
    return stats


@dataclass(frozen=True)
class PollResult:
    """One answer of a poll with its votes and share of all votes."""

    choice_id: str
    text: str
    votes: int
    percent: int


def poll_results(*, poll) -> tuple[list[PollResult], int]:
    """The poll's answers with their share of the votes (whole percentages adding up to 100),
    and the number of votes."""
    votes = dict(
        PollVote.objects.filter(poll=poll)
        .values("choice_id")
        .annotate(n=Count("pk"))
        .values_list("choice_id", "n")
    )
    choices = poll.choice_list
    counts = [votes.get(choice_id, 0) for choice_id, _text in choices]
    total = sum(counts)
    percents = _largest_remainder(counts, total)
    results = [
        PollResult(choice_id=choice_id, text=text, votes=count, percent=percent)
        for (choice_id, text), count, percent in zip(choices, counts, percents, strict=True)
    ]
    return results, total


def _largest_remainder(counts: list[int], total: int) -> list[int]:
    """Whole percentages of *counts* that add up to exactly 100 (or all 0 without votes).

    Each share is rounded down, then the points left go to the largest remainders, the first
    answers winning ties.
    """
    if not total:
        return [0] * len(counts)
    whole = [100 * count // total for count in counts]
    remainders = [100 * count % total for count in counts]
    by_remainder = sorted(range(len(counts)), key=lambda i: (-remainders[i], i))
    for i in by_remainder[: 100 - sum(whole)]:
        whole[i] += 1
    return whole
