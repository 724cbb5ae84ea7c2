"""A pack's own synonym list: the words people use for the same thing, in any script.

`knowledge/<pack>/synonyms.yaml` holds groups of terms that mean the same here:

    version: 1
    groups:
      - [leefgeld, лейфгельд, лейфхельд, living allowance, гроші на життя]
      - [huisarts, хаусарт, гаусарт, сімейний лікар, семейный врач, GP, family doctor]

A term may have several words. Wherever a question or an example question contains a
term of a group, the matcher adds that group as a concept, so "питання по лейфгельду"
meets examples that say "leefgeld" or "living allowance". Terms are compared on their
analysed keys with some slack: a Cyrillic inflection ("лейфгельді", "хаусарта", "в
опвангу") or one typo in a longer word still matches.

The groups feed the lexical signals only. Showing the semantic model a group's first
term beside the question ("хаусарт (huisarts)") was tried until Nov 2026 and dropped: the
pack's example questions already teach it those spellings, and it cost latency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.matching.analyse import Word, analyse

#: A term's word may carry this many extra letters (an inflection) and still match.
MAX_ENDING = 3


def _max_typos(length: int) -> int:
    return 0 if length < 5 else 1 if length < 9 else 2


def close(word: Word, term: Word) -> bool:
    """Does a word of the text match a word of a synonym term?"""
    if word.key == term.key or word.lemma == term.lemma or word.lemma == term.key:
        return True
    if len(term.key) >= 4 and word.key.startswith(term.key) and len(word.key) - len(term.key) <= MAX_ENDING:
        return True
    typos = _max_typos(min(len(word.key), len(term.key)))
    return typos > 0 and Levenshtein.distance(word.key, term.key, score_cutoff=typos) <= typos


@dataclass
class Synonyms:
    """Groups of terms, compiled for matching against analysed text."""

    groups: Sequence[Sequence[str]] = ()
    _terms: list[tuple[int, tuple[Word, ...]]] = field(default_factory=list, init=False)
    _by_key: dict[str, list[int]] = field(default_factory=dict, init=False)  # first word key -> term indexes
    _keys: list[str] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        for gid, group in enumerate(self.groups):
            for term in group:
                words = tuple(analyse(term))
                if not words:
                    continue
                index = len(self._terms)
                self._terms.append((gid, words))
                for k in {words[0].key, words[0].lemma}:
                    self._by_key.setdefault(k, []).append(index)
        self._keys = list(self._by_key)

    def __bool__(self) -> bool:
        return bool(self._terms)

    def _starts(self, word: Word) -> set[int]:
        """Terms whose first word may match `word`."""
        found: set[int] = set()
        for k in (word.key, word.lemma):
            found.update(self._by_key.get(k, ()))
        for cut in range(1, MAX_ENDING + 1):  # an inflected form: the term is a prefix
            if len(word.key) - cut >= 4:
                found.update(self._by_key.get(word.key[:-cut], ()))
        typos = _max_typos(len(word.key))
        if typos and self._keys:
            for key, _, _ in process.extract(word.key, self._keys, scorer=Levenshtein.distance,
                                             score_cutoff=typos, limit=None):
                found.update(self._by_key[key])
        return found

    def find(self, words: Sequence[Word]) -> list[int]:
        """The groups mentioned in `words`, in order of first mention."""
        seen: dict[int, None] = {}
        for i, word in enumerate(words):
            for index in self._starts(word):
                gid, term = self._terms[index]
                if gid in seen or i + len(term) > len(words):
                    continue
                if all(close(words[i + j], term[j]) for j in range(len(term))):
                    seen[gid] = None
        return list(seen)


def check_groups(groups: Sequence[Sequence[str]]) -> list[tuple[tuple[int, int], str, str | None, str]]:
    """Problems in a synonym list: ((group, term), message, hint, severity)."""
    problems: list[tuple[tuple[int, int], str, str | None, str]] = []
    owner: dict[tuple[str, ...], tuple[int, int]] = {}
    for g, group in enumerate(groups):
        for t, term in enumerate(group):
            words = analyse(term)
            if not words:
                problems.append(((g, t), f"term {term!r} has no letters or digits", None, "error"))
                continue
            key = tuple(w.key for w in words)
            if key in owner:
                first = owner[key]
                if first[0] == g:
                    problems.append(((g, t), f"term {term!r} is the same as {group[first[1]]!r} once spelling "
                                             "variants are folded together",
                                     "you can remove it: such variants are recognised by themselves", "warning"))
                else:
                    problems.append(((g, t), f"term {term!r} is also in group {first[0] + 1} "
                                             f"({groups[first[0]][0]!r})",
                                     "a term may belong to one group only: merge the groups or remove one",
                                     "error"))
            else:
                owner[key] = (g, t)
            if len(words) == 1 and len(words[0].key) < 2 and not words[0].key.isdigit():
                problems.append(((g, t), f"term {term!r} is very short and may match unrelated words",
                                 None, "warning"))
    return problems
