"""Both adapters, through the real aiogram and python-telegram-bot clients, against the
local Bot API server; every test runs once per framework with the same expectations."""

from __future__ import annotations

import asyncio

from bot.adapters.telegram_common import INVALID_ACTION, MAX_TEXT, utf16_len

from tg_fakes import FakeEngine, keyer

UA = 501  # a Ukrainian user's Telegram id
NL = 502


async def test_start_shows_menu_in_users_language_with_inline_keyboard(botapi, start_bot, framework):
    await start_bot(framework)
    botapi.push_text(UA, "/start", lang="uk")
    await botapi.wait_messages(UA, 1)
    call = botapi.sent("sendMessage", UA)[0]
    assert call.params["text"] == "Вітаю! Оберіть тему."
    keyboard = call.params["reply_markup"]["inline_keyboard"]
    assert [[b["callback_data"] for b in row] for row in keyboard] == [["t:zorg", "t:school"],
                                                                          ["lang"]]
    assert keyboard[0][0]["text"] == "Zorg"


async def test_commands_registered_per_language(botapi, start_bot, framework):
    await start_bot(framework)
    calls = botapi.sent("setMyCommands")
    by_lang = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_lang) == {"uk", "ru", "nl", "en", None}
    assert by_lang["uk"][0] == {"command": "start", "description": "Почати"}
    assert by_lang[None] == by_lang["en"]


async def test_conversation_taps_answer_every_callback_and_opt_in_records_chat(
        botapi, start_bot, framework, tmp_path):
    from tg_fakes import FakeStore
    store = FakeStore(str(tmp_path / "s.db"))
    await start_bot(framework, store=store)
    botapi.push_text(UA, "/start", lang="uk")
    await botapi.wait_messages(UA, 1)
    botapi.push_callback(UA, "t:zorg")
    texts = await botapi.wait_messages(UA, 2)
    assert texts[1] == "topic:zorg"
    sub = botapi.sent("sendMessage", UA)[1].params["reply_markup"]["inline_keyboard"][0][0]
    assert store.chat_ref(keyer(UA)) is None  # nothing kept before the user opts in
    botapi.push_callback(UA, sub["callback_data"])
    texts = await botapi.wait_messages(UA, 3)
    assert texts[2] == "subscribed:zorg"
    await botapi.wait_calls("answerCallbackQuery", 2)
    assert store.chat_ref(keyer(UA)) == str(UA)
    botapi.push_callback(UA, "unsub:zorg")
    await botapi.wait_messages(UA, 4)
    assert store.chat_ref(keyer(UA)) is None
    answered = [c.params["callback_query_id"] for c in botapi.sent("answerCallbackQuery")]
    assert len(answered) == len(set(answered)) == 3


async def test_redelivered_update_gets_no_second_reply(botapi, start_bot, framework):
    engine = FakeEngine()
    await start_bot(framework, engine)
    first = botapi.push_text(UA, "waar is de huisarts", lang="nl")
    await botapi.wait_messages(UA, 1)
    botapi.redeliver(first)
    botapi.push_text(UA, "sentinel", lang="nl")  # same user: handled after the redelivery
    await botapi.wait_messages(UA, 2)
    await asyncio.sleep(0.1)
    assert botapi.deliveries[first] == 2
    assert botapi.texts(UA) == ["echo:waar is de huisarts", "echo:sentinel"]
    assert [c.text for c in engine.calls] == ["waar is de huisarts", "sentinel"]


async def test_two_quick_taps_are_processed_in_order(botapi, start_bot, framework):
    engine = FakeEngine(delay=0.03)
    await start_bot(framework, engine)
    # The first tap's callback answer is slow: the second tap must still wait its turn.
    botapi.fault("answerCallbackQuery", "slow", count=1, delay=0.2)
    for n in range(5):
        botapi.push_callback(UA, f"n:{n}")
    botapi.push_text(NL, "other user", lang="nl")
    texts = await botapi.wait_messages(UA, 5)
    assert texts == [f"tap:{n}" for n in range(5)]
    assert engine.max_concurrency_per_user == 1
    await botapi.wait_calls("answerCallbackQuery", 5)


async def test_graceful_stop_mid_handler_finishes_and_replies(botapi, start_bot, framework):
    engine = FakeEngine()
    engine.gate = asyncio.Event()
    bot = await start_bot(framework, engine)
    botapi.push_text(UA, "slow question")
    await asyncio.wait_for(engine.entered.wait(), 5)
    stopping = asyncio.create_task(bot.stop())
    await asyncio.sleep(0.3)
    assert not stopping.done(), "stop() must wait for the handler in flight"
    assert botapi.texts(UA) == []
    engine.gate.set()
    await asyncio.wait_for(stopping, 10)
    assert botapi.texts(UA) == ["echo:slow question"]
    # Whether or not the stop confirmed it, a restart must not answer it twice.
    engine.gate = None
    await start_bot(framework, engine)
    botapi.push_text(UA, "sentinel")
    await botapi.wait_messages(UA, 2)
    await asyncio.sleep(0.1)
    assert botapi.texts(UA) == ["echo:slow question", "echo:sentinel"]


