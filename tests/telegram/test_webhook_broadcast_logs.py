"""Webhook secrets, broadcasts through the outbox under a 429 storm, restarts of the
outbox, and the token never reaching a log line — for both frameworks."""

from __future__ import annotations

import asyncio
import logging
import socket

import aiohttp
import pytest

from bot.adapters.sending import encode_buttons
from bot.adapters.telegram_common import WebhookConfig
from bot.errors import SettingsError

from tg_fakes import FakeEngine, keyer


@pytest.fixture
def open_store():
    """Opens the real bot.store.Store (the outbox tests are about its rows surviving
    restarts) and closes whatever is still open at teardown."""
    from bot.store import Store

    opened: list[Store] = []

    def _open(path):
        store = Store.open(path)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


def statuses(store) -> dict[str, int]:
    rows = store._db.execute("select status, count(*) from outbox group by status").fetchall()
    return {status: n for status, n in rows}


def blocked_keys(store) -> list[str]:
    return [r[0] for r in store._db.execute("select key from users where blocked = 1").fetchall()]

SECRET = "s3cr3t-webhook-token_0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def update(update_id: int, user_id: int, text: str) -> dict:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1700000000, "text": text,
        "chat": {"id": user_id, "type": "private", "first_name": "A"},
        "from": {"id": user_id, "is_bot": False, "first_name": "A", "language_code": "uk"}}}


async def test_webhook_secret_missing_wrong_right(botapi, start_bot, framework):
    engine = FakeEngine()
    port = free_port()
    config = WebhookConfig(url="https://bot.example.org/tg/hook", secret=SECRET, port=port)
    await start_bot(framework, engine, webhook=config)
    assert botapi.webhook is not None
    assert botapi.webhook["secret_token"] == SECRET
    assert botapi.webhook["url"] == config.url
    url = f"http://127.0.0.1:{port}/tg/hook"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json=update(1, 601, "no secret")) as r:
            assert r.status == 401
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET[:-1] + "X"}
        async with http.post(url, json=update(2, 601, "wrong secret"), headers=headers) as r:
            assert r.status == 401
        assert engine.calls == []
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with http.post(url, json=update(3, 601, "right secret"), headers=headers) as r:
            assert r.status == 200
            # Handled (and replied) before Telegram hears 200.
            assert botapi.texts(601) == ["echo:right secret"]
        async with http.post(url, json=update(3, 601, "right secret"), headers=headers) as r:
            assert r.status == 200  # Telegram's retry: acknowledged, not answered twice
        async with http.post(url, data=b"{not json", headers=headers) as r:
            assert r.status == 400
    assert [c.text for c in engine.calls] == ["right secret"]
    assert botapi.texts(601) == ["echo:right secret"]
    assert not botapi.sent("getUpdates")


@pytest.mark.parametrize("secret", ["", "short", "has spaces in it, which Telegram refuses"])
async def test_webhook_mode_refuses_to_start_without_a_usable_secret(botapi, start_bot, framework,
                                                                       secret):
    config = WebhookConfig(url="https://bot.example.org/hook", secret=secret, port=free_port())
    with pytest.raises(SettingsError, match="WEGWIJS_WEBHOOK_SECRET"):
        await start_bot(framework, webhook=config)
    assert botapi.webhook is None


def _fill_outbox(store, chats: range) -> None:
    buttons = encode_buttons([[("Meer", "t:zorg")]])
    for chat in chats:
        store.enqueue(user_key=keyer(chat), chat_ref=str(chat), text=f"Spreekuur verplaatst {chat}",
                      buttons=buttons, dedup_key=f"b1:{chat}")
    # Enqueuing the same broadcast again changes nothing.
    assert store.enqueue(user_key=keyer(chats[0]), chat_ref=str(chats[0]), text="x",
                         buttons=None, dedup_key=f"b1:{chats[0]}") is None


