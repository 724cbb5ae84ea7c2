"""Turn what people type into comparable keys, across scripts and spelling habits.

People write "лейфгельд", "leefgeld", "skilky dajut groshej" and "скільки дають грошей"
for the same things. We reduce every text — questions and knowledge alike — to one
lowercase Latin "sound key": Cyrillic is romanised with a simple table, and letters that
chat transliteration uses interchangeably (y/j/i, h/g, w/v, doubled letters) collapse.
The same reduction on both sides is what matters, not linguistic accuracy.

This module is pure string handling (no dictionaries); `bot.matching.analyse` adds the
per-language lemmatisation on top. Nothing here raises on any input.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import product

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "je", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h",
    "ц": "c", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "ju",
    "я": "ja", "'": "", "’": "", "ʼ": "",
}
_COLLAPSE = str.maketrans({"y": "i", "j": "i", "h": "g", "w": "v", "x": "ks", "q": "k"})
_WORD = re.compile(r"[0-9a-z]+")
_REPEATS = re.compile(r"(.)\1+")
#: A token: letters and digits of any script; an apostrophe inside a word (м'ясо, п’ять,
#: don't) is part of it and is dropped by `tokens`.
_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*")
_APOSTROPHES = re.compile(r"['’ʼ`]")

#: Latin letters that look like Cyrillic ones, as people (and spammers) mix them in one word.
_LOOKALIKE_TO_CYR = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у",
                                   "i": "і", "k": "к", "m": "м", "t": "т", "h": "н", "b": "в"})


def fold(text: str) -> str:
    """Lowercase, strip accents and zero-width characters; keep letters of every script."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    kept: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Mn":
            # Ukrainian й/ї and Russian й/ё decompose into a Cyrillic letter + a combining
            # mark: keep those marks (Latin ï/ë lose theirs: "Oekraïne" is "oekraine").
            if ch in "\u0306\u0308" and kept and kept[-1] in "иіе":
                kept[-1] = unicodedata.normalize("NFC", kept[-1] + ch)
            continue
        if cat == "Cf":
            continue
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def romanise(text: str) -> str:
    return "".join(_CYRILLIC.get(ch, ch) for ch in text)


def sound_key(word: str) -> str:
    """One word reduced so that chat spellings of the same word meet."""
    word = word.translate(_COLLAPSE)
    word = word.replace("sch", "sg").replace("ck", "k").replace("c", "k").replace("ph", "f")
    return _REPEATS.sub(r"\1", word)


def words(text: str) -> list[str]:
    """The sound keys of the words of `text`, in order."""
    return [sound_key(w) for w in _WORD.findall(romanise(fold(text)))]


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def script(token: str) -> str:
    """"cyr", "lat" or "num" — by the majority of the token's letters."""
    cyr = sum(1 for ch in token if is_cyrillic(ch))
    lat = sum(1 for ch in token if "a" <= ch <= "z")
    if cyr == 0 and lat == 0:
        return "num"
    return "cyr" if cyr >= lat else "lat"


def tokens(text: str) -> list[str]:
    """Folded words of `text`: apostrophes inside words dropped, Latin look-alike letters
    inside a mostly-Cyrillic word turned Cyrillic ("лiкар" with a Latin i is "лікар")."""
    out = []
    for tok in _TOKEN.findall(fold(text)):
        tok = _APOSTROPHES.sub("", tok)
        if not tok:  # a lone apostrophe ("ʼ" counts as a letter to the regex)
            continue
        if script(tok) == "cyr" and any("a" <= ch <= "z" for ch in tok):
            tok = tok.translate(_LOOKALIKE_TO_CYR)
        out.append(tok)
    return out


