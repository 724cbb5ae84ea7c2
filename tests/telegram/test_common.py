"""The library-free half of the adapters: mapping, splitting, callback data, redaction,
and the flood-control policy under a fake clock."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace as NS

import pytest
from hypothesis import given, settings, strategies as st

from bot.adapters.sending import (
    Blocked,
    FloodLimits,
    KeyedLock,
    Permanent,
    RetryAfter,
    SendAborted,
    Sender,
    Transient,
    decode_buttons,
    encode_buttons,
)
from bot.adapters.telegram_common import (
    INVALID_ACTION,
    TokenRedactingFilter,
    check_secret,
    clean_callback_data,
    lang_hint,
    redact,
    render,
    split_text,
    to_incoming,
    utf16_len,
    valid_webhook_secret,
)
from bot.messages import Button, Reply

from tg_fakes import keyer


# ------------------------------------------------------------------ update mapping

def _user(uid: int = 7, lang: str | None = "uk-UA", bot: bool = False) -> NS:
    return NS(id=uid, is_bot=bot, language_code=lang)


def _msg(chat_type: str = "private", **content: object) -> NS:
    base = dict(text=None, caption=None, photo=None, sticker=None, voice=None, audio=None,
                video_note=None, location=None, venue=None)
    base.update(content)
    return NS(chat=NS(id=7 if chat_type == "private" else -9, type=chat_type),
              from_user=_user(), **base)


def _update(**kinds: object) -> NS:
    base = dict(update_id=41, message=None, edited_message=None, callback_query=None)
    base.update(kinds)
    return NS(**base)


@pytest.mark.parametrize("message, kind", [
    (_msg(text="hoi"), "text"),
    (_msg(photo=[1], caption="waar?"), "photo"),
    (_msg(sticker=1), "sticker"),
    (_msg(voice=1), "voice"),
    (_msg(video_note=1), "voice"),
    (_msg(location=1), "location"),
    (_msg(venue=1), "location"),
    (_msg(), "other"),
    (_msg("group", text="/start@wegwijs_bot"), "group"),
    (_msg("supergroup", photo=[1]), "group"),
])
def test_message_kinds(message, kind):
    routed = to_incoming(_update(message=message), keyer)
    assert routed is not None
    assert routed.incoming.kind == kind
    assert routed.incoming.update_id == "tg:41"
    assert routed.incoming.user_key == keyer(7) and "7" not in routed.incoming.user_key[:2]
    assert routed.incoming.lang_hint == "uk"
    assert routed.chat_id == message.chat.id


def test_edited_message_and_commands_with_bot_name():
    routed = to_incoming(_update(edited_message=_msg(text="/menu@wegwijs_bot extra")), keyer)
    assert routed.incoming.kind == "edited" and routed.incoming.text == "/menu extra"
    routed = to_incoming(_update(message=_msg(photo=[1], caption="waar is dit?")), keyer)
    assert routed.incoming.text == "waar is dit?"


def test_callback_query_maps_to_action_and_answers_in_its_chat():
    query = NS(id="q1", from_user=_user(lang=None), data="t:zorg",
               message=NS(chat=NS(id=7, type="private")))
    routed = to_incoming(_update(callback_query=query), keyer)
    assert routed.incoming.kind == "action" and routed.incoming.action == "t:zorg"
    assert routed.incoming.lang_hint is None and routed.callback_query_id == "q1"


def test_updates_without_a_person_are_ignored():
    assert to_incoming(_update(), keyer) is None
    bot_msg = _msg(text="hi")
    bot_msg.from_user = _user(bot=True)
    assert to_incoming(_update(message=bot_msg), keyer) is None


@pytest.mark.parametrize("data, ok", [
    ("t:zorg", True), ("o:main:3", True), ("x" * 64, True),
    ("x" * 65, False), ("", False), (None, False), ("кнопка", False), ("a\x00b", False),
    ("é", False), ("a\nb", False),
])
def test_callback_data_is_untrusted(data, ok):
    assert (clean_callback_data(data) == data) is ok
    if not ok:
        assert clean_callback_data(data) == INVALID_ACTION


@given(st.text(max_size=80))
def test_clean_callback_data_never_passes_what_a_button_could_not_carry(data):
    cleaned = clean_callback_data(data)
    assert cleaned == INVALID_ACTION or (cleaned == data and Button("x", data).action == data)


def test_lang_hint():
    assert [lang_hint(x) for x in ("uk", "en-US", "pt_BR", "", None)] == ["uk", "en", "pt", None, None]


# ------------------------------------------------------------------ rendering

def test_short_reply_is_one_message_with_its_keyboard():
    reply = Reply("Kies", ((Button("A", "a"), Button("B", "b")), (Button("C", "c"),)))
    (out,) = render(reply)
    assert out.text == "Kies" and out.keyboard == ((("A", "a"), ("B", "b")), (("C", "c"),))


def test_long_reply_splits_on_paragraphs_buttons_on_last():
    paragraphs = [f"{i}: " + "woord " * 149 + "woord" for i in range(10)]  # ~900 chars each
    parts = render(Reply("\n\n".join(paragraphs), ((Button("Menu", "menu"),),)))
    assert len(parts) == 3
    assert all(p.keyboard is None for p in parts[:-1]) and parts[-1].keyboard
    assert all(p.text[0].isdigit() for p in parts)
    assert "\n\n".join(p.text for p in parts) == "\n\n".join(paragraphs).strip()


def test_emoji_count_double_and_no_separator_means_hard_cut():
    text = "😀" * 3000  # 6000 UTF-16 units
    parts = split_text(text)
    assert [utf16_len(p) for p in parts] == [4096, 1904]
    assert "".join(parts) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), max_size=40),
       st.integers(min_value=8, max_value=600))
def test_split_text_properties(paragraphs, limit):
    text = "\n\n".join(paragraphs)
    parts = split_text(text, limit)
    assert all(0 < utf16_len(p) <= limit for p in parts)
    assert all(p == p.strip() for p in parts)
    # Nothing but whitespace is lost or added, and the order is kept.
    assert "".join("".join(parts).split()) == "".join(text.split())


# ------------------------------------------------------------------ token redaction

TOKEN = "1234567890:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_redact_urls_and_bare_tokens():
    line = f"POST https://api.telegram.org/bot{TOKEN}/sendMessage 200; token {TOKEN}"
    assert TOKEN.split(":")[1] not in redact(line)
    assert "api.telegram.org/bot<token>/sendMessage" in redact(line)
    assert redact("update id=12345678 took 3 ms") == "update id=12345678 took 3 ms"


def test_filter_redacts_args_and_tracebacks(caplog):
    logger = logging.getLogger("httpx.test_redaction")
    logger.addFilter(TokenRedactingFilter(TOKEN))
    caplog.set_level(logging.DEBUG, logger="httpx.test_redaction")
    logger.info("HTTP Request: %s %s", "POST", f"https://api.telegram.org/bot{TOKEN}/getMe")
    try:
        raise ConnectionError(f"cannot connect to https://api.telegram.org/bot{TOKEN}/getMe")
    except ConnectionError:
        logger.exception("failed")
    assert TOKEN not in caplog.text and "bot<token>/getMe" in caplog.text


def test_webhook_secret_checks():
    assert check_secret("a" * 20, "a" * 20)
    assert not check_secret(None, "a" * 20) and not check_secret("a" * 19, "a" * 20)
    assert not check_secret("ä" * 20, "a" * 20)
    assert valid_webhook_secret("Ab_-" * 4) and not valid_webhook_secret("short")
    assert not valid_webhook_secret(None) and not valid_webhook_secret("x" * 257)


def test_buttons_round_trip_through_the_outbox_encoding():
    rows = ((("Meer info", "t:zorg"), ("Меню", "menu")),)
    assert decode_buttons(encode_buttons(rows)) == rows
    assert encode_buttons(None) is None and decode_buttons(None) is None


# ------------------------------------------------------------------ flood control

class Clock:
    """A fake monotonic clock that asyncio.sleep advances (via the patched sleep)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeTransport:
    def __init__(self, clock: Clock, script: list[Exception | None] | None = None) -> None:
        self.clock = clock
        self.script = list(script or [])
        self.sent: list[tuple[float, int, str]] = []
        self.attempts = 0

    async def send_message(self, chat_id, text, keyboard):
        self.attempts += 1
        if self.script:
            outcome = self.script.pop(0)
            if outcome is not None:
                raise outcome
        self.sent.append((self.clock.now, chat_id, text))


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    real_sleep = asyncio.sleep

    async def fake_sleep(delay, *args):
        clock.now += max(0.0, delay)
        await real_sleep(0)

    async def fake_wait_for(aw, timeout):
        # Sender only wait_for()s an abort event; with a fake clock that is a sleep.
        if asyncio.iscoroutine(aw):
            aw.close()
        clock.now += timeout
        await real_sleep(0)
        raise asyncio.TimeoutError

    monkeypatch.setattr("bot.adapters.sending.asyncio.sleep", fake_sleep)
    monkeypatch.setattr("bot.adapters.sending.asyncio.wait_for", fake_wait_for)
    return clock


