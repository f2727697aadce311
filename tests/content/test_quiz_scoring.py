"""Scoring of every question kind, partial credit for multiple choice, bands and rounding."""

import pytest
from django.core.exceptions import ValidationError

from content.blocks import MultipleChoiceQuestionBlock, SingleChoiceQuestionBlock
from content.models import QuizPage
from content.services import quiz_score
from tests.factories import quiz_questions

pytestmark = pytest.mark.django_db

BANDS = [
    {"type": "band", "value": {"min_percent": 0, "message": "Cố lên"}},
    {"type": "band", "value": {"min_percent": 75, "message": "Giỏi lắm"}},
]


@pytest.fixture
def quiz():
    return QuizPage(title="Thử", questions=quiz_questions(), result_messages=BANDS)


def _one(quiz, question_id, picked):
    result = quiz_score(quiz=quiz, answers={question_id: picked})
    return next(r for r in result.questions if r.question.id == question_id)


def test_questions_are_normalised_from_every_block_kind(quiz):
    kinds = [(q.id, q.kind, len(q.choices)) for q in quiz.question_list]
    assert kinds == [
        ("single", "single_choice", 3),
        ("multi", "multiple_choice", 4),
        ("truefalse", "true_false", 2),
        ("multi-all", "multiple_choice", 3),
    ]
    truefalse = quiz.question_list[2]
    assert [(c.id, c.correct) for c in truefalse.choices] == [("true", True), ("false", False)]
    assert truefalse.field_name == "q-truefalse"


@pytest.mark.parametrize(
    ("picked", "credit", "status"),
    [
        (["single-b"], 100, "right"),
        (["single-a"], 0, "wrong"),
        ([], 0, "skipped"),
        # Two answers sent to a one-answer question (only a hand-made request can) earn nothing.
        (["single-a", "single-b"], 0, "wrong"),
    ],
)
def test_single_choice_is_all_or_nothing(quiz, picked, credit, status):
    result = _one(quiz, "single", picked)
    assert (result.credit_hundredths, result.status) == (credit, status)


@pytest.mark.parametrize(
    ("picked", "credit", "status"), [(["true"], 100, "right"), (["false"], 0, "wrong")]
)
def test_true_false(quiz, picked, credit, status):
    result = _one(quiz, "truefalse", picked)
    assert (result.credit_hundredths, result.status) == (credit, status)


@pytest.mark.parametrize(
    ("picked", "credit", "status"),
    [
        # Two right (a, b) and two wrong (c, d): +1/2 per right tick, -1/2 per wrong tick.
        (["a", "b"], 100, "right"),
        (["a"], 50, "partly"),
        (["a", "b", "c"], 50, "partly"),
        (["a", "c"], 0, "wrong"),
        (["a", "b", "c", "d"], 0, "wrong"),
        (["c"], 0, "wrong"),
        (["c", "d"], 0, "wrong"),
        ([], 0, "skipped"),
    ],
)
def test_multiple_choice_gives_partial_credit(quiz, picked, credit, status):
    result = _one(quiz, "multi", [f"multi-{key}" for key in picked])
    assert (result.credit_hundredths, result.status) == (credit, status)
    assert result.correct is (status == "right")


@pytest.mark.parametrize(
    ("picked", "credit"), [(["a"], 33), (["a", "b"], 67), (["a", "b", "c"], 100)]
)
def test_multiple_choice_without_wrong_answers_rounds_half_up(quiz, picked, credit):
    assert _one(quiz, "multi-all", [f"multi-all-{k}" for k in picked]).credit_hundredths == credit


def test_total_score_percent_and_band(quiz):
    everything_right = {
        "single": ["single-b"],
        "multi": ["multi-a", "multi-b"],
        "truefalse": ["true"],
        "multi-all": ["multi-all-a", "multi-all-b", "multi-all-c"],
    }
    result = quiz_score(quiz=quiz, answers=everything_right)
    assert (result.score_hundredths, result.max_score, result.percent) == (400, 4, 100)
    assert result.right_count == 4
    assert result.message == "Giỏi lắm"

    # 1 + 0.5 = 1.5 of 4 points = 37.5 % -> 38 %, in the lowest band.
    result = quiz_score(quiz=quiz, answers={"single": ["single-b"], "multi": ["multi-a"]})
    assert str(result.score) == "1.5"
    assert result.percent == 38
    assert result.message == "Cố lên"
    assert result.answers() == {"single": ["single-b"], "multi": ["multi-a"]}


def test_unknown_questions_and_answers_are_ignored(quiz):
    result = quiz_score(quiz=quiz, answers={"nope": ["x"], "single": ["forged"]})
    assert result.score_hundredths == 0
    assert {r.status for r in result.questions} == {"skipped"}


def test_no_band_no_message():
    quiz = QuizPage(title="Thử", questions=quiz_questions(), result_messages=[])
    assert quiz_score(quiz=quiz, answers={}).message == ""


def test_explanations_show_once_under_the_right_answer(quiz):
    truefalse = _one(quiz, "truefalse", ["false"])
    shown = [(choice.id, explain) for choice, _picked, explain in truefalse.choices]
    assert shown == [("true", True), ("false", False)]
    multi = _one(quiz, "multi", ["multi-c"])
    assert all(explain for _choice, _picked, explain in multi.choices)
    assert [picked for _choice, picked, _explain in multi.choices] == [False, False, True, False]


def _choice_values(*rights):
    return {
        "question": "?",
        "lure": "job_abroad",
        "choices": [
            {"text": f"Đáp án {i}", "correct": r, "explanation": "Vì"} for i, r in enumerate(rights)
        ],
    }


@pytest.mark.parametrize("rights", [(False, False), (True, True)])
def test_single_choice_needs_exactly_one_right_answer(rights):
    block = SingleChoiceQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python(_choice_values(*rights)))
    block.clean(block.to_python(_choice_values(True, False)))


def test_multiple_choice_needs_a_right_answer():
    block = MultipleChoiceQuestionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python(_choice_values(False, False, False)))
    block.clean(block.to_python(_choice_values(True, True, False)))
