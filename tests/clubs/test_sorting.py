"""Vietnamese letter order for names (config.text), used by every app that sorts people."""

import pytest

from config.text import person_sort_key, vi_sort_key


def test_letters_follow_the_vietnamese_alphabet():
    words = ["đá", "dê", "ăn", "an", "ân", "bò", "ơn", "ông", "ốc", "ưa", "uống", "em", "êm"]
    assert sorted(words, key=vi_sort_key) == [
        "an", "ăn", "ân", "bò", "dê", "đá", "em", "êm", "ốc", "ông", "ơn", "uống", "ưa",
    ]  # fmt: skip


def test_tones_come_after_the_letters_in_dictionary_order():
    assert sorted(["má", "mạ", "mà", "ma", "mã", "mả"], key=vi_sort_key) == [
        "ma", "mà", "mả", "mã", "má", "mạ",
    ]  # fmt: skip


def test_a_shorter_name_comes_first_whatever_its_tone():
    assert sorted(["Anh", "Án"], key=vi_sort_key) == ["Án", "Anh"]


def test_people_sort_by_given_name_then_family_name():
    names = ["Trần Thị Hoa", "Nguyễn Văn An", "Lê Văn Hoa", "Đỗ Thị Ánh"]
    assert sorted(names, key=person_sort_key) == [
        "Nguyễn Văn An", "Đỗ Thị Ánh", "Lê Văn Hoa", "Trần Thị Hoa",
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["Hồng", "Ho\u0302\u0300ng", "HỒNG"])
def test_case_and_composition_do_not_matter(name):
    assert vi_sort_key(name) == vi_sort_key("hồng")


def test_the_key_is_digits_only_so_databases_sort_it_the_same():
    assert vi_sort_key("Đặng Thị Ẩn").isdigit()
