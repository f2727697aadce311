"""Quiz pages: what the page carries, the plain-form result, routing and the page tree."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from content.models import (
    ArticleIndexPage,
    HomePage,
    PollPage,
    QuizAttempt,
    QuizIndexPage,
    QuizPage,
)
from tests.factories import QuizPageFactory

pytestmark = pytest.mark.django_db

JOBS = "/trac-nghiem/viec-lam-o-nuoc-ngoai/"


@pytest.fixture
def quiz(demo):
    return QuizPage.objects.get(slug="viec-lam-o-nuoc-ngoai", locale__language_code="vi")


def _quiz_data(html: str) -> dict:
    match = re.search(r'<script id="quiz-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def _all_right(quiz) -> dict:
    return {q.field_name: sorted(q.correct_ids) for q in quiz.question_list}


def test_quiz_page_carries_what_the_browser_needs_to_score_offline(client, quiz):
    response = client.get(JOBS)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-SW-Cache"] == "public"
    data = _quiz_data(html)
    assert data["url"] == f"/trac-nghiem/{quiz.pk}/ket-qua/"
    assert [q["id"] for q in data["questions"]] == [q.id for q in quiz.question_list]
    first = quiz.question_list[0]
    assert data["questions"][0]["choices"][0] == {
        "id": first.choices[0].id,
        "correct": first.choices[0].correct,
        "explanation": first.choices[0].explanation,
    }
    assert data["bands"][0] == {"min": 0, "message": quiz.result_messages[0].value["message"]}
    assert data["strings"]["score"] == "%(score)s/%(max)s điểm (%(percent)s%%)"
    assert 'src="/static/js/quiz.js" defer' in html


def test_quiz_page_is_safe_to_cache_for_everyone(client, quiz):
    """No CSRF token, no cookie, no inline script or style: the same bytes suit everyone,
    under script-src 'self' (a JSON data block never executes)."""
    response = client.get(JOBS)
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert " style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert ' src="' in tag or 'type="application/json"' in tag, tag


def test_right_answers_are_not_shown_before_answering(client, quiz):
    html = client.get(JOBS).content.decode()
    visible = html.split('<script id="quiz-data"')[0]
    assert "choice--right" not in visible
    for question in quiz.question_list:
        for choice in question.choices:
            assert choice.explanation not in visible
    # Every question is a fieldset of radio buttons or check boxes, nothing pre-ticked.
    assert visible.count("<fieldset>") == len(quiz.question_list)
    assert "checked" not in visible


def test_plain_form_answers_get_the_result_page(client, quiz):
    answers = _all_right(quiz)
    first = quiz.question_list[0]
    wrong = next(c for c in first.choices if not c.correct)
    answers[first.field_name] = [wrong.id]
    response = client.post(f"/trac-nghiem/{quiz.pk}/ket-qua/", answers)
    html = response.content.decode()
    assert response.status_code == 200
    assert "7/8 điểm (88%)" in html
    assert quiz.result_message(88) in html
    assert wrong.explanation in html
    assert html.count("Đáp án đúng") == sum(len(q.correct_ids) for q in quiz.question_list)
    assert f'href="{quiz.url}"' in html  # take it again: the clean quiz page
    assert 'href="tel:111"' in html and 'href="tel:18001769"' in html
    related = re.search(r'<aside class="section related">(.*?)</aside>', html, re.S)
    assert related.group(1).count("<li>") == 2
    assert "Việc nhẹ lương cao" in related.group(1)
    attempt = QuizAttempt.objects.get()
    assert (attempt.quiz_id, attempt.percent, attempt.client_uuid) == (quiz.pk, 88, None)


def test_result_responses_are_never_cached_and_the_url_shows_nothing_later(client, quiz):
    url = f"/trac-nghiem/{quiz.pk}/ket-qua/"
    response = client.post(url, _all_right(quiz))
    assert response["Cache-Control"] == "no-store"
    assert "X-SW-Cache" not in response
    again = client.get(url)
    assert again.status_code == 302
    assert again["Location"] == quiz.url


def test_empty_answers_are_refused_with_a_message(client, quiz):
    response = client.post(f"/trac-nghiem/{quiz.pk}/ket-qua/", {})
    assert response.status_code == 400
    assert "Hãy trả lời ít nhất một câu hỏi." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_unpublished_quiz_takes_no_answers(client, quiz):
    quiz.unpublish()
    assert client.get(JOBS).status_code == 404
    response = client.post(f"/trac-nghiem/{quiz.pk}/ket-qua/", _all_right(quiz))
    assert response.status_code == 404
    assert not QuizAttempt.objects.exists()


def test_english_quiz_posts_to_the_english_result(client, demo):
    quiz = QuizPage.objects.get(locale__language_code="en")
    html = client.get(quiz.url).content.decode()
    assert _quiz_data(html)["url"] == f"/en/quiz/{quiz.pk}/result/"
    response = client.post(f"/en/quiz/{quiz.pk}/result/", _all_right(quiz))
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "8 of 8 points (100%)" in html
    # Related articles follow the quiz's language.
    assert "Light work, high pay" in html


def test_quiz_index_lists_quizzes_and_polls(client, demo):
    index = QuizIndexPage.objects.get(locale__language_code="vi")
    html = client.get(index.url).content.decode()
    for page in [*QuizPage.objects.child_of(index), *PollPage.objects.child_of(index)]:
        assert page.title in html
    assert "8 câu hỏi" in html


def test_quiz_pages_route_in_one_lookup(client, quiz):
    client.get(JOBS)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(JOBS).status_code == 200
    assert len(queries) <= 10
    assert client.get(JOBS + "them/").status_code == 404
    new = QuizPageFactory(parent=quiz.get_parent())
    assert client.get(new.url).status_code == 200


def test_every_new_page_type_is_a_public_page():
    from content.models import PublicPage

    for model in [QuizIndexPage, QuizPage, PollPage]:
        assert issubclass(model, PublicPage)


@pytest.mark.usefixtures("demo")
class QuizPageTreeTests(WagtailPageTestCase):
    """Where quizzes and polls may be created; the demo ones render."""

    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(QuizIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(QuizIndexPage, {QuizPage, PollPage})
        self.assertAllowedParentPageTypes(QuizPage, {QuizIndexPage})
        self.assertAllowedParentPageTypes(PollPage, {QuizIndexPage})
        self.assertAllowedSubpageTypes(QuizPage, {})
        self.assertCanNotCreateAt(ArticleIndexPage, QuizPage)

    def test_demo_quiz_and_poll_render(self):
        self.assertPageIsRenderable(QuizPage.objects.get(slug="gap-chuyen-thi-goi-ai"))
        self.assertPageIsRenderable(PollPage.objects.get(slug="tham-do-loi-moi-viec-lam"))


def test_communicator_previews_a_quiz_draft(client, quiz, login):
    login("communicator")
    response = client.get(f"/admin/pages/{quiz.pk}/view_draft/")
    assert response.status_code == 200
    assert quiz.question_list[0].text in response.content.decode()
    assert "X-SW-Cache" not in response


@pytest.mark.parametrize("username", ["communicator", "coordinator"])
def test_editors_may_add_quizzes(client, demo, login, username):
    login(username)
    index = QuizIndexPage.objects.get(locale__language_code="vi")
    assert client.get(f"/admin/pages/add/content/quizpage/{index.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/content/pollpage/{index.pk}/").status_code == 200


def test_campaign_staff_may_not_add_quizzes(client, demo, login):
    login("campaigns")
    index = QuizIndexPage.objects.get(locale__language_code="vi")
    response = client.get(f"/admin/pages/add/content/quizpage/{index.pk}/")
    assert response.status_code in (302, 403)


def test_the_worker_keeps_quiz_js_for_offline_scoring(client):
    body = client.get("/sw.js").content.decode()
    assert '"/static/js/quiz.js"' in body
