"""Seed documents and their sections, for checking that every cited fact holds.

A citation names a document and a section heading. The section is the text from that
heading line to the next heading line. Checking that every figure in an answer (amounts,
ages, counts, weekdays) occurs in the cited section is a cheap and strong guard against
invented facts: an editor cannot type "€ 157" where the source says 175.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# "5.1.3 Toegang ...", "1. Inleiding", "2a. Taakstelling": a number with a dot, then a
# capital. ("12 euro per maand ..." is a wrapped sentence, not a heading.)
NUMBERED_HEADING = _NUMBERED = re.compile(r"^\s*(?=\d+[a-z]?\.|\d+(?:\.\d+)+)\d+[a-z]?(?:\.\d+)*\.?\s+[A-ZÀ-Ý]")
# A figure is a number standing on its own: "NT2" and "Plein1" are names, not figures.
_FIGURE = re.compile(r"(?<![^\W\d_])\d+(?:[.,]\d+)*")

# Weekday words in each language (whole words, with their inflections), mapped to the
# Dutch name the sources use, so that a translated answer saying "вівторок" is held to the
# same source as "dinsdag". Whole words matter: "середня школа" is not a Wednesday.
_WEEKDAY_FORMS: dict[str, tuple[str, ...]] = {
    "maandag": ("maandag", "monday", "понеділок", "понеділка", "понеділки", "понедельник", "понедельника",
                "понедельникам"),
    "dinsdag": ("dinsdag", "tuesday", "вівторок", "вівторка", "вівторки", "вторник", "вторника", "вторникам"),
    "woensdag": ("woensdag", "wednesday", "середа", "середу", "середи", "среда", "среду", "среды", "средам"),
    "donderdag": ("donderdag", "thursday", "четвер", "четверга", "четверги", "четверг", "четвергам"),
    "vrijdag": ("vrijdag", "friday", "п'ятниця", "п'ятницю", "п'ятниці", "п’ятниця", "п’ятницю", "п’ятниці",
                "пʼятниця", "пʼятницю", "пʼятниці", "пятница", "пятницу", "пятницы", "пятницам"),
    "zaterdag": ("zaterdag", "saturday", "субота", "суботу", "суботи", "суббота", "субботу", "субботы", "субботам"),
    "zondag": ("zondag", "sunday", "неділя", "неділю", "неділі", "воскресенье", "воскресенья", "воскресеньям"),
}
WEEKDAY_WORDS: dict[str, str] = {form: nl for nl, forms in _WEEKDAY_FORMS.items() for form in forms}
_WEEKDAY_RE = re.compile(r"(?<!\w)(" + "|".join(sorted((re.escape(w) for w in WEEKDAY_WORDS), key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)


def normalise_line(text: str) -> str:
    """Compare headings without caring about spacing, quotes or case."""
    text = unicodedata.normalize("NFKC", text).replace("‘", "'").replace("’", "'")
    return " ".join(text.split()).casefold()


def _is_heading(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    if not line:
        return False
    if _NUMBERED.match(lines[i]) and len(line) <= 100:
        return True
    previous_blank = i == 0 or not lines[i - 1].strip()
    return (previous_blank and len(line) <= 80 and line[-1] not in ".,;:"
            and (line[0].isupper() or line[0].isdigit()))


@dataclass(frozen=True)
class SourceDoc:
    name: str
    lines: tuple[str, ...]

    def find(self, section: str) -> int | None:
        """Line index of the heading `section` (a wrapped heading may be cited by its first line)."""
        want = normalise_line(section)
        for i, line in enumerate(self.lines):
            have = normalise_line(line)
            if have and (have == want or (len(want) >= 12 and have.startswith(want))):
                return i
        return None

    def section_text(self, section: str) -> str | None:
        start = self.find(section)
        if start is None:
            return None
        end = start + 1
        lines = list(self.lines)
        # A numbered section ("5.3.2 ...") holds its unnumbered sub-headings
        # ("Verantwoordelijkheid", "- Leerlingenvervoer"); an unnumbered one ends at the next heading.
        numbered = bool(_NUMBERED.match(lines[start]))
        while end < len(lines) and not (
                _NUMBERED.match(lines[end]) and len(lines[end].strip()) <= 100
                if numbered else _is_heading(lines, end)):
            end += 1
        return "\n".join(lines[start:end])

    def headings(self) -> list[str]:
        lines = list(self.lines)
        return [lines[i].strip() for i in range(len(lines)) if _is_heading(lines, i)]


@lru_cache(maxsize=64)
def _read(path: str, mtime: float) -> SourceDoc:
    text = Path(path).read_text(encoding="utf-8")
    return SourceDoc(Path(path).name, tuple(text.splitlines()))


def open_doc(folder: Path, name: str) -> SourceDoc | None:
    path = folder / name
    if not path.is_file():
        return None
    return _read(str(path), path.stat().st_mtime)


def figures(text: str) -> set[str]:
    """Numbers and weekdays in `text`, in the comparable form used by `figure_in`."""
    found = {f.rstrip(".,") for f in _FIGURE.findall(text)}
    found |= {WEEKDAY_WORDS[m.group(0).casefold()] for m in _WEEKDAY_RE.finditer(text)}
    return found


_NUMBER_WORDS = {"één": "1", "twee": "2", "drie": "3", "vier": "4", "vijf": "5",
                 "zes": "6", "zeven": "7", "acht": "8", "negen": "9", "tien": "10",
                 "elf": "11", "twaalf": "12", "twintig": "20", "dertig": "30", "honderd": "100"}
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def _section_figures(section: str) -> set[str]:
    found = figures(section)
    found |= {_NUMBER_WORDS[m.group(1).casefold()] for m in _NUMBER_WORD_RE.finditer(section)}
    return found


def figure_in(figure: str, section: str) -> bool:
    """Is `figure` (from an answer) present in the section text?

    Numbers compare on their digits so "1.000", "1000" and "1 000" agree, and a
    decimal comma and point agree.
    """
    if figure.isalpha():
        return figure in normalise_line(section)
    have = _section_figures(section)
    if figure in have:
        return True
    digits = re.sub(r"\D", "", figure)
    return any(re.sub(r"\D", "", h) == digits for h in have if not h.isalpha())
