"""Vietnamese first: language, time zone, dates typed and shown day first."""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.utils import formats, translation

from config.text import fold_vi, to_nfc


def test_vietnamese_is_the_default_language_and_english_the_second():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES)["vi"] == "Tiếng Việt"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_read_day_first(language):
    with translation.override(language):
        field = forms.DateField()
        assert field.clean("05/02/2023") == datetime.date(2023, 2, 5)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_shown_day_first(language):
    with translation.override(language):
        assert formats.date_format(datetime.date(2023, 2, 5), "SHORT_DATE_FORMAT") == "05/02/2023"


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Hồng Gai", "hong gai"),
        ("hong gai", "hong gai"),
        ("ĐẠI YÊN", "dai yen"),
        ("lừa đảo việc nhẹ lương cao", "lua dao viec nhe luong cao"),
        ("  Tuần   Châu ", "tuan chau"),
        # Decomposed input (as some phone keyboards send it) folds the same way.
        ("Ho\u0302\u0300ng Gai", "hong gai"),
    ],
)
def test_fold_vi(typed, folded):
    assert fold_vi(typed) == folded


def test_to_nfc_composes_decomposed_text():
    assert to_nfc("Ho\u0302\u0300ng") == "Hồng"
