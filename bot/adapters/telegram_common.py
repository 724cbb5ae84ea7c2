"""What the aiogram and the python-telegram-bot adapters share: the Telegram half of the bot.

Both libraries parse updates into objects with the Bot API's field names (`update_id`,
`message.from_user`, `callback_query.data`, `chat.type` …), so the mapping to `Incoming`
is written once, against those names, and tested once. What stays in each adapter is
only what differs: how to start and stop polling, how to send, which exceptions mean
what. Anything that decides *what to say* belongs to the engine.

The pieces:
  * `to_incoming` — update → Incoming plus where to answer (chat id, callback query id);
  * `render` / `split_text` — Reply → Telegram-sized messages with inline keyboards;
  * `TelegramCore` — runs one update through the engine and sends the replies, in order
    per user, answering every callback query, with a kind apology if the engine fails;
  * `TokenRedactingFilter` — keeps the bot token out of every log line;
  * `serve` — the lifecycle both adapters follow (start, poll or webhook, graceful stop).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import string
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol

from bot.messages import MAX_ACTION_BYTES, Incoming, Reply

from .sending import (
    Blocked,
    FloodLimits,
    Keyboard,
    KeyedLock,
    OutboxWorker,
    SendError,
    Sender,
    Transport,
)

log = logging.getLogger("wegwijs.telegram")

#: Telegram's limit for a message's text, counted in UTF-16 code units.
MAX_TEXT = 4096
#: The languages we register bot commands for (the engine's UI languages).
COMMAND_LANGUAGES = ("uk", "ru", "nl", "en")
#: Update kinds we ask Telegram for; everything else would only cost bandwidth.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
#: What an unreadable callback_data becomes: an action no engine defines, so the engine
#: answers it like any stale button ("this button expired, here is the menu").
INVALID_ACTION = "!invalid"

_ACTION_CHARS = frozenset(string.ascii_letters + string.digits + string.punctuation + " ")

# Shown only when the engine itself failed; the engine owns every other sentence. Kept
# here, short, in the four UI languages, because by definition the catalog-backed engine
# could not be asked for it.
_APOLOGY = {
    "uk": "Вибачте, щось пішло не так. Спробуйте, будь ласка, ще раз за хвилину.",
    "ru": "Извините, что-то пошло не так. Попробуйте, пожалуйста, ещё раз через минуту.",
    "nl": "Sorry, er ging iets mis. Probeer het over een minuut nog eens.",
    "en": "Sorry, something went wrong. Please try again in a minute.",
}


# --------------------------------------------------------------------------- mapping


@dataclass(frozen=True)
class Routed:
    """An Incoming plus what only the adapter needs: where to answer."""

    incoming: Incoming
    chat_id: int
    callback_query_id: str | None = None


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units: an emoji counts two."""
    return len(text.encode("utf-16-le")) // 2


def lang_hint(language_code: str | None) -> str | None:
    """"en-US" → "en"; Telegram sends IETF tags, the engine wants the primary language."""
    if not language_code:
        return None
    return language_code.split("-")[0].split("_")[0].lower() or None


def clean_callback_data(data: str | None) -> str:
    """Callback data is untrusted: anything that could not have come from a Button
    (too long, non-ASCII, control characters, missing) becomes INVALID_ACTION."""
    if (
        not data
        or len(data.encode("utf-8")) > MAX_ACTION_BYTES
        or not set(data) <= _ACTION_CHARS
    ):
        return INVALID_ACTION
    return data


def _normalise_command(text: str | None) -> str | None:
    """"/start@wegwijs_bot args" → "/start args": in groups Telegram appends the bot name."""
    if text and text.startswith("/"):
        head, sep, rest = text.partition(" ")
        head = head.split("@", 1)[0]
        return head + sep + rest
    return text


def _message_kind(message: Any) -> str:
    if getattr(message, "text", None):
        return "text"
    if getattr(message, "photo", None):
        return "photo"
    if getattr(message, "sticker", None):
        return "sticker"
    if getattr(message, "voice", None) or getattr(message, "audio", None) or getattr(
        message, "video_note", None
    ):
        return "voice"
    if getattr(message, "location", None) or getattr(message, "venue", None):
        return "location"
    return "other"


