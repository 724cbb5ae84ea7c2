"""A Bot API server on 127.0.0.1 that the real aiogram and python-telegram-bot clients talk to.

Why a server and not mocks: the adapters are thin, so what can break is the part mocks
would hide — how each library encodes requests (form fields, JSON-encoded non-string
values), parses real result objects, confirms updates through the getUpdates offset,
and reacts to 429/5xx/dropped connections. Everything here behaves like Telegram where
the adapters depend on it, and fails loudly where it does not know what to do: an
unknown method is answered 404 *and* recorded, and the `botapi` fixture fails the test.

Typical use (see conftest.py for the fixture)::

    server = BotAPIServer(token)
    await server.start()
    uid = server.push_text(user_id=42, text="hallo", lang="nl")
    msgs = await server.wait_messages(chat_id=42, count=1)
    server.fault("sendMessage", "429", count=3, retry_after=1)
    await server.stop()
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from aiohttp import web

BOT_USER = {
    "id": 7000001,
    "is_bot": True,
    "first_name": "Wegwijs",
    "username": "wegwijs_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

#: Form fields whose values arrive JSON-encoded (objects, arrays, booleans, numbers).
#: Everything else stays a string: decoding a text of "123" as JSON would turn it into
#: an int, which is exactly the kind of silent change this server must not make.
_JSON_FIELDS = {
    "reply_markup", "allowed_updates", "commands", "scope", "link_preview_options",
    "reply_parameters", "entities", "show_alert", "disable_notification",
    "drop_pending_updates", "protect_content", "max_connections", "cache_time",
    "offset", "limit", "timeout", "message_id", "chat_id", "allow_sending_without_reply",
    "disable_web_page_preview", "message_thread_id",
}

#: What each method returns when it succeeds and has nothing more interesting to say.
_TRUE_METHODS = {
    "answerCallbackQuery", "setMyCommands", "deleteMyCommands", "deleteWebhook",
    "setWebhook", "close", "logOut", "deleteMessage", "sendChatAction",
}


def utf16_len(text: str) -> int:
    """Telegram measures message length in UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    """One request the server answered (or refused), in arrival order."""

    method: str
    params: dict[str, Any]
    t: float  # time.monotonic() at arrival
    status: int = 200
    result: Any = None
    fault: str | None = None


@dataclass
class _Fault:
    kind: str  # "429" | "500" | "403" | "slow" | "drop"
    count: int
    retry_after: int = 1
    delay: float = 0.0
    match: Callable[[dict[str, Any]], bool] | None = None


@dataclass
class _Pending:
    update: dict[str, Any]
    forced: bool = False  # redelivery: delivered once even though the offset confirmed it


