"""Dates, times, money and plurals in the user's language, via Babel/CLDR.

Hand-written formats drift (genitive months in Ukrainian and Russian, where
the euro sign goes, which plural form follows 21 or 111), so everything here
comes from CLDR and only the choices CLDR leaves open are made locally:

* Locales: ``uk`` → uk_UA, ``ru`` → ru_RU, ``nl`` → nl_NL, ``en`` → en_GB.
  en_GB rather than en_US because our readers live in Europe: day before
  month ("Tuesday 24 November") and a 24-hour clock, like the letters they get.
* Days are written without the year: consultation hours are at most a few
  months away, and the year only adds noise in a chat message. Ukrainian and
  Russian get a comma after the weekday, as in their CLDR full date format.
* Times are always 24-hour ``HH:mm`` — that is what municipal letters and
  door signs in the Netherlands use, whatever the reader's language.
* Amounts keep CLDR's symbol position and spacing (``€ 175``, ``€175``,
  ``175 €``) but drop ``,00`` on whole amounts: fees are mostly whole euros
  and "€ 175" is how Dutch municipalities print them. Ukrainian CLDR uses
  "EUR" as the symbol; we use its narrow form "€", which is what Ukrainian
  readers see on every Dutch price tag and letter.
"""

from __future__ import annotations

from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Mapping

from babel import Locale
from babel.dates import format_date, get_day_names
from babel.dates import format_time as _babel_format_time
from babel.numbers import format_currency, format_decimal

if TYPE_CHECKING:  # typing only: this module stays a leaf at runtime
    from bot.schedule import Occurrence

__all__ = [
    "LOCALES",
    "format_day",
    "format_time",
    "format_occurrence",
    "format_euro",
    "weekday_name",
    "plural",
]

LOCALES: dict[str, str] = {"uk": "uk_UA", "ru": "ru_RU", "nl": "nl_NL", "en": "en_GB"}

_DAY_PATTERNS = {
    "uk": "EEEE, d MMMM",
    "ru": "EEEE, d MMMM",
    "nl": "EEEE d MMMM",
    "en": "EEEE d MMMM",
}

# Shown when only the start of a consultation hour is published. Four words
# do not justify a gettext round-trip, and keeping them here keeps this
# module a leaf.
_FROM = {"uk": "з {start}", "ru": "с {start}", "nl": "vanaf {start}", "en": "from {start}"}

# CLDR's narrow symbol where its standard one is the ISO code.
_EURO_SYMBOL_OVERRIDE = {"uk": "€"}


def _locale(lang: str) -> str:
    try:
        return LOCALES[lang]
    except KeyError:
        # Silently falling back to English would hide a routing bug that
        # leaves a Ukrainian reader with English dates.
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(LOCALES)}") from None


def format_day(d: date, lang: str) -> str:
    """Weekday plus day and month, with the genitive month Slavic grammar needs."""
    # "MMMM" is the format (genitive) context in CLDR: "листопада", "ноября";
    # "LLLL" would give the nominative "листопад", which is wrong after a day.
    loc = _locale(lang)
    return format_date(d, _DAY_PATTERNS[lang], locale=loc)


def format_time(t: time, lang: str) -> str:
    """24-hour ``HH:mm`` in every language (see module docstring for why)."""
    return _babel_format_time(t, "HH:mm", locale=_locale(lang))


def format_occurrence(o: "Occurrence", lang: str) -> str:
    """A day, plus its hours only when the source published them."""
    text = format_day(o.day, lang)
    if o.start is None:
        return text
    start = format_time(o.start, lang)
    if o.end is None:
        return f"{text} {_FROM[lang].format(start=start)}"
    # En dash without spaces: the CLDR range style for times in all four.
    return f"{text} {start}–{format_time(o.end, lang)}"


def format_euro(amount: Decimal | int | float, lang: str) -> str:
    """An amount in euros; cents only when there are any."""
    loc = _locale(lang)
    if isinstance(amount, bool):
        raise TypeError("amount must be a number, not a bool")
    # Via str() so 0.1 stays 0.1 and not its binary approximation.
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    pattern = Locale.parse(loc).currency_formats["standard"].pattern
    if value == value.to_integral_value():
        pattern = pattern.replace("0.00", "0")
    symbol = _EURO_SYMBOL_OVERRIDE.get(lang)
    if symbol is not None:
        # A literal in the pattern takes the place of the ¤ placeholder.
        return format_decimal(value, pattern.replace("¤", symbol), locale=loc)
    return format_currency(value, "EUR", pattern, locale=loc, currency_digits=False)


def weekday_name(weekday: int, lang: str) -> str:
    """The name of a weekday (0 = Monday) on its own, e.g. in a list of days."""
    if not isinstance(weekday, int) or not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0 (Monday) .. 6 (Sunday), got {weekday!r}")
    # Stand-alone context: the name is not inside a date. CLDR decides per
    # language whether that differs (it does not for these four today).
    return get_day_names("wide", "stand-alone", locale=_locale(lang))[weekday]


def plural(n: int | float | Decimal, forms: Mapping[str, str], lang: str) -> str:
    """The form of ``forms`` (keyed by CLDR category) that goes with ``n``.

    Categories come from CLDR so "21 день / 22 дні / 25 днів / 111 днів" and
    fractions ("1,5 дня" → "other") are right without per-language code. A
    missing category falls back to "other", which is therefore required. A
    ``{n}`` in the chosen form is replaced by ``n`` in local number format
    ("1,5"), so callers need not format the number separately.
    """
    if "other" not in forms:
        raise ValueError("plural forms need an 'other' entry")
    loc = _locale(lang)
    if isinstance(n, float):
        n = Decimal(str(n))
    category = Locale.parse(loc).plural_form(n)
    form = forms.get(category, forms["other"])
    if "{n}" in form:
        form = form.replace("{n}", format_decimal(n, locale=loc))
    return form
