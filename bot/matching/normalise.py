"""Turn what people type into comparable keys, across scripts and spelling habits.

People write "лейфгельд", "leefgeld", "skilky dajut groshej" and "скільки дають грошей"
for the same things. We reduce every text — questions and knowledge alike — to one
lowercase Latin "sound key": Cyrillic is romanised with a simple table, and letters that
chat transliteration uses interchangeably (y/j/i, h/g, w/v, doubled letters) collapse.
The same reduction on both sides is what matters, not linguistic accuracy.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "je", "ё": "jo",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h",
    "ц": "c", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "ju",
    "я": "ja", "'": "", "’": "", "ʼ": "",
}
_COLLAPSE = str.maketrans({"y": "i", "j": "i", "h": "g", "w": "v", "x": "ks", "q": "k"})
_WORD = re.compile(r"[0-9a-z]+")
_REPEATS = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lowercase, strip accents and zero-width characters; keep letters of every script."""
    text = unicodedata.normalize("NFKD", text.casefold())
    kept = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Mn":
            # Ukrainian й/ї decompose into и/і + a combining mark: keep those marks.
            if ch in "\u0306\u0308" and kept and kept[-1] in "иіi":
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
