"""StreamField blocks shared by the public pages, each with its own template."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    """An image rendered as responsive WebP, with optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "content/blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A pulled quote with who said it."""

    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "content/blocks/quote_block.html"


class HotlineBlock(blocks.StructBlock):
    """A large "call now" button for one of the hotlines kept in the hotline settings."""

    hotline = blocks.ChoiceBlock(
        label=_("Hotline"),
        choices=[
            ("national", _("National hotline 111")),
            ("provincial", _("Quảng Ninh hotline 18001769")),
            ("sunshine", _("Sunshine House")),
        ],
        default="national",
    )
    message = blocks.CharBlock(
        label=_("Message"),
        required=False,
        max_length=200,
        help_text=_("Shown above the button, e.g. 'Suspect a job offer is a trap?'"),
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Call hotline")
        template = "content/blocks/hotline_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """Blocks allowed in an article body."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        template="content/blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    hotline = HotlineBlock()


class QuestionAnswerBlock(blocks.StructBlock):
    """One question and its answer, shown as a disclosure that works without JavaScript."""

    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "content/blocks/question_answer_block.html"


# --- quizzes and polls -------------------------------------------------------------------------


class LureType(models.TextChoices):
    """The lures a quiz question teaches residents to recognise."""

    JOB_ABROAD = "job_abroad", _("“Light work, high pay” jobs abroad")
    ILLEGAL_EXIT = "illegal_exit", _("Illegal border crossing")
    MARRIAGE = "marriage", _("Brokered marriage")
    ONLINE_FRIEND = "online_friend", _("Online friends and lovers")
    FAKE_RESCUE = "fake_rescue", _("Fake rescue and ransom")
    GETTING_HELP = "getting_help", _("Getting help")


@dataclass(frozen=True)
class QuizChoice:
    """One answer a resident may pick, normalised from any question block."""

    id: str
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class QuizQuestion:
    """One question of a quiz as scoring and the browser see it, whatever block it came from."""

    id: str
    kind: str
    text: str
    lure: str
    choices: tuple[QuizChoice, ...]

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(choice.id for choice in self.choices if choice.correct)

    @property
    def multiple(self) -> bool:
        return self.kind == "multiple_choice"

    @property
    def field_name(self) -> str:
        """The name of the question's inputs in the quiz form."""
        return f"q-{self.id}"


class AnswerChoiceBlock(blocks.StructBlock):
    """An answer with whether it is right and why, shown once the question has been answered."""

    text = blocks.CharBlock(label=_("Answer"), max_length=250)
    correct = blocks.BooleanBlock(label=_("Right answer"), required=False)
    explanation = blocks.TextBlock(
        label=_("Explanation"), help_text=_("Shown after answering, whichever answer was chosen.")
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class BaseQuestionBlock(blocks.StructBlock):
    """What every quiz question has: its text and the lure it is about."""

    question = blocks.TextBlock(label=_("Question"), max_length=400)
    lure = blocks.ChoiceBlock(
        label=_("Lure type"),
        choices=LureType.choices,
        default=LureType.JOB_ABROAD,
        search_index=False,
    )

    class Meta:
        icon = "help"

    def as_question(self, value, block_id: str) -> QuizQuestion:
        return QuizQuestion(
            id=block_id,
            kind=self.name,
            text=value["question"],
            lure=value["lure"],
            choices=tuple(self.get_choices(value)),
        )

    def get_choices(self, value):
        for child in value["choices"].bound_blocks:
            yield QuizChoice(
                id=child.id,
                text=child.value["text"],
                correct=bool(child.value["correct"]),
                explanation=child.value["explanation"],
            )


class ChoiceQuestionBlock(BaseQuestionBlock):
    """A question with answers to pick from; each kind says how many of them may be right."""

    def clean(self, value):
        value = super().clean(value)
        message = self.check_right_answers(sum(1 for c in value["choices"] if c["correct"]))
        if message:
            raise blocks.StructBlockValidationError(
                block_errors={"choices": ValidationError(message)}
            )
        return value

    def check_right_answers(self, count: int) -> str | None:
        """An error message if *count* right answers do not suit this kind of question."""
        return None


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    """A question with exactly one right answer (radio buttons)."""

    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("Answers"), min_num=2, max_num=6)

    class Meta:
        label = _("Single choice question")

    def check_right_answers(self, count):
        return None if count == 1 else _("Mark exactly one answer as right.")


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    """A question where several answers may be right (check boxes); partial credit applies."""

    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("Answers"), min_num=2, max_num=8)

    class Meta:
        label = _("Multiple choice question")

    def check_right_answers(self, count):
        return None if count else _("Mark at least one answer as right.")


class TrueFalseQuestionBlock(BaseQuestionBlock):
    """A statement the resident judges true or false; one explanation serves both answers."""

    answer = blocks.ChoiceBlock(
        label=_("The statement is"),
        choices=[("true", _("True")), ("false", _("False"))],
        default="false",
        search_index=False,
    )
    explanation = blocks.TextBlock(
        label=_("Explanation"), help_text=_("Shown after answering, whichever answer was chosen.")
    )

    class Meta:
        label = _("True or false")

    def get_choices(self, value):
        for choice_id, text in (("true", _("True")), ("false", _("False"))):
            yield QuizChoice(
                id=choice_id,
                text=str(text),
                correct=value["answer"] == choice_id,
                explanation=value["explanation"],
            )


class QuizQuestionsBlock(blocks.StreamBlock):
    """The questions of a quiz, of three kinds."""

    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()

    class Meta:
        min_num = 1
        max_num = 20


class ScoreBandBlock(blocks.StructBlock):
    """A message for results at or above a share of the points."""

    min_percent = blocks.IntegerBlock(
        label=_("Threshold (percent of points)"), min_value=0, max_value=100, default=0
    )
    message = blocks.TextBlock(label=_("Message"))

    class Meta:
        icon = "pick"
        label = _("Result message")


class PollChoiceBlock(blocks.CharBlock):
    """One answer of a poll."""

    class Meta:
        icon = "radio-full"
        label = _("Answer")
