"""Anonymous attempts: no personal data, one row per client key, the sync protocol."""

import datetime
import threading
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.utils import timezone

from content.models import QuizAnswer, QuizAnswerChoice, QuizAttempt, QuizPage

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 9; Redmi 7A) SafeWardTest/1.0"


@pytest.fixture
def quiz(demo):
    return QuizPage.objects.get(slug="hon-nhan-qua-moi-gioi", locale__language_code="vi")


def _answers(quiz, right=True) -> dict:
    answers = {}
    for question in quiz.question_list:
        choices = [c for c in question.choices if c.correct == right]
        answers[question.field_name] = [c.id for c in choices][: None if right else 1]
    return answers


def _send(client, quiz, answers, key, **extra):
    headers = {"HTTP_ACCEPT": "application/json"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = str(key)
    return client.post(f"/trac-nghiem/{quiz.pk}/ket-qua/", answers, **headers, **extra)


def test_attempt_models_have_no_field_for_personal_data():
    allowed = {
        QuizAttempt: {
            "id",
            "quiz",
            "client_uuid",
            "taken_on",
            "received_on",
            "score",
            "max_score",
            "percent",
            "answers",
        },
        QuizAnswer: {"id", "attempt", "question_id", "correct", "credit", "picks"},
        QuizAnswerChoice: {"id", "answer", "choice_id", "right"},
    }
    user_model = get_user_model()
    for model, names in allowed.items():
        fields = model._meta.get_fields()
        assert {field.name for field in fields} == names, model
        for field in fields:
            assert field.related_model is not user_model
            assert field.get_internal_type() != "DateTimeField", "times would help re-identify"


@pytest.mark.parametrize("signed_in", [False, True])
def test_an_attempt_stores_nothing_about_who_sent_it(client, quiz, login, signed_in):
    if signed_in:
        user = login("communicator")
    client.cookies["tracking"] = "cookie-value-123"
    response = _send(
        client, quiz, _answers(quiz), uuid.uuid4(), REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT
    )
    assert response.status_code == 201
    attempt = QuizAttempt.objects.get()
    rows = [attempt, *attempt.answers.all(), *QuizAnswerChoice.objects.all()]
    stored = " ".join(
        str(getattr(row, field.attname)) for row in rows for field in row._meta.concrete_fields
    )
    for secret in [IP, AGENT, "cookie-value-123", client.session.session_key or "-"]:
        assert secret not in stored
    if signed_in:
        # No user column exists (see above); the name does not slip into another one either.
        assert user.username not in stored
    # Dates only, to the day.
    assert attempt.taken_on == attempt.received_on == timezone.localdate()


def test_answers_are_kept_per_question_for_the_statistics(client, quiz):
    answers = _answers(quiz, right=False)
    assert _send(client, quiz, answers, uuid.uuid4()).status_code == 201
    attempt = QuizAttempt.objects.get()
    assert attempt.answers.count() == len(quiz.question_list)
    assert not attempt.answers.filter(correct=True).exists()
    assert QuizAnswerChoice.objects.filter(answer__attempt=attempt, right=False).count() == len(
        quiz.question_list
    )
    assert attempt.percent == 0


def test_first_receipt_then_the_same_receipt_then_a_conflict(client, quiz):
    key = uuid.uuid4()
    first = _send(client, quiz, _answers(quiz), key)
    assert first.status_code == 201
    receipt = first.json()
    assert receipt["uuid"] == str(key)
    assert receipt["kind"] == "quiz_attempt"
    assert receipt["received_at"].startswith(timezone.localdate().isoformat())
    assert QuizAttempt.objects.get(pk=receipt["id"]).percent == 100

    again = _send(client, quiz, _answers(quiz), key)
    assert again.status_code == 200
    assert again.json() == receipt

    other = _send(client, quiz, _answers(quiz, right=False), key)
    assert other.status_code == 409
    assert other.json() == {"uuid": str(key), "conflict": "uuid_reused"}
    assert QuizAttempt.objects.count() == 1


def test_json_requests_need_a_key_and_answers(client, quiz):
    missing = _send(client, quiz, _answers(quiz), None)
    assert missing.status_code == 400
    assert "Idempotency-Key" in missing.json()["errors"]["__all__"][0]
    empty = _send(client, quiz, {}, uuid.uuid4())
    assert empty.status_code == 400
    assert empty.json()["errors"]["__all__"] == ["Hãy trả lời ít nhất một câu hỏi."]
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize(
    ("days_ago", "kept"), [(0, True), (3, True), (89, True), (200, False), (-5, False)]
)
def test_an_attempt_answered_offline_keeps_its_day_if_plausible(client, quiz, days_ago, kept):
    today = timezone.localdate()
    taken = today - datetime.timedelta(days=days_ago)
    answers = {**_answers(quiz), "taken_on": taken.isoformat()}
    assert _send(client, quiz, answers, uuid.uuid4()).status_code == 201
    attempt = QuizAttempt.objects.get()
    assert attempt.taken_on == (taken if kept else today)
    assert attempt.received_on == today


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_attempt_sent_at_once_by_eight_requests_is_stored_once(demo):
    quiz = QuizPage.objects.get(slug="hon-nhan-qua-moi-gioi", locale__language_code="vi")
    key = uuid.uuid4()
    answers = _answers(quiz)
    statuses = []
    start = threading.Barrier(8)

    def send():
        try:
            start.wait()
            statuses.append(_send(Client(), quiz, answers, key).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 7 + [201]
    assert QuizAttempt.objects.filter(client_uuid=key).count() == 1
    assert QuizAnswer.objects.count() == len(quiz.question_list)
