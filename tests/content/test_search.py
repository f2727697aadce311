"""Search over articles, FAQ and quizzes, typed with or without diacritics, on both databases.

The held set below runs in the normal suite, so CI runs it on SQLite and again on PostgreSQL.
"""

import unicodedata

import pytest
from django.db import connection

from content.models import ArticleIndexPage, ArticlePage
from content.selectors import search_query_folded
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

# (typed with diacritics, typed without, slug of a page expected among the first three)
HELD_SET = [
    ("lừa đảo việc nhẹ lương cao", "lua dao viec nhe luong cao", "viec-nhe-luong-cao"),
    ("Hồng Gai", "hong gai", "ra-mat-cau-lac-bo-ha-long"),
    ("Bạch Đằng", "bach dang", "ra-mat-cau-lac-bo-ha-long"),
    ("Hùng Thắng", "hung thang", "ra-mat-cau-lac-bo-ha-long"),
    ("Tuần Châu", "tuan chau", "ra-mat-cau-lac-bo-ha-long"),
    ("xuất cảnh trái phép", "xuat canh trai phep", "xuat-canh-trai-phep"),
    ("đường dây nóng", "duong day nong", "duong-day-nong-111-18001769"),
    ("Ngôi nhà Ánh Dương", "ngoi nha anh duong", "hoi-dap"),
    ("hôn nhân môi giới", "hon nhan moi gioi", "hon-nhan-moi-gioi"),
    ("thách cưới", "thach cuoi", "hon-nhan-moi-gioi"),
    ("đăng ký kết hôn", "dang ky ket hon", "hon-nhan-qua-moi-gioi"),
    ("Móng Cái", "mong cai", "quang-ninh-tiep-nhan-nan-nhan-2023"),
    ("tiền chuộc", "tien chuoc", "viec-lam-o-nuoc-ngoai"),
    ("giữ hộ chiếu", "giu ho chieu", "viec-lam-o-nuoc-ngoai"),
    ("đi trước trả sau", "di truoc tra sau", "viec-lam-o-nuoc-ngoai"),
    ("nhân viên chăm sóc khách hàng", "nhan vien cham soc khach hang", "viec-nhe-luong-cao"),
    ("nhắn tin làm quen", "nhan tin lam quen", "viec-nhe-luong-cao"),
    ("nạn nhân được hỗ trợ", "nan nhan duoc ho tro", "nan-nhan-duoc-ho-tro-gi"),
    ("120 ngày", "120 ngay", "nan-nhan-duoc-ho-tro-gi"),
    ("trợ giúp pháp lý", "tro giup phap ly", "nan-nhan-duoc-ho-tro-gi"),
    (
        "Luật Phòng, chống mua bán người 2024",
        "luat phong chong mua ban nguoi 2024",
        "luat-phong-chong-mua-ban-nguoi-2024",
    ),
    ("Ủy ban Tư pháp", "uy ban tu phap", "luat-phong-chong-mua-ban-nguoi-2024"),
    ("ngày toàn dân", "ngay toan dan", "huong-ung-ngay-30-7"),
    ("tờ rơi", "to roi", "huong-ung-ngay-30-7"),
    ("mất liên lạc", "mat lien lac", "hoi-dap"),
    ("gọi ai", "goi ai", "gap-chuyen-thi-goi-ai"),
]


def _search(client, query, **params):
    response = client.get("/tim-kiem/", {"q": query, **params})
    assert response.status_code == 200
    return response


def _slugs(response) -> list[str]:
    return [page.slug for page in response.context["results"]]


@pytest.mark.parametrize(("accented", "plain", "slug"), HELD_SET, ids=[q[1] for q in HELD_SET])
def test_held_set_finds_the_same_pages_with_or_without_diacritics(
    client, demo, accented, plain, slug
):
    with_marks = _slugs(_search(client, accented))
    without = _slugs(_search(client, plain))
    assert without == with_marks, connection.vendor
    assert slug in without[:3], (connection.vendor, without)


def test_held_set_is_large_enough():
    assert len(HELD_SET) >= 20
    assert all(search_query_folded(accented) == plain for accented, plain, _ in HELD_SET)


@pytest.mark.parametrize(
    "typed",
    [
        "HỒNG GAI",
        "hồng gai",
        "Ho\u0302\u0300ng Gai",  # decomposed, as some keyboards send it
        "“Hồng Gai”!",
        "hông gài",  # wrong marks still fold to the same letters
    ],
)
def test_case_marks_and_punctuation_do_not_matter(client, demo, typed):
    assert "ra-mat-cau-lac-bo-ha-long" in _slugs(_search(client, typed))


