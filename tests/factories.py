"""Factories for test data (pages build on the demo home page) and phone-like photos."""

import datetime
import io

import factory
import wagtail_factories
from PIL import Image

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    PollPage,
    QuizIndexPage,
    QuizPage,
)


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Bài viết"
    slug = factory.Sequence(lambda n: f"bai-viet-{n}")

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bài viết thử số {n}")
    slug = factory.Sequence(lambda n: f"bai-thu-{n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    summary = "Một bài viết để kiểm thử."
    topic = ArticlePage.Topic.LURES
    hero_image = factory.SubFactory(wagtail_factories.ImageFactory)
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>Nội dung thử nghiệm.</p>"}]
    )

    class Meta:
        model = ArticlePage


def _choices(question: str, answers: list[tuple[str, bool]]) -> list[dict]:
    return [
        {
            "type": "item",
            "id": f"{question}-{key}",
            "value": {"text": f"Đáp án {key}", "correct": right, "explanation": f"Vì sao {key}"},
        }
        for key, right in answers
    ]


def quiz_questions() -> list[dict]:
    """One question of each kind with readable ids: "single", "multi" (two right of four),
    "truefalse" (true) and "multi-all" (every answer right)."""
    return [
        {
            "type": "single_choice",
            "id": "single",
            "value": {
                "question": "Câu hỏi chọn một",
                "lure": "job_abroad",
                "choices": _choices("single", [("a", False), ("b", True), ("c", False)]),
            },
        },
        {
            "type": "multiple_choice",
            "id": "multi",
            "value": {
                "question": "Câu hỏi chọn nhiều",
                "lure": "marriage",
                "choices": _choices(
                    "multi", [("a", True), ("b", True), ("c", False), ("d", False)]
                ),
            },
        },
        {
            "type": "true_false",
            "id": "truefalse",
            "value": {
                "question": "Nhận định đúng",
                "lure": "getting_help",
                "answer": "true",
                "explanation": "Vì nhận định này đúng",
            },
        },
        {
            "type": "multiple_choice",
            "id": "multi-all",
            "value": {
                "question": "Câu hỏi mọi đáp án đều đúng",
                "lure": "fake_rescue",
                "choices": _choices("multi-all", [("a", True), ("b", True), ("c", True)]),
            },
        },
    ]


class QuizIndexPageFactory(wagtail_factories.PageFactory):
    title = "Trắc nghiệm"
    slug = factory.Sequence(lambda n: f"trac-nghiem-{n}")

    class Meta:
        model = QuizIndexPage


class QuizPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Trắc nghiệm thử số {n}")
    slug = factory.Sequence(lambda n: f"trac-nghiem-thu-{n}")
    intro = "Một bài trắc nghiệm để kiểm thử."
    questions = factory.LazyFunction(quiz_questions)
    result_messages = factory.LazyFunction(
        lambda: [
            {"type": "band", "value": {"min_percent": 0, "message": "Cố lên"}},
            {"type": "band", "value": {"min_percent": 75, "message": "Giỏi lắm"}},
        ]
    )

    class Meta:
        model = QuizPage


class PollPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thăm dò thử số {n}")
    slug = factory.Sequence(lambda n: f"tham-do-thu-{n}")
    question = "Bạn thích câu trả lời nào?"
    choices = factory.LazyFunction(
        lambda: [
            {"type": "choice", "value": text, "id": key}
            for key, text in [("yes", "Có"), ("no", "Không"), ("maybe", "Chưa rõ")]
        ]
    )

    class Meta:
        model = PollPage


def make_jpeg(*, size=(2400, 1800), exif_gps=False, color=(120, 80, 60)) -> io.BytesIO:
    """A JPEG like a phone's: large, optionally with a GPS position in its EXIF."""
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        gps = exif.get_ifd(0x8825)
        gps[1] = "N"
        gps[2] = (20.0, 57.0, 3.0)  # 20°57' N: Hạ Long
        gps[3] = "E"
        gps[4] = (107.0, 4.0, 30.0)
        kwargs["exif"] = exif
    image.save(buffer, format="JPEG", **kwargs)
    buffer.seek(0)
    return buffer
