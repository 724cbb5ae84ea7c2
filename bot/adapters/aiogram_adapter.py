"""aiogram 3 adapter: a Router that hands every update to TelegramCore, and nothing else.

No FSM, no aiogram i18n: the engine keeps conversation state in SQLite (aiogram's
MemoryStorage forgets it on restart and races on double taps) and chooses the language
(aiogram's i18n trusts the phone's UI language over the user's choice).

One thing aiogram does not do that we need: on stop it cancels polling but does *not*
wait for handler tasks still running, although their updates are already confirmed to
Telegram — the reply would be lost. `InFlight`, an outer middleware, tracks those tasks
and `drain()` waits for them before the session is closed (hence close_bot_session=False).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any, Awaitable, Callable

from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteWebhook,
    GetMe,
    GetUpdates,
    SendMessage,
    SetMyCommands,
    SetWebhook,
)
from aiogram.methods.base import Response
from aiogram.types import (
    BotCommand,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    TelegramObject,
    Update,
)

from bot.errors import BotError, SettingsError

from .sending import Blocked, Keyboard, Permanent, RetryAfter, Transient
from .telegram_common import ALLOWED_UPDATES, TelegramCore, install_token_filter, redact

log = logging.getLogger("wegwijs.telegram.aiogram")

#: Seconds one sendMessage may take before it counts as a (retryable) timeout.
SEND_TIMEOUT = 15
#: Updates handled at once; per-user order is TelegramCore's job (same as the PTB adapter).
CONCURRENT_UPDATES = 32

#: aiogram validates every reply from the Bot API as `Response[<the method's result>]`.
#: Built inside a function (as aiogram does), pydantic keeps such a parametrised generic
#: only by weak reference; the class sits in a reference cycle, so the cyclic collector
#: frees it and the next reply rebuilds its validator — 236 rebuilds in one
#: telegram_bench run, ~12 % of the bot process's profile. Holding them keeps them built.
_RESPONSE_TYPES = tuple(
    Response[method.__returning__]  # type: ignore[name-defined]
    for method in (GetUpdates, SendMessage, AnswerCallbackQuery, SetMyCommands, GetMe,
                   DeleteWebhook, SetWebhook)
)


class InFlight:
    """Outer update middleware: remembers the task of every update being handled."""

    def __init__(self) -> None:
        self.tasks: set[asyncio.Task[Any]] = set()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        task = asyncio.current_task()
        if task is None:
            return await handler(event, data)
        self.tasks.add(task)
        try:
            return await handler(event, data)
        finally:
            self.tasks.discard(task)


@functools.lru_cache(maxsize=1024)
def markup(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    # Cached: the same menus go to many users, and building the library's models was a
    # measurable share of each send. The models are never changed after this.
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=label, callback_data=data) for label, data in row]
        for row in keyboard
    ])


class AiogramAdapter:
    """Drives aiogram for `serve()`; see telegram_common.Adapter for the contract."""

    framework = "aiogram"

    def __init__(self, token: str, core: TelegramCore, *, api_base: str | None = None) -> None:
        install_token_filter(token)
        self.token = token
        self.core = core
        self.api_base = api_base
        self.bot: Bot | None = None
        self.in_flight = InFlight()
        self.dp = Dispatcher()
        self.dp.update.outer_middleware(self.in_flight)
        self.dp.include_router(self._router())
        self._polling: asyncio.Task[None] | None = None
        core.bind(self)

    def _router(self) -> Router:
        router = Router(name="wegwijs")

        async def on_update(event: TelegramObject, event_update: Update) -> None:
            await self.core.process(event_update)

        router.message.register(on_update)
        router.edited_message.register(on_update)
        router.callback_query.register(on_update)
        return router

    # -- lifecycle -----------------------------------------------------------------

    async def setup(self) -> None:
        if self.api_base:
            session = AiohttpSession(api=TelegramAPIServer.from_base(self.api_base.rstrip("/")))
        else:
            session = AiohttpSession()
        try:
            self.bot = Bot(self.token, session=session)
        except Exception:  # aiogram validates the token's shape, and quotes it
            await session.close()
            raise SettingsError("WEGWIJS_TELEGRAM_TOKEN does not look like a bot token "
                                "(digits:letters, as BotFather gives it)") from None
        try:
            await self.bot.me()
        except TelegramUnauthorizedError:
            await session.close()
            raise SettingsError("Telegram rejected WEGWIJS_TELEGRAM_TOKEN (401 Unauthorized); "
                                "check it with @BotFather") from None
        except (TelegramAPIError, OSError, asyncio.TimeoutError) as exc:
            await session.close()
            raise BotError(f"cannot reach the Bot API at {self.api_base or 'api.telegram.org'}: "
                           f"{redact(str(exc), self.token)}") from None

    async def set_commands(self, lang: str | None, commands: list[tuple[str, str]]) -> None:
        assert self.bot is not None
        await self.bot.set_my_commands(
            [BotCommand(command=c, description=d) for c, d in commands],
            scope=BotCommandScopeDefault(),
            language_code=lang,
        )

    async def start_polling(self, poll_timeout: int) -> None:
        assert self.bot is not None
        await self.bot.delete_webhook(drop_pending_updates=False)
        self._polling = asyncio.create_task(self.dp.start_polling(
            self.bot,
            polling_timeout=poll_timeout,
            handle_signals=False,
            close_bot_session=False,
            allowed_updates=ALLOWED_UPDATES,
            # Backpressure: unbounded, aiogram fetched (and confirmed) thousands of updates
            # into tasks whose sends then timed out behind a busy engine; bounded, the
            # backlog waits at Telegram and each handler gets the loop when it needs it.
            tasks_concurrency_limit=CONCURRENT_UPDATES,
        ), name="wegwijs-aiogram-polling")

    async def stop_polling(self) -> None:
        if self._polling is None:
            return
        if not self._polling.done():
            try:
                await self.dp.stop_polling()
            except RuntimeError:  # not started yet
                self._polling.cancel()
        try:
            await self._polling
        except asyncio.CancelledError:
            pass
        self._polling = None

    async def process_raw(self, data: dict[str, Any]) -> None:
        assert self.bot is not None
        await self.dp.feed_raw_update(self.bot, data)

    async def set_webhook(self, url: str, secret: str) -> None:
        assert self.bot is not None
        await self.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES,
                                   drop_pending_updates=False, max_connections=CONCURRENT_UPDATES)

    async def drain(self, timeout: float) -> None:
        """Wait for handler tasks in flight (aiogram would abandon them)."""
        await asyncio.sleep(0)  # tasks created by the last batch enter the middleware
        pending = set(self.in_flight.tasks) | set(getattr(self.dp, "_handle_update_tasks", ()))
        pending.discard(asyncio.current_task())  # type: ignore[arg-type]
        if pending:
            log.info("waiting for %d handler(s) in flight", len(pending))
            _, late = await asyncio.wait(pending, timeout=timeout)
            if late:
                log.warning("%d handler(s) still running after %.0fs; cancelling", len(late),
                            timeout)
                for task in late:
                    task.cancel()

    async def close(self) -> None:
        if self.bot is not None:
            await self.bot.session.close()

    # -- transport -----------------------------------------------------------------

    async def send_message(self, chat_id: int, text: str, keyboard: Keyboard | None) -> None:
        assert self.bot is not None
        try:
            await self.bot.send_message(chat_id, text, reply_markup=markup(keyboard),
                                        request_timeout=SEND_TIMEOUT)
        except TelegramRetryAfter as exc:
            raise RetryAfter(exc.retry_after) from None
        except TelegramForbiddenError as exc:
            raise Blocked(exc.message) from None
        except (TelegramServerError, TelegramNetworkError, asyncio.TimeoutError) as exc:
            raise Transient(str(exc)) from None
        except (TelegramBadRequest, TelegramAPIError) as exc:
            raise Permanent(str(exc)) from None

    async def answer_callback(self, query_id: str) -> None:
        assert self.bot is not None
        await self.bot.answer_callback_query(query_id, request_timeout=SEND_TIMEOUT)
