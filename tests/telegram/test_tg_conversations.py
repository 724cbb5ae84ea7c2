"""The real engine through the real aiogram and python-telegram-bot clients.

Two kinds of check, both per framework:
  * the YAML conversation scripts the engine tests use (tests/conversations/*.yaml), run
    by the same runner with a driver that goes through Telegram — same expectations;
  * a differential check: one sequence of turns through Telegram and straight into a
    second engine must produce the same texts and buttons, so the adapter adds, drops
    and reorders nothing.

What the driver returns is rebuilt from what the Bot API server *received* (texts and
inline keyboards), not from the engine's return value.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.telegram_common import render
from bot.messages import Button, Incoming, Reply

# The runner lives in tests/, beside the engine tests' conftest; make it importable
# whichever directory pytest was pointed at.
_TESTS = str(Path(__file__).resolve().parents[1])
if _TESTS not in sys.path:
    sys.path.append(_TESTS)
from script_runner import load_scripts, run_script  # noqa: E402

from botapi_server import BotAPIServer

SCRIPTS = load_scripts()
#: The engine tests' clock (tests/conftest.py): a Monday morning in Amsterdam.
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
_user_ids = itertools.count(800_000)


class RecordingEngine:
    """Wraps the real engine to learn when an update has been handled and what it
    returned — only to know how many messages to wait for."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.done: dict[str, asyncio.Future[list[Reply]]] = {}

    def _future(self, update_id: str) -> asyncio.Future[list[Reply]]:
        return self.done.setdefault(update_id, asyncio.get_running_loop().create_future())

    async def handle(self, incoming: Incoming) -> list[Reply]:
        replies = await self.engine.handle(incoming)
        future = self._future(incoming.update_id or "")
        if not future.done():
            future.set_result(replies)
        return replies

    def commands(self, lang: str) -> list[tuple[str, str]]:
        return self.engine.commands(lang)

    @property
    def store(self) -> Any:
        return self.engine.store


def _as_replies(calls: list[Any], shape: list[Reply]) -> list[Reply]:
    """Group received messages back into Replies (a split Reply arrives as several)."""
    out: list[Reply] = []
    it = iter(calls)
    for reply in shape:
        parts = [next(it) for _ in render(reply)]
        if not parts:
            continue
        keyboard = parts[-1].params.get("reply_markup") or {}
        buttons = tuple(
            tuple(Button(b["text"], b["callback_data"]) for b in row)
            for row in keyboard.get("inline_keyboard", [])
        )
        out.append(Reply("\n\n".join(p.params["text"] for p in parts), buttons))
    return out


class TelegramDriver:
    """script_runner.Driver over Telegram: push an update, wait for the bot's messages."""

    def __init__(self, server: BotAPIServer, engine: RecordingEngine, lang_hint: str | None):
        self.server = server
        self.engine = engine
        self.user_id = next(_user_ids)
        self.lang_hint = lang_hint

    async def _turn(self, update_id: int) -> list[Reply]:
        before = len(self.server.sent("sendMessage", self.user_id))
        shape = await asyncio.wait_for(asyncio.shield(self.engine._future(f"tg:{update_id}")), 10)
        expected = sum(len(render(r)) for r in shape)
        await self.server.wait_for(
            lambda: len(self.server.sent("sendMessage", self.user_id)) >= before + expected)
        calls = self.server.sent("sendMessage", self.user_id)[before:before + expected]
        return _as_replies(calls, shape)

    async def send(self, text: str) -> list[Reply]:
        return await self._turn(self.server.push_text(self.user_id, text, lang=self.lang_hint))

    async def press(self, action: str) -> list[Reply]:
        return await self._turn(self.server.push_callback(self.user_id, action, lang=self.lang_hint))

    async def photo(self) -> list[Reply]:
        return await self._turn(self.server.push_photo(self.user_id, lang=self.lang_hint))

    def signal_count(self) -> int | None:
        return len(self.engine.store.list_signals())


@pytest.mark.skipif(not SCRIPTS, reason="no conversation scripts in tests/conversations yet")
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda s: f"{s.source}:{s.name}")
async def test_conversation_scripts_through_telegram(botapi, start_bot, framework, engine,
                                                     mini_knowledge, script):
    if script.pack == "mini":  # as tests/test_conversations.py does
        from bot.engine import Engine
        engine = Engine(mini_knowledge, engine.store, clock=engine.clock)
    recording = RecordingEngine(engine)
    await start_bot(framework, recording)
    await run_script(script, TelegramDriver(botapi, recording, script.lang_hint))


async def _engine_direct(engine: Any, turns: list[tuple[str, Any]], lang: str) -> list[list[Reply]]:
    ids = itertools.count(1)
    out: list[list[Reply]] = []
    last: list[Reply] = []
    for kind, value in turns:
        uid = f"d:{next(ids)}"
        if kind == "send":
            inc = Incoming("u_direct", text=value, lang_hint=lang, update_id=uid)
        elif kind == "press":
            action = [b for r in last for b in r.flat_buttons][value].action
            inc = Incoming("u_direct", action=action, kind="action", lang_hint=lang, update_id=uid)
        elif kind == "tamper":
            inc = Incoming("u_direct", action="!invalid", kind="action", lang_hint=lang,
                           update_id=uid)
        else:
            inc = Incoming("u_direct", kind=kind, lang_hint=lang, update_id=uid)
        replies = await engine.handle(inc)
        out.append(replies)
        last = replies or last
    return out


async def _via_telegram(driver: TelegramDriver, turns: list[tuple[str, Any]]) -> list[list[Reply]]:
    out: list[list[Reply]] = []
    last: list[Reply] = []
    for kind, value in turns:
        if kind == "send":
            replies = await driver.send(value)
        elif kind == "press":
            replies = await driver.press([b for r in last for b in r.flat_buttons][value].action)
        elif kind == "tamper":
            replies = await driver.press("x" * 65)  # no Button can carry this
        elif kind == "photo":
            replies = await driver.photo()
        else:
            raise AssertionError(kind)
        out.append(replies)
        last = replies or last
    return out


TURNS = [("send", "/start"), ("press", 0), ("press", 0), ("send", "/menu"),
         ("send", "waar vind ik een huisarts"), ("photo", None), ("tamper", None),
         ("send", "/mydata"), ("send", "/help")]


@pytest.mark.parametrize("lang", ["uk", "nl"])
async def test_same_replies_through_telegram_as_from_the_engine(
        botapi, start_bot, framework, knowledge, tmp_path, lang):
    from bot.engine import Engine
    from bot.store import Store

    stores = [Store.open(tmp_path / "a.db"), Store.open(tmp_path / "b.db")]
    try:
        direct = Engine(knowledge, stores[0], clock=lambda: NOW)
        via = RecordingEngine(Engine(knowledge, stores[1], clock=lambda: NOW))
        expected = await _engine_direct(direct, TURNS, lang)
        await start_bot(framework, via)
        got = await _via_telegram(TelegramDriver(botapi, via, lang), TURNS)
        for n, (want, have) in enumerate(zip(expected, got)):
            assert [(r.text, r.buttons) for r in have] == [(r.text, r.buttons) for r in want], \
                f"turn {n}: {TURNS[n]}"
        assert all(got), "every turn got a reply"
    finally:
        for s in stores:
            s.close()
