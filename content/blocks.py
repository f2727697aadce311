"""StreamField blocks shared by the public pages, each with its own template."""

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
