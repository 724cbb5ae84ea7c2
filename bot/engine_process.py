"""The engine in a process of its own, so that a bot uses two cores instead of one.

Why: a Telegram framework spends most of its time in Python (parsing updates into
models, building requests), and so does the engine (crisis check, matching, SQLite). In
one process they share one core, because of the GIL; measured on a 2-core machine the bot
process sat at 100 % of one core while the other was idle. With the engine here, the
framework's process parses and sends while this one answers.

Nothing about the engine changes: the child builds it with the same factory
(`bot.app.build_engine`, or a test's) and calls `Engine.handle`, which keeps owning state,
de-duplication and per-user order. Requests are written in arrival order and the child
starts them in that order, so one user's updates still run one after the other.

The protocol is private to this module: length-prefixed pickles over a socket pair, both
ends this same code (so pickle is safe here: nothing else can write to the socket).

Signals: the child ignores SIGINT and SIGTERM. Ctrl-C in a terminal reaches the whole
process group; the parent must be the one to decide when the engine stops, after the
handlers in flight have their replies. The child ends when the socket closes (the parent
closed it, or died), after finishing what it was doing, and closes its database cleanly.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import json
import logging
import os
import pickle
import signal
import socket
import struct
import sys
from typing import Any, Callable

from bot.messages import Incoming, Reply

log = logging.getLogger("wegwijs.engine_process")

_HEADER = struct.Struct("!I")
_LANGUAGES = ("uk", "ru", "nl", "en")
SECRETS_NOT_FOR_THE_ENGINE = ("WEGWIJS_TELEGRAM_TOKEN", "WEGWIJS_WEBHOOK_SECRET")
START_TIMEOUT = 300.0
#: The engine yields the CPU to the process that talks to Telegram. That one needs little
#: CPU but needs it at once (to take updates and send replies); the engine, busy embedding
#: questions, can wait a moment. Measured with the semantic matcher at 100 updates/s on two
#: cores: p50 from update to reply 490 ms without, 24 ms with (PTB; aiogram similar).
NICENESS = 5  # a cold start embeds the whole pack: half a minute, more when busy


class EngineStopped(RuntimeError):
    """The engine process is gone; the caller apologises to the user."""


def load_factory(spec: str) -> Callable[..., Any]:
    """"module:callable" → the callable (default name `build_engine`)."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "build_engine")


async def _read(reader: asyncio.StreamReader) -> Any:
    (size,) = _HEADER.unpack(await reader.readexactly(_HEADER.size))
    return pickle.loads(await reader.readexactly(size))


def _frame(obj: Any) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