def to_incoming(update: Any, keyer: Callable[[int], str]) -> Routed | None:
    """Map an aiogram or PTB Update to what the engine understands.

    Returns None only for updates with no human to answer (channel posts, bots, service
    updates); every message from a person yields an Incoming, so the engine can always
    say something kind.

    Args:
        keyer: Telegram user id → pseudonymous user_key (bot.privacy.user_key with the
            server's secret); the raw id never leaves the adapter.
    """
    update_id = f"tg:{update.update_id}"
    query = getattr(update, "callback_query", None)
    if query is not None:
        user = query.from_user
        if user is None or user.is_bot:
            return None
        message = query.message
        chat_id = message.chat.id if message is not None else user.id
        incoming = Incoming(
            user_key=keyer(user.id),
            action=clean_callback_data(query.data),
            lang_hint=lang_hint(user.language_code),
            update_id=update_id,
            kind="action",
        )
        return Routed(incoming, chat_id, str(query.id))

    message = getattr(update, "message", None)
    kind: str | None = None
    if message is None:
        message = getattr(update, "edited_message", None)
        kind = "edited"
    if message is None:
        return None
    user = message.from_user
    if user is None or user.is_bot:
        return None
    if message.chat.type != "private":
        kind = "group"
    elif kind is None:
        kind = _message_kind(message)
    text = _normalise_command(message.text or message.caption)
    incoming = Incoming(
        user_key=keyer(user.id),
        text=text,
        lang_hint=lang_hint(user.language_code),
        update_id=update_id,
        kind=kind,
    )
    return Routed(incoming, message.chat.id)


# --------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class OutMessage:
    """One sendMessage: text within Telegram's limit and an optional inline keyboard."""

    text: str
    keyboard: Keyboard | None = None


