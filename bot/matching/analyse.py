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
import threading
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from bot.matching.lemmas import lemma
from bot.matching.normalise import cyrillic_readings, romanise, script, sound_key, tokens

_UK_ONLY = re.compile(r"[іїєґ]")
_RU_ONLY = re.compile(r"[ыэъё]")
PREFIX = 5
#: How many Cyrillic readings of a Latin-typed word are looked up (most literal first).
READINGS = 12
_ALGORITHMS = {"nl": "dutch", "en": "english", "ru": "russian"}
_local = threading.local()  # PyStemmer's stemmers are not thread-safe: one set per thread


def _stem(word: str, lang: str) -> str:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {k: Stemmer.Stemmer(v) for k, v in _ALGORITHMS.items()}
    return stemmers[lang].stemWord(word)


@dataclass(frozen=True)
class Word:
    key: str    # sound key of the word as written
    lemma: str  # sound key of its dictionary form (== key when unknown)


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
            found = lemma(token, lang)
            if found:
                return Word(key, sound_key(romanise(found)))
        # Unknown to both dictionaries (a Dutch word in Cyrillic, a typo, slang): a rough
        # Snowball stem still strips the common Slavic endings.
        return Word(key, sound_key(romanise(_stem(token, "ru"))))
    for lang in (("en", "nl") if hint == "en" else ("nl", "en")):
        found = lemma(token, lang)
        if found:
            return Word(key, sound_key(_stem(found, lang)))
    if len(token) >= 3 and hint not in ("nl", "en"):
        for lang in ("ru", "uk") if hint == "ru" else ("uk", "ru"):
            for reading in cyrillic_readings(token, READINGS, lang):
                found = lemma(reading, lang)
                if found:
                    return Word(key, sound_key(romanise(found)))
    if hint in ("nl", "en"):
        return Word(key, sound_key(_stem(token, hint)))
    return Word(key, key)


_SOFTENED = "лнтдсзцр"


def _with_soft_signs(word: str) -> list[str]:
    """Chat transliteration drops the soft sign: "skilky" is "скільки", "dajut" "дають"."""
    out = [word[:i + 1] + "ь" + word[i + 1:] for i, ch in enumerate(word) if ch in _SOFTENED]
    return out[:6]


@lru_cache(maxsize=20_000)
def _reading(token: str, hint: str | None) -> str | None:
    """The Cyrillic spelling of a transliterated word, when a dictionary knows it: first
    in the alphabet of the user's language, then in the other one's. A word Dutch or
    English knows stays Latin ("huisarts", "school"), unless it is a short word that is
    also a word of the user's language ("kak", "tut": Dutch and English have them too)."""
    if script(token) != "lat" or len(token) < 3:
        return None
    langs = ("ru", "uk") if hint == "ru" else ("uk", "ru")
    if lemma(token, "en") or lemma(token, "nl"):
        if len(token) > 4 or hint not in ("uk", "ru"):
            return None
        langs = (hint,)
    for lang in langs:
        readings = cyrillic_readings(token, READINGS, lang)
        for candidates in (readings, [s for r in readings[:2] for s in _with_soft_signs(r)]):
            for reading in candidates:
                if lemma(reading, lang):
                    return reading
    return None


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
#: A letter outside the Cyrillic block: without one a text is not typed in Latin.
_NON_CYRILLIC_LETTER = re.compile(r"[^\W\d_\u0400-\u04ff]")


def to_cyrillic(text: str, hint: str | None) -> str | None:
    """A Latin-typed Ukrainian/Russian question in Cyrillic ("skilky dajut groshej" ->
    "скільки дають грошей"), for the embedding model, which reads Cyrillic far better.
    None when the text is not (mostly) transliterated Ukrainian/Russian."""
    if hint not in ("uk", "ru") or not _NON_CYRILLIC_LETTER.search(text):
        # Most Ukrainian and Russian texts: no need to tokenise them to know (every start
        # asks this of each example, to find its cached vector: 0.3 s of a warm load).
        return None
    try:
        acronyms = {a.casefold() for a in _ACRONYM.findall(text)}  # IND, COA, ISK: Dutch names
        toks = tokens(text)
        words = [t for t in toks if script(t) == "lat" and len(t) >= 3 and t not in acronyms]
        if len(words) < 2:
            return None
        read = {t: _reading(t, hint) for t in words}
        if sum(1 for r in read.values() if r) * 2 < len(words):
            return None
        out = []
        for t in toks:  # short words ("na", "v", "li") literally, unknown longer ones as typed
            literal = cyrillic_readings(t, 1, hint) if script(t) == "lat" and len(t) < 3 else []
            out.append(read.get(t) or (literal[0] if literal else t))
        return " ".join(out)
    except Exception:  # noqa: BLE001
        return None


def analyse(text: str, hint: str | None = None) -> list[Word]:
    try:
        return [analyse_token(t, hint) for t in tokens(text)]
    except Exception:  # noqa: BLE001 - analysis never stops an answer
        return []


_UK_STOPWORDS = """
а або але б би бо був була були було бути в вам вас ви від він вона вони воно все всі де для до є же з за
и і із її їх й як яка який яке які коли ми мене мені мій моя мої на над нам нас не нема немає ні ну о об
от по при про с та так там те тем ти то тобі тут у усі хто це цей ця ці чи що щоб я як
""".split()
#: Modal verbs, pronouns and question words the lists above miss: "mag mijn kat mee naar de
#: locatie" is about a cat and a location, not about "mag".
_EXTRA_STOPWORDS = """
mag mogen kan kunnen moet moeten wil willen zal zullen ga gaan hoe wat waar wanneer wie welke ons onze jullie
can could may might must should would will shall how what where when who which whom please
можна може можу можуть треба потрібно хочу хочемо як де коли хто чому наш наша наші ваш ваша будь ласка
можно могу может могут нужно надо хочу хотим как где когда кто почему наш наша наши ваш ваша пожалуйста
""".split()


@lru_cache(maxsize=1)
def stopword_keys() -> frozenset[str]:
    """Sound keys of function words in the four languages (bm25s's lists + a Ukrainian one)."""
    from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN, STOPWORDS_RUSSIAN

    out = set()
    for word in (*STOPWORDS_EN, *STOPWORDS_DUTCH, *STOPWORDS_RUSSIAN, *_UK_STOPWORDS, *_EXTRA_STOPWORDS):
        for tok in tokens(word):
            out.add(sound_key(romanise(tok)))
    return frozenset(out)


def content_words(words: list[Word]) -> list[Word]:
    stop = stopword_keys()
    return [w for w in words if w.key not in stop]


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
