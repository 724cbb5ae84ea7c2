"""Assemble the parts (knowledge, store, engine) the way every entry point needs them."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.content.loader import load_snapshot
from bot.engine import Engine, Knowledge
from bot.errors import ContentError
from bot.settings import Settings
from bot.store import Store

log = logging.getLogger(__name__)


def load_knowledge(pack: str, sources: Path | None = None, *, background: bool = False) -> Knowledge:
    """Load, validate and index a pack; raises ContentError with every problem.
    `background`: see `Knowledge.build`."""
    return Knowledge.build(load_snapshot(pack, sources=sources), background=background)


def build_engine(*, pack: str = "heemstede", db_path: str | Path | None = None,
                 sources: str | Path | None = None, strict_content: bool = True,
                 background: bool = False) -> Engine:
    """The engine on a real SQLite file.

    Args:
        background: answer lexically until the semantic model has read the knowledge, on
            a first start (see `Knowledge.build`); for the bot and the chat.
        strict_content: raise when the pack does not load. With False the engine still
            starts and answers crisis messages (and apologises for everything else), which
            is what a running bot should do rather than go silent.
    """
    settings = Settings.from_env(db=Path(db_path) if db_path else None)
    store = Store.open(settings.db_path)
    try:
        knowledge = load_knowledge(pack, Path(sources) if sources else settings.sources, background=background)
    except ContentError:
        if strict_content:
            store.close()
            raise
        log.exception("knowledge pack %s did not load; only crisis replies will work", pack)
        knowledge = None
    return Engine(knowledge, store)


def secret_for(db_path: Path | None = None) -> bytes:
    from bot.privacy import load_or_create_secret

    return load_or_create_secret(Settings.from_env(db=db_path).secret_path)