def test_only_articles_faq_and_quizzes_of_the_current_language(client, demo):
    slugs = _slugs(_search(client, "trac nghiem"))
    assert "trac-nghiem" not in slugs  # the quiz index is not a result
    types = {page.specific_class.__name__ for page in _search(client, "nguoi").context["results"]}
    assert types <= {"ArticlePage", "FAQPage", "QuizPage"}
    english = client.get("/en/search/", {"q": "hotline"})
    assert english.status_code == 200
    assert {page.locale.language_code for page in english.context["results"]} == {"en"}
    assert "hotlines-111-18001769" in _slugs(english)
    assert _slugs(_search(client, "hotline")) == [] or all(
        page.locale.language_code == "vi" for page in _search(client, "hotline").context["results"]
    )


def test_unpublished_pages_are_not_found(client, demo):
    ArticlePage.objects.get(slug="xuat-canh-trai-phep").unpublish()
    assert "xuat-canh-trai-phep" not in _slugs(_search(client, "xuat canh trai phep"))


def test_a_new_article_is_found_as_soon_as_it_is_published(client, demo):
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    ArticlePageFactory(parent=index, title="Cảnh giác ở bến xe Bãi Cháy", slug="bai-chay")
    assert _slugs(_search(client, "bai chay"))[0] == "bai-chay"


def test_every_word_first_then_any_word(client, demo):
    response = _search(client, "hong gai xyzzy")
    assert response.context["all_words"] is False
    assert "ra-mat-cau-lac-bo-ha-long" in _slugs(response)
    assert "Không trang nào có đủ các từ này" in response.content.decode()


def test_empty_state_offers_the_hotlines(client, demo):
    response = _search(client, "xyzzy")
    html = response.content.decode()
    assert not response.context["results"]
    assert "Không tìm thấy trang nào cho “xyzzy”." in html
    assert 'href="tel:111"' in html


def test_result_pages_paginate(client, demo):
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    for n in range(12):
        ArticlePageFactory(parent=index, title=f"Câu chuyện ở đảo Xylôqua số {n}")
    first = _search(client, "xyloqua")
    assert len(first.context["results"]) == 10
    assert first.context["results"].paginator.count == 12
    html = first.content.decode()
    assert 'href="?q=xyloqua&amp;page=2" rel="next"' in html
    second = _search(client, "xyloqua", page=2)
    assert len(second.context["results"]) == 2
    assert 'rel="prev"' in second.content.decode()
    assert _search(client, "xyloqua", page="999").context["results"].number == 2


def test_search_page_works_without_javascript_and_caches_only_the_empty_form(client, demo):
    empty = client.get("/tim-kiem/")
    html = empty.content.decode()
    assert empty["X-SW-Cache"] == "public"
    assert '<form class="search-form" role="search" method="get" action="/tim-kiem/">' in html
    assert html.count("<script") == 1  # the worker loader only
    results = _search(client, "hong gai")
    assert results["Cache-Control"] == "no-store" and "X-SW-Cache" not in results


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/bai-viet/",
        "/bai-viet/viec-nhe-luong-cao/",
        "/hoi-dap/",
        "/trac-nghiem/",
        "/trac-nghiem/viec-lam-o-nuoc-ngoai/",
        "/trac-nghiem/tham-do-loi-moi-viec-lam/",
        "/en/",
        "/en/articles/light-work-high-pay/",
    ],
)
def test_a_search_box_is_reachable_from_every_public_page(client, demo, url):
    html = client.get(url).content.decode()
    search_url = "/en/search/" if url.startswith("/en/") else "/tim-kiem/"
    assert f'class="search-link" href="{search_url}"' in html
    assert f'role="search" method="get" action="{search_url}"' in html


def test_language_switch_on_search_keeps_the_query(client, demo):
    html = _search(client, "hong gai").content.decode()
    assert 'href="/en/search/?q=hong+gai"' in html


def test_the_index_holds_folded_text(demo):
    article = ArticlePage.objects.get(slug="ra-mat-cau-lac-bo-ha-long")
    folded = article.folded_search_text()
    assert "hung thang, cao xanh, bach dang, hong gai va tuan chau" in folded
    assert unicodedata.is_normalized("NFC", folded) and folded.isascii()
