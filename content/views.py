"""The service worker and the offline page, served from the site root; the quiz, poll and
search views of the public site."""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from config import precache as precache_registry
from config.middleware import SW_CACHE_HEADER, SW_CACHEABLE
from config.sync import submit_form
from content.forms import PollVoteForm, QuizAnswerForm
from content.models import PollPage, QuizPage
from content.selectors import SEARCH_MAX_LENGTH, poll_results, search_pages
from content.services import (
    poll_vote_record,
    quiz_attempt_record,
    quiz_score,
)


@require_GET
def service_worker(request):
    """Render the worker with the current static URLs; a change of any of them bumps its version.

    What it keeps at install is what the apps registered in ``config.precache``.
    """
    precache = [
        reverse("offline"),
        reverse("sync_key"),  # so a form filled with no signal can still be sealed
        *(static(name) for name in precache_registry.static_files()),
    ]
    # Empty public forms that must open offline even before anyone visited them (the tip
    # form), in every language.
    pages = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pages.extend(reverse(name) for name in precache_registry.page_url_names())
    context = {
        "precache": precache,
        "precache_pages": pages,
        "outbox_core": static("js/outbox-core.js"),
        "sw_cache_header": SW_CACHE_HEADER,
        "sw_cacheable": sorted(SW_CACHEABLE),
    }
    body = render_to_string("sw.js", context)
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    body = body.replace("__SW_VERSION__", version)
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """Shown by the worker for a page that was never opened while online."""
    response = render(request, "offline.html")
    response[SW_CACHE_HEADER] = "shell"
    return response


# --- quizzes, polls and search: thin views over content.services and content.selectors -------


def _render_page(request, page, extra: dict, *, status: int = 200) -> TemplateResponse:
    """Render a Wagtail page's own template with *extra* context (a result, a form error)."""
    context = page.get_context(request)
    context.update(extra)
    return TemplateResponse(request, page.get_template(request), context, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def quiz_answers(request, quiz_id: int):
    """Score a quiz's answers and keep them as an anonymous attempt.

    A plain form POST (no JavaScript) gets the result page: score, explanations, hotline and
    related articles, ``no-store`` and never marked for the worker, at a URL that shows no one
    else anything (a GET goes back to the quiz). quiz.js sends the same answers through the
    outbox: the sync protocol (``config.sync``), encrypted, anonymous, once per UUID.
    Exempt from CSRF: the quiz page is cached for everyone, so it carries no token, and an
    attempt acts for no one.
    """
    quiz = get_object_or_404(QuizPage.objects.live().public(), pk=quiz_id)
    if request.method == "GET":
        return redirect(quiz.get_url(request))

    def save(form, submission):
        result = quiz_score(quiz=quiz, answers=form.answers())
        attempt = quiz_attempt_record(
            quiz=quiz,
            result=result,
            client_uuid=submission.uuid,
            taken_on=form.cleaned_data["taken_on"],
        )
        attempt.result = result
        return attempt

    return submit_form(
        request,
        kind="quiz_attempt",
        public=True,
        make_form=lambda submission: QuizAnswerForm(submission.data, quiz=quiz),
        save=save,
        on_success=lambda attempt: _render_page(request, quiz, {"result": attempt.result}),
        on_invalid=lambda form: _render_page(
            request, quiz, {"form_errors": form.non_field_errors()}, status=400
        ),
    )


# One vote per browser: after voting, a cookie lists the polls this browser voted in. It holds
# poll ids only, nothing that tells browsers or people apart, and the server keeps no copy.
VOTED_COOKIE = "safeward_voted"
VOTED_COOKIE_MAX_POLLS = 50


def _voted_polls(request) -> list[int]:
    raw = request.COOKIES.get(VOTED_COOKIE, "")
    return [int(part) for part in raw.split(".") if part.isdigit()]


@csrf_exempt
@require_http_methods(["GET", "POST"])
def poll_vote(request, poll_id: int):
    """Count a vote once per browser and show the poll's results as percentages."""
    poll = get_object_or_404(PollPage.objects.live().public(), pk=poll_id)
    if request.method == "GET":
        return redirect(poll.get_url(request))
    voted = _voted_polls(request)
    already_voted = poll.pk in voted
    form = PollVoteForm(request.POST, poll=poll)
    if not already_voted:
        if not form.is_valid():
            return _render_page(request, poll, {"form": form}, status=400)
        poll_vote_record(poll=poll, choice_id=form.cleaned_data["choice"])
    results, total = poll_results(poll=poll)
    response = _render_page(
        request,
        poll,
        {"results": results, "total_votes": total, "already_voted": already_voted},
    )
    if not already_voted:
        voted = [*voted, poll.pk][-VOTED_COOKIE_MAX_POLLS:]
        response.set_cookie(
            VOTED_COOKIE,
            ".".join(str(pk) for pk in voted),
            max_age=365 * 24 * 3600,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response


SEARCH_PER_PAGE = 10
SEARCH_SUGGESTIONS = [
    _("light work, high pay"),
    _("illegal exit"),
    _("marriage broker"),
    _("hotline"),
    _("victim support"),
]


@require_GET
def search(request):
    """Articles, FAQ and quizzes matching the query, with or without diacritics.

    The empty search page may be kept for offline use; result pages are ``no-store``: what
    someone searched for stays off the phone's caches.
    """
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    results = all_words = None
    if query:
        outcome = search_pages(query=query, locale=locale)
        paginator = Paginator(outcome.results, SEARCH_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
        all_words = outcome.all_words
    response = render(
        request,
        "content/search.html",
        {
            "query": query,
            "results": results,
            "all_words": all_words,
            "suggestions": SEARCH_SUGGESTIONS,
        },
    )
    if not query:
        response[SW_CACHE_HEADER] = "public"
    return response
