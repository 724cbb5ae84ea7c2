from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from bot.formatting import (
    LOCALES,
    format_day,
    format_euro,
    format_occurrence,
    format_time,
    plural,
    weekday_name,
)
from bot.schedule import Occurrence

NBSP = "\u00a0"
TUESDAY = date(2026, 11, 24)
LANGS = ["uk", "ru", "nl", "en"]


def test_locale_choice():
    assert LOCALES == {"uk": "uk_UA", "ru": "ru_RU", "nl": "nl_NL", "en": "en_GB"}


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("uk", "вівторок, 24 листопада"),  # genitive month
        ("ru", "вторник, 24 ноября"),  # genitive month
        ("nl", "dinsdag 24 november"),
        ("en", "Tuesday 24 November"),
    ],
)
def test_format_day(lang, expected):
    assert format_day(TUESDAY, lang) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("uk", "субота, 1 березня"),
        ("ru", "суббота, 1 марта"),
        ("nl", "zaterdag 1 maart"),
        ("en", "Saturday 1 March"),
    ],
)
def test_format_day_single_digit_and_other_month(lang, expected):
    assert format_day(date(2025, 3, 1), lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_format_time_is_24_hour_everywhere(lang):
    assert format_time(time(9, 30), lang) == "09:30"
    assert format_time(time(14, 5), lang) == "14:05"
    assert format_time(time(0, 0), lang) == "00:00"


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("uk", "вівторок, 24 листопада 09:00–12:00"),
        ("ru", "вторник, 24 ноября 09:00–12:00"),
        ("nl", "dinsdag 24 november 09:00–12:00"),
        ("en", "Tuesday 24 November 09:00–12:00"),
    ],
)
def test_format_occurrence_with_hours(lang, expected):
    assert format_occurrence(Occurrence(TUESDAY, time(9), time(12)), lang) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("uk", "вівторок, 24 листопада"),
        ("ru", "вторник, 24 ноября"),
        ("nl", "dinsdag 24 november"),
        ("en", "Tuesday 24 November"),
    ],
)
def test_format_occurrence_without_hours(lang, expected):
    assert format_occurrence(Occurrence(TUESDAY), lang) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("uk", "вівторок, 24 листопада з 09:00"),
        ("ru", "вторник, 24 ноября с 09:00"),
        ("nl", "dinsdag 24 november vanaf 09:00"),
        ("en", "Tuesday 24 November from 09:00"),
    ],
)
def test_format_occurrence_with_start_only(lang, expected):
    assert format_occurrence(Occurrence(TUESDAY, time(9)), lang) == expected


AMOUNTS = [12, 175, 475, 255, Decimal("2370.50")]
EUROS = {
    "uk": ["12 €", "175 €", "475 €", "255 €", "2 370,50 €"],
    "ru": ["12 €", "175 €", "475 €", "255 €", "2 370,50 €"],
    "nl": ["€ 12", "€ 175", "€ 475", "€ 255", "€ 2.370,50"],
    "en": ["€12", "€175", "€475", "€255", "€2,370.50"],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("index", range(len(AMOUNTS)))
def test_format_euro(lang, index):
    # Spaces in the expectations are non-breaking, so the amount and the
    # sign never end up on different lines in a chat bubble.
    expected = EUROS[lang][index].replace(" ", NBSP)
    assert format_euro(AMOUNTS[index], lang) == expected


@pytest.mark.parametrize("lang", LANGS)
def test_format_euro_accepts_int_float_and_decimal_alike(lang):
    assert format_euro(2370.5, lang) == format_euro(Decimal("2370.50"), lang)
    assert format_euro(175.0, lang) == format_euro(175, lang) == format_euro(Decimal("175.00"), lang)


def test_format_euro_rounds_to_cents_before_dropping_them():
    assert format_euro(Decimal("12.004"), "nl") == f"€{NBSP}12"
    assert format_euro(Decimal("12.005"), "nl") == f"€{NBSP}12,01"
    assert format_euro(0.1, "en") == "€0.10"


def test_format_euro_rejects_bool():
    with pytest.raises(TypeError):
        format_euro(True, "nl")


WEEKDAYS = {
    "uk": ["понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота", "неділя"],
    "ru": ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_weekday_names(lang):
    assert [weekday_name(i, lang) for i in range(7)] == WEEKDAYS[lang]


def test_ukrainian_apostrophe_is_cldr_modifier_letter():
    # CLDR writes пʼятниця with U+02BC, not an ASCII apostrophe; matching on
    # user input must normalise, not the formatter.
    assert "\u02bc" in weekday_name(4, "uk")


@pytest.mark.parametrize("bad", [-1, 7])
def test_weekday_name_rejects_out_of_range(bad):
    with pytest.raises(ValueError):
        weekday_name(bad, "nl")


UK_DAYS = {"one": "день", "few": "дні", "many": "днів", "other": "дня"}
RU_DAYS = {"one": "день", "few": "дня", "many": "дней", "other": "дня"}
CATEGORIES = {1: "one", 2: "few", 5: "many", 11: "many", 21: "one", 22: "few", 25: "many", 111: "many"}


@pytest.mark.parametrize("n, category", CATEGORIES.items())
@pytest.mark.parametrize("lang, forms", [("uk", UK_DAYS), ("ru", RU_DAYS)])
def test_plural_slavic_categories(n, category, lang, forms):
    assert plural(n, forms, lang) == forms[category]


def test_plural_words_ukrainian():
    got = [plural(n, {k: "{n} " + v for k, v in UK_DAYS.items()}, "uk") for n in (1, 2, 5, 21, 111)]
    assert got == ["1 день", "2 дні", "5 днів", "21 день", "111 днів"]


@pytest.mark.parametrize("n", [1.5, Decimal("1.5")])
def test_plural_fraction_is_other_and_uses_local_decimal_comma(n):
    assert plural(n, {k: "{n} " + v for k, v in UK_DAYS.items()}, "uk") == "1,5 дня"
    assert plural(n, {k: "{n} " + v for k, v in RU_DAYS.items()}, "ru") == "1,5 дня"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plural_germanic(lang):
    forms = {"one": "{n} dag", "other": "{n} dagen"}
    assert [plural(n, forms, lang) for n in (0, 1, 2, 21)] == ["0 dagen", "1 dag", "2 dagen", "21 dagen"]


def test_plural_missing_category_falls_back_to_other():
    assert plural(5, {"one": "день", "other": "днів"}, "uk") == "днів"


def test_plural_requires_other():
    with pytest.raises(ValueError, match="other"):
        plural(1, {"one": "день"}, "uk")


@pytest.mark.parametrize(
    "call",
    [
        lambda: format_day(TUESDAY, "de"),
        lambda: format_time(time(9), "uk_UA"),
        lambda: format_euro(1, "fr"),
        lambda: weekday_name(0, ""),
        lambda: plural(1, {"other": "x"}, "pl"),
    ],
)
def test_unknown_language_is_an_error(call):
    with pytest.raises(ValueError, match="unsupported language"):
        call()
