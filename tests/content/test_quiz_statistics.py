"""Per-question statistics for communicators: figures, filters, XLSX export, permissions."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from content.models import QuizAnswer, QuizPage
from content.selectors import quiz_question_stats
from content.services import quiz_attempt_record, quiz_score
from tests.factories import QuizIndexPageFactory, QuizPageFactory

pytestmark = pytest.mark.django_db

URL = "/admin/quiz_statistics/"


@pytest.fixture
def quiz(demo):
    from content.models import HomePage

    home = HomePage.objects.get(locale__language_code="vi")
    return QuizPageFactory(parent=QuizIndexPageFactory(parent=home), title="Thống kê thử")


def _take(quiz, answers, day):
    result = quiz_score(quiz=quiz, answers=answers)
    quiz_attempt_record(quiz=quiz, result=result, taken_on=day)


@pytest.fixture
def attempts(quiz):
    march, april = datetime.date(2025, 3, 10), datetime.date(2025, 4, 2)
    _take(quiz, {"single": ["single-b"], "multi": ["multi-a", "multi-c"]}, march)
    _take(quiz, {"single": ["single-a"], "multi": ["multi-c"]}, march)
    _take(quiz, {"single": ["single-c"], "multi": ["multi-a", "multi-b"]}, march)
    _take(quiz, {"single": ["single-a"], "truefalse": ["false"]}, april)
    return quiz


def _stat(stats, month, question):
    return next(s for s in stats if s.month.month == month and s.question == question)


def test_attempts_right_share_and_most_chosen_wrong_answer_by_month(attempts):
    stats = quiz_question_stats(answers=QuizAnswer.objects.filter(attempt__quiz=attempts))
    assert {(s.month, s.attempts) for s in stats} == {
        (datetime.date(2025, 3, 1), 3),
        (datetime.date(2025, 4, 1), 1),
    }
    single = _stat(stats, 3, "Câu hỏi chọn một")
    assert (single.position, single.attempts, single.right, single.percent_right) == (1, 3, 1, 33)
    # "a" and "c" were each picked once in March: the tie goes to the first answer.
    assert (single.wrong_choice, single.wrong_choice_count) == ("Đáp án a", 1)
    multi = _stat(stats, 3, "Câu hỏi chọn nhiều")
    assert (multi.right, multi.wrong_choice, multi.wrong_choice_count) == (1, "Đáp án c", 2)
    assert multi.lure == "Hôn nhân qua môi giới"
    # A question nobody answered wrongly has no wrong answer to show.
    all_right = _stat(stats, 3, "Câu hỏi mọi đáp án đều đúng")
    assert (all_right.attempts, all_right.right, all_right.wrong_choice) == (3, 0, "")
    truefalse = _stat(stats, 4, "Nhận định đúng")
    assert (truefalse.right, truefalse.wrong_choice, truefalse.month_label) == (0, "Sai", "04/2025")


def test_removed_questions_still_count(attempts):
    del attempts.questions[2]  # the true/false question
    attempts.save_revision().publish()
    stats = quiz_question_stats(answers=QuizAnswer.objects.filter(attempt__quiz=attempts))
    removed = [s for s in stats if s.position == 0]
    assert removed and all(s.question == "(câu hỏi đã bị xóa)" for s in removed)


def test_counting_takes_two_queries_however_many_attempts(attempts, django_assert_max_num_queries):
    for day in range(20):
        _take(attempts, {"single": ["single-b"]}, datetime.date(2025, 5, day + 1))
    with django_assert_max_num_queries(3):
        quiz_question_stats(answers=QuizAnswer.objects.all())


@pytest.mark.parametrize("username", ["communicator", "coordinator"])
def test_communicators_and_coordinators_see_the_statistics(client, attempts, login, username):
    login(username)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Câu hỏi chọn nhiều" in html and "Đáp án c" in html
    assert response["Cache-Control"] == "no-store"
    assert client.get(URL + "results/").status_code == 200
    assert URL in client.get("/admin/").content.decode()


def test_statistics_filter_by_quiz_and_period(client, attempts, login):
    login("communicator")
    response = client.get(URL, {"quiz": attempts.pk, "taken_from": "01/04/2025"})
    rows = response.context["object_list"]
    assert {row.month_label for row in rows} == {"04/2025"}
    other = QuizPage.objects.get(slug="viec-lam-o-nuoc-ngoai")
    assert not client.get(URL, {"quiz": other.pk}).context["object_list"]


def test_statistics_export_to_xlsx(client, attempts, login):
    login("communicator")
    response = client.get(URL, {"export": "xlsx", "quiz": attempts.pk})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="quiz-statistics')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Trắc nghiệm", "Ngôn ngữ", "Tháng", "STT")
    multi = next(row for row in rows if row[4] == "Câu hỏi chọn nhiều" and row[2] == "03/2025")
    assert multi[6:] == (3, 33, "Đáp án c", 2)


@pytest.mark.parametrize("username", ["campaigns"])
def test_campaign_staff_may_not_see_the_statistics(client, attempts, login, username):
    login(username)
    for url in [URL, URL + "results/", URL + "?export=xlsx"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert URL not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("username", ["leader-cao-xanh", "leader-hong-gai"])
def test_club_leaders_may_not_see_the_statistics(client, attempts, login, username):
    # Leaders reach the admin for their club's records, but not the quiz statistics.
    login(username)
    for url in [URL, URL + "results/", URL + "?export=xlsx"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert URL not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_login(client, attempts):
    response = client.get(URL + "?export=xlsx")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
