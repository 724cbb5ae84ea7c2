"""The lexical index of a pack, kept on disk between starts.

Analysing every title, text and example question (dictionary forms in four languages,
Latin-typed Ukrainian and Russian read in Cyrillic) is most of a warm start: about 1.5 of
2.4 s for the Heemstede pack (Nov 2026). What comes out depends only on the texts, on
this package's matching code and on the libraries that analyse, so it is kept under a key
made of all three:

- the documents and synonym groups, in a fixed order;
- the source of every module of `bot.matching` and the format version below;
- the versions of Python, simplemma, PyStemmer, bm25s, rapidfuzz and numpy.

Any change to one of them gives a new key, and the index is built again. The file is
`marshal` data (it cannot run code when read, unlike a pickle), in the same user cache
folder as the lemma dictionaries and the embeddings; ``WEGWIJS_CACHE_DIR`` overrides it.
A file that is missing, damaged or of another format is ignored and rebuilt: the cache
can make a start faster, never make an answer different.
"""

from __future__ import annotations

import hashlib
import json
import logging
import marshal
import os
import sys
import tempfile
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

log = logging.getLogger(__name__)

#: Written into every file and the key. The key also holds the source of `bot.matching`,
#: where the layout is written (`_Built.to_plain`), so a change there rebuilds anyway.
FORMAT = "wegwijs-index-1"
_LIBRARIES = ("simplemma", "PyStemmer", "bm25s", "rapidfuzz", "numpy")
#: Files of other versions of a pack kept next to the current one (an edit being tried).
KEEP = 3
#: Unreadable files already reported, by path, size and time: the bot's start check
#: (`peek`) and the build that follows read the same file, and one damaged file is one
#: problem for whoever reads the log.
_reported: set[tuple[str, int, int]] = set()


def cache_root() -> Path:
    """WEGWIJS_CACHE_DIR, else the user cache folder: the root of every cache of the
    matcher (lemmas, embeddings, this index)."""
    override = os.environ.get("WEGWIJS_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wegwijs"))


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """Once per process: the code and libraries do not change while it runs (a reload
    builds a matcher again and would read the source files each time)."""
    h = hashlib.sha256(FORMAT.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            h.update(f"{name}=none".encode())
    h.update(sys.version.encode())
    return h.digest()


def index_key(documents: Sequence[Any], synonyms: Sequence[Sequence[str]]) -> str:
    """The key of the index built from these documents and synonyms by this code."""
    h = hashlib.sha256(_code_digest())
    plain = [(d.entry_id, sorted(d.audiences), d.questions, d.passages, d.titles, d.details) for d in documents]
    # JSON, not marshal: marshal's bytes for equal data vary with reference counts.
    h.update(json.dumps([plain, [list(g) for g in synonyms]], ensure_ascii=False).encode())
    return h.hexdigest()[:32]


def array(a: np.ndarray) -> tuple[str, tuple[int, ...], bytes]:
    a = np.ascontiguousarray(a)
    return (a.dtype.str, a.shape, a.tobytes())


def from_array(t: tuple[str, tuple[int, ...], bytes]) -> np.ndarray:
    dtype, shape, data = t
    return np.frombuffer(data, dtype=np.dtype(dtype)).reshape(shape).copy()


class IndexCache:
    """Built indexes on disk, one file per pack and key; `enabled=False` keeps none."""

    def __init__(self, directory: Path | None = None, *, enabled: bool = True):
        self.directory = directory
        self.enabled = enabled
        self.hit = False  # did the last `get` read the index from disk (tests, benchmarks)

    def _file(self, pack: str, key: str) -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in pack)
        return (self.directory or cache_root() / "index") / f"{safe}-{key}.marshal"

    def get(self, pack: str, key: str, build: Callable[[], Any], encode: Callable[[Any], Any],
            decode: Callable[[Any], Any]) -> Any:
        """The index for `key`: read from disk, else built (and written for next time)."""
        self.hit = False
        plain = self.peek(pack, key)
        if plain is not None:
            try:
                built = decode(plain)
                self.hit = True
                return built
            except Exception:  # noqa: BLE001 - damaged or foreign: rebuilt, never fatal
                log.warning("index cache for %s is unreadable; rebuilding it", pack)
        built = build()
        if self.enabled:
            self._write(self._file(pack, key), {"format": FORMAT, "key": key, "index": encode(built)})
        return built

    def peek(self, pack: str, key: str) -> Any | None:
        """The stored index for `key` as plain data, or None; nothing is built or written
        (the bot asks, before it builds, whether the model will have to read anything)."""
        if not self.enabled:
            return None
        path = self._file(pack, key)
        try:
            with open(path, "rb") as fh:
                plain = marshal.load(fh)
            if isinstance(plain, dict) and plain.get("format") == FORMAT and plain.get("key") == key:
                return plain["index"]
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - damaged or foreign: rebuilt, never fatal
            _warn_once(path)
        return None

    def _write(self, path: Path, plain: dict[str, Any]) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(plain, fh)
            os.replace(tmp, path)
            # Other versions of the same pack: keep the newest few, for edits tried and undone.
            prefix = path.name[:-len(f"{plain['key']}.marshal")]
            others = sorted((p for p in path.parent.glob(f"{prefix}*.marshal")
                             if p != path and len(p.name) == len(path.name)),
                            key=lambda p: p.stat().st_mtime, reverse=True)
            for old in others[KEEP:]:
                old.unlink(missing_ok=True)
        except (OSError, ValueError) as exc:
            log.warning("cannot write the index cache in %s (%s); the index is rebuilt next time",
                        path.parent, type(exc).__name__)


def _warn_once(path: Path) -> None:
    try:
        st = path.stat()
        seen = (str(path), st.st_size, st.st_mtime_ns)
    except OSError:
        seen = (str(path), -1, -1)
    if seen not in _reported:
        _reported.add(seen)
        log.warning("index cache %s is unreadable; rebuilding it", path)