async def test_oversized_text_is_split_on_paragraphs_with_buttons_last(botapi, start_bot, framework):
    await start_bot(framework)
    botapi.push_text(UA, "/long")
    await botapi.wait_for(lambda: any("11." in t for t in botapi.texts(UA)))
    calls = botapi.sent("sendMessage", UA)
    assert len(calls) >= 3
    for call in calls:
        assert utf16_len(call.params["text"]) <= MAX_TEXT
        assert call.params["text"][0].isdigit()  # each part starts at a paragraph
    assert all("reply_markup" not in c.params for c in calls[:-1])
    assert calls[-1].params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "t:zorg"
    joined = "\n\n".join(c.params["text"] for c in calls)
    assert [line[:3] for line in joined.split("\n\n")] == [f"{i}. "[:3] for i in range(12)]


async def test_tampered_callback_data_gets_the_expired_reply_and_is_answered(
        botapi, start_bot, framework):
    engine = FakeEngine()
    await start_bot(framework, engine)
    for data in ("t:zorg\x00; drop table", "кнопка", "x" * 64 + "y", "zz:unknown"):
        botapi.push_callback(UA, data)
    texts = await botapi.wait_messages(UA, 4)
    assert all(t.startswith("expired:") for t in texts), texts
    await botapi.wait_calls("answerCallbackQuery", 4)
    assert [c.action for c in engine.calls] == [INVALID_ACTION] * 3 + ["zz:unknown"]


async def test_non_text_messages_get_a_kind_reply(botapi, start_bot, framework):
    engine = FakeEngine()
    await start_bot(framework, engine)
    botapi.push_photo(UA)
    botapi.push_sticker(UA)
    botapi.push_voice(UA)
    botapi.push_location(UA)
    botapi.push_edited(UA, "edited text")
    botapi.push_update({"message": botapi._message(UA, "uk", contact={
        "phone_number": "+31612345678", "first_name": "A"})})
    botapi.push_group(NL, "/start@wegwijs_test_bot", chat_id=-4242)
    texts = await botapi.wait_messages(UA, 6)
    assert texts == ["kind:photo", "kind:sticker", "kind:voice", "kind:location", "kind:edited",
                     "kind:other"]
    assert await botapi.wait_messages(-4242, 1) == ["kind:group"]
    group = [c for c in engine.calls if c.kind == "group"][0]
    assert group.text == "/start" and group.user_key == keyer(NL)


async def test_engine_failure_becomes_a_kind_apology(botapi, start_bot, framework):
    engine = FakeEngine()
    engine.fail_on = lambda inc: inc.text == "boom"
    await start_bot(framework, engine)
    botapi.push_text(UA, "boom", lang="ru")
    botapi.push_text(UA, "after")
    texts = await botapi.wait_messages(UA, 2)
    assert texts[0].startswith("Извините") and texts[1] == "echo:after"


async def test_retries_429_500_and_dropped_connections_without_duplicates(
        botapi, start_bot, framework):
    await start_bot(framework)
    botapi.fault("sendMessage", "500", count=2)
    botapi.fault("sendMessage", "drop", count=1)
    botapi.push_text(UA, "one")
    await botapi.wait_messages(UA, 1)
    botapi.fault("sendMessage", "429", count=1, retry_after=1)
    botapi.push_text(UA, "two")
    texts = await botapi.wait_messages(UA, 2, timeout=5)
    assert texts == ["echo:one", "echo:two"]
    flood = [c for c in botapi.calls if c.status == 429][0]
    ok = botapi.sent("sendMessage", UA)[1]
    assert ok.t - flood.t >= 0.95
    assert not botapi.flood_violations


async def test_blocked_user_is_recorded(botapi, start_bot, framework, tmp_path):
    from bot.store import Store
    store = Store.open(tmp_path / "s.db")
    await start_bot(framework, store=store)
    botapi.blocked_chats.add(UA)
    botapi.push_text(UA, "/two")
    await botapi.wait_for(lambda: any(c.status == 403 for c in botapi.calls))
    await asyncio.sleep(0.1)
    attempts = [c for c in botapi.calls if c.method == "sendMessage"]
    assert len(attempts) == 1  # no retry, and the second reply is not tried
    assert store.get_user(keyer(UA))["blocked"]
    store.close()


def test_aiogram_response_validators_survive_garbage_collection():
    """aiogram validates each Bot API reply as `Response[<result>]`, which pydantic caches
    only weakly when built inside a function (as aiogram does): without the adapter
    holding them, the collector frees them and every reply after rebuilds a validator
    (236 rebuilds in one benchmark run; the bot process ~12 % slower)."""
    import gc
    import weakref

    from aiogram.methods import AnswerCallbackQuery, GetUpdates, SendMessage
    from aiogram.methods.base import Response

    import bot.adapters.aiogram_adapter  # noqa: F401 - holds the response types

    refs = {m.__name__: weakref.ref(Response[m.__returning__])
            for m in (GetUpdates, SendMessage, AnswerCallbackQuery)}
    gc.collect()
    assert {name: ref() is not None for name, ref in refs.items()} == dict.fromkeys(refs, True)