class EngineProcess:
    """Looks like an Engine to an adapter (`handle`, `commands`); the engine runs elsewhere.

    Usage::

        engine = await EngineProcess.start("bot.app:build_engine", pack="heemstede", db_path=db)
        replies = await engine.handle(incoming)
        await engine.close()
    """

    def __init__(self, proc: asyncio.subprocess.Process, reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter, ready: dict[str, Any]) -> None:
        self._proc = proc
        self._reader = reader
        self._writer = writer
        self._commands: dict[str, list[tuple[str, str]]] = ready["commands"]
        #: The engine's SQLite file (None: an engine without one). The parent opens its
        #: own connection for what the adapter stores (chat ids, blocked users, outbox).
        self.db_path: str | None = ready.get("db")
        self._pending: dict[int, asyncio.Future[list[Reply]]] = {}
        self._next_id = 0
        self._closed = False
        #: Called once if the child goes away while it was still wanted (a crash, the
        #: OOM killer). `serve` then stops, so a supervisor restarts the whole bot rather
        #: than leave it apologising to everyone.
        self.on_lost: Callable[[], None] | None = None
        self._receiver = asyncio.create_task(self._receive(), name="wegwijs-engine-replies")

    @classmethod
    async def start(cls, factory: str = "bot.app:build_engine", *, timeout: float = START_TIMEOUT,
                    log_level: str = "INFO", **kwargs: Any) -> "EngineProcess":
        """Start the child and wait until its engine is built (knowledge loaded, indexed).

        kwargs go to the factory; they must be JSON (paths are passed as strings)."""
        args = {k: (str(v) if isinstance(v, os.PathLike) else v) for k, v in kwargs.items()}
        # The engine never talks to Telegram: it does not get the token.
        env = {k: v for k, v in os.environ.items() if k not in SECRETS_NOT_FOR_THE_ENGINE}
        env["WEGWIJS_LOG_LEVEL"] = log_level.upper()
        # Under load the engine embeds two questions at once, one core each: measured at
        # 107-120 updates/s, against 87-100 with two OpenMP threads per question (they
        # wait on each other and on the Telegram process). One question alone is slower
        # this way (p50 ~20 ms instead of ~10), which a bot under no load does not notice.
        env.setdefault("WEGWIJS_EMBED_THREADS", "1")
        ours, theirs = socket.socketpair()
        try:
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.engine_process", str(theirs.fileno()), factory, json.dumps(args),
                pass_fds=(theirs.fileno(),), stdin=asyncio.subprocess.DEVNULL, env=env)
        finally:
            theirs.close()
        reader, writer = await asyncio.open_connection(sock=ours)
        try:
            kind, payload = await asyncio.wait_for(_read(reader), timeout)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.TimeoutError) as exc:
            writer.close()
            if proc.returncode is None:
                proc.kill()
            await proc.wait()
            raise EngineStopped(f"the engine process did not start (exit code {proc.returncode}); "
                                "see the log above") from exc
        if kind != "ready":
            writer.close()
            await proc.wait()
            raise EngineStopped(f"the engine process did not start: {payload}")
        return cls(proc, reader, writer, payload)

    @property
    def pid(self) -> int:
        return self._proc.pid

    @property
    def stopped(self) -> bool:
        """True once the child is gone or `close` was called."""
        return self._closed

    def commands(self, lang: str) -> list[tuple[str, str]]:
        return self._commands.get(lang) or self._commands.get("en", [])

    async def handle(self, incoming: Incoming) -> list[Reply]:
        if self._closed:
            raise EngineStopped("the engine process is stopped")
        self._next_id += 1
        rid = self._next_id
        future: asyncio.Future[list[Reply]] = asyncio.get_running_loop().create_future()
        self._pending[rid] = future
        self._writer.write(_frame((rid, incoming)))
        try:
            await self._writer.drain()
            return await future
        finally:
            self._pending.pop(rid, None)

    async def _receive(self) -> None:
        try:
            while True:
                rid, replies, error = await _read(self._reader)
                future = self._pending.get(rid)
                if future is None or future.done():
                    continue
                if error is None:
                    future.set_result(replies)
                else:
                    future.set_exception(RuntimeError(f"engine failed: {error}"))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except Exception:  # noqa: BLE001 - never leave a caller waiting forever
            log.exception("reading from the engine process failed")
        lost = not self._closed
        self._closed = True
        for future in self._pending.values():
            if not future.done():
                future.set_exception(EngineStopped("the engine process stopped"))
        if lost:
            log.error("the engine process went away unexpectedly")
            if self.on_lost is not None:
                self.on_lost()

    async def close(self, timeout: float = 30.0) -> int | None:
        """Let the child finish what it was asked, close its database and exit."""
        self._closed = True
        if not self._writer.is_closing():
            try:
                self._writer.write_eof()
            except (OSError, RuntimeError):
                pass
        try:
            await asyncio.wait_for(self._proc.wait(), timeout)
        except asyncio.TimeoutError:
            log.error("the engine process did not stop within %.0f s; killing it", timeout)
            self._proc.kill()
            await self._proc.wait()
        self._writer.close()
        await asyncio.gather(self._receiver, return_exceptions=True)
        return self._proc.returncode


# --------------------------------------------------------------------------- the child


async def _serve_parent(fd: int, factory: str, kwargs: dict[str, Any]) -> None:
    sock = socket.socket(fileno=fd)
    reader, writer = await asyncio.open_connection(sock=sock)
    try:
        engine = load_factory(factory)(**kwargs)
    except Exception as exc:  # noqa: BLE001 - tell the parent why, then stop
        log.exception("could not build the engine")
        writer.write(_frame(("failed", f"{type(exc).__name__}: {exc}")))
        await writer.drain()
        writer.close()
        return
    # The pack, indexes and models live as long as the process: take them out of the
    # cyclic collector's sight so its full passes do not walk them again and again.
    gc.collect()
    gc.freeze()
    store = getattr(engine, "store", None)
    ready = {"commands": {lang: engine.commands(lang) for lang in _LANGUAGES},
             "db": str(store.path) if getattr(store, "path", None) else None}
    writer.write(_frame(("ready", ready)))
    await writer.drain()
    tasks: set[asyncio.Task[None]] = set()

    async def run(rid: int, incoming: Incoming) -> None:
        try:
            replies = await engine.handle(incoming)
            frame = _frame((rid, replies, None))
        except Exception as exc:  # noqa: BLE001 - the parent apologises; the trace stays here
            log.exception("engine failed on update %s (kind=%s)", incoming.update_id, incoming.kind)
            frame = _frame((rid, None, type(exc).__name__))
        if not writer.is_closing():
            writer.write(frame)

    try:
        while True:
            try:
                rid, incoming = await _read(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                break
            task = asyncio.create_task(run(rid, incoming))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        try:
            await writer.drain()
        except ConnectionError:
            pass
    finally:
        writer.close()
        store = getattr(engine, "store", None)
        if store is not None and hasattr(store, "close"):
            store.close()
        pool = getattr(engine, "_pool", None)
        if pool is not None:
            pool.shutdown(wait=True)


def main(argv: list[str]) -> int:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    logging.basicConfig(level=os.environ.get("WEGWIJS_LOG_LEVEL", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    fd, factory, kwargs = int(argv[0]), argv[1], json.loads(argv[2])
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    asyncio.run(_serve_parent(fd, factory, kwargs))
    return 0


if __name__ == "__main__":  # pragma: no cover - run by EngineProcess.start
    sys.exit(main(sys.argv[1:]))
