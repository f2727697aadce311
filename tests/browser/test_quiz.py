"""A resident takes a quiz on a 360 px phone: with JavaScript, without it, and offline."""

import json
import random

from content.models import QuizAttempt, QuizPage
from content.services import quiz_score
from tests.browser.conftest import PHONE, wait_for_worker

QUIZ = "/trac-nghiem/viec-lam-o-nuoc-ngoai/"
PENDING = "safeward.outbox.pending"


def _outbox(page):
    return page.evaluate("SafeWardOutboxCore.store.all()")


def _quiz():
    return QuizPage.objects.get(slug="viec-lam-o-nuoc-ngoai", locale__language_code="vi")


def _answer(page, quiz, *, wrong_first=False):
    """Tick the right answers (a wrong one for the first question if asked)."""
    for n, question in enumerate(quiz.question_list):
        for choice in question.choices:
            if choice.correct != (wrong_first and n == 0):
                page.locator(f'input[name="{question.field_name}"][value="{choice.id}"]').check()
                if not question.multiple:
                    break


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_take_a_quiz_with_javascript(page, site_server):
    quiz = _quiz()
    response = page.goto(site_server.url + QUIZ)
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "nonce" not in policy
    assert _no_horizontal_scroll(page)
    assert page.locator("[data-quiz-result]").is_hidden()
    assert page.locator(".explanation").count() == 0
    _answer(page, quiz, wrong_first=True)
    page.get_by_role("button", name="Xem kết quả").click()

    result = page.locator("[data-quiz-result]")
    assert result.is_visible()
    assert result.locator("[data-quiz-score]").inner_text() == "7/8 điểm (88%)"
    assert result.locator("[data-quiz-message]").inner_text() == quiz.result_message(88)
    assert page.locator(".question--wrong").count() == 1
    assert page.locator(".question--right").count() == 7
    assert page.locator(".explanation").first.is_visible()
    assert page.locator('[data-quiz-help] a[href="tel:111"]').is_visible()
    assert page.locator("[data-quiz-help] .related li").count() == 2
    assert _no_horizontal_scroll(page)

    # Sent at once through the outbox, anonymously, with the attempt's own key.
    result.locator("[data-quiz-status]").filter(has_text="gửi ẩn danh").wait_for()
    (item,) = _outbox(page)
    assert item["status"] == "sent" and item["userId"] == "anonymous"
    attempt = QuizAttempt.objects.get()
    assert (attempt.quiz_id, attempt.percent, attempt.max_score) == (quiz.pk, 88, 8)
    assert str(attempt.client_uuid) == item["uuid"]

    # Retake: a clean form, no right answer shown until the new answers are in.
    page.get_by_role("button", name="Làm lại").click()
    assert result.is_hidden()
    assert page.locator(".choice--right, .explanation, input:checked").count() == 0
    assert page.get_by_role("button", name="Xem kết quả").is_visible()


def test_browser_and_server_score_alike(page, site_server):
    quiz = _quiz()
    page.goto(site_server.url + QUIZ)
    data = json.loads(page.locator("#quiz-data").text_content())
    rng = random.Random(6)
    for _ in range(60):
        answers = {
            q.id: rng.sample([c.id for c in q.choices], rng.randint(0, len(q.choices)))
            for q in quiz.question_list
        }
        browser = page.evaluate("([d, a]) => SafeWardQuiz.score(d, a)", [data, answers])
        server = quiz_score(quiz=quiz, answers=answers)
        assert (browser["hundredths"], browser["percent"], browser["message"]) == (
            server.score_hundredths,
            server.percent,
            server.message,
        )
        assert [r["status"] for r in browser["questions"]] == [r.status for r in server.questions]


def test_take_a_quiz_with_javascript_off(browser, site_server):
    quiz = _quiz()
    context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.url + QUIZ)
    assert _no_horizontal_scroll(page)
    _answer(page, quiz, wrong_first=True)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Xem kết quả").click()
    response = navigation.value
    assert response.url == f"{site_server.url}/trac-nghiem/{quiz.pk}/ket-qua/"
    assert response.headers["cache-control"] == "no-store"
    assert "x-sw-cache" not in response.headers

    assert "7/8 điểm (88%)" in page.locator(".quiz-result__score").inner_text()
    wrong = quiz.question_list[0]
    assert page.get_by_text(
        next(c for c in wrong.choices if not c.correct).explanation
    ).is_visible()
    assert page.locator(".question--wrong").count() == 1
    assert page.locator('a[href="tel:111"]').first.is_visible()
    assert page.locator(".related li").count() == 2
    assert _no_horizontal_scroll(page)
    assert QuizAttempt.objects.get().percent == 88

    page.get_by_role("link", name="Làm lại").click()
    page.wait_for_url(site_server.url + QUIZ)
    assert page.locator("input:checked, .choice--right, .explanation").count() == 0
    context.close()


def test_take_a_visited_quiz_offline_and_send_it_later(page, site_server):
    quiz = _quiz()
    page.goto(site_server.url + "/")
    wait_for_worker(page)
    page.goto(site_server.url + QUIZ)

    site_server.stop()

    response = page.reload()
    assert response.from_service_worker
    _answer(page, quiz)
    page.get_by_role("button", name="Xem kết quả").click()
    assert page.locator("[data-quiz-score]").inner_text() == "8/8 điểm (100%)"
    status = page.locator("[data-quiz-status]")
    status.filter(has_text="Chưa có mạng").wait_for()
    (queued,) = _outbox(page)
    assert queued["status"] == "waiting"
    assert "viec-lam" not in json.dumps(queued["envelope"])  # sealed on the phone
    assert page.evaluate(f"localStorage.getItem('{PENDING}')") == "1"
    assert not QuizAttempt.objects.exists()

    site_server.start()

    # Any public page sends what waits: app.js loads the outbox while anonymous items wait.
    page.goto(site_server.url + "/bai-viet/")
    page.locator("h1").wait_for()
    deadline = 40
    while page.evaluate(f"localStorage.getItem('{PENDING}')") and deadline:
        page.wait_for_timeout(250)
        deadline -= 1
    attempt = QuizAttempt.objects.get()
    assert str(attempt.client_uuid) == queued["uuid"]
    assert attempt.percent == 100
