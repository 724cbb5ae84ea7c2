"""Outbound flood control and the broadcast outbox, shared by the aiogram and PTB adapters.

Why here and not in the libraries: aiogram has no rate limiter, and PTB's AIORateLimiter
does not pace private chats to 1/s and does not retry 429 unless told to. Telegram's
limits are per bot token, so both adapters must obey one policy, and the policy must be
testable without either library. The adapters only translate their library's exceptions
into the four neutral ones below.

Policy (FloodLimits defaults):
  * per chat: a token bucket of `per_chat_burst` messages refilled at one per
    `per_chat_interval` seconds — a split answer goes out at once, a stream is paced at
    about 1/s;
  * overall: at most `global_per_second` sends in any one-second window;
  * a 429 pauses *all* sending for its retry_after, then the same message is retried;
  * 5xx, timeouts and dropped connections are retried with exponential backoff and full
    jitter, up to `max_attempts`;
  * 403 (the user blocked the bot) calls `on_blocked(user_key)` and stops.
"""

from __future__ import annotations

import asyncio
import collections
import inspect
import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Iterable, Protocol

log = logging.getLogger("wegwijs.telegram.sending")

#: Rows of (label, callback_data): the platform-neutral inline keyboard.
Keyboard = tuple[tuple[tuple[str, str], ...], ...]


class SendError(Exception):
    """Base of the neutral delivery errors the adapters translate their library's into."""


class RetryAfter(SendError):
    """Telegram said 429: nothing may be sent for `seconds`."""

    def __init__(self, seconds: float):
        super().__init__(f"flood control: retry after {seconds}s")
        self.seconds = float(seconds)


class Blocked(SendError):
    """403: the user blocked the bot (or left the group); sending again is pointless."""


class Transient(SendError):
    """5xx, timeout, dropped connection: the same request may succeed later."""


class Permanent(SendError):
    """400 and friends: this message will never be accepted as it is."""


class SendAborted(SendError):
    """Shutdown began while the message was still waiting for its turn; it was not sent."""


class Transport(Protocol):
    """What an adapter provides: one raw send, errors translated to the classes above."""

    async def send_message(self, chat_id: int, text: str, keyboard: Keyboard | None) -> None: ...


@dataclass(frozen=True)
class FloodLimits:
    """Knobs of the policy; tests shrink the times, the benchmark switches pacing off."""

    per_chat_interval: float = 1.0
    per_chat_burst: int = 3
    global_per_second: int = 25
    max_attempts: int = 5
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    #: Consecutive 429s for one message before giving up (Telegram always lets go eventually,
    #: but a bug on either side must not wedge a handler forever).
    max_flood_waits: int = 20

    @classmethod
    def unlimited(cls) -> "FloodLimits":
        """No pacing: only for benchmarks against a local server, never against Telegram."""
        return cls(per_chat_interval=0.0, per_chat_burst=1 << 30, global_per_second=1 << 30)

    def backoff(self, attempt: int) -> float:
        """Full jitter (AWS architecture blog): spreads retries of many senders apart."""
        return random.uniform(0, min(self.backoff_cap, self.backoff_base * 2 ** attempt))


class KeyedLock:
    """One asyncio.Lock per key, dropped when nobody holds or waits for it.

    asyncio.Lock wakes waiters in FIFO order, which is what keeps two quick taps of one
    user in the order they arrived.
    """

    def __init__(self) -> None:
        self._locks: dict[Any, list[Any]] = {}  # key -> [lock, users]

    @asynccontextmanager
    async def __call__(self, key: Any) -> AsyncIterator[None]:
        entry = self._locks.get(key)
        if entry is None:
            entry = self._locks[key] = [asyncio.Lock(), 0]
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._locks[key]

    def __len__(self) -> int:
        return len(self._locks)


