"""Demo awareness content: the prose is data, this module loads it.

The Vietnamese pages (home, articles, FAQ, quizzes, poll) are in ``content/data/demo_vi.yaml``
and their English translations in ``content/data/demo_en.yaml``, written for SafeWard from
the facts (never the sentences) of shared/seeds. The pictures are drawn here, so the
repository ships no third-party images.

Idempotent: pages are found by slug (translations by translation key), images by title, and
nothing that already exists is changed, so ``load_demo`` can run any number of times.

Page bodies in the data files are lists of blocks, one key each: ``paragraphs`` (a list of
paragraphs), ``heading``, ``list`` (items), ``quote`` (``text``, ``who``), ``hotline``
(``number``: national or provincial, ``message``), ``image`` (``title``, ``alt``,
``caption``). Quiz questions are ``single``, ``multiple`` (``answers``: ``text``, ``right``,
``why``) or ``true_false`` (``true``, ``why``); ``lure`` names the trick it teaches.
"""

import io
import math
import uuid
from functools import cache
from pathlib import Path

import yaml
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    FAQPage,
    HomePage,
    HotlineSettings,
    PollPage,
    QuizIndexPage,
    QuizPage,
    QuizRelatedArticle,
)

DATA = Path(__file__).resolve().parent / "data"
QUESTION_KINDS = {"single": "single_choice", "multiple": "multiple_choice"}

GREEN = (11, 93, 75)
SEA = (38, 120, 150)
SKY = (200, 229, 236)
SAND = (240, 226, 190)
WHITE = (255, 255, 255)
RED = (179, 38, 30)
GOLD = (242, 169, 0)
INK = (40, 40, 40)


# --- images, drawn here so the repository ships no third-party pictures -------------------


