"""Business rules of the public content: quiz scoring, anonymous attempts and poll votes.

Scoring is a pure function (``quiz_score``); ``static/js/quiz.js`` applies the same rules in
the browser so a quiz can be scored offline. Points are counted in hundredths, rounded half up,
so both sides round the same way.

Each question is worth one point. Single choice and true/false: all or nothing. Multiple
choice with *n* right and *m* wrong answers, partial credit: each right answer ticked earns
1/n of the point, each wrong answer ticked costs 1/m, and the credit never goes below zero.
So ticking every box earns nothing, one of two right answers earns half a point, one right
and one wrong tick cancel out when there are as many wrong as right answers, and a question
counts as *right* (in the statistics) only when exactly the right answers are ticked.
"""

import datetime
import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import transaction

from content.blocks import QuizChoice, QuizQuestion
from content.models import (
    PollPage,
    PollVote,
    QuizAnswer,
    QuizAnswerChoice,
    QuizAttempt,
    QuizPage,
)


@dataclass(frozen=True)
class QuestionResult:
    """How one question was answered and what it earned."""

    question: QuizQuestion
    chosen: frozenset[str]
    credit_hundredths: int

    @property
    def credit(self) -> Decimal:
        return Decimal(self.credit_hundredths) / 100

    @property
    def correct(self) -> bool:
        return self.chosen == self.question.correct_ids

    @property
    def answered(self) -> bool:
        return bool(self.chosen)

    @property
    def status(self) -> str:
        """Whether the question is "right", "partly" right, "wrong" or "skipped"."""
        if self.correct:
            return "right"
        if not self.chosen:
            return "skipped"
        return "partly" if self.credit_hundredths else "wrong"

    @property
    def choices(self) -> list[tuple[QuizChoice, bool, bool]]:
        """Each choice, whether it was picked, and whether its explanation is shown there.

        Each distinct explanation is shown once, under a right answer if one has it (a
        true/false statement has one explanation for both answers).
        """
        choices = self.question.choices
        host: dict[str, int] = {}
        for i, choice in enumerate(choices):
            if not choice.explanation:
                continue
            first = host.get(choice.explanation)
            if first is None or (choice.correct and not choices[first].correct):
                host[choice.explanation] = i
        return [
            (choice, choice.id in self.chosen, host.get(choice.explanation) == i)
            for i, choice in enumerate(choices)
        ]


@dataclass(frozen=True)
class QuizResult:
    """The score of one set of answers to a quiz."""

    questions: tuple[QuestionResult, ...]
    score_hundredths: int
    max_score: int
    percent: int
    message: str

    @property
    def score(self) -> Decimal:
        return Decimal(self.score_hundredths) / 100

    @property
    def right_count(self) -> int:
        return sum(1 for result in self.questions if result.correct)

    def answers(self) -> dict[str, list[str]]:
        """The picked answers as plain data, question id -> sorted choice ids."""
        return {r.question.id: sorted(r.chosen) for r in self.questions if r.chosen}


def _round_half_up(value: Fraction) -> int:
    """Round a non-negative fraction to the nearest whole, halves up (like JavaScript)."""
    return math.floor(value + Fraction(1, 2))


def question_credit(*, question: QuizQuestion, chosen: frozenset[str]) -> int:
    """Hundredths of a point earned by *chosen* on *question* (see the module docstring)."""
    right = question.correct_ids
    if not question.multiple:
        return 100 if chosen == right else 0
    wrong_total = len(question.choices) - len(right)
    credit = Fraction(len(chosen & right), len(right))
    if wrong_total:
        credit -= Fraction(len(chosen - right), wrong_total)
    return _round_half_up(100 * credit) if credit > 0 else 0


def quiz_score(*, quiz: QuizPage, answers: Mapping[str, Iterable[str]]) -> QuizResult:
    """Score *answers* (question id -> picked choice ids) against the quiz's questions.

    Unknown question or choice ids are ignored; an unanswered question earns nothing.
    """
    results = []
    for question in quiz.question_list:
        known = {choice.id for choice in question.choices}
        chosen = frozenset(answers.get(question.id, ())) & known
        results.append(
            QuestionResult(
                question=question,
                chosen=chosen,
                credit_hundredths=question_credit(question=question, chosen=chosen),
            )
        )
    max_score = len(results)
    score = sum(result.credit_hundredths for result in results)
    percent = _round_half_up(Fraction(score, max_score)) if max_score else 0
    return QuizResult(
        questions=tuple(results),
        score_hundredths=score,
        max_score=max_score,
        percent=percent,
        message=quiz.result_message(percent),
    )


@transaction.atomic
def quiz_attempt_record(
    *,
    quiz: QuizPage,
    result: QuizResult,
    client_uuid: uuid.UUID | None = None,
    taken_on: datetime.date | None = None,
) -> QuizAttempt:
    """Store an anonymous attempt: the quiz, the day, the score and the picked answers.

    Nothing about the person is stored. Sending the same attempt twice is the sync
    protocol's business (``config.sync``): it stores each *client_uuid* once.
    """
    attempt = QuizAttempt(
        quiz=quiz,
        client_uuid=client_uuid,
        score=result.score,
        max_score=result.max_score,
        percent=result.percent,
    )
    if taken_on is not None:
        attempt.taken_on = taken_on
    attempt.save()
    answers = QuizAnswer.objects.bulk_create(
        QuizAnswer(
            attempt=attempt,
            question_id=r.question.id,
            correct=r.correct,
            credit=r.credit,
        )
        for r in result.questions
    )
    QuizAnswerChoice.objects.bulk_create(
        QuizAnswerChoice(answer=answer, choice_id=choice.id, right=choice.correct)
        for answer, r in zip(answers, result.questions, strict=True)
        for choice, picked, _explain in r.choices
        if picked
    )
    return attempt


def poll_vote_record(*, poll: PollPage, choice_id: str) -> PollVote:
    """Count one anonymous vote for *choice_id* (one of the poll's answers)."""
    if choice_id not in {cid for cid, _ in poll.choice_list}:
        raise ValueError(f"{choice_id!r} is not an answer of poll {poll.pk}")
    return PollVote.objects.create(poll=poll, choice_id=choice_id)
