"""The webhook endpoint both adapters share (aiohttp, behind a TLS-terminating proxy).

Why not the libraries' own: aiogram's SimpleRequestHandler accepts any request when no
secret is configured and answers 200 *before* the handler runs, so a crash mid-handler
loses the update; PTB's needs tornado. Here the secret is mandatory, compared in constant
time, and 200 is sent only after the update went through the engine (which records it,
so a Telegram retry after a timeout is recognised as a duplicate).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from bot.errors import SettingsError

from .telegram_common import check_secret, valid_webhook_secret

log = logging.getLogger("wegwijs.telegram.webhook")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """Listens on host:port at the path of the public webhook URL."""

    def __init__(
        self,
        handler: Callable[[dict[str, Any]], Awaitable[None]],
        secret: str,
        *,
        url: str,
        host: str = "127.0.0.1",
        port: int = 8443,
    ) -> None:
        if not valid_webhook_secret(secret):
            raise SettingsError(
                "webhook mode needs WEGWIJS_WEBHOOK_SECRET: 16-256 characters of A-Z, a-z, "
                "0-9, _ and - (for example: python -c \"import secrets; "
                "print(secrets.token_urlsafe(32))\")"
            )
        self.handler = handler
        self.secret = secret
        self.path = urlsplit(url).path or "/"
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        self._stopping = False
        self._in_flight: set[asyncio.Task[Any]] = set()

    async def start(self) -> None:
        app = web.Application(client_max_size=1 << 20)
        app.router.add_post(self.path, self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0:
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.info("webhook listening on %s:%d%s", self.host, self.port, self.path)

    async def stop(self, timeout: float = 30.0) -> None:
        """Refuse new updates (503, so Telegram retries them later), finish the rest."""
        self._stopping = True
        if self._in_flight:
            await asyncio.wait(list(self._in_flight), timeout=timeout)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        if not check_secret(request.headers.get(SECRET_HEADER), self.secret):
            return web.Response(status=401, text="unauthorized")
        if self._stopping:
            return web.Response(status=503, text="restarting")
        try:
            data = json.loads(await request.read())
        except ValueError:
            return web.Response(status=400, text="bad json")
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return web.Response(status=400, text="not an update")
        # Shielded: if Telegram gives up and closes the connection, the update is still
        # handled (and a retry of it is then a duplicate the engine ignores).
        task = asyncio.create_task(self.handler(data))
        self._in_flight.add(task)
        task.add_done_callback(self._in_flight.discard)
        try:
            await asyncio.shield(task)
        except Exception:  # noqa: BLE001 - the core already apologised to the user
            log.exception("webhook update %s failed", data.get("update_id"))
            return web.Response(status=500)
        return web.Response(status=200)
