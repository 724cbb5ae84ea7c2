"""Per-language analysis: words -> lemmas -> script-neutral keys -> index terms.

Each word of a question or of the knowledge is reduced to:

* ``key``: the sound key of the word as written (romanised if Cyrillic);
* ``lemma``: the sound key of its dictionary form. Cyrillic words are lemmatised with
  `simplemma` (Ukrainian or Russian, chosen by letters that only one of them has and by
  the user's language), Latin words as Dutch or English (`simplemma`, then the Snowball
  stemmer from `PyStemmer`, so "registration"/"register" and "inschrijving"/"inschrijven"
  meet). A Latin word that neither Dutch nor English knows may be transliterated Ukrainian
  or Russian ("dytyny", "groshej"): its plausible Cyrillic spellings are looked up and, if
  one is a known word, its lemma is used — so a Latin-typed question meets Cyrillic
  examples on the lemma, not only on the sound of the word.

The index terms of a word are ``w:<key>``, ``l:<lemma>`` and, for words longer than five
letters, ``p:<first five letters>`` of both (a truncation stem that catches inflections
the dictionaries do not know, including transliterated ones). Numbers are ``n:<digits>``.
Character 3/4-grams of the keys feed a second, typo-tolerant index.

All of it is cached per word: people reuse the same few thousand words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma
import Stemmer

from bot.matching.normalise import cyrillic_readings, romanise, script, sound_key, tokens

_UK_ONLY = re.compile(r"[іїєґ]")
_RU_ONLY = re.compile(r"[ыэъё]")
PREFIX = 5
_STEMMERS = {"nl": Stemmer.Stemmer("dutch"), "en": Stemmer.Stemmer("english"),
             "ru": Stemmer.Stemmer("russian")}


@dataclass(frozen=True)
class Word:
    key: str    # sound key of the word as written
    lemma: str  # sound key of its dictionary form (== key when unknown)


def _known(word: str, lang: str) -> bool:
    try:
        return bool(simplemma.is_known(word, lang=lang))
    except Exception:  # noqa: BLE001 - a dictionary hiccup must not stop an answer
        return False


def _lemmatise(word: str, lang: str) -> str:
    try:
        return simplemma.lemmatize(word, lang=lang)
    except Exception:  # noqa: BLE001
        return word


def _cyr_langs(token: str, hint: str | None) -> tuple[str, ...]:
    if _UK_ONLY.search(token):
        return ("uk",)
    if _RU_ONLY.search(token):
        return ("ru",)
    return ("ru", "uk") if hint == "ru" else ("uk", "ru")


@lru_cache(maxsize=100_000)
def analyse_token(token: str, hint: str | None = None) -> Word:
    """One folded token (see `normalise.tokens`) -> its keys. `hint`: the user's language."""
    kind = script(token)
    if kind == "num":
        return Word(token, token)
    key = sound_key(romanise(token))
    if kind == "cyr":
        for lang in _cyr_langs(token, hint):
            if _known(token, lang):
                return Word(key, sound_key(romanise(_lemmatise(token, lang))))
        # Unknown to both dictionaries (a Dutch word in Cyrillic, a typo, slang): a rough
        # Snowball stem still strips the common Slavic endings.
        return Word(key, sound_key(romanise(_STEMMERS["ru"].stemWord(token))))
    latin_order = ("en", "nl") if hint == "en" else ("nl", "en")
    for lang in latin_order:
        if _known(token, lang):
            return Word(key, sound_key(_STEMMERS[lang].stemWord(_lemmatise(token, lang))))
    if len(token) >= 3:
        slavic = ("ru", "uk") if hint == "ru" else ("uk", "ru")
        for reading in cyrillic_readings(token):
            for lang in slavic:
                if _known(reading, lang):
                    return Word(key, sound_key(romanise(_lemmatise(reading, lang))))
    if hint in ("nl", "en"):
        return Word(key, sound_key(_STEMMERS[hint].stemWord(token)))
    return Word(key, key)


def analyse(text: str, hint: str | None = None) -> list[Word]:
    try:
        return [analyse_token(t, hint) for t in tokens(text)]
    except Exception:  # noqa: BLE001 - analysis never stops an answer
        return []


def word_terms(words: list[Word]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w.key.isdigit():
            out.append("n:" + w.key)
            continue
        out.append("w:" + w.key)
        out.append("l:" + w.lemma)
        for k in {w.key, w.lemma}:
            if len(k) > PREFIX:
                out.append("p:" + k[:PREFIX])
    return out


def gram_terms(words: list[Word]) -> list[str]:
    out: list[str] = []
    for w in words:
        padded = f" {w.key} "
        if len(w.key) <= 2:
            out.append(padded)
            continue
        for n in (3, 4):
            out.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return out