async def test_per_chat_pacing_after_a_burst(clock):
    transport = FakeTransport(clock)
    sender = Sender(transport, FloodLimits(per_chat_burst=3), clock=clock)
    for i in range(6):
        await sender.send(1, f"m{i}")
    times = [t - 1000.0 for t, _, _ in transport.sent]
    assert times[:3] == [0, 0, 0]
    assert times[3:] == pytest.approx([1.0, 2.0, 3.0])


async def test_global_window_caps_all_chats(clock):
    transport = FakeTransport(clock)
    sender = Sender(transport, FloodLimits(global_per_second=25), clock=clock)
    await asyncio.gather(*(sender.send(chat, "x") for chat in range(60)))
    times = sorted(t for t, _, _ in transport.sent)
    for i in range(len(times) - 25):
        assert times[i + 25] - times[i] >= 1.0 - 1e-9
    assert len(transport.sent) == 60


async def test_429_pauses_every_chat_for_retry_after(clock):
    transport = FakeTransport(clock, [RetryAfter(7)])
    sender = Sender(transport, FloodLimits(), clock=clock)
    await asyncio.gather(sender.send(1, "a"), sender.send(2, "b"), sender.send(3, "c"))
    assert transport.attempts == 4
    assert [c for _, c, _ in transport.sent] == [2, 3, 1] or all(
        t >= 1007.0 for t, c, _ in transport.sent if c == 1)
    late = [t for t, _, _ in transport.sent]
    # Whatever was not already on the wire when the 429 came waits the full 7 s.
    assert sum(1 for t in late if t >= 1007.0) >= 1
    assert sender.paused_until == pytest.approx(1007.0)