# Latin -> Cyrillic, for transliterated Ukrainian/Russian ("dytyny" -> "дитини"). Longest
# spellings first; several readings where chat transliteration is ambiguous.
_TO_CYR: list[tuple[str, tuple[str, ...]]] = sorted([
    ("shch", ("щ",)), ("sch", ("щ", "ш")), ("zh", ("ж",)), ("kh", ("х",)), ("ch", ("ч",)),
    ("sh", ("ш",)), ("ts", ("ц", "тс")), ("ya", ("я",)), ("ja", ("я",)), ("yu", ("ю",)), ("ju", ("ю",)),
    ("ye", ("є", "е")), ("je", ("є", "е")), ("yi", ("ї", "ий")), ("ji", ("ї",)), ("yo", ("ё", "йо")),
    ("jo", ("ё", "йо")), ("ij", ("ий", "ій")), ("yj", ("ий", "ый")), ("iy", ("ий", "ій")),
    # "i" before "ja/ju/je" ("reshenija", "informatsiyu"), not "ij" + a vowel
    ("ija", ("ия", "ія")), ("iju", ("ию", "ію")), ("ije", ("ие", "іє")),
    ("iya", ("ия", "ія")), ("iyu", ("ию", "ію")), ("iye", ("ие", "іє")),
    # Ukraine's official transliteration (passports, signs): я = ia, ю = iu, є = ie after
    # a consonant ("pislia", "movoiu", "zaniattia"); also a plain і/и + vowel ("diabet").
    ("ia", ("я", "іа", "иа")), ("iu", ("ю", "іу", "иу")), ("ie", ("є", "ие", "іе", "е")),
    ("a", ("а",)), ("b", ("б",)), ("v", ("в",)), ("w", ("в",)), ("g", ("г", "ґ")), ("h", ("г", "х")),
    ("d", ("д",)), ("e", ("е", "є", "э")), ("z", ("з",)), ("y", ("и", "й", "ы")), ("i", ("і", "и", "й")),
    ("j", ("й",)), ("k", ("к",)), ("l", ("л",)), ("m", ("м",)), ("n", ("н",)), ("o", ("о",)),
    ("p", ("п",)), ("r", ("р",)), ("s", ("с",)), ("t", ("т",)), ("u", ("у",)), ("f", ("ф",)),
    ("c", ("ц", "к")), ("x", ("кс",)), ("q", ("к",)), ("'", ("ь",)),
], key=lambda kv: -len(kv[0]))


# The same per language: a Russian writer's "y" is mostly ы ("vy", "by"), "h" is х
# ("hochu"), and Ukrainian letters are not in their words; a Ukrainian's "y" is и
# ("dytyna"), and Russian-only letters are not in theirs. Reading with the writer's own
# alphabet puts the right spelling among the first few ("prinimaet": 13th of the mixed
# readings, 3rd of the Russian ones).
_ONLY_IN = {"ru": set("іїєґ"), "uk": set("ыэъё")}
_ORDER = {
    "ru": {"y": ("ы", "й", "и"), "h": ("х", "г"), "yi": ("ый", "ий"), "ji": ("ий",), "iy": ("ий",),
           "ij": ("ий",), "yj": ("ый", "ий")},
    "uk": {"yo": ("йо",), "jo": ("йо",), "ij": ("ій", "ий"), "iy": ("ій", "ий"), "ija": ("ія", "ия"),
           "iju": ("ію", "ию"), "ije": ("іє", "ие"), "iya": ("ія", "ия"), "iyu": ("ію", "ию"), "iye": ("іє", "ие")},
}
_TO_CYR_IN = {
    lang: [(latin, _ORDER[lang].get(latin) or tuple(c for c in cyr if not set(c) & _ONLY_IN[lang]))
           for latin, cyr in _TO_CYR]
    for lang in ("ru", "uk")
}


def cyrillic_readings(word: str, limit: int = 64, lang: str | None = None) -> list[str]:
    """Plausible Cyrillic spellings of a transliterated word, most literal first; with
    `lang` ("uk", "ru"), in that language's alphabet only.

    The number of readings grows with every ambiguous letter, so this stops at `limit`;
    words longer than 16 letters or with other characters get none.
    """
    if not word or len(word) > 16 or not all("a" <= ch <= "z" or ch == "'" for ch in word):
        return []
    table = _TO_CYR_IN.get(lang or "", _TO_CYR)
    parts: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        for latin, cyr in table:
            if word.startswith(latin, i):
                parts.append(cyr)
                i += len(latin)
                break
        else:  # pragma: no cover - every a-z letter is in the table
            return []
    out = []
    for combo in product(*parts):
        out.append("".join(combo))
        if len(out) >= limit:
            break
    return out
