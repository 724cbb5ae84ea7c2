"""python-telegram-bot 22 adapter: one TypeHandler that hands every update to TelegramCore.

No ConversationHandler (its state lives in memory and relies on sequential processing),
no AIORateLimiter (it does not pace private chats and, by default, does not retry 429):
the engine keeps state, `sending.Sender` keeps the limits, for both libraries alike.

Updates are processed concurrently (`concurrent_updates`) for throughput; the order of
one user's updates is kept by TelegramCore's per-user lock, not by running one at a time.
`Application.stop()` waits for updates in flight, so graceful shutdown needs nothing more.
"""

from __future__ import annotations

import asyncio
import functools
import datetime as dtm
import logging
import os
import warnings
from typing import Any

# PTB 22.2+ warns whenever it reads a duration as int — even inside its own RetryAfter
# constructor, so every 429 would emit a PTBDeprecationWarning. Opting in to the future
# behaviour (durations as timedelta) silences that; _retry_seconds accepts both.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter as PtbRetryAfter,
    TelegramError,
)
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.errors import BotError, SettingsError

from .sending import Blocked, Keyboard, Permanent, RetryAfter, Transient
from .telegram_common import ALLOWED_UPDATES, TelegramCore, install_token_filter, redact

log = logging.getLogger("wegwijs.telegram.ptb")

SEND_TIMEOUT = 15.0
#: Updates PTB processes at once (per-user order is TelegramCore's job). Small on purpose:
#: httpcore rescans its whole pool and queue on every request's state change, so more
#: requests in flight cost more per request. With the engine in its own process
#: (benchmarks/telegram_bench.py, 5 000 updates) 8 and 16 ran at ~80 % of PTB's echo, 32 at
#: ~55 %, 64 at ~46 %. 16 leaves room for handlers that wait out a chat's flood limit, and
#: is still far above what Telegram lets a bot send (~30 messages/s).
CONCURRENT_UPDATES = 16


@functools.lru_cache(maxsize=1024)
def markup(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    # Cached: the same menus go to many users, and building the library's models was a
    # measurable share of each send. The models are never changed after this.
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(label, callback_data=data) for label, data in row]
        for row in keyboard
    ])


def _retry_seconds(exc: PtbRetryAfter) -> float:
    # PTB 22.2+ warns on reading retry_after unless PTB_TIMEDELTA is set; either type is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    if isinstance(value, dtm.timedelta):
        return value.total_seconds()
    return float(value)


class PtbAdapter:
    """Drives python-telegram-bot for `serve()`; see telegram_common.Adapter."""

    framework = "ptb"

    def __init__(self, token: str, core: TelegramCore, *, api_base: str | None = None,
                 concurrent_updates: int = CONCURRENT_UPDATES) -> None:
        install_token_filter(token)
        self.token = token
        self.core = core
        self.api_base = api_base
        builder = (
            Application.builder()
            .token(token)
            .concurrent_updates(concurrent_updates)
            .job_queue(None)
            # One connection per update in flight (+ callback answers): requests queued
            # in httpcore's pool are rescanned on every state change, which got
            # quadratic under load in profiles.
            .connection_pool_size(concurrent_updates + 8)
        )
        if api_base:
            base = api_base.rstrip("/")
            # PTB appends the token to base_url, so it must end in /bot.
            builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
        self.app: Application[Any, Any, Any, Any, Any, Any] = builder.build()
        self.app.add_handler(TypeHandler(Update, self._on_update))
        self._polling = False
        self._started = False
        core.bind(self)

    async def _on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.core.process(update)

    # -- lifecycle -----------------------------------------------------------------

    async def setup(self) -> None:
        try:
            await self.app.initialize()
        except InvalidToken:
            await self.app.shutdown()
            raise SettingsError("Telegram rejected WEGWIJS_TELEGRAM_TOKEN (401 Unauthorized); "
                                "check it with @BotFather") from None
        except TelegramError as exc:
            await self.app.shutdown()
            raise BotError(f"cannot reach the Bot API at {self.api_base or 'api.telegram.org'}: "
                           f"{redact(exc.message, self.token)}") from None
        await self.app.start()
        self._started = True

    async def set_commands(self, lang: str | None, commands: list[tuple[str, str]]) -> None:
        await self.app.bot.set_my_commands(
            [BotCommand(c, d) for c, d in commands], language_code=lang
        )

    async def start_polling(self, poll_timeout: int) -> None:
        assert self.app.updater is not None
        await self.app.updater.start_polling(
            timeout=dtm.timedelta(seconds=poll_timeout),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
        )
        self._polling = True

    async def stop_polling(self) -> None:
        # Updater.stop() ends the long poll and confirms what was fetched (getUpdates with
        # the new offset and timeout 0); the fetched updates wait in the update queue.
        if self._polling and self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        self._polling = False

    async def process_raw(self, data: dict[str, Any]) -> None:
        update = Update.de_json(data, self.app.bot)
        await self.app.process_update(update)

    async def set_webhook(self, url: str, secret: str) -> None:
        await self.app.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES,
                                       drop_pending_updates=False,
                                       max_connections=self.app.update_processor.max_concurrent_updates)

    async def drain(self, timeout: float) -> None:
        # Application.stop() processes what is queued and waits for running handlers.
        if self._started and self.app.running:
            stopping = asyncio.ensure_future(self.app.stop())
            done, _ = await asyncio.wait({stopping}, timeout=timeout)
            if not done:
                log.warning("handlers still running after %.0fs; shutting down anyway", timeout)
                stopping.cancel()

    async def close(self) -> None:
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    # -- transport -----------------------------------------------------------------

    async def send_message(self, chat_id: int, text: str, keyboard: Keyboard | None) -> None:
        try:
            await self.app.bot.send_message(chat_id, text, reply_markup=markup(keyboard),
                                            read_timeout=SEND_TIMEOUT, write_timeout=SEND_TIMEOUT)
        except PtbRetryAfter as exc:
            raise RetryAfter(_retry_seconds(exc)) from None
        except Forbidden as exc:
            raise Blocked(exc.message) from None
        except BadRequest as exc:  # a subclass of NetworkError, so first
            raise Permanent(exc.message) from None
        except NetworkError as exc:  # includes TimedOut
            raise Transient(exc.message) from None
        except TelegramError as exc:
            raise Permanent(exc.message) from None

    async def answer_callback(self, query_id: str) -> None:
        await self.app.bot.answer_callback_query(query_id, read_timeout=SEND_TIMEOUT)