class Sender:
    """Sends one message at a time per chat, within Telegram's limits, with retries."""

    def __init__(
        self,
        transport: Transport,
        limits: FloodLimits = FloodLimits(),
        *,
        on_blocked: Callable[[str], Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.limits = limits
        self.on_blocked = on_blocked
        self._clock = clock
        self._chat_locks = KeyedLock()
        self._buckets: dict[int, tuple[float, float]] = {}  # chat -> (tokens, at)
        self._window: collections.deque[float] = collections.deque()
        self.paused_until = 0.0
        self.sent_count = 0

    async def send(
        self,
        chat_id: int,
        text: str,
        keyboard: Keyboard | None = None,
        *,
        user_key: str | None = None,
        abort: asyncio.Event | None = None,
    ) -> None:
        """Deliver one message or raise Blocked/Permanent/Transient/SendAborted.

        Args:
            user_key: whose chat this is, so a 403 can stop further sends to them.
            abort: when set while waiting for a turn, give up *before* sending (used at
                shutdown so an outbox row stays pending rather than half-sent).
        """
        limits = self.limits
        async with self._chat_locks(chat_id):
            attempt = 0
            flood_waits = 0
            while True:
                await self._wait_turn(chat_id, abort)
                try:
                    await self.transport.send_message(chat_id, text, keyboard)
                except RetryAfter as exc:
                    flood_waits += 1
                    self.paused_until = max(self.paused_until, self._clock() + exc.seconds)
                    log.warning("429 from Telegram: pausing all sends for %.1fs", exc.seconds)
                    if flood_waits >= limits.max_flood_waits:
                        raise
                except Blocked:
                    if user_key is not None and self.on_blocked is not None:
                        result = self.on_blocked(user_key)
                        if inspect.isawaitable(result):
                            await result
                    raise
                except Transient as exc:
                    attempt += 1
                    if attempt >= limits.max_attempts:
                        raise
                    delay = limits.backoff(attempt)
                    log.info("send failed (%s); retry %d in %.2fs", exc, attempt, delay)
                    await self._sleep(delay, abort)
                else:
                    self.sent_count += 1
                    return

    async def _sleep(self, delay: float, abort: asyncio.Event | None) -> None:
        if abort is None:
            await asyncio.sleep(delay)
            return
        try:
            await asyncio.wait_for(abort.wait(), delay)
        except asyncio.TimeoutError:
            return
        raise SendAborted("shutting down")

    async def _wait_turn(self, chat_id: int, abort: asyncio.Event | None) -> None:
        """Sleep until the pause, this chat's bucket and the global window all allow a send,
        then take the slot — with no await between the check and the taking."""
        limits = self.limits
        rate = 1.0 / limits.per_chat_interval if limits.per_chat_interval > 0 else None
        while True:
            if abort is not None and abort.is_set():
                raise SendAborted("shutting down")
            now = self._clock()
            delay = self.paused_until - now
            tokens = float(limits.per_chat_burst)
            if rate is not None:
                tokens, at = self._buckets.get(chat_id, (tokens, now))
                tokens = min(float(limits.per_chat_burst), tokens + (now - at) * rate)
                if tokens < 1.0:
                    delay = max(delay, (1.0 - tokens) / rate)
            window = self._window
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= limits.global_per_second:
                delay = max(delay, window[0] + 1.0 - now)
            if delay <= 0:
                break
            await self._sleep(delay, abort)
        if rate is not None:
            self._buckets[chat_id] = (tokens - 1.0, now)
            if len(self._buckets) > 50_000:
                self._prune(now, rate)
        if limits.global_per_second < (1 << 30):
            window.append(now)

    def _prune(self, now: float, rate: float) -> None:
        full_after = self.limits.per_chat_burst / rate
        self._buckets = {c: v for c, v in self._buckets.items() if now - v[1] < full_after}


# --------------------------------------------------------------------------- outbox


def encode_buttons(rows: Iterable[Iterable[tuple[str, str]]] | None) -> str | None:
    """The outbox stores buttons as JSON rows of [label, action] (or NULL)."""
    if not rows:
        return None
    data = [[[label, action] for label, action in row] for row in rows]
    return json.dumps(data, ensure_ascii=False) if any(data) else None


def decode_buttons(value: str | None) -> Keyboard | None:
    if not value:
        return None
    rows = json.loads(value)
    return tuple(tuple((str(label), str(action)) for label, action in row) for row in rows)


class OutboxStore(Protocol):
    """The part of bot.store the worker needs (see bot/store.py for the real one)."""

    def pending(self, limit: int = 100) -> list[dict[str, Any]]: ...
    def mark_sent(self, id: int) -> None: ...
    def mark_failed(self, id: int, error: str, retry_at: datetime | None) -> None: ...


class OutboxWorker:
    """Sends pending outbox rows, each at most once per process, marking each right after.

    Exactly-once across restarts rests on two things: a row is marked sent in the same
    moment its send returns (so a restart finds it done), and at shutdown a row still
    waiting for its turn is abandoned *before* the request is made (so it stays pending
    rather than ambiguous). The one unavoidable window — Telegram accepted the message and
    the process died before mark_sent — is a few milliseconds per row; see docs/telegram.md.
    """

    def __init__(
        self,
        store: OutboxStore,
        sender: Sender,
        *,
        poll_interval: float = 2.0,
        batch: int = 100,
        concurrency: int = 8,
        max_row_attempts: int = 8,
        retry_base: timedelta = timedelta(seconds=30),
    ) -> None:
        self.store = store
        self.sender = sender
        self.poll_interval = poll_interval
        self.batch = batch
        self.concurrency = concurrency
        self.max_row_attempts = max_row_attempts
        self.retry_base = retry_base
        self._in_flight: set[int] = set()
        # Guards against a store whose pending() also returns rows not yet due.
        self._not_before: dict[int, datetime] = {}
        self._abort = asyncio.Event()
        self.sent = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Poll and send until `stop` is set; rows not yet sent then stay pending."""
        stop_watch = asyncio.create_task(self._relay(stop))
        try:
            while not stop.is_set():
                count = await self.drain_once()
                if count == 0 and not stop.is_set():
                    try:
                        await asyncio.wait_for(stop.wait(), self.poll_interval)
                    except asyncio.TimeoutError:
                        pass
        finally:
            stop_watch.cancel()

    async def _relay(self, stop: asyncio.Event) -> None:
        await stop.wait()
        self._abort.set()

    async def drain_once(self) -> int:
        """Send one batch of due rows; returns how many were attempted."""
        now = datetime.now(timezone.utc)
        rows = [
            r for r in self.store.pending(limit=self.batch)
            if r["id"] not in self._in_flight
            and self._not_before.get(r["id"], now) <= now
        ]
        if not rows:
            return 0
        gate = asyncio.Semaphore(self.concurrency)

        async def one(row: dict[str, Any]) -> None:
            async with gate:
                if self._abort.is_set():
                    return
                await self._send_row(row)

        self._in_flight.update(r["id"] for r in rows)
        try:
            await asyncio.gather(*(one(r) for r in rows))
        finally:
            self._in_flight.difference_update(r["id"] for r in rows)
        return len(rows)

    async def _send_row(self, row: dict[str, Any]) -> None:
        row_id = row["id"]
        try:
            chat_id = int(row["chat_ref"])
            keyboard = decode_buttons(row.get("buttons"))
        except (TypeError, ValueError) as exc:
            self.store.mark_failed(row_id, f"bad row: {exc}", None)
            return
        try:
            await self.sender.send(chat_id, row["text"], keyboard,
                                   user_key=row.get("user_key"), abort=self._abort)
        except SendAborted:
            return  # stays pending for the next start
        except Blocked:
            self.store.mark_failed(row_id, "blocked by user", None)
        except Permanent as exc:
            self.store.mark_failed(row_id, f"rejected: {exc}", None)
        except (Transient, RetryAfter) as exc:
            attempts = int(row.get("attempts") or 0) + 1
            if attempts >= self.max_row_attempts:
                self.store.mark_failed(row_id, f"gave up: {exc}", None)
            else:
                retry_at = datetime.now(timezone.utc) + self.retry_base * (2 ** (attempts - 1))
                self._not_before[row_id] = retry_at
                self.store.mark_failed(row_id, str(exc), retry_at)
        else:
            self.store.mark_sent(row_id)
            self._not_before.pop(row_id, None)
            self.sent += 1
