"""Fixtures: a fresh Bot API server per test, and bots of either framework against it."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any, AsyncIterator

import pytest

from bot.adapters.sending import FloodLimits, OutboxWorker
from bot.adapters.telegram_common import TelegramCore, WebhookConfig, serve

from botapi_server import BotAPIServer
from tg_fakes import FakeEngine, keyer

FRAMEWORKS = ["aiogram", "ptb"]

#: Telegram's policy with the clock sped up, so pacing is exercised but costs milliseconds.
FAST = FloodLimits(per_chat_interval=0.02, per_chat_burst=3, global_per_second=500,
                   max_attempts=4, backoff_base=0.01, backoff_cap=0.05)


@pytest.fixture
async def botapi() -> AsyncIterator[BotAPIServer]:
    server = BotAPIServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    assert not server.unknown_calls, (
        "the adapters called Bot API methods the test server does not implement: "
        f"{[c.method for c in server.unknown_calls]}"
    )


@pytest.fixture(params=FRAMEWORKS)
def framework(request: pytest.FixtureRequest) -> str:
    return request.param


def make_adapter(framework: str, token: str, core: TelegramCore, api_base: str) -> Any:
    if framework == "aiogram":
        from bot.adapters.aiogram_adapter import AiogramAdapter
        return AiogramAdapter(token, core, api_base=api_base)
    from bot.adapters.ptb_adapter import PtbAdapter
    return PtbAdapter(token, core, api_base=api_base)


@dataclass
class RunningBot:
    adapter: Any
    core: TelegramCore
    engine: Any
    stop_event: asyncio.Event
    task: asyncio.Task[None]
    outbox: OutboxWorker | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    async def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        await asyncio.wait_for(self.task, timeout)


@pytest.fixture
async def start_bot(botapi: BotAPIServer):
    """start_bot(framework, engine=None, store=None, ...) -> RunningBot, stopped at teardown."""
    bots: list[RunningBot] = []

    async def _start(
        framework: str,
        engine: Any = None,
        *,
        store: Any = None,
        limits: FloodLimits = FAST,
        outbox: bool = False,
        webhook: WebhookConfig | None = None,
        poll_interval: float = 0.05,
        drain_timeout: float = 10.0,
    ) -> RunningBot:
        engine = engine if engine is not None else FakeEngine()
        core = TelegramCore(engine, keyer, store=store, limits=limits)
        adapter = make_adapter(framework, botapi.token, core, botapi.base)
        worker = None
        if outbox:
            assert store is not None
            # The sender exists once the adapter bound itself to the core.
            worker = OutboxWorker(store, core.sender, poll_interval=poll_interval)
        stop = asyncio.Event()
        started = asyncio.Event()
        task = asyncio.create_task(serve(adapter, stop, outbox=worker, webhook=webhook,
                                         poll_timeout=2, drain_timeout=drain_timeout,
                                         started=started))
        waiter = asyncio.create_task(started.wait())
        done, _ = await asyncio.wait({task, waiter}, timeout=10,
                                     return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            waiter.cancel()
            task.result()  # raises what went wrong
        assert started.is_set(), "bot did not start within 10s"
        running = RunningBot(adapter, core, engine, stop, task, worker)
        bots.append(running)
        return running

    yield _start
    for running in bots:
        if not running.task.done():
            running.stop_event.set()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(running.task, 10)
        elif not running.task.cancelled():
            running.task.result()
