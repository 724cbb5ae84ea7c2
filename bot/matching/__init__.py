"""Understanding what people type: multilingual retrieval with a calibrated "I don't know".

The engine uses a narrow interface:

    matcher = build_matcher(snapshot, i18n)          # once per knowledge snapshot
    ranked = matcher.rank(text, audience, allowed, lang=lang)   # [Candidate(entry_id, score)]
    decision = matcher.decide(ranked)                 # answer | disambiguate | unknown

See `bot.matching.matcher` for how scores are made and calibrated.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.matching.index_cache import IndexCache
from bot.matching.matcher import (CRISIS_CACHE, Calibration, Candidate, Decision, Document, Matcher,
                                  cached_embedded_texts, crisis_embedded_texts, decide, unanswered_cache,
                                  unanswered_embedded_texts, variants)

log = logging.getLogger(__name__)


def documents(snapshot: Any, i18n: Any = None) -> list[Document]:
    """The matcher's view of a snapshot's entries: example questions and titles in every
    language, and the answer text in every language it is translated into."""
    languages = list(snapshot.pack.languages)
    source = snapshot.pack.source_language
    out = []
    for entry in snapshot.entries.values():
        titles: list[tuple[str | None, str]] = [(source, entry.title)]
        passages: list[tuple[str | None, str]] = [(source, f"{entry.title}\n{entry.text}")]
        details: list[tuple[str | None, str]] = [(source, entry.details)] if entry.details else []
        if i18n is not None:
            for lang in languages:
                if lang == source:
                    continue
                title = i18n.knowledge(lang, f"{entry.id}:title", entry.title)
                text = i18n.knowledge(lang, f"{entry.id}:text", entry.text)
                if title.lang == lang:
                    titles.append((lang, title.text))
                if text.lang == lang:
                    passages.append((lang, f"{title.text}\n{text.text}"))
                if entry.details:
                    more = i18n.knowledge(lang, f"{entry.id}:details", entry.details)
                    if more.lang == lang:
                        details.append((lang, more.text))
        examples = [(lang, q) for lang, qs in entry.examples.items() for q in qs]
        out.append(Document(entry.id, frozenset(entry.audiences), tuple(examples), tuple(passages), tuple(titles),
                            tuple(details)))
    return out


def semantic_wanted() -> bool:
    from bot.matching.semantic import available

    return available()


def semantic_cached(snapshot: Any, i18n: Any = None, cache: Any = None) -> bool:
    """Is everything the semantic matcher embeds for this snapshot in the cache already?
    Then it builds in about a second; otherwise the model first reads every text (about
    0.56 ms a token on two cores: 75-95 s for the Heemstede pack, its unanswered.yaml and
    the crisis examples, by how busy the machine is)."""
    from bot.crisis import examples
    from bot.matching.semantic import EmbeddingCache, model_name

    cache = cache or EmbeddingCache()
    texts = cached_embedded_texts(documents(snapshot, i18n), getattr(snapshot, "synonyms", ()), snapshot.pack.id,
                                  IndexCache(enabled=getattr(cache, "enabled", True)))
    ex = examples()
    crisis_texts = crisis_embedded_texts(ex) if ex is not None else []
    unanswered = unanswered_embedded_texts(getattr(snapshot, "unanswered", ()))
    return cache.has_all(model_name(), snapshot.pack.id, texts) and \
        cache.has_all(model_name(), CRISIS_CACHE, crisis_texts) and \
        cache.has_all(model_name(), unanswered_cache(snapshot.pack.id), unanswered)


def build_matcher(snapshot: Any, i18n: Any = None, *, semantic: bool | None = None, cache: Any = None) -> Matcher:
    """The matcher for a snapshot. `semantic=None`: use the embedding model when it is
    installed (``wegwijs[semantic]``) and not switched off with WEGWIJS_SEMANTIC=0."""
    embedder = None
    if semantic is None:
        semantic = semantic_wanted()
    if semantic:
        try:
            from bot.matching.semantic import shared_embedder

            embedder = shared_embedder()
        except Exception:  # noqa: BLE001 - the lexical matcher still works
            log.exception("the semantic model did not load; matching is lexical only")
    crisis_examples = None
    if embedder is not None:
        from bot.crisis import examples

        crisis_examples = examples()
    return Matcher(documents(snapshot, i18n), getattr(snapshot, "synonyms", ()), embedder=embedder,
                   cache=cache, pack=snapshot.pack.id, crisis_examples=crisis_examples,
                   unanswered=getattr(snapshot, "unanswered", ()),
                   index_cache=IndexCache(enabled=getattr(cache, "enabled", True)))


__all__ = ["Calibration", "Candidate", "Decision", "Document", "Matcher", "build_matcher", "decide",
           "documents", "semantic_cached", "semantic_wanted", "variants"]