async def test_transient_errors_back_off_then_give_up(clock):
    transport = FakeTransport(clock, [Transient("502")] * 2)
    sender = Sender(transport, FloodLimits(max_attempts=4), clock=clock)
    await sender.send(1, "x")
    assert transport.attempts == 3 and len(transport.sent) == 1
    transport = FakeTransport(clock, [Transient("timeout")] * 10)
    sender = Sender(transport, FloodLimits(max_attempts=4), clock=clock)
    with pytest.raises(Transient):
        await sender.send(1, "x")
    assert transport.attempts == 4


async def test_blocked_reports_the_user_and_does_not_retry(clock):
    blocked: list[str] = []
    transport = FakeTransport(clock, [Blocked("403")])
    sender = Sender(transport, FloodLimits(), on_blocked=blocked.append, clock=clock)
    with pytest.raises(Blocked):
        await sender.send(1, "x", user_key="u_1")
    assert blocked == ["u_1"] and transport.attempts == 1
    transport = FakeTransport(clock, [Permanent("400")])
    with pytest.raises(Permanent):
        await Sender(transport, FloodLimits(), clock=clock).send(1, "x")
    assert transport.attempts == 1


async def test_abort_while_waiting_means_not_sent(clock):
    transport = FakeTransport(clock)
    sender = Sender(transport, FloodLimits(), clock=clock)
    sender.paused_until = clock.now + 30
    abort = asyncio.Event()
    abort.set()
    with pytest.raises(SendAborted):
        await sender.send(1, "x", abort=abort)
    assert transport.attempts == 0


async def test_keyed_lock_is_fifo_and_forgets_idle_keys():
    lock = KeyedLock()
    order: list[int] = []

    async def worker(n: int) -> None:
        async with lock("u"):
            await asyncio.sleep(0.001 * (5 - n))
            order.append(n)

    await asyncio.gather(*(worker(n) for n in range(5)))
    assert order == [0, 1, 2, 3, 4] and len(lock) == 0