def _bay(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """Limestone islands in a calm bay, the view every Hạ Long resident knows."""
    draw.rectangle([0, 0, w, h * 0.55], fill=SKY)
    draw.rectangle([0, h * 0.55, w, h], fill=SEA)
    for cx, width, height in [
        (0.18, 0.16, 0.38),
        (0.42, 0.1, 0.28),
        (0.7, 0.2, 0.45),
        (0.9, 0.08, 0.22),
    ]:
        x, half = cx * w, width * w / 2
        draw.polygon(
            [
                (x - half, h * 0.58),
                (x - half * 0.6, h * (0.58 - height)),
                (x + half * 0.4, h * (0.58 - height * 1.05)),
                (x + half, h * 0.58),
            ],
            fill=GREEN,
        )
    for i in range(6):
        y = h * (0.68 + i * 0.05)
        draw.line([(w * 0.1 + i * 30, y), (w * 0.3 + i * 30, y)], fill=WHITE, width=2)


def _phone(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """A phone showing a chat with a too-good-to-be-true job offer."""
    draw.rectangle([0, 0, w, h], fill=SAND)
    px, py, pw, ph = w * 0.36, h * 0.08, w * 0.28, h * 0.84
    draw.rounded_rectangle([px, py, px + pw, py + ph], radius=24, fill=INK)
    draw.rounded_rectangle([px + 10, py + 24, px + pw - 10, py + ph - 24], radius=10, fill=WHITE)
    for i, (left, colour) in enumerate([(True, SKY), (False, GOLD), (True, SKY), (False, RED)]):
        top = py + 40 + i * ph * 0.17
        x0 = px + 20 if left else px + pw * 0.35
        draw.rounded_rectangle([x0, top, x0 + pw * 0.55, top + ph * 0.11], radius=8, fill=colour)
    draw.ellipse([w * 0.72, h * 0.18, w * 0.86, h * 0.18 + w * 0.14], fill=RED)
    draw.rectangle([w * 0.785, h * 0.22, w * 0.795, h * 0.32], fill=WHITE)
    draw.rectangle([w * 0.785, h * 0.35, w * 0.795, h * 0.37], fill=WHITE)


def _circle_meeting(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """Club members sitting in a circle: the monthly meeting."""
    draw.rectangle([0, 0, w, h], fill=(232, 242, 238))
    cx, cy, r = w / 2, h / 2, min(w, h) * 0.3
    draw.ellipse([cx - r * 0.6, cy - r * 0.35, cx + r * 0.6, cy + r * 0.35], fill=SAND)
    for i in range(9):
        angle = 2 * math.pi * i / 9
        x, y = cx + r * math.cos(angle) * 1.25, cy + r * math.sin(angle) * 0.8
        colour = [GREEN, RED, GOLD, SEA][i % 4]
        draw.ellipse([x - 16, y - 34, x + 16, y - 2], fill=(120, 80, 60))
        draw.rounded_rectangle([x - 24, y, x + 24, y + 44], radius=12, fill=colour)


def _leaflets(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """A fan of leaflets and a booklet on a table."""
    draw.rectangle([0, 0, w, h], fill=(245, 240, 230))
    for i, colour in enumerate([SEA, GREEN, RED, GOLD]):
        x = w * (0.14 + i * 0.17)
        y = h * (0.2 + (i % 2) * 0.06)
        draw.rectangle([x, y, x + w * 0.2, y + h * 0.58], fill=WHITE, outline=INK, width=2)
        draw.rectangle([x + 10, y + 12, x + w * 0.2 - 10, y + h * 0.2], fill=colour)
        for line in range(5):
            ly = y + h * 0.26 + line * 16
            draw.line([(x + 12, ly), (x + w * 0.2 - 14, ly)], fill=(150, 150, 150), width=3)


DRAWINGS = {
    "Vịnh Hạ Long": _bay,
    "Điện thoại và lời mời việc làm": _phone,
    "Buổi sinh hoạt câu lạc bộ": _circle_meeting,
    "Tờ rơi và sổ tay hỏi đáp": _leaflets,
}


def demo_image(title: str):
    """Return the demo image called *title*, drawing and saving it the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = 960, 540
    picture = PILImage.new("RGB", (width, height), WHITE)
    DRAWINGS[title](ImageDraw.Draw(picture), width, height)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    slug = "".join(ch for ch in title.lower() if ch.isalnum())[:20] or "demo"
    image = Image(title=title, description=title)
    image.file = ImageFile(buffer, name=f"demo-{slug}.png")
    image.save()
    return image


# --- the data files ---------------------------------------------------------------------------


@cache
def data(language: str) -> dict:
    """The demo content of one language (``vi`` or ``en``), read once."""
    return yaml.safe_load((DATA / f"demo_{language}.yaml").read_text(encoding="utf-8"))


def _html(text: str) -> str:
    return f"<p>{text}</p>"


def stream(blocks: list[dict], images: dict) -> list[dict]:
    """StreamField data of a page body written as blocks in a data file."""
    out = []
    for block in blocks:
        ((kind, value),) = block.items()
        if kind == "paragraphs":
            out.append({"type": "paragraph", "value": "".join(_html(text) for text in value)})
        elif kind == "heading":
            out.append({"type": "paragraph", "value": f"<h2>{value}</h2>"})
        elif kind == "list":
            items = "".join(f"<li>{item}</li>" for item in value)
            out.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
        elif kind == "quote":
            quote = {"text": value["text"], "attribution": value.get("who", "")}
            out.append({"type": "quote", "value": quote})
        elif kind == "hotline":
            hotline = {"hotline": value["number"], "message": value.get("message", "")}
            out.append({"type": "hotline", "value": hotline})
        elif kind == "image":
            image = {
                "image": images[value["title"]].pk,
                "decorative": False,
                "alt_text": value["alt"],
            }
            out.append({"type": "image", "value": {"image": image, "caption": value["caption"]}})
        else:
            raise ValueError(f"Unknown block in the demo data: {kind}")
    return out


def _uid(key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://safeward.example/demo/{key}"))


def quiz_stream(slug: str, questions: list[dict]) -> list[dict]:
    """StreamField data of quiz *questions*, with block ids made from *slug* and their place,
    so a translation keeps the ids of the original and a second load writes nothing new."""
    out = []
    for n, question in enumerate(questions):
        key = f"{slug}:{n}"
        value = {"question": question["text"], "lure": question["lure"]}
        if question["kind"] == "true_false":
            value.update(
                answer="true" if question["true"] else "false", explanation=question["why"]
            )
            kind = "true_false"
        else:
            value["choices"] = [
                {
                    "type": "item",
                    "id": _uid(f"{key}:{i}"),
                    "value": {"text": a["text"], "correct": a["right"], "explanation": a["why"]},
                }
                for i, a in enumerate(question["answers"])
            ]
            kind = QUESTION_KINDS[question["kind"]]
        out.append({"type": kind, "id": _uid(key), "value": value})
    return out


def _bands(bands: list[dict]) -> list[dict]:
    return [
        {"type": "band", "value": {"min_percent": band["min"], "message": band["message"]}}
        for band in bands
    ]


def _faq_items(items: list[dict]) -> list[dict]:
    return [
        {"type": "item", "value": {"question": item["question"], "answer": _html(item["answer"])}}
        for item in items
    ]


# --- loading ---------------------------------------------------------------------------------


def _publish_child(parent: Page, page: Page) -> Page:
    """Add *page* under *parent* unless a page with its slug is there already; publish it."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _home() -> HomePage:
    """The Vietnamese home page, made and set as the default site's root if missing."""
    vi = data("vi")
    locale = Locale.objects.get(language_code="vi")
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title=vi["home"]["title"], slug="home", locale=locale)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="SafeWard"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    if not home.intro:
        home.intro = vi["home"]["intro"]
        home.save_revision().publish()
    HotlineSettings.objects.get_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"sunshine_house_address": vi["home"]["sunshine_house_address"]},
    )
    return home


def load(*, stdout=None) -> HomePage:
    """Create the demo pages in Vietnamese, then their English translations."""
    vi = data("vi")
    home = _home()
    images = {title: demo_image(title) for title in DRAWINGS}
    index = vi["articles_index"]
    index = _publish_child(
        home,
        ArticleIndexPage(
            title=index["title"],
            slug=index["slug"],
            show_in_menus=True,
            intro=_html(index["intro"]),
        ),
    )
    for article in vi["articles"]:
        _publish_child(
            index,
            ArticlePage(
                title=article["title"],
                slug=article["slug"],
                date=article["date"],
                topic=article["topic"],
                summary=article["summary"],
                hero_image=images[article["image"]] if article["image"] else None,
                body=stream(article["body"], images),
            ),
        )
    faq = vi["faq"]
    _publish_child(
        home,
        FAQPage(
            title=faq["title"],
            slug=faq["slug"],
            show_in_menus=True,
            intro=_html(faq["intro"]),
            items=_faq_items(faq["items"]),
        ),
    )
    load_quizzes(home)
    english = load_english(home, images)
    if stdout:
        count = ArticlePage.objects.filter(locale=home.locale).count()
        stdout.write(
            f"Content: {count} articles, 1 FAQ page, {len(vi['quizzes'])} quizzes, 1 poll, "
            f"{len(images)} images; {english} pages in English."
        )
    return home


def load_quizzes(home: HomePage) -> QuizIndexPage:
    """The quiz index, the demo quizzes with their related articles, and the poll."""
    vi = data("vi")
    fields = vi["quizzes_index"]
    is_new = not home.get_children().filter(slug=fields["slug"]).exists()
    index = _publish_child(
        home,
        QuizIndexPage(
            title=fields["title"],
            slug=fields["slug"],
            show_in_menus=True,
            intro=_html(fields["intro"]),
        ),
    )
    faq = home.get_children().filter(slug=vi["faq"]["slug"]).first()
    if is_new and faq is not None:
        # Right after the articles in the menu, where a phone shows it without scrolling.
        index.move(faq, pos="left")
        index = QuizIndexPage.objects.get(pk=index.pk)
    for quiz_data in vi["quizzes"]:
        if index.get_children().filter(slug=quiz_data["slug"]).exists():
            continue
        quiz = QuizPage(
            title=quiz_data["title"],
            slug=quiz_data["slug"],
            intro=quiz_data["intro"],
            questions=quiz_stream(quiz_data["slug"], quiz_data["questions"]),
            result_messages=_bands(quiz_data["bands"]),
        )
        for order, slug in enumerate(quiz_data["related"]):
            article = ArticlePage.objects.get(slug=slug, locale=home.locale)
            quiz.related_article_links.add(QuizRelatedArticle(article=article, sort_order=order))
        _publish_child(index, quiz)
    poll = vi["poll"]
    _publish_child(
        index,
        PollPage(
            title=poll["title"],
            slug=poll["slug"],
            question=poll["question"],
            intro=poll["intro"],
            choices=[
                {"type": "choice", "value": text, "id": _uid(f"{poll['slug']}:{n}")}
                for n, text in enumerate(poll["choices"])
            ],
        ),
    )
    return index


# --- English -----------------------------------------------------------------------------------
#
# The English tree mirrors part of the Vietnamese one through Wagtail's translations (same
# translation key, locale "en"), so the language switch links each page to its counterpart.


def english_fields(page: Page, fields: dict, images: dict) -> dict:
    """Page fields of the English translation of *page*, from its entry in the data file."""
    out = {}
    for name, value in fields.items():
        if name == "body":
            out["body"] = stream(value, images)
        elif name == "items":
            out["items"] = _faq_items(value)
        elif name == "questions":
            out["questions"] = quiz_stream(page.slug, value)
        elif name == "bands":
            out["result_messages"] = _bands(value)
        elif name == "intro" and isinstance(page._meta.get_field("intro"), RichTextField):
            out["intro"] = _html(value)
        else:
            out[name] = value
    return out


def _translate(page: Page, locale: Locale, fields: dict) -> Page:
    """The translation of *page* into *locale*, made and published with *fields* if missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def load_english(home: HomePage, images: dict) -> int:
    """The English home page and the translated pages under it; return how many exist."""
    en = data("en")
    locale, _ = Locale.objects.get_or_create(language_code="en")
    _translate(home, locale, en["home"])
    by_slug = {page.slug: page for page in home.get_descendants().filter(locale=home.locale)}
    # In tree order: parents first (a translation needs its parent's translation), and
    # siblings in the Vietnamese order, so both menus read the same.
    for slug, fields in sorted(en["pages"].items(), key=lambda item: by_slug[item[0]].path):
        page = by_slug[slug].specific
        _translate(page, locale, english_fields(page, fields, images))
    return Page.objects.filter(locale=locale).count()
