"""Shared fixtures: the real Heemstede knowledge, a real SQLite file, a fixed clock."""

from __future__ import annotations

import itertools
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.content.loader import REPO_ROOT, load_snapshot
from bot.engine import Engine, Knowledge
from bot.messages import Incoming, Reply
from bot.store import Store

SEEDS = REPO_ROOT.parent / "shared" / "seeds"
#: A Monday morning in Amsterdam: the next IASZ walk-in (Tuesday) is tomorrow.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def snapshot():
    return load_snapshot("heemstede", sources=SEEDS if SEEDS.is_dir() else None)


@pytest.fixture(scope="session")
def knowledge(snapshot):
    return Knowledge.build(snapshot)


DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def mini_knowledge():
    """A tiny pack whose content the tests control (tests/data/minipack)."""
    return Knowledge.build(load_snapshot(str(DATA / "minipack"), sources=DATA / "seeds", flows=DATA / "miniflows"))


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "wegwijs.db")
    yield s
    s.close()


@pytest.fixture
def engine(knowledge, store):
    return Engine(knowledge, store, clock=lambda: NOW)


class EngineDriver:
    """Talks to the engine as an adapter would, with fresh update ids like Telegram's."""

    _ids = itertools.count(1000)

    def __init__(self, engine: Engine, user_key: str = "u_test", lang_hint: str | None = None):
        self.engine = engine
        self.user_key = user_key
        self.lang_hint = lang_hint

    async def send(self, text: str) -> list[Reply]:
        return await self.engine.handle(Incoming(self.user_key, text=text, lang_hint=self.lang_hint,
                                                 update_id=f"t:{next(self._ids)}"))

    async def press(self, action: str) -> list[Reply]:
        return await self.engine.handle(Incoming(self.user_key, action=action, kind="action",
                                                 lang_hint=self.lang_hint, update_id=f"t:{next(self._ids)}"))

    def signal_count(self) -> int | None:
        return len(self.engine.store.list_signals())


@pytest.fixture
def driver(engine):
    return EngineDriver(engine)
