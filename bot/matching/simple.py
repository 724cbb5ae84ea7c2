"""A small lexical matcher: character n-grams of sound keys, TF-IDF, cosine similarity.

Character n-grams of romanised words tolerate what chat text does to words — inflection
("лікаря", "лікарем"), typos, Cyrillic/Latin script and transliteration — without any
language-specific machinery. Each entry is represented by its example questions (in all
languages) and its title; a question scores against an entry by its best example and by
the entry as a whole. The scores are cosine similarities in [0, 1]; what counts as
"confident" is decided by the thresholds in `Decision`, not here.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from bot.matching.normalise import words

_N = (3, 4)


def grams(text: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for word in words(text):
        padded = f" {word} "
        if len(word) <= 2:
            out[padded] += 1
            continue
        for n in _N:
            for i in range(len(padded) - n + 1):
                out[padded[i:i + n]] += 1
    return out


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    score: float


@dataclass(frozen=True)
class Document:
    """What the matcher knows of one entry."""

    entry_id: str
    audiences: frozenset[str]
    texts: tuple[str, ...]  # example questions and title, any language


class SimpleMatcher:
    """Ranks entries for a question; built once per knowledge snapshot (immutable)."""

    def __init__(self, documents: Iterable[Document]):
        self.documents = list(documents)
        df: Counter[str] = Counter()
        raw: list[list[Counter[str]]] = []
        for doc in self.documents:
            vectors = [grams(t) for t in doc.texts]
            raw.append(vectors)
            for g in set().union(*vectors) if vectors else set():
                df[g] += 1
        total = max(len(self.documents), 1)
        self.idf = {g: math.log(1 + total / c) for g, c in df.items()}
        self._default_idf = math.log(1 + total)
        self.vectors = [[self._weigh(v) for v in vectors] for vectors in raw]
        self.centroids = [self._weigh(sum(vectors, Counter())) for vectors in raw]

    def _weigh(self, counts: Counter[str]) -> dict[str, float]:
        vec = {g: (1 + math.log(c)) * self.idf.get(g, self._default_idf) for g, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        return {g: w / norm for g, w in vec.items()}

    @staticmethod
    def _cos(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b.get(g, 0.0) for g, w in a.items())

    def rank(self, text: str, audience: str | None = None, allowed: set[str] | None = None,
             limit: int = 5) -> list[Candidate]:
        query = self._weigh(grams(text))
        if not query:
            return []
        scored = []
        for doc, vectors, centroid in zip(self.documents, self.vectors, self.centroids):
            if audience and audience not in doc.audiences:
                continue
            if allowed is not None and doc.entry_id not in allowed:
                continue
            best = max((self._cos(query, v) for v in vectors), default=0.0)
            score = 0.7 * best + 0.3 * self._cos(query, centroid)
            scored.append(Candidate(doc.entry_id, round(score, 4)))
        scored.sort(key=lambda c: c.score, reverse=True)
        return scored[:limit]


@dataclass(frozen=True)
class Decision:
    """What to do with a ranking: answer, ask which one, or say "I don't know"."""

    kind: str  # "answer" | "disambiguate" | "unknown"
    candidates: tuple[Candidate, ...]


ANSWER_AT = 0.34
CLOSE_BY = 0.03


def decide(ranked: Sequence[Candidate], answer_at: float = ANSWER_AT, close_by: float = CLOSE_BY) -> Decision:
    if not ranked or ranked[0].score < answer_at:
        return Decision("unknown", tuple(ranked[:3]))
    if len(ranked) > 1 and ranked[1].score >= answer_at and ranked[0].score - ranked[1].score < close_by:
        return Decision("disambiguate", tuple(ranked[:2]))
    return Decision("answer", tuple(ranked[:3]))
