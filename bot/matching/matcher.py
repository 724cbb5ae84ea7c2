"""The matcher: question (+ language, audience) -> entries ranked by a calibrated score.

Signals, each per entry, all in comparable ranges:

* ``word``   — best normalised BM25 of the question against one of the entry's example
  questions or titles, on analysed terms (lemmas, script-neutral keys, prefixes, synonym
  concepts; `bot.matching.analyse`), with unknown words corrected to the nearest known
  word when one is a typo away (`rapidfuzz`);
* ``gram``   — the same on character 3/4-grams of the keys (typos, compounds, inflection);
* ``entry``  — BM25 against all of the entry's questions at once (their shared vocabulary);
* ``answer`` — BM25 against the entry's answer text, every language it is written in;

Function words ("how", "де", "naar") are left out of the word signals: they are in
every text and would make a question about anything look half-answered.
* with the semantic model (`bot.matching.semantic`): ``sem`` (best cosine to one example
  question or title), ``sem3`` (mean of the three best) and ``semc`` (cosine to the
  entry's centroid, the mean of its questions: on held-out questions it took the right
  answers from 75.7 to 78.5 %, being less tied to any one phrasing) and ``clf``, a
  linear (ridge) classifier over the example questions' vectors, fitted in closed form
  when the knowledge is built: where the cosines ask "which example is nearest", it asks
  "which directions tell this entry's questions from every other entry's" (best-ranked
  entry right on held-out questions 88.9 -> 90.4 %). The answer texts are not
  embedded: on held-out questions that signal added nothing the others lacked, and the
  long texts were half of the cold-start time.
  The model is shown a Latin-typed Ukrainian/Russian question spelled back in Cyrillic.

Two logistic models turn these into scores (`Calibration`): one *ranks* the entries, one
says how likely answering with the best of them is right. Their weights, and the
thresholds `decide` uses, are fitted by ``benchmarks/calibrate_matcher.py`` on held-out
example questions and on out-of-scope questions, never on an evaluation set, and stored
in ``calibration.json`` beside this file — one set for the lexical matcher and one for
lexical + semantic.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import json
import logging
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.matching.asks import EXAMPLE_GAP, answers_how_long, asks_how_long, states_time_span
from bot.matching.analyse import PREFIX, Word, analyse, content_words, gram_terms, to_cyrillic, word_terms
from bot.matching.lemmas import preload
from bot.matching.names import Names, asks_what, written_names
from bot.matching.index_cache import IndexCache, array, from_array, index_key
from bot.matching.lexical import TermIndex, group_max, group_topk_mean
from bot.matching.synonyms import Synonyms

log = logging.getLogger(__name__)

LEXICAL_FEATURES = ("word", "gram", "entry", "answer")
SEMANTIC_FEATURES = ("sem", "sem3", "semc", "clf")
#: Ridge penalty of the ``clf`` signal, in units of one example question (vectors have
#: length 1). Best-ranked entry right on held-out questions: 90.6 % at 0.3, 90.4 % at 1,
#: 90.3 % at 3 — flat; 1 is the middle.
RIDGE = 1.0
CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Candidate:
    entry_id: str
    score: float
    audiences: frozenset[str] = frozenset()
    #: The question is nearer one the pack knows it does not answer (unanswered.yaml) than
    #: to any example of this entry: see `Matcher.rank`. Set on the best candidate only.
    nearer_unanswered: bool = False
    #: What the question asks for that this entry does not state (`bot.matching.asks`):
    #: "how long", or None. Set on the best candidate only.
    asks_unstated: str | None = None
    #: The question asks what a name is, and this entry alone has that name
    #: (`bot.matching.names`). Set on the best candidate only.
    named: bool = False


@dataclass(frozen=True)
class Decision:
    """What to do with a ranking: answer, ask which one, or say "I don't know"."""

    kind: str  # "answer" | "disambiguate" | "unknown"
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class Document:
    """What the matcher knows of one entry. Texts are (language or None, text)."""

    entry_id: str
    audiences: frozenset[str]
    questions: tuple[tuple[str | None, str], ...]  # example questions
    passages: tuple[tuple[str | None, str], ...] = ()  # answer texts (title + text)
    titles: tuple[tuple[str | None, str], ...] = ()  # indexed like example questions
    # The entry's "more" text: not indexed (it would outweigh the answer), read only for
    # the names it writes ("Internationale Taalklas (ITK)"), see `Names`.
    details: tuple[tuple[str | None, str], ...] = ()

    @property
    def asked(self) -> tuple[tuple[str | None, str], ...]:
        """What a question is compared with, one by one: titles and example questions."""
        return (self.titles + self.questions) or ((None, self.entry_id),)


@dataclass(frozen=True)
class Calibration:
    """Two logistic models on the signals.

    *Ranking* (`weights`, `bias` on `features`): "is this entry the right one for the
    question?", fitted on every entry of every held-out question; it orders the entries.
    *Confidence* (`confidence_weights`, `confidence_bias` on `confidence`): "does the
    knowledge answer this question, with the best-ranked entry?", fitted on the signals of
    the best-ranked entry: held-out questions whose best entry is right against
    out-of-scope questions. It is the best entry's score; another entry's score is that,
    lowered by its ranking log-odds gap to the best one, so `decide` compares entries by
    the ranking. (The best entry's lead over the next one as a further signal changed
    nothing on held-out questions: cost 0.302 without, 0.304 with.)

    Why two: one model did both jobs until Nov 2026, and every signal that ranked better
    (``clf``, margins) also made out-of-scope questions look answerable, so keeping false
    answers at 5 % meant declining many more real questions. "Which entry?" and "is there
    one?" are different questions with different evidence.
    """

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    confidence: tuple[str, ...]
    confidence_weights: tuple[float, ...]
    confidence_bias: float
    answer_at: float
    close_by: float
    #: How much nearer (cosine) a known unanswered question must be than the best entry's
    #: nearest example for "I don't know"; None: no such check (lexical, or not calibrated).
    unanswered_by: float | None = None

    @classmethod
    def load(cls, mode: str, path: Path = CALIBRATION_FILE) -> "Calibration":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))[mode]
            cal = cls(tuple(data["features"]), tuple(float(w) for w in data["weights"]), float(data["bias"]),
                      tuple(data["confidence"]), tuple(float(w) for w in data["confidence_weights"]),
                      float(data["confidence_bias"]), float(data["answer_at"]), float(data["close_by"]),
                      None if data.get("unanswered_by") is None else float(data["unanswered_by"]))
            if len(cal.weights) != len(cal.features) or len(cal.confidence_weights) != len(cal.confidence):
                raise ValueError("weights and features differ in number")
            return cal
        except (OSError, KeyError, ValueError, TypeError):
            log.warning("no usable %s calibration in %s; using built-in defaults", mode, path)
            return DEFAULTS[mode]


DEFAULTS = {
    "lexical": Calibration(LEXICAL_FEATURES, (-8.0, 4.5, 10.5, 3.5), -6.0,
                           LEXICAL_FEATURES, (-18.0, 10.0, 22.0, 8.0), -6.0, 0.75, 1.5),
    "semantic": Calibration(LEXICAL_FEATURES + SEMANTIC_FEATURES, (-5.5, 0.7, 4.7, 2.4, 56.0, -34.0, 16.0, 20.0), -41.0,
                            LEXICAL_FEATURES + SEMANTIC_FEATURES, (-12.5, 3.3, 12.0, 6.0, 39.0, 17.0, 43.0, 3.0), -90.0,
                            0.6, 1.0),
}


def variants(a: Candidate, b: Candidate) -> bool:
    """Two entries for different people (disjoint audiences): knowing who asks decides
    between them, so they are not two different answers to offer the same person."""
    return bool(a.audiences) and bool(b.audiences) and not (a.audiences & b.audiences)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def decide(ranked: Sequence[Candidate], answer_at: float = 0.5, close_by: float = 0.5) -> Decision:
    """Answer when the best is likely right; ask when a different answer for the same
    person is almost as likely; otherwise say "I don't know".

    "Almost as likely" is measured in log-odds, not in probability: 0.97 against 0.92 is
    a clear preference (odds 32:1 against 11:1), 0.60 against 0.55 is not. `close_by` is
    that log-odds difference (0.5 means odds within a factor 1.65)."""
    if not ranked or ranked[0].nearer_unanswered or ranked[0].asks_unstated:
        return Decision("unknown", tuple(ranked[:3]))
    top = ranked[0]
    if top.named:
        # "What is ITK?": the name and the ranking agree on the entry; a weak score there
        # only says the rest of the question is "what is this?".
        return Decision("answer", tuple(ranked[:3]))
    if top.score < answer_at:
        return Decision("unknown", tuple(ranked[:3]))
    rival = next((c for c in ranked[1:] if not variants(top, c)), None)
    if rival is not None and rival.score >= answer_at / 2 and _logit(top.score) - _logit(rival.score) < close_by:
        return Decision("disambiguate", (top, rival))
    return Decision("answer", tuple(ranked[:3]))


@dataclass
class _Built:
    """Everything derived from the documents (one per matcher)."""

    ids: list[str]
    audiences: list[frozenset[str]]
    q_starts: np.ndarray
    p_starts: np.ndarray
    words: TermIndex
    grams: TermIndex
    entries: TermIndex
    answers: TermIndex
    lemma_vocab: list[str] = field(default_factory=list)
    #: Per entry: can it answer "how long / until when" (`bot.matching.asks`)?
    how_long: list[bool] = field(default_factory=list)
    #: Per entry: does its text state a time span (not only its examples)?
    how_long_stated: list[bool] = field(default_factory=list)
    #: Per title or example question (the rows of q_starts): does it ask "how long"?
    how_long_asked: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    #: Which entries use each name written in the texts (`bot.matching.names`).
    names: Names | None = None
    #: What the semantic model reads of the entries (`embedded_texts`): Latin-typed
    #: examples read in Cyrillic, so kept with the rest (0.3 s of a start).
    embedded: list[tuple[str, str]] = field(default_factory=list)

    _ARRAYS = ("q_starts", "p_starts", "how_long_asked")
    _TERMS = ("words", "grams", "entries", "answers")

    def to_plain(self) -> dict:
        """For the index cache (`bot.matching.index_cache`): marshal-able values only."""
        plain = {f: getattr(self, f) for f in ("ids", "audiences", "lemma_vocab", "how_long", "how_long_stated",
                                                "embedded")}
        plain.update({f: array(getattr(self, f)) for f in self._ARRAYS})
        plain.update({f: getattr(self, f).to_plain() for f in self._TERMS})
        plain["names"] = self.names.to_plain() if self.names is not None else None
        return plain

    @classmethod
    def from_plain(cls, plain: dict) -> "_Built":
        values = dict(plain)
        values.update({f: from_array(plain[f]) for f in cls._ARRAYS})
        values.update({f: TermIndex.from_plain(plain[f]) for f in cls._TERMS})
        values["names"] = Names.from_plain(plain["names"]) if plain["names"] is not None else None
        values["embedded"] = [tuple(t) for t in plain["embedded"]]
        return cls(**values)


class Matcher:
    """Ranks entries for a question; built once per knowledge snapshot, then read-only."""

    def __init__(self, documents: Iterable[Document], synonyms: Sequence[Sequence[str]] = (), *,
                 embedder=None, cache=None, pack: str = "pack", calibration: Calibration | None = None,
                 crisis_examples=None, unanswered: Sequence[tuple[str | None, str]] = (),
                 index_cache: IndexCache | None = None):
        self.documents = list(documents)
        self.unanswered = list(unanswered)
        self.synonyms = Synonyms(list(synonyms))
        self.embedder = embedder
        self.mode = "semantic" if embedder is not None else "lexical"
        self.calibration = calibration or Calibration.load(self.mode)
        preload()
        if index_cache is None:
            self._built = self._build()
        else:
            self._built = index_cache.get(pack, index_key(self.documents, self.synonyms.groups), self._build,
                                          _Built.to_plain, _Built.from_plain)
        self._masks: dict[str | None, np.ndarray] = {}
        self._q_vecs = None
        # The semantic crisis check (`crisis_margin`): example vectors, and each recent
        # question's margin, kept when its vector is made (in `_compute`, maybe a prefetch).
        self._crisis_examples = crisis_examples if embedder is not None else None
        self._crisis_pos = self._crisis_neg = None
        self._crisis_seen: OrderedDict[tuple[str, str | None], float] = OrderedDict()
        # Known unanswered questions (`rank`): their vectors, and each recent question's
        # cosine to the nearest of them, kept like the crisis margin.
        self._u_vecs = None
        self._unanswered_seen: OrderedDict[tuple[str, str | None], float] = OrderedDict()
        # For a "how long" question: per entry, how much nearer its nearest example is than
        # its nearest "how long" example (`answers_how_long`), kept the same way.
        self._how_long_seen: OrderedDict[tuple[str, str | None], np.ndarray] = OrderedDict()
        if embedder is not None:
            self._embed_knowledge(cache, pack)
        cal = self.calibration
        self._weights = np.asarray(cal.weights, np.float64)
        self._feature_index = [self.feature_names.index(f) for f in cal.features]
        self._conf_weights = np.asarray(cal.confidence_weights, np.float64)
        self._conf_index = [self.feature_names.index(f) for f in cal.confidence]
        # Features computed ahead, off the event loop (see `prefetch`), by (text, lang).
        self._ready: OrderedDict[tuple[str, str | None], list[np.ndarray]] = OrderedDict()
        self._ready_lock = threading.Lock()

    # -- building -----------------------------------------------------------------------
    def _terms(self, words: list[Word]) -> list[str]:
        """Index terms: content words (function words say little and are in every text)
        plus the synonym groups mentioned (found on all words: a term may have "de")."""
        return word_terms(content_words(words)) + [f"s:{g}" for g in self.synonyms.find(words)]

    def _build(self) -> _Built:
        q_docs, g_docs, e_docs, a_docs = [], [], [], []
        q_starts, p_starts = [], []
        # Every word's sound key, per entry: all its texts, and its examples alone (`Names`).
        used: list[set[str]] = []
        asked_words: list[set[str]] = []
        for doc in self.documents:
            q_starts.append(len(q_docs))
            entry_terms: list[str] = []
            asked: set[str] = set()
            for lang, text in doc.asked:
                words = analyse(text, lang)
                terms = self._terms(words)
                q_docs.append(terms)
                g_docs.append(gram_terms(words))
                entry_terms += terms
                asked.update(w.key for w in words)
            e_docs.append(entry_terms)
            p_starts.append(len(a_docs))
            answer: set[str] = set()
            for lang, text in doc.passages or ((None, ""),):
                words = analyse(text, lang)
                a_docs.append(self._terms(words))
                answer.update(w.key for w in words)
            asked_words.append(asked)
            used.append(asked | answer | {k for _, text in doc.details for k in written_names(text)})
        words = TermIndex(q_docs)
        lemma_vocab = sorted(t[2:] for t in words.vocab if t.startswith("l:") and len(t) > 5)
        return _Built([d.entry_id for d in self.documents], [d.audiences for d in self.documents],
                      np.asarray(q_starts, np.int64), np.asarray(p_starts, np.int64),
                      words, TermIndex(g_docs), TermIndex(e_docs, b=0.3), TermIndex(a_docs, b=0.3), lemma_vocab,
                      [answers_how_long((t for _, t in d.passages), (q for _, q in d.questions))
                       for d in self.documents],
                      [states_time_span(t for _, t in d.passages) for d in self.documents],
                      np.asarray([asks_how_long(t) for d in self.documents for _, t in d.asked], bool),
                      Names([[t for _, t in d.passages + d.details] for d in self.documents], used, asked_words),
                      embedded_texts(self.documents))

    def _embed_knowledge(self, cache, pack: str) -> None:
        from bot.matching.semantic import EmbeddingCache

        cache = cache or EmbeddingCache()
        self._q_vecs = np.ascontiguousarray(cache.vectors(self.embedder, pack, self._built.embedded))
        # Each entry's centroid: the direction its questions share, less tied to any one
        # phrasing than the best single example.
        sums = np.add.reduceat(self._q_vecs, self._built.q_starts, axis=0)
        self._centroids = np.ascontiguousarray(sums / np.linalg.norm(sums, axis=1, keepdims=True))
        # Ridge classifier, one column per entry: least squares from a question's vector to
        # "1 for its own entry, 0 for the others". Closed form on a dim x dim system: a few
        # ms, so it is refitted with every build, never cached.
        x = self._q_vecs.astype(np.float64)
        owner = np.repeat(np.arange(len(self._built.ids)), np.diff(np.append(self._built.q_starts, len(x))))
        targets = np.zeros((len(x), len(self._built.ids)))
        targets[np.arange(len(x)), owner] = 1.0
        ridge = np.linalg.solve(x.T @ x + RIDGE * np.eye(x.shape[1]), x.T @ targets)
        self._ridge = np.ascontiguousarray(ridge.T.astype(np.float32))
        if self.unanswered:
            # Their own cache file, like the crisis examples: a pack file holds what it needs.
            self._u_vecs = np.ascontiguousarray(cache.vectors(
                self.embedder, unanswered_cache(pack), unanswered_embedded_texts(self.unanswered)))
        ex = self._crisis_examples
        if ex is not None:
            # Their own cache file: shared by every pack, and kept apart so that it never
            # pushes a pack's vectors out of that pack's file.
            vecs = cache.vectors(self.embedder, CRISIS_CACHE, crisis_embedded_texts(ex))
            self._crisis_pos = np.ascontiguousarray(vecs[:len(ex.crisis)])
            self._crisis_neg = np.ascontiguousarray(vecs[len(ex.crisis):])

    @property
    def feature_names(self) -> tuple[str, ...]:
        return LEXICAL_FEATURES + (SEMANTIC_FEATURES if self.embedder is not None else ())

    # -- asking -------------------------------------------------------------------------
    def _fix_typos(self, words: list[Word]) -> list[str]:
        """Terms of the nearest known word for words the knowledge does not use."""
        extra: list[str] = []
        b = self._built
        for w in words:
            if len(w.lemma) <= PREFIX or b.words.known("l:" + w.lemma) or b.words.known("w:" + w.key):
                continue
            typos = 1 if len(w.lemma) < 9 else 2
            found = process.extractOne(w.lemma, b.lemma_vocab, scorer=Levenshtein.distance, score_cutoff=typos)
            if found:
                extra += ["l:" + found[0], "p:" + found[0][:PREFIX]]
        return extra

    def prefetch(self, text: str, lang: str | None = None) -> None:
        """Compute a question's features now, in a worker thread, so that `rank` finds them.

        The embedding model releases the GIL, so two questions are embedded on two cores
        at once while the event loop keeps serving; the engine calls this before it takes
        the user's turn. Thread-safe. Each prefetch is used by one `rank`: two users asking
        the same thing at once each get their own (a single slot per question was
        overwritten, and the second `rank` then embedded on the event loop, blocking it).
        """
        feats = self._compute(text, lang)
        with self._ready_lock:
            self._ready.setdefault((text, lang), []).append(feats)
            self._ready.move_to_end((text, lang))
            while len(self._ready) > 256:
                self._ready.popitem(last=False)

    def features(self, text: str, lang: str | None = None) -> np.ndarray:
        """Raw signals for every entry: shape (entries, len(feature_names))."""
        with self._ready_lock:
            waiting = self._ready.get((text, lang))
            ready = waiting.pop() if waiting else None
            if waiting is not None and not waiting:
                del self._ready[(text, lang)]
        return ready if ready is not None else self._compute(text, lang)

    def _compute(self, text: str, lang: str | None) -> np.ndarray:
        b = self._built
        n = len(b.ids)
        words = analyse(text, lang)
        out = np.zeros((n, len(self.feature_names)), np.float32)
        if not words or n == 0:
            return out
        groups = self.synonyms.find(words)
        content = content_words(words)
        terms = word_terms(content) + [f"s:{g}" for g in groups] + self._fix_typos(content)
        word_scores = b.words.scores(terms)
        gram_scores = b.grams.scores(gram_terms(words))
        out[:, 0] = group_max(word_scores, b.q_starts)
        out[:, 1] = group_max(gram_scores, b.q_starts)
        out[:, 2] = b.entries.scores(terms)
        out[:, 3] = group_max(b.answers.scores(terms), b.p_starts)
        if self.embedder is not None:
            from bot.matching.semantic import QUERY, shortened

            # A Latin-typed Ukrainian/Russian question is shown to the model in Cyrillic.
            # The names of the synonym groups it mentions are not appended: they cost ~0.6 ms
            # a token and, measured in Nov 2026 after recalibrating, helped nothing (four
            # blind sets 92.8/90.6/89.0/89.9 -> 93.2/91.3/89.0/91.0 % right without them):
            # the examples already say "хаусарт" and "лейфгельд", and the lexical signals
            # carry the groups.
            query = shortened(to_cyrillic(text, lang) or text)
            qv = self.embedder.embed([query], QUERY)[0]
            # einsum, not `@`: a matrix-vector product goes to multi-threaded BLAS, whose
            # spinning threads compete with the embedding model for the same cores.
            sims = np.einsum("ij,j->i", self._q_vecs, qv)
            k = len(LEXICAL_FEATURES)
            out[:, k] = group_max(sims, b.q_starts)
            out[:, k + 1] = group_topk_mean(sims, b.q_starts, 3)
            out[:, k + 2] = np.einsum("ij,j->i", self._centroids, qv)
            out[:, k + 3] = np.einsum("ij,j->i", self._ridge, qv)
            if self._crisis_pos is not None:
                self._remember_crisis_margin(text, lang, qv, sims)
            if asks_how_long(text):
                nearest_how_long = group_max(np.where(b.how_long_asked, sims, np.float32(-2.0)), b.q_starts)
                self._remember(self._how_long_seen, (text, lang), out[:, k] - nearest_how_long)
            if self._u_vecs is not None and len(self._u_vecs):
                self._remember(self._unanswered_seen, (text, lang),
                               float(np.einsum("ij,j->i", self._u_vecs, qv).max()))
        return out

    # -- reads like a crisis? ----------------------------------------------------------
    @property
    def crisis_at(self) -> float | None:
        """The margin from which `crisis_margin` means "add the crisis lines"; None when
        there is no semantic crisis check (lexical matcher, or no examples)."""
        return self._crisis_examples.margin if self._crisis_pos is not None else None

    def crisis_threshold(self, text: str, lang: str | None = None) -> float | None:
        """The margin `text` must reach (stricter for a message that asks something; a
        Latin-typed Ukrainian or Russian one is read in Cyrillic, for its question words)."""
        if self._crisis_pos is None:
            return None
        return self._crisis_examples.threshold(text, to_cyrillic(text, lang) or text)

    def _remember_crisis_margin(self, text: str, lang: str | None, qv: np.ndarray, sims: np.ndarray) -> None:
        """How much nearer the crisis examples than the ordinary ones (the three nearest of
        each; the pack's example questions are ordinary too, `sims` holds them already)."""
        pos = np.einsum("ij,j->i", self._crisis_pos, qv)
        neg = np.concatenate([np.einsum("ij,j->i", self._crisis_neg, qv), sims])
        self._remember(self._crisis_seen, (text, lang), float(_top_mean(pos, 3) - _top_mean(neg, 3)))

    def _remember(self, seen: OrderedDict, key: tuple[str, str | None], value: float) -> None:
        with self._ready_lock:
            seen[key] = value
            seen.move_to_end(key)
            while len(seen) > 256:
                seen.popitem(last=False)

    def nearest_unanswered(self, text: str, lang: str | None = None) -> float | None:
        """Cosine of a question `rank` (or `features`) has seen to the nearest question in
        the pack's unanswered.yaml; None without them or without the semantic model."""
        with self._ready_lock:
            return self._unanswered_seen.get((text, lang))

    def crisis_margin(self, text: str, lang: str | None = None) -> float | None:
        """The margin of a question `rank` has seen (None if none, or no check): call it
        after `rank`, which makes the question's vector."""
        with self._ready_lock:
            return self._crisis_seen.get((text, lang))

    def logits(self, feats: np.ndarray) -> np.ndarray:
        """The ranking score of every entry: log-odds that it is the right one."""
        return np.einsum("ij,j->i", feats[:, self._feature_index].astype(np.float64), self._weights) \
            + self.calibration.bias

    def scored(self, feats: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The entries in `mask`, best first, and their scores (see `Calibration`)."""
        sure = feats[:, self._conf_index].astype(np.float64) @ self._conf_weights + self.calibration.confidence_bias
        return score_entries(self.logits(feats), sure, mask)

    def _mask(self, audience: str | None, allowed: set[str] | None) -> np.ndarray:
        b = self._built
        mask = self._masks.get(audience)
        if mask is None:
            mask = np.asarray([audience is None or audience in a for a in b.audiences], bool)
            self._masks[audience] = mask
        if allowed is not None:
            mask = mask & np.fromiter((i in allowed for i in b.ids), bool, len(b.ids))
        return mask

    def rank(self, text: str, audience: str | None = None, allowed: set[str] | None = None,
             limit: int = 5, lang: str | None = None) -> list[Candidate]:
        """The best entries for `text`, asked by someone of `audience` (None: anyone), among
        `allowed` ids (None: all), best first, each with its calibrated score in [0, 1]."""
        b = self._built
        if not b.ids or not (text or "").strip():
            return []
        mask = self._mask(audience, allowed)
        if not mask.any():
            return []
        feats = self.features(text, lang)
        if not feats.any():
            return []
        order, probs = self.scored(feats, mask)
        out = [Candidate(b.ids[i], round(float(p), 4), b.audiences[i]) for i, p in zip(order[:limit], probs[:limit])]
        if out and self.nearer_unanswered(text, lang, feats, int(order[0])):
            out[0] = replace(out[0], nearer_unanswered=True)
        if out and asks_how_long(text) and not self.answers_how_long(text, lang, int(order[0])):
            out[0] = replace(out[0], asks_unstated="how long")
        if out and b.names is not None and asks_what(text) \
                and b.names.named(text, np.flatnonzero(mask)) == int(order[0]):
            out[0] = replace(out[0], named=True)
        return out

    def answers_how_long(self, text: str, lang: str | None, top: int) -> bool:
        """Can entry `top` answer the "how long" question `text`? Its text states a time span,
        or (`bot.matching.asks`) it has "how long" examples and, with the semantic model,
        one of them is about as near the question as its nearest example."""
        b = self._built
        if not b.how_long[top] or b.how_long_stated[top]:
            return b.how_long[top]
        with self._ready_lock:
            gaps = self._how_long_seen.get((text, lang))
        return gaps is None or float(gaps[top]) <= EXAMPLE_GAP

    def nearer_unanswered(self, text: str, lang: str | None, feats: np.ndarray, top: int) -> bool:
        """Is the question nearer a question the pack knows it does not answer than to
        every example of entry `top` (by the calibrated `unanswered_by`)?

        Why: a question about something the knowledge does not hold often shares its
        setting with an entry ("how long does the IND take?" and working while the IND
        decides; keeping the opvang place during a trip home and the opvang's playgroup),
        and then every signal looks like an answer. What the question is *about* is what
        the known unanswered questions add: staff add a signal's question there when the
        bot answered it wrongly."""
        by = self.calibration.unanswered_by
        if by is None or self._u_vecs is None:
            return False
        nearest = self.nearest_unanswered(text, lang)
        sem = feats[top, len(LEXICAL_FEATURES)]  # the best cosine to one of the entry's texts
        return nearest is not None and nearest - float(sem) > by

    def decide(self, ranked: Sequence[Candidate]) -> Decision:
        return decide(ranked, self.calibration.answer_at, self.calibration.close_by)


def _top_mean(values: np.ndarray, k: int) -> float:
    """Mean of the k largest values; a partition, not a sort (the ordinary side holds every
    example question of the pack: 50k with the pack x10)."""
    if len(values) <= k:
        return float(values.mean())
    return float(np.partition(values, len(values) - k)[-k:].mean())


def score_entries(z: np.ndarray, sure: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The entries in `mask` ordered by ranking log-odds `z`, and their scores: the best
    one's confidence log-odds `sure`, the others' that less their ranking gap to it.

    A function, not a method, so that benchmarks/calibrate_matcher.py scores held-out
    questions exactly as `Matcher.rank` does."""
    idx = np.flatnonzero(mask)
    order = idx[np.argsort(-z[idx], kind="stable")]
    top = order[0]
    return order, 1.0 / (1.0 + np.exp(-np.clip(sure[top] + z[order] - z[top], -30, 30)))


#: The cache file of the crisis examples' vectors (one for every pack).
CRISIS_CACHE = "crisis-examples"


def crisis_embedded_texts(ex) -> list[tuple[str, str]]:
    """What the semantic crisis check embeds: the crisis examples, then the ordinary ones."""
    from bot.matching.semantic import QUERY

    return [(QUERY, to_cyrillic(t, lang) or t) for lang, t in ex.crisis + ex.ordinary]


def unanswered_cache(pack: str) -> str:
    """The cache file of a pack's unanswered.yaml vectors (apart from the pack's own, which
    it would otherwise push out: see semantic.EmbeddingCache)."""
    return f"{pack}-unanswered"


def unanswered_embedded_texts(unanswered: Iterable[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """What the semantic matcher embeds of unanswered.yaml (spelled as `embedded_texts`)."""
    from bot.matching.semantic import QUERY

    return [(QUERY, to_cyrillic(text, lang) or text) for lang, text in unanswered]


def cached_embedded_texts(documents: Sequence[Document], synonyms: Sequence[Sequence[str]], pack: str,
                          index_cache: IndexCache) -> list[tuple[str, str]]:
    """`embedded_texts`, read from the stored index when there is one: the bot's start
    check (`semantic_cached`) went from 1.98 to 1.52 s (25 Nov 2026, median of 3), since
    reading Latin-typed examples in Cyrillic is the slow part."""
    plain = index_cache.peek(pack, index_key(documents, Synonyms(list(synonyms)).groups))
    if plain is not None:
        try:
            return [tuple(t) for t in plain["embedded"]]
        except Exception:  # noqa: BLE001 - an unreadable index is rebuilt later anyway
            pass
    return embedded_texts(documents)


def embedded_texts(documents: Iterable[Document]) -> list[tuple[str, str]]:
    """What the semantic matcher embeds, as (kind, text): every title and example question,
    a Latin-typed Ukrainian or Russian one in Cyrillic, as a question typed so is shown to
    the model (`Matcher._compute`)."""
    from bot.matching.semantic import QUERY

    return [(QUERY, to_cyrillic(text, lang) or text) for doc in documents for lang, text in doc.asked]