_SEPARATORS = ("\n\n", "\n", " ")


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split text into parts of at most `limit` UTF-16 units, preferring paragraph
    boundaries, then line breaks, then spaces, and cutting words only as a last resort.

    Parts are stripped and never empty; splitting only ever happens at whitespace when
    whitespace exists, so no word or number is broken in two where it can be avoided.
    """
    text = text.strip()
    if utf16_len(text) <= limit:
        return [text] if text else []
    return [p for p in _split(text, limit, 0) if p]


def _split(text: str, limit: int, level: int) -> list[str]:
    if utf16_len(text) <= limit:
        return [text.strip()]
    if level >= len(_SEPARATORS):
        return _hard_cut(text, limit)
    sep = _SEPARATORS[level]
    parts: list[str] = []
    current = ""
    for piece in text.split(sep):
        candidate = piece if not current else current + sep + piece
        if utf16_len(candidate.strip()) <= limit:
            current = candidate
            continue
        if current.strip():
            parts.append(current.strip())
        if utf16_len(piece.strip()) <= limit:
            current = piece
        else:
            parts.extend(_split(piece, limit, level + 1))
            current = ""
    if current.strip():
        parts.append(current.strip())
    return parts


def _hard_cut(text: str, limit: int) -> list[str]:
    parts, current, size = [], [], 0
    for ch in text:
        width = 2 if ord(ch) > 0xFFFF else 1
        if size + width > limit:
            parts.append("".join(current))
            current, size = [], 0
        current.append(ch)
        size += width
    if current:
        parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def keyboard_of(reply: Reply) -> Keyboard | None:
    rows = tuple(
        tuple((b.label, b.action) for b in row) for row in reply.buttons if row
    )
    return rows or None


def render(reply: Reply) -> list[OutMessage]:
    """A Reply becomes one message, or several when too long; buttons go on the last
    part, under the text they belong to."""
    parts = split_text(reply.text)
    keyboard = keyboard_of(reply)
    if not parts:
        return []
    out = [OutMessage(p) for p in parts[:-1]]
    out.append(OutMessage(parts[-1], keyboard))
    return out


def apology(lang: str | None) -> Reply:
    return Reply(_APOLOGY.get(lang or "", _APOLOGY["en"]))


# --------------------------------------------------------------------------- core


class Engine(Protocol):
    async def handle(self, incoming: Incoming) -> list[Reply]: ...
    def commands(self, lang: str) -> list[tuple[str, str]]: ...


class ChatRefStore(Protocol):
    """Where the chat id of a user who opted in to announcements is kept (bot.store)."""

    def set_chat_ref(self, user_key: str, platform: str, chat_ref: str | None) -> None: ...


class TelegramTransport(Transport, Protocol):
    async def answer_callback(self, query_id: str) -> None: ...


class TelegramCore:
    """Runs updates through the engine and sends the replies; knows no library.

    Per-user ordering: the engine serialises per user too, but the replies must also go
    out in that order, so the lock here spans engine *and* sending for one user.

    Announcement opt-in: a Reply with ``remember_chat=True`` (the engine's opt-in
    action) makes the adapter store this chat's id for the user, ``False`` forgets it.
    The engine never sees chat ids; the broadcast command reads them back. See
    docs/telegram.md, "Broadcasts and chat_ref".
    """

    def __init__(
        self,
        engine: Engine,
        keyer: Callable[[int], str],
        *,
        store: Any = None,
        limits: FloodLimits = FloodLimits(),
    ) -> None:
        self.engine = engine
        self.keyer = keyer
        self.store = store
        self.limits = limits
        self._user_locks = KeyedLock()
        self.transport: TelegramTransport | None = None
        self.sender: Sender | None = None

    def bind(self, transport: TelegramTransport) -> None:
        """Called by the adapter once its bot object exists."""
        self.transport = transport
        self.sender = Sender(transport, self.limits, on_blocked=self._blocked)

    def _blocked(self, user_key: str) -> None:
        log.info("a user blocked the bot; no more messages to them")
        if self.store is not None and hasattr(self.store, "block_user"):
            self.store.block_user(user_key)

    async def process(self, update: Any) -> None:
        """Handle one update end to end. Never raises: a failure becomes an apology."""
        assert self.sender is not None and self.transport is not None, "bind() first"
        routed = to_incoming(update, self.keyer)
        if routed is None:
            return
        incoming = routed.incoming
        # The lock is taken before the first await, so updates of one user queue up in
        # the order the framework started them — awaiting anything earlier (even the
        # callback answer) would let a later tap overtake an earlier one.
        async with self._user_locks(incoming.user_key):
            if routed.callback_query_id is not None:
                # Before the engine, so the spinner on the button stops even if it is slow.
                await self._answer(routed.callback_query_id)
            try:
                replies = await self.engine.handle(incoming)
            except Exception:  # noqa: BLE001 - the user must get an answer, the log the trace
                log.exception("engine failed on update %s (kind=%s)", incoming.update_id,
                              incoming.kind)
                replies = [apology(incoming.lang_hint)]
            await self.deliver(routed.chat_id, incoming.user_key, replies)

    async def deliver(self, chat_id: int, user_key: str, replies: Iterable[Reply]) -> None:
        assert self.sender is not None
        for reply in replies:
            try:
                for out in render(reply):
                    await self.sender.send(chat_id, out.text, out.keyboard, user_key=user_key)
            except Blocked:
                return
            except SendError as exc:
                log.warning("could not deliver a reply: %s", exc)
                return
            self._chat_ref_signal(reply, user_key, chat_id)

    def _chat_ref_signal(self, reply: Reply, user_key: str, chat_id: int) -> None:
        remember = getattr(reply, "remember_chat", None)
        if remember is None:
            return
        if self.store is None or not hasattr(self.store, "set_chat_ref"):
            log.warning("engine asked to remember a chat, but the store cannot keep it")
            return
        self.store.set_chat_ref(user_key, "telegram", str(chat_id) if remember else None)

    async def _answer(self, query_id: str) -> None:
        assert self.transport is not None
        try:
            await self.transport.answer_callback(query_id)
        except Exception as exc:  # noqa: BLE001 - a stale query must not stop the reply
            log.info("could not answer callback query: %s", exc)


# --------------------------------------------------------------------------- token


_TOKEN_RE = re.compile(r"(?<![A-Za-z0-9])(bot)?(\d{3,}):[A-Za-z0-9_-]{20,}")
TOKEN_LOGGERS = ("aiohttp", "httpx", "httpcore", "telegram", "aiogram", "asyncio", "wegwijs")


def redact(text: str, token: str | None = None) -> str:
    if token:
        text = text.replace(token, "<token>")
    return _TOKEN_RE.sub(lambda m: (m.group(1) or "") + "<token>", text)


class TokenRedactingFilter(logging.Filter):
    """Rewrites a record's message (and traceback) with the bot token blanked.

    Needed because httpx logs every request URL at INFO, and Bot API URLs are
    `…/bot<id>:<secret>/method`; exceptions from both HTTP stacks quote URLs too.
    """

    def __init__(self, token: str | None = None) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string is not ours to fix
            return True
        clean = redact(message, self.token)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.token)
        return True


def install_token_filter(token: str | None = None) -> TokenRedactingFilter:
    """Attach one redacting filter to the HTTP/Telegram loggers, their existing children,
    and the root logger's handlers (which catches children created later).

    Logger filters only see records logged at that very logger, hence the children.
    """
    filt = TokenRedactingFilter(token)
    names = set(TOKEN_LOGGERS)
    for name in list(logging.root.manager.loggerDict):
        if any(name == p or name.startswith(p + ".") for p in TOKEN_LOGGERS):
            names.add(name)
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, TokenRedactingFilter) for f in logger.filters):
            logger.addFilter(filt)
    for handler in logging.root.handlers:
        if not any(isinstance(f, TokenRedactingFilter) for f in handler.filters):
            handler.addFilter(filt)
    return filt


# --------------------------------------------------------------------------- webhook


def check_secret(received: str | None, expected: str) -> bool:
    """Constant-time comparison, so the secret cannot be guessed byte by byte."""
    return hmac.compare_digest((received or "").encode("utf-8"), expected.encode("utf-8"))


_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{16,256}$")


def valid_webhook_secret(secret: str | None) -> bool:
    """Telegram allows 1-256 of [A-Za-z0-9_-]; we also require 16, so it is a secret."""
    return bool(secret) and bool(_SECRET_RE.match(secret or ""))


# --------------------------------------------------------------------------- lifecycle


class Adapter(Protocol):
    """What serve() drives; implemented by AiogramAdapter and PtbAdapter."""

    core: TelegramCore
    framework: str

    async def setup(self) -> None: ...
    async def set_commands(self, lang: str | None, commands: list[tuple[str, str]]) -> None: ...
    async def start_polling(self, poll_timeout: int) -> None: ...
    async def stop_polling(self) -> None: ...
    async def process_raw(self, data: dict[str, Any]) -> None: ...
    async def set_webhook(self, url: str, secret: str) -> None: ...
    async def drain(self, timeout: float) -> None: ...
    async def close(self) -> None: ...


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret: str
    host: str = "127.0.0.1"
    port: int = 8443


async def register_commands(adapter: Adapter, engine: Engine) -> None:
    """setMyCommands once per UI language, plus English as the default for the rest.

    A failure is logged, not fatal: the bot answers commands whether or not the menu
    button lists them.
    """
    for lang in (*COMMAND_LANGUAGES, None):
        try:
            commands = engine.commands(lang or "en")
            if commands:
                await adapter.set_commands(lang, commands)
        except Exception as exc:  # noqa: BLE001
            log.warning("setMyCommands(%s) failed: %s", lang or "default", exc)


async def serve(
    adapter: Adapter,
    stop: asyncio.Event,
    *,
    outbox: OutboxWorker | None = None,
    webhook: WebhookConfig | None = None,
    poll_timeout: int = 25,
    drain_timeout: float = 30.0,
    started: asyncio.Event | None = None,
) -> None:
    """Run the bot until `stop` is set, then stop in the order that loses nothing.

    Shutdown order: stop taking updates (polling stops / the webhook answers 503 so
    Telegram retries later) → wait for handlers in flight (they reply) → stop the outbox
    worker (rows not yet begun stay pending) → close the HTTP session. The caller closes
    the database afterwards.
    """
    from .telegram_webhook import WebhookServer

    await adapter.setup()
    worker_stop = asyncio.Event()
    worker: asyncio.Task[None] | None = None
    server: WebhookServer | None = None
    try:
        await register_commands(adapter, adapter.core.engine)
        if webhook is not None:
            server = WebhookServer(adapter.process_raw, webhook.secret, url=webhook.url,
                                   host=webhook.host, port=webhook.port)
            await server.start()
            await adapter.set_webhook(webhook.url, webhook.secret)
        else:
            await adapter.start_polling(poll_timeout)
        if outbox is not None:
            worker = asyncio.create_task(outbox.run(worker_stop), name="wegwijs-outbox")
        if started is not None:
            started.set()
        log.info("%s bot running (%s)", adapter.framework,
                 "webhook" if webhook else "polling")
        await stop.wait()
        log.info("stopping: no new updates, waiting for handlers in flight")
    finally:
        if server is not None:
            await server.stop(drain_timeout)
        else:
            await _quietly(adapter.stop_polling())
        await _quietly(adapter.drain(drain_timeout))
        worker_stop.set()
        if worker is not None:
            await _quietly(worker)
        await _quietly(adapter.close())
        log.info("stopped")


async def _quietly(awaitable: Any) -> None:
    try:
        await awaitable
    except Exception:  # noqa: BLE001 - shutdown continues whatever one step did
        log.exception("error during shutdown")
