"""Engines for tests/test_engine_process.py, built inside the engine process by name
("tests.engine_factories:slow"), as `wegwijs serve --engine-factory` would build them."""

from __future__ import annotations

import asyncio
import os

from bot.messages import Incoming, Reply


class SlowEngine:
    """Answers after `delay` seconds; says which process answered."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.store = None

    async def handle(self, incoming: Incoming) -> list[Reply]:
        await asyncio.sleep(self.delay)
        return [Reply(f"{incoming.text} (pid {os.getpid()})")]

    def commands(self, lang: str) -> list[tuple[str, str]]:
        return [("start", f"start ({lang})")]


def slow(*, delay: float = 0.5, **_: object) -> SlowEngine:
    return SlowEngine(delay)


def broken(**_: object) -> SlowEngine:
    raise ValueError("the pack folder knowledge/nowhere does not exist")
