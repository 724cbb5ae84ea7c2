"""The test server itself: if it were lenient where Telegram is strict, the adapter tests
would prove nothing."""

from __future__ import annotations

import asyncio
import json
import time

import aiohttp
import pytest

from botapi_server import BotAPIServer


async def _post(server: BotAPIServer, method: str, **kw):
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{server.base}/bot{server.token}/{method}", **kw) as r:
            return r.status, await r.json()


async def test_unknown_method_fails_loudly(botapi):
    status, body = await _post(botapi, "sendPhoto", data={"chat_id": "1"})
    assert status == 404 and body["ok"] is False and "sendPhoto" in body["description"]
    assert [c.method for c in botapi.unknown_calls] == ["sendPhoto"]
    botapi.unknown_calls.clear()  # the fixture would otherwise (rightly) fail this test


async def test_wrong_token_is_401(botapi):
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{botapi.base}/bot1:wrong/getMe") as r:
            assert r.status == 401


async def test_form_fields_decode_by_type_and_json_bodies_work(botapi):
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    status, body = await _post(botapi, "sendMessage", data={
        "chat_id": "42", "text": "123", "reply_markup": json.dumps(markup)})
    assert status == 200
    assert body["result"]["text"] == "123" and body["result"]["chat"]["id"] == 42
    status, body = await _post(botapi, "sendMessage", json={"chat_id": 42, "text": "true"})
    assert status == 200 and body["result"]["text"] == "true"
    assert botapi.texts(42) == ["123", "true"]
    assert body["result"]["message_id"] == 2


async def test_limits_are_enforced(botapi):
    status, body = await _post(botapi, "sendMessage", data={"chat_id": "1", "text": "x" * 4097})
    assert status == 400 and "too long" in body["description"]
    status, _ = await _post(botapi, "sendMessage", data={"chat_id": "1", "text": "😀" * 2049})
    assert status == 400
    bad = {"inline_keyboard": [[{"text": "A", "callback_data": "ї" * 33}]]}  # 66 bytes
    status, body = await _post(botapi, "sendMessage", data={
        "chat_id": "1", "text": "x", "reply_markup": json.dumps(bad)})
    assert status == 400 and "BUTTON_DATA_INVALID" in body["description"]


async def test_faults_429_with_retry_after_then_flood_wait_is_enforced(botapi):
    botapi.fault("sendMessage", "429", retry_after=2)
    status, body = await _post(botapi, "sendMessage", data={"chat_id": "1", "text": "a"})
    assert status == 429 and body["parameters"]["retry_after"] == 2
    status, _ = await _post(botapi, "sendMessage", data={"chat_id": "1", "text": "b"})
    assert status == 429 and len(botapi.flood_violations) == 1


async def test_fault_500_drop_and_slow(botapi):
    botapi.fault("sendMessage", "500")
    botapi.fault("sendMessage", "drop")
    botapi.fault("sendMessage", "slow", delay=0.2)
    status, _ = await _post(botapi, "sendMessage", data={"chat_id": "1", "text": "a"})
    assert status == 500
    with pytest.raises(aiohttp.ClientError):
        await _post(botapi, "sendMessage", data={"chat_id": "1", "text": "a"})
    started = time.monotonic()
    status, _ = await _post(botapi, "sendMessage", data={"chat_id": "1", "text": "a"})
    assert status == 200 and time.monotonic() - started >= 0.2
    assert botapi.texts(1) == ["a"]


async def test_get_updates_confirms_by_offset_and_long_poll_ends_at_stop():
    server = BotAPIServer()
    await server.start()
    first = server.push_text(1, "a")
    server.push_text(1, "b")
    _, body = await _post(server, "getUpdates", data={"timeout": "0"})
    assert [u["update_id"] for u in body["result"]] == [first, first + 1]
    _, body = await _post(server, "getUpdates", data={"offset": str(first + 1), "timeout": "0"})
    assert [u["update_id"] for u in body["result"]] == [first + 1]  # a was confirmed
    poll = asyncio.create_task(_post(server, "getUpdates",
                                     data={"offset": str(first + 2), "timeout": "30"}))
    await asyncio.sleep(0.1)
    started = time.monotonic()
    await server.stop()
    status, body = await asyncio.wait_for(poll, 5)
    assert status == 200 and body["result"] == [] and time.monotonic() - started < 2


async def test_long_poll_returns_as_soon_as_an_update_arrives(botapi):
    poll = asyncio.create_task(_post(botapi, "getUpdates", data={"timeout": "10"}))
    await asyncio.sleep(0.05)
    uid = botapi.push_callback(5, "t:zorg")
    _, body = await asyncio.wait_for(poll, 2)
    (update,) = body["result"]
    assert update["update_id"] == uid and update["callback_query"]["data"] == "t:zorg"
