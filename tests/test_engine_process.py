"""The engine in its own process (bot/engine_process.py), as `wegwijs serve` runs it on a
machine with two or more cores: same answers as in one process, nothing lost on stop,
Ctrl-C left to the parent, a crash noticed at once."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from bot.app import build_engine
from bot.engine_process import EngineProcess, EngineStopped
from bot.messages import Incoming
from bot.store import Store

QUESTION = "як записатися до сімейного лікаря"


@pytest.fixture
def lexical(monkeypatch):
    # The child inherits the environment; lexical keeps the start quick on a cold cache.
    monkeypatch.setenv("WEGWIJS_SEMANTIC", "0")


def _seed(db: Path) -> None:
    with Store.open(db) as store:
        store.save_user("u_one", lang="uk", audience="ukrainian")


async def test_answers_exactly_as_the_engine_in_this_process(tmp_path, lexical):
    here_db, there_db = tmp_path / "here.db", tmp_path / "there.db"
    _seed(here_db)
    _seed(there_db)
    here = build_engine(db_path=here_db)
    there = await EngineProcess.start(pack="heemstede", db_path=there_db)
    try:
        assert there.pid != os.getpid()
        assert there.db_path == str(there_db)
        assert there.commands("uk") == here.commands("uk")
        for n, text in enumerate(["/start", QUESTION, "хочу бути волонтером"]):
            incoming = Incoming("u_one", text=text, update_id=f"tg:{n}", kind="text")
            local = await here.handle(incoming)
            remote = await there.handle(incoming)
            assert [r.text for r in remote] == [r.text for r in local]
            assert [[b.action for b in row] for r in remote for row in r.buttons] == \
                   [[b.action for b in row] for r in local for row in r.buttons]
        assert "huisarts" in (await there.handle(Incoming("u_one", text=QUESTION, kind="text")))[0].text
    finally:
        here.store.close()
        assert await there.close() == 0


async def test_a_redelivered_update_is_answered_once_and_the_database_closes_cleanly(tmp_path, lexical):
    db = tmp_path / "wegwijs.db"
    _seed(db)
    engine = await EngineProcess.start(pack="heemstede", db_path=db)
    incoming = Incoming("u_one", text=QUESTION, update_id="tg:77", kind="text")
    first, again = await asyncio.gather(engine.handle(incoming), engine.handle(incoming))
    assert len(first) >= 1 and again == []
    assert await engine.close() == 0
    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert con.execute("select count(*) from processed_updates").fetchone()[0] == 1
    con.close()
    assert not Path(str(db) + "-wal").exists() or Path(str(db) + "-wal").stat().st_size == 0


async def test_one_users_updates_are_answered_in_the_order_they_came():
    engine = await EngineProcess.start("tests.engine_factories:slow", delay=0.05)
    try:
        replies = await asyncio.gather(*(engine.handle(Incoming("u", text=f"m{i}", kind="text"))
                                         for i in range(20)))
        assert [r[0].text.split()[0] for r in replies] == [f"m{i}" for i in range(20)]
    finally:
        await engine.close()


async def test_ctrl_c_is_for_the_parent_the_engine_keeps_answering():
    engine = await EngineProcess.start("tests.engine_factories:slow", delay=0.3)
    try:
        pending = asyncio.ensure_future(engine.handle(Incoming("u", text="before", kind="text")))
        await asyncio.sleep(0.1)
        os.kill(engine.pid, signal.SIGINT)  # what a terminal sends to the whole group
        os.kill(engine.pid, signal.SIGTERM)
        assert (await pending)[0].text.startswith("before")
        assert (await engine.handle(Incoming("u", text="after", kind="text")))[0].text.startswith("after")
    finally:
        assert await engine.close() == 0


async def test_close_lets_the_update_in_flight_finish():
    engine = await EngineProcess.start("tests.engine_factories:slow", delay=0.5)
    pending = asyncio.ensure_future(engine.handle(Incoming("u", text="slow one", kind="text")))
    await asyncio.sleep(0.1)
    assert await engine.close() == 0
    assert (await pending)[0].text.startswith("slow one")
    with pytest.raises(EngineStopped):
        await engine.handle(Incoming("u", text="too late", kind="text"))


async def test_a_crashed_engine_fails_the_waiting_update_at_once_and_says_so():
    engine = await EngineProcess.start("tests.engine_factories:slow", delay=30)
    lost = asyncio.Event()
    engine.on_lost = lost.set
    pending = asyncio.ensure_future(engine.handle(Incoming("u", text="hello", kind="text")))
    await asyncio.sleep(0.1)
    os.kill(engine.pid, signal.SIGKILL)
    with pytest.raises(EngineStopped):
        await asyncio.wait_for(pending, 5)
    await asyncio.wait_for(lost.wait(), 5)
    assert engine.stopped
    assert await engine.close() == -signal.SIGKILL


async def test_an_engine_that_cannot_be_built_is_reported_with_the_reason():
    with pytest.raises(EngineStopped, match="ValueError: the pack folder knowledge/nowhere"):
        await EngineProcess.start("tests.engine_factories:broken")


async def test_the_engine_process_never_sees_the_bot_token(monkeypatch):
    token = "123456:AAsecret-token-for-this-test-only"
    monkeypatch.setenv("WEGWIJS_TELEGRAM_TOKEN", token)
    engine = await EngineProcess.start("tests.engine_factories:slow", delay=0)
    try:
        environ = Path(f"/proc/{engine.pid}/environ").read_bytes()
        assert token.encode() not in environ
        assert b"WEGWIJS_LOG_LEVEL=INFO" in environ  # the file is readable: the check can fail
    finally:
        await engine.close()