async def test_broadcast_429_storm_waits_never_duplicates_delivers_all(
        botapi, start_bot, framework, tmp_path, open_store):
    store = open_store(tmp_path / "outbox.db")
    chats = range(1000, 1040)
    _fill_outbox(store, chats)
    botapi.fault("sendMessage", "429", count=2, retry_after=1)

    async def second_storm() -> None:
        await botapi.wait_for(lambda: len(botapi.sent()) >= 20, timeout=10)
        botapi.fault("sendMessage", "429", count=1, retry_after=1)

    storm = asyncio.create_task(second_storm())
    await start_bot(framework, store=store, outbox=True)
    await botapi.wait_for(lambda: len(botapi.sent()) >= len(chats), timeout=15)
    await storm
    await asyncio.sleep(0.2)

    sent = botapi.sent()
    assert sorted(c.params["chat_id"] for c in sent) == list(chats)  # all, each once
    assert sent[0].params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "t:zorg"
    storms = [c for c in botapi.calls if c.status == 429 and c.fault == "429"]
    assert len(storms) == 3
    # Nothing may arrive during a retry_after the client had been told about; requests
    # already on the wire when the 429 went out (up to 50 ms later) are not its fault.
    for flood in storms:
        early = [c for c in botapi.calls if c.method == "sendMessage"
                 and flood.t + 0.05 < c.t < flood.t + 1.0]
        assert early == [], f"{len(early)} sends during a 429 wait"
    await botapi.wait_for(lambda: statuses(store) == {"sent": len(chats)}, timeout=5)


async def test_outbox_survives_restart_and_sends_each_row_once(
        botapi, start_bot, framework, tmp_path, open_store):
    path = tmp_path / "outbox.db"
    store = open_store(path)
    chats = range(2000, 2030)
    _fill_outbox(store, chats)
    botapi.fault("sendMessage", "slow", count=1000, delay=0.03)
    first = await start_bot(framework, store=store, outbox=True)
    await botapi.wait_for(lambda: len(botapi.sent()) >= 5, timeout=10)
    await first.stop()
    store.close()
    delivered = len(botapi.sent())
    assert delivered < len(chats), "the first run should have been stopped part-way"

    store = open_store(path)  # a new process would open the file afresh
    assert statuses(store)["pending"] == len(chats) - delivered
    await start_bot(framework, store=store, outbox=True)
    await botapi.wait_for(lambda: len(botapi.sent()) >= len(chats), timeout=15)
    await asyncio.sleep(0.2)
    assert sorted(c.params["chat_id"] for c in botapi.sent()) == list(chats)
    assert statuses(store) == {"sent": len(chats)}


async def test_outbox_blocked_user_fails_row_and_stops(botapi, start_bot, framework, tmp_path, open_store):
    store = open_store(tmp_path / "outbox.db")
    _fill_outbox(store, range(3000, 3003))
    botapi.blocked_chats.add(3001)
    await start_bot(framework, store=store, outbox=True)
    await botapi.wait_for(lambda: len(botapi.sent()) >= 2)
    await asyncio.sleep(0.2)
    assert statuses(store) == {"sent": 2, "failed": 1}
    assert blocked_keys(store) == [keyer(3001)]


async def test_token_never_reaches_the_logs(botapi, start_bot, framework, caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "aiogram.event"):  # `wegwijs serve` quietens these; not here
        caplog.set_level(logging.DEBUG, logger=name)
    engine = FakeEngine()
    engine.fail_on = lambda inc: inc.text == "boom"
    await start_bot(framework, engine)
    botapi.fault("sendMessage", "500", count=1)
    botapi.push_text(701, "hello")
    botapi.push_text(701, "boom")
    await botapi.wait_messages(701, 2)
    logging.getLogger("aiohttp.client").error("GET %s/bot%s/getMe failed", botapi.base,
                                              botapi.token)
    records = caplog.records
    assert records
    secret = botapi.token.split(":", 1)[1]
    for record in records:
        assert secret not in record.getMessage()
        assert secret not in (record.exc_text or "")
    assert secret not in caplog.text
    assert "bot<token>/getMe" in caplog.text
    if framework == "ptb":  # httpx logs every request URL at INFO
        assert any(r.name == "httpx" and "bot<token>/getUpdates" in r.getMessage()
                   for r in records)