@dataclass
class BotAPIServer:
    token: str = "123456:TEST-token_for-wegwijs"
    host: str = "127.0.0.1"
    #: Telegram refuses sends during a flood wait; so does this server, and counts them.
    enforce_flood_wait: bool = True
    calls: list[Call] = field(default_factory=list)
    unknown_calls: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._updates: list[_Pending] = []
        self._history: dict[int, dict[str, Any]] = {}
        self._update_ids = itertools.count(1000)
        self._message_ids: dict[int, itertools.count] = {}
        self._callback_ids = itertools.count(1)
        self._faults: dict[str, list[_Fault]] = {}
        self._changed = asyncio.Condition()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.port: int = 0
        self.flood_until = 0.0
        #: sendMessage requests that arrived while a 429 retry_after was still running.
        self.flood_violations: list[Call] = []
        self.pushed_at: dict[int, float] = {}
        self.webhook: dict[str, Any] | None = None
        self.blocked_chats: set[int] = set()
        #: Every method name at the moment its request arrived (before any fault delay).
        self.arrived: list[str] = []
        #: Called with every successful Call as it is recorded (the benchmark's tracker).
        self.on_call: Callable[[Call], None] | None = None
        #: How many times each update id went out in a getUpdates result.
        self.deliveries: dict[int, int] = {}

    # ---------------------------------------------------------------- lifecycle

    @property
    def base(self) -> str:
        """What to give the adapters as --api-base."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        # Release long polls first: otherwise every teardown waits for the poll timeout.
        self._closing = True
        async with self._changed:
            self._changed.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> "BotAPIServer":
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------ fault control

    def fault(
        self,
        method: str,
        kind: str,
        count: int = 1,
        *,
        retry_after: int = 1,
        delay: float = 0.0,
        match: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        """Make the next `count` calls of `method` fail in the given way.

        Args:
            kind: "429" (with parameters.retry_after), "500", "403" (bot blocked),
                "slow" (answer normally after `delay` seconds) or "drop" (close the
                connection before answering; nothing is recorded as sent).
            match: only calls whose params satisfy this are affected (e.g. one chat).
        """
        if kind not in {"429", "500", "403", "slow", "drop"}:
            raise ValueError(f"unknown fault kind {kind!r}")
        self._faults.setdefault(method, []).append(
            _Fault(kind, count, retry_after, delay, match)
        )

    def clear_faults(self) -> None:
        self._faults.clear()

    def _take_fault(self, method: str, params: dict[str, Any]) -> _Fault | None:
        for f in self._faults.get(method, []):
            if f.count > 0 and (f.match is None or f.match(params)):
                f.count -= 1
                return f
        return None

    # ---------------------------------------------------------------- updates

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    @staticmethod
    def _user(user_id: int, lang: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        if lang is not None:
            user["language_code"] = lang
        return user

    def _chat(self, user_id: int, chat_id: int | None, chat_type: str) -> dict[str, Any]:
        if chat_type == "private":
            return {"id": user_id, "type": "private", "first_name": f"User{user_id}"}
        return {"id": chat_id or -100_000 - user_id, "type": chat_type, "title": "Buurtgroep"}

    def _message(self, user_id: int, lang: str | None, chat_type: str = "private",
                 chat_id: int | None = None, **content: Any) -> dict[str, Any]:
        chat = self._chat(user_id, chat_id, chat_type)
        return {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": self._user(user_id, lang),
            **content,
        }

    def push_update(self, payload: dict[str, Any], update_id: int | None = None) -> int:
        """Queue a raw update (anything but the update_id); returns its update_id."""
        uid = next(self._update_ids) if update_id is None else update_id
        update = {"update_id": uid, **payload}
        self._history[uid] = update
        self._updates.append(_Pending(update))
        self.pushed_at[uid] = time.monotonic()
        self._notify()
        return uid

    def redeliver(self, update_id: int) -> None:
        """Deliver an update again with its original id, as Telegram does when the
        bot's confirmation (the next getUpdates offset) never arrived."""
        self._updates.append(_Pending(self._history[update_id], forced=True))
        self._notify()

    def push_text(self, user_id: int, text: str, lang: str | None = "uk") -> int:
        msg = self._message(user_id, lang, text=text)
        if text.startswith("/"):
            cmd = text.split()[0]
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(cmd)}]
        return self.push_update({"message": msg})

    def push_callback(self, user_id: int, data: str, lang: str | None = "uk",
                      message_id: int | None = None) -> int:
        """A tap on an inline button of a message the bot sent earlier."""
        chat = self._chat(user_id, None, "private")
        message = {
            "message_id": message_id or 1,
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": "…",
        }
        query = {
            "id": str(next(self._callback_ids)),
            "from": self._user(user_id, lang),
            "chat_instance": f"ci{user_id}",
            "message": message,
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def push_photo(self, user_id: int, lang: str | None = "uk", caption: str | None = None) -> int:
        sizes = [{"file_id": f"ph{n}", "file_unique_id": f"u{n}", "width": w, "height": w}
                 for n, w in enumerate((90, 320))]
        content: dict[str, Any] = {"photo": sizes}
        if caption:
            content["caption"] = caption
        return self.push_update({"message": self._message(user_id, lang, **content)})

    def push_sticker(self, user_id: int, lang: str | None = "uk") -> int:
        sticker = {"file_id": "st1", "file_unique_id": "su1", "type": "regular", "width": 512,
                   "height": 512, "is_animated": False, "is_video": False, "emoji": "👍"}
        return self.push_update({"message": self._message(user_id, lang, sticker=sticker)})

    def push_voice(self, user_id: int, lang: str | None = "uk") -> int:
        voice = {"file_id": "vo1", "file_unique_id": "vu1", "duration": 3,
                 "mime_type": "audio/ogg"}
        return self.push_update({"message": self._message(user_id, lang, voice=voice)})

    def push_location(self, user_id: int, lang: str | None = "uk") -> int:
        location = {"latitude": 52.3571, "longitude": 4.6225}
        return self.push_update({"message": self._message(user_id, lang, location=location)})

    def push_edited(self, user_id: int, text: str, lang: str | None = "uk") -> int:
        msg = self._message(user_id, lang, text=text)
        msg["edit_date"] = msg["date"] + 5
        return self.push_update({"edited_message": msg})

    def push_group(self, user_id: int, text: str, lang: str | None = "uk",
                   chat_id: int | None = None) -> int:
        msg = self._message(user_id, lang, chat_type="group", chat_id=chat_id, text=text)
        return self.push_update({"message": msg})

    def _notify(self) -> None:
        async def _wake() -> None:
            async with self._changed:
                self._changed.notify_all()

        try:
            asyncio.get_running_loop().create_task(_wake())
        except RuntimeError:  # no loop yet: nobody is waiting either
            pass

    # ------------------------------------------------------------ observation

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        """Successful calls of `method` (optionally to one chat), in arrival order."""
        return [
            c for c in self.calls
            if c.method == method and c.status == 200
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def texts(self, chat_id: int) -> list[str]:
        return [c.params["text"] for c in self.sent("sendMessage", chat_id)]

    def pending_count(self) -> int:
        return len(self._updates)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until predicate() holds; fail with the calls so far if it never does."""
        async def _wait() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        try:
            await asyncio.wait_for(_wait(), timeout)
        except asyncio.TimeoutError:
            summary = [(c.method, c.status, c.params.get("chat_id"), c.params.get("text"))
                       for c in self.calls if c.method != "getUpdates"]
            raise AssertionError(f"condition not met within {timeout}s; calls: {summary}") from None

    async def wait_messages(self, chat_id: int, count: int, timeout: float = 5.0) -> list[str]:
        await self.wait_for(lambda: len(self.sent("sendMessage", chat_id)) >= count, timeout)
        return self.texts(chat_id)

    async def wait_calls(self, method: str, count: int, timeout: float = 5.0) -> list[Call]:
        await self.wait_for(lambda: len(self.sent(method)) >= count, timeout)
        return self.sent(method)

    async def wait_confirmed(self, timeout: float = 5.0) -> None:
        """Wait until every queued update has been confirmed by a later offset."""
        await self.wait_for(lambda: not self._updates, timeout)

    # ------------------------------------------------------------ HTTP handling

    async def _not_found(self, request: web.Request) -> web.Response:
        call = Call(request.path, {}, time.monotonic(), status=404)
        self.unknown_calls.append(call)
        return web.json_response(
            {"ok": False, "error_code": 404, "description": f"Not Found: {request.path}"},
            status=404,
        )

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            body = await request.read()
            return json.loads(body) if body else {}
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            params.update(await request.post())
        for key, value in list(params.items()):
            if not isinstance(value, str):
                raise web.HTTPBadRequest(text=f"file upload in field {key} not supported")
            if key in _JSON_FIELDS:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    pass  # chat_id may be "@channelname"
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        now = time.monotonic()
        self.arrived.append(method)
        self._notify()
        if request.match_info["token"] != self.token:
            call = Call(method, {}, now, status=401)
            self.calls.append(call)
            return self._error(401, "Unauthorized")
        try:
            params = await self._params(request)
        except web.HTTPBadRequest as exc:
            return self._error(400, f"Bad Request: {exc.text}")
        call = Call(method, params, now)
        handler = getattr(self, f"_m_{method}", None)
        if handler is None and method not in _TRUE_METHODS:
            call.status = 404
            self.unknown_calls.append(call)
            self.calls.append(call)
            return self._error(404, f"Not Found: method {method} is not implemented by the test server")

        fault = self._take_fault(method, params)
        if fault is not None:
            call.fault = fault.kind
            if fault.kind == "drop":
                call.status = 0
                self.calls.append(call)
                self._changed_soon()
                assert request.transport is not None
                request.transport.close()
                return web.Response(status=500)  # never reaches the client
            if fault.kind == "slow":
                await asyncio.sleep(fault.delay)
            elif fault.kind == "429":
                self.flood_until = max(self.flood_until, time.monotonic() + fault.retry_after)
                return self._record_error(call, 429, "Too Many Requests: retry after "
                                          f"{fault.retry_after}", retry_after=fault.retry_after)
            elif fault.kind == "500":
                return self._record_error(call, 500, "Internal Server Error")
            elif fault.kind == "403":
                return self._record_error(call, 403, "Forbidden: bot was blocked by the user")

        if method == "sendMessage" and self.enforce_flood_wait and now < self.flood_until:
            self.flood_violations.append(call)
            retry = max(1, round(self.flood_until - now))
            return self._record_error(call, 429, f"Too Many Requests: retry after {retry}",
                                      retry_after=retry)

        try:
            result = await handler(params, call) if handler else True
        except _APIError as err:
            return self._record_error(call, err.code, err.description)
        call.result = result
        self.calls.append(call)
        if self.on_call is not None:
            self.on_call(call)
        self._changed_soon()
        return web.json_response({"ok": True, "result": result})

    def _changed_soon(self) -> None:
        self._notify()

    @staticmethod
    def _error(code: int, description: str, **parameters: Any) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=code)

    def _record_error(self, call: Call, code: int, description: str, **parameters: Any
                      ) -> web.Response:
        call.status = code
        self.calls.append(call)
        self._changed_soon()
        return self._error(code, description, **parameters)

    # ------------------------------------------------------------------ methods

    async def _m_getMe(self, params: dict[str, Any], call: Call) -> Any:
        return BOT_USER

    async def _m_getUpdates(self, params: dict[str, Any], call: Call) -> Any:
        if self.webhook:
            raise _APIError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = params.get("offset")
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates")

        def confirm() -> None:
            if offset is not None:
                # A positive offset confirms every update with a lower id.
                self._updates = [p for p in self._updates
                                 if p.forced or p.update["update_id"] >= int(offset)]

        confirm()
        if not self._updates and timeout > 0 and not self._closing:
            async with self._changed:
                try:
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: bool(self._updates) or self._closing),
                        timeout,
                    )
                except asyncio.TimeoutError:
                    pass
            confirm()
        batch = self._updates[:limit]
        # Redeliveries go out once; ordinary updates stay until a later offset confirms them.
        self._updates = [p for p in self._updates if not (p.forced and p in batch)]
        result = [p.update for p in batch]
        for update in result:
            self.deliveries[update["update_id"]] = self.deliveries.get(update["update_id"], 0) + 1
        if allowed:
            for update in result:
                kinds = set(update) - {"update_id"}
                assert kinds <= set(allowed), f"update {kinds} not in allowed_updates {allowed}"
        return result

    async def _m_sendMessage(self, params: dict[str, Any], call: Call) -> Any:
        chat_id = params.get("chat_id")
        text = params.get("text")
        if not isinstance(chat_id, int):
            raise _APIError(400, "Bad Request: chat not found")
        if chat_id in self.blocked_chats:
            raise _APIError(403, "Forbidden: bot was blocked by the user")
        if not isinstance(text, str) or not text.strip():
            raise _APIError(400, "Bad Request: message text is empty")
        if utf16_len(text) > 4096:
            raise _APIError(400, "Bad Request: message is too long")
        markup = params.get("reply_markup")
        _check_markup(markup)
        chat = ({"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
                if chat_id > 0 else {"id": chat_id, "type": "group", "title": "Buurtgroep"})
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            "text": text,
        }
        if markup:
            message["reply_markup"] = markup
        return message

    async def _m_editMessageText(self, params: dict[str, Any], call: Call) -> Any:
        text = params.get("text")
        if not isinstance(text, str) or not text or utf16_len(text) > 4096:
            raise _APIError(400, "Bad Request: message text is invalid")
        _check_markup(params.get("reply_markup"))
        if "inline_message_id" in params:
            return True
        chat_id = params.get("chat_id")
        return {
            "message_id": params.get("message_id"),
            "date": int(time.time()),
            "edit_date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"},
            "from": BOT_USER,
            "text": text,
        }

    async def _m_answerCallbackQuery(self, params: dict[str, Any], call: Call) -> Any:
        if not params.get("callback_query_id"):
            raise _APIError(400, "Bad Request: query is too old or query ID is invalid")
        return True

    async def _m_setMyCommands(self, params: dict[str, Any], call: Call) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or not commands:
            raise _APIError(400, "Bad Request: commands must be a non-empty list")
        for c in commands:
            cmd, desc = c.get("command", ""), c.get("description", "")
            if not (1 <= len(cmd) <= 32) or cmd != cmd.lower() or not cmd.replace("_", "").isalnum():
                raise _APIError(400, f"Bad Request: BOT_COMMAND_INVALID {cmd!r}")
            if not (1 <= len(desc) <= 256):
                raise _APIError(400, f"Bad Request: command description invalid for {cmd!r}")
        return True

    async def _m_getMyCommands(self, params: dict[str, Any], call: Call) -> Any:
        return []

    async def _m_setWebhook(self, params: dict[str, Any], call: Call) -> Any:
        self.webhook = dict(params)
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any], call: Call) -> Any:
        self.webhook = None
        return True

    async def _m_getWebhookInfo(self, params: dict[str, Any], call: Call) -> Any:
        url = (self.webhook or {}).get("url", "")
        return {"url": url, "has_custom_certificate": False,
                "pending_update_count": len(self._updates)}


class _APIError(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code = code
        self.description = description


def _check_markup(markup: Any) -> None:
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise _APIError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise _APIError(400, "Bad Request: BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and not (1 <= len(data.encode("utf-8")) <= 64):
                raise _APIError(400, "Bad Request: BUTTON_DATA_INVALID")
