"""Vietnamese first, English second: the English tree, the language switch, and every
interface string translated, the Wagtail admin and import screens included."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real
from wagtail.models import Locale

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    FAQPage,
    HomePage,
    PollPage,
    QuizIndexPage,
    QuizPage,
)

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"
VENDOR_LOCALE = Path(settings.BASE_DIR) / "locale_vendor"


def test_english_tree_mirrors_the_vietnamese_one(client, demo):
    home = HomePage.objects.get(locale__language_code="en")
    assert home.translation_key == HomePage.objects.get(locale__language_code="vi").translation_key
    response = client.get("/en/")
    assert response.context["page"].pk == home.pk
    assert "Preventing human trafficking" in response.content.decode()
    for model, at_least in [(ArticlePage, 3), (FAQPage, 1), (QuizPage, 1), (ArticleIndexPage, 1)]:
        english = model.objects.live().filter(locale__language_code="en")
        assert english.count() >= at_least, model
        for page in english:
            assert page.get_translation(Locale.objects.get(language_code="vi")).live
            assert client.get(page.url).status_code == 200


def test_english_quiz_keeps_the_question_ids_of_the_original(demo):
    english = QuizPage.objects.get(locale__language_code="en")
    original = english.get_translation(HomePage.objects.get(locale__language_code="vi").locale)
    assert [q.id for q in english.question_list] == [q.id for q in original.question_list]
    assert english.question_list[0].text.startswith("A Facebook account")


def test_menus_read_the_same_in_both_languages(client, demo):
    vi = [p.slug for p in HomePage.objects.get(locale__language_code="vi").get_children()]
    en = [p.slug for p in HomePage.objects.get(locale__language_code="en").get_children()]
    assert vi == ["bai-viet", "trac-nghiem", "hoi-dap"]
    assert en == ["articles", "quizzes", "faq"]


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("/bai-viet/viec-nhe-luong-cao/", "/en/articles/light-work-high-pay/"),
        ("/bai-viet/hon-nhan-moi-gioi/", "/en/articles/brokered-marriages/"),
        ("/hoi-dap/", "/en/faq/"),
        ("/trac-nghiem/viec-lam-o-nuoc-ngoai/", "/en/quizzes/jobs-abroad/"),
        ("/", "/en/"),
    ],
)
def test_language_switch_links_each_page_to_its_translation(client, demo, vietnamese, english):
    html = client.get(vietnamese).content.decode()
    assert f'<a href="{english}" hreflang="en" lang="en">English</a>' in html
    back = client.get(english).content.decode()
    assert f'<a href="{vietnamese}" hreflang="vi" lang="vi">Tiếng Việt</a>' in back


def test_untranslated_page_switches_to_the_other_home(client, demo):
    html = client.get("/bai-viet/xuat-canh-trai-phep/").content.decode()
    assert '<a href="/en/" hreflang="en"' in html


def test_project_catalogues_are_complete():
    vietnamese = polib.pofile(str(LOCALE / "vi/LC_MESSAGES/django.po"))
    active = [e for e in vietnamese if not e.obsolete]
    assert [e.msgid for e in active if not e.translated() or "fuzzy" in e.flags] == []
    javascript = polib.pofile(str(VENDOR_LOCALE / "vi/LC_MESSAGES/djangojs.po"))
    assert javascript.percent_translated() == 100
    english = polib.pofile(str(LOCALE / "en/LC_MESSAGES/django.po"))
    assert [e.msgid for e in english if "fuzzy" in e.flags and not e.obsolete] == []


def test_third_party_strings_are_counted():
    vietnamese = polib.pofile(str(VENDOR_LOCALE / "vi/LC_MESSAGES/django.po"))
    assert vietnamese.percent_translated() == 100
    sources = [e.tcomment for e in vietnamese if e.tcomment.startswith("third-party")]
    assert sources.count("third-party: wagtail") >= 250
    assert sources.count("third-party: django-import-export") >= 30


@pytest.mark.parametrize(
    ("msgid", "vietnamese"),
    [
        ("Sign in to Wagtail", "Đăng nhập vào trang quản trị"),
        ("Save draft", "Lưu bản nháp"),
        ("Add child page", "Thêm trang con"),
        ("Reports", "Báo cáo"),
        ("Confirm import", "Xác nhận nhập"),
        ("Some rows failed to validate", "Một số dòng có lỗi"),
        ("File to import", "Tệp cần nhập"),
        ("Quiz statistics", "Thống kê trắc nghiệm"),
    ],
)
def test_admin_and_import_strings_read_in_vietnamese(msgid, vietnamese):
    with translation.override("vi"):
        assert translation.gettext(msgid) == vietnamese
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


def test_admin_javascript_strings_read_in_vietnamese(client, login):
    login("communicator")
    catalogue = client.get("/admin/jsi18n/").content.decode()
    assert "Nh\\u00e2n b\\u1ea3n" in catalogue or "Nhân bản" in catalogue


@pytest.fixture
def untranslated(monkeypatch):
    """Every message asked for in Vietnamese that came back untranslated."""
    found = set()
    gettext, ngettext = trans_real.DjangoTranslation.gettext, trans_real.DjangoTranslation.ngettext

    def spy_gettext(self, message):
        result = gettext(self, message)
        if self.language() == "vi" and result == message and any(c.isalpha() for c in message):
            found.add(message)
        return result

    def spy_ngettext(self, singular, plural, number):
        result = ngettext(self, singular, plural, number)
        if self.language() == "vi" and result in (singular, plural):
            found.add(singular)
        return result

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", spy_gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", spy_ngettext)
    return found


def test_admin_login_dashboard_listings_and_edit_screens_are_all_vietnamese(
    client, demo, login, untranslated
):
    vi = {"locale__language_code": "vi"}
    home = HomePage.objects.get(**vi)
    index = ArticleIndexPage.objects.get(**vi)
    article = ArticlePage.objects.filter(**vi).first()
    quiz = QuizPage.objects.filter(**vi).first()
    urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{index.pk}/",
        "/admin/pages/search/?q=lua",
        f"/admin/pages/{home.pk}/add_subpage/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{quiz.pk}/edit/",
        f"/admin/pages/{PollPage.objects.first().pk}/edit/",
        f"/admin/pages/{FAQPage.objects.get(**vi).pk}/edit/",
        f"/admin/pages/{QuizIndexPage.objects.get(**vi).pk}/",
        f"/admin/pages/add/content/articlepage/{index.pk}/",
        f"/admin/pages/{article.pk}/history/",
        f"/admin/pages/{article.pk}/unpublish/",
        f"/admin/pages/{article.pk}/delete/",
        "/admin/quiz_statistics/",
    ]
    assert "Đăng nhập" in client.get("/admin/login/").content.decode()
    login("communicator")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if not response.is_rendered:
            response.render()
    assert sorted(untranslated) == []
