"""Dictionary forms (lemmas) of Ukrainian, Russian, Dutch and English words, via `simplemma`.

simplemma ships its dictionaries front-coded and compressed. Building its usual in-memory
dicts for four languages takes ~2.5 s and ~250 MB; its "low memory" stream dictionaries
take ~50 MB but still ~1.7 s to index at every start. We use the stream dictionaries and
keep their decompressed data and block index in the user cache folder (`marshal`, which
cannot run code when read), so a warm start reads them in a fraction of a second. If
anything about that cache does not fit (another simplemma version, a damaged file), we
build the index the normal way.
"""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

import simplemma
from simplemma.strategies import DictionaryLookupStrategy
from simplemma.strategies.dictionaries.dictionary_factory import CachingDictionaryFactory
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap
from simplemma.utils import normalize_token

log = logging.getLogger(__name__)

_FIELDS = ("_data", "_rev", "_count", "_pos", "_firsts", "_blocks")


def _cache_file(lang: str) -> Path:
    from bot.matching.index_cache import cache_root

    version = getattr(simplemma, "__version__", "unknown")
    return cache_root() / "lemmas" / f"simplemma-{version}-{lang}.marshal"


class _CachedStreamFactory(CachingDictionaryFactory):
    __slots__ = ()

    def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
        path = _cache_file(lang)
        try:
            with open(path, "rb") as fh:
                values = marshal.load(fh)
            stream = StreamMap.__new__(StreamMap)
            for name, value in zip(_FIELDS, values, strict=True):
                setattr(stream, name, value)
            return stream
        except (OSError, ValueError, EOFError, TypeError, AttributeError):
            pass
        stream = StreamMap(lang)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(tuple(getattr(stream, name) for name in _FIELDS), fh)
            os.replace(tmp, path)
        except (OSError, AttributeError, ValueError):
            log.info("cannot cache simplemma's %s dictionary in %s", lang, path.parent)
        return stream


_LOOKUP = DictionaryLookupStrategy(_CachedStreamFactory())
_LOCK = threading.Lock()
LANGS = ("uk", "ru", "nl", "en")


def lemma(token: str, lang: str) -> str | None:
    """The dictionary form of `token` in `lang`, lowercased, or None if `lang` does not know it."""
    try:
        found = _LOOKUP.get_lemma(normalize_token(token), lang)
    except Exception:  # noqa: BLE001 - a dictionary problem must not stop an answer
        return None
    return found.casefold() if found is not None else None


def preload() -> None:
    """Load the four dictionaries now (at knowledge load), not at the first question."""
    with _LOCK:
        for lang in LANGS:
            lemma("a", lang)
