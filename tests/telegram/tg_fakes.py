"""Test doubles for the engine and the store, standing in until bot/engine.py and
bot/store.py provide the real ones (the conversation tests switch automatically).

The fake engine keeps the engine's promises that the adapters rely on — update
de-duplication and per-user ordering — so the adapter tests can check that the adapters
do not break them; the replies are scripted and predictable.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from bot.adapters.sending import KeyedLock
from bot.messages import Button, Incoming, Reply

SECRET = b"0123456789abcdef0123456789abcdef"


def keyer(user_id: int) -> str:
    """Same shape as bot.privacy.user_key; kept here so the tests need no secret file."""
    try:
        from bot.privacy import user_key
    except ImportError:  # pragma: no cover - before bot/privacy.py existed
        return "u_" + hmac.new(SECRET, f"telegram:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]
    return user_key(SECRET, "telegram", user_id)


@dataclass(frozen=True)
class SignalReply(Reply):
    """A Reply carrying the proposed `remember_chat` signal (see docs/telegram.md)."""

    remember_chat: bool | None = None


MENU = ((Button("Zorg", "t:zorg"), Button("School", "t:school")),
        (Button("Taal", "lang"),))
GREETING = {"uk": "Вітаю! Оберіть тему.", "ru": "Здравствуйте! Выберите тему.",
            "nl": "Welkom! Kies een onderwerp.", "en": "Welcome! Pick a topic."}
LONG_PARAGRAPH = "Spreekuur in het gemeentehuis, Raadhuisplein 1. " * 20  # ~960 chars


class FakeEngine:
    """Scripted replies, real de-dup and per-user serialisation, recorded calls.

    Set `gate` to an unset Event to hold every handle() inside the engine until the test
    releases it; `entered` is set when a handle() is waiting there.
    """

    def __init__(self, delay: float = 0.0) -> None:
        self.calls: list[Incoming] = []
        self.seen: set[str] = set()
        self.delay = delay
        self.gate: asyncio.Event | None = None
        self.entered = asyncio.Event()
        self.active: dict[str, int] = {}
        self.max_concurrency_per_user = 0
        self.fail_on: Callable[[Incoming], bool] | None = None
        self.lang: dict[str, str] = {}
        self._locks = KeyedLock()

    def commands(self, lang: str) -> list[tuple[str, str]]:
        names = {"uk": ("Почати", "Меню", "Мова", "Забути мене"),
                 "ru": ("Начать", "Меню", "Язык", "Забыть меня"),
                 "nl": ("Beginnen", "Menu", "Taal", "Vergeet mij"),
                 "en": ("Start", "Menu", "Language", "Forget me")}[lang]
        return list(zip(("start", "menu", "language", "forget"), names))

    async def handle(self, incoming: Incoming) -> list[Reply]:
        if incoming.update_id is not None and incoming.update_id in self.seen:
            return []
        async with self._locks(incoming.user_key):
            if incoming.update_id is not None and incoming.update_id in self.seen:
                return []
            key = incoming.user_key
            self.active[key] = self.active.get(key, 0) + 1
            self.max_concurrency_per_user = max(self.max_concurrency_per_user, self.active[key])
            try:
                self.calls.append(incoming)
                if self.gate is not None:
                    self.entered.set()
                    await self.gate.wait()
                if self.delay:
                    await asyncio.sleep(self.delay)
                if self.fail_on is not None and self.fail_on(incoming):
                    raise RuntimeError("engine broke")
                replies = self._script(incoming)
                if incoming.update_id is not None:
                    self.seen.add(incoming.update_id)
                return replies
            finally:
                self.active[key] -= 1

    def _lang(self, incoming: Incoming) -> str:
        return self.lang.get(incoming.user_key) or (
            incoming.lang_hint if incoming.lang_hint in GREETING else "en")

    def _script(self, incoming: Incoming) -> list[Reply]:
        lang = self._lang(incoming)
        if incoming.kind == "action":
            action = incoming.action or ""
            if action.startswith("t:"):
                topic = action[2:]
                return [Reply(f"topic:{topic}",
                              ((Button("Houd me op de hoogte", f"sub:{topic}"),),))]
            if action.startswith("sub:"):
                return [SignalReply(f"subscribed:{action[4:]}", remember_chat=True)]
            if action.startswith("unsub:"):
                return [SignalReply(f"unsubscribed:{action[6:]}", remember_chat=False)]
            if action.startswith("setlang:"):
                self.lang[incoming.user_key] = action[8:]
                return [Reply(GREETING[action[8:]], MENU)]
            if action.startswith("n:"):
                return [Reply(f"tap:{action[2:]}")]
            return [Reply("expired: this button expired, here is the menu", MENU)]
        if incoming.kind != "text":
            return [Reply(f"kind:{incoming.kind}")]
        text = incoming.text or ""
        if text == "/start":
            return [Reply(GREETING[lang], MENU)]
        if text == "/long":
            return [Reply("\n\n".join(f"{i}. {LONG_PARAGRAPH}" for i in range(12)), MENU)]
        if text == "/two":
            return [Reply("first"), Reply("second")]
        return [Reply(f"echo:{text}")]


class FakeStore:
    """The outbox/blocking/chat-ref part of bot.store, on SQLite so restarts are real."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.executescript(
            """
            create table if not exists outbox (
                id integer primary key, user_key text, chat_ref text, text text,
                buttons text, dedup_key text unique, status text default 'pending',
                attempts integer default 0, error text, retry_at text);
            create table if not exists blocked (user_key text primary key);
            create table if not exists chat_refs (user_key text, platform text, chat_ref text,
                primary key (user_key, platform));
            """
        )
        self.sent_marks: list[int] = []

    def enqueue(self, *, user_key: str, chat_ref: str, text: str, buttons: str | None,
                dedup_key: str) -> int | None:
        cur = self.db.execute(
            "insert or ignore into outbox (user_key, chat_ref, text, buttons, dedup_key) "
            "values (?, ?, ?, ?, ?)", (user_key, chat_ref, text, buttons, dedup_key))
        return cur.lastrowid if cur.rowcount else None

    def pending(self, limit: int = 100) -> list[dict[str, Any]]:
        now = datetime.now(timezone.utc).isoformat()
        rows = self.db.execute(
            "select id, user_key, chat_ref, text, buttons, attempts from outbox "
            "where status = 'pending' and (retry_at is null or retry_at <= ?) "
            "and user_key not in (select user_key from blocked) order by id limit ?",
            (now, limit)).fetchall()
        return [dict(r) for r in rows]

    def mark_sent(self, id: int) -> None:
        self.sent_marks.append(id)
        self.db.execute("update outbox set status = 'sent' where id = ?", (id,))

    def mark_failed(self, id: int, error: str, retry_at: datetime | None) -> None:
        if retry_at is None:
            self.db.execute("update outbox set status = 'failed', error = ?, "
                            "attempts = attempts + 1 where id = ?", (error, id))
        else:
            self.db.execute("update outbox set error = ?, retry_at = ?, attempts = attempts + 1 "
                            "where id = ?", (error, retry_at.isoformat(), id))

    def block_user(self, user_key: str) -> None:
        self.db.execute("insert or ignore into blocked values (?)", (user_key,))

    def set_chat_ref(self, user_key: str, platform: str, chat_ref: str | None) -> None:
        if chat_ref is None:
            self.db.execute("delete from chat_refs where user_key = ? and platform = ?",
                            (user_key, platform))
        else:
            self.db.execute("insert or replace into chat_refs values (?, ?, ?)",
                            (user_key, platform, chat_ref))

    def chat_ref(self, user_key: str, platform: str = "telegram") -> str | None:
        row = self.db.execute("select chat_ref from chat_refs where user_key = ? and platform = ?",
                              (user_key, platform)).fetchone()
        return row[0] if row else None

    def status(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.db.execute(
            "select status, count(*) from outbox group by status")}

    def close(self) -> None:
        self.db.close()
