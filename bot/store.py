"""The bot's memory: one SQLite file, reached only through this module.

Why it is shaped like this:

* Erasure must stick. ``secure_delete`` zeroes deleted rows in the file, a
  ``wal_checkpoint(TRUNCATE)`` after erasing empties the write-ahead log, and
  ``synchronous=FULL`` keeps a confirmed erasure from coming back after a power loss.
* Telegram re-delivers updates after a crash, so an update's id is recorded in the
  same transaction as its effects (:meth:`Store.atomic` + :meth:`Store.claim_update`).
* Read-then-write steps (the last place on a volunteer task) run under
  ``BEGIN IMMEDIATE``: WAL allows one writer, and taking the write lock first means
  two bots cannot both see "one place left".
* Callers catch one exception type: every sqlite3 error leaving a public method is a
  :class:`~bot.errors.StoreError` with the original as ``__cause__``.

One ``Store`` belongs to one thread (sqlite3's own rule); open another for another
thread or process — they coordinate through the file's locks.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from bot.privacy import mask
from bot.errors import StoreError, TaskFull

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "TaskFull"]

log = logging.getLogger(__name__)

SIGNAL_STATUSES = frozenset({"open", "handled"})
PROCESSED_UPDATE_DAYS = 7
OUTBOX_KEEP_DAYS = 30
ERROR_TEXT_LIMIT = 500
TABLES = ("users", "processed_updates", "signals", "feedback", "signups", "outbox", "subscriptions",
          "chat_refs")
# rows with a user_key column: erased by forget()
USER_TABLES = ("signals", "feedback", "signups", "outbox", "subscriptions", "chat_refs")

_PRAGMAS = (
    "PRAGMA busy_timeout=5000",  # first: switching to WAL may have to wait for a lock
    "PRAGMA journal_mode=WAL",
    # NORMAL: in WAL mode a commit survives a crash of the process; only a power cut can
    # undo the last few, and those are conversation state, not promises. An erasure is a
    # promise ("everything is gone"): `forget` is followed, before the user is told, by a
    # TRUNCATE checkpoint, which fsyncs the WAL and the database file (and with
    # secure_delete leaves no copy of the text). SQLite does not allow FULL per commit.
    "PRAGMA synchronous=NORMAL",
    "PRAGMA secure_delete=ON",
    "PRAGMA foreign_keys=ON",
)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _as_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC: the store never uses local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _iso(moment: datetime) -> str:
    """Fixed-width UTC text, so comparing strings in SQL compares moments."""
    return _as_utc(moment).isoformat(timespec="microseconds")


def _days_before(moment: datetime, days: int) -> str:
    return _iso(moment - timedelta(days=days))


def _as_moment(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time.min, tzinfo=timezone.utc)


# ---------------------------------------------------------------------------
# Migrations: append only. Each runs inside the transaction that records it.


def _m1_initial(db: Database) -> None:
    for statement in _INITIAL_SCHEMA:
        db.execute(statement)


def _m2_users_blocked(db: Database) -> None:
    """A user who blocked the bot gets no broadcasts until they write again."""
    db.execute("ALTER TABLE users ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0")


def _m3_announcements(db: Database) -> None:
    """Opt-in announcements: which topics a user follows, and (only then) how to reach them.

    The chat id is the one piece of platform identity we keep, and only for users who
    asked for announcements: the pseudonymous key cannot be turned back into a chat id.
    """
    db.execute("""CREATE TABLE subscriptions (
        user_key TEXT NOT NULL,
        topic TEXT NOT NULL,
        created TEXT NOT NULL,
        PRIMARY KEY (user_key, topic))""")
    db.execute("CREATE INDEX subscriptions_topic ON subscriptions(topic)")
    db.execute("""CREATE TABLE chat_refs (
        user_key TEXT NOT NULL,
        platform TEXT NOT NULL,
        chat_ref TEXT NOT NULL,
        created TEXT NOT NULL,
        PRIMARY KEY (user_key, platform))""")


def _m4_signals_reason(db: Database) -> None:
    """Why a question reached staff: the bot did not know ('unanswered'), or it answered
    and the person pressed "this did not help" ('not_helpful': the question may belong in
    the pack's unanswered.yaml, or in another entry's examples)."""
    db.execute("ALTER TABLE signals ADD COLUMN reason TEXT NOT NULL DEFAULT 'unanswered' "
               "CHECK (reason IN ('unanswered', 'not_helpful'))")


_INITIAL_SCHEMA = (
    """CREATE TABLE users (
        key TEXT PRIMARY KEY,
        lang TEXT,
        audience TEXT,
        profile TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL,
        updated TEXT NOT NULL)""",
    """CREATE TABLE processed_updates (
        update_key TEXT PRIMARY KEY,
        at TEXT NOT NULL)""",
    "CREATE INDEX processed_updates_at ON processed_updates(at)",
    """CREATE TABLE signals (
        id INTEGER PRIMARY KEY,
        user_key TEXT NOT NULL,
        text TEXT NOT NULL,
        lang TEXT,
        audience TEXT,
        best_entry TEXT,
        score REAL,
        route TEXT,
        topic TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
        created TEXT NOT NULL,
        handled_at TEXT)""",
    "CREATE INDEX signals_user ON signals(user_key)",
    "CREATE INDEX signals_created ON signals(created)",
    """CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        user_key TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        lang TEXT,
        created TEXT NOT NULL)""",
    "CREATE INDEX feedback_user ON feedback(user_key)",
    """CREATE TABLE signups (
        id INTEGER PRIMARY KEY,
        user_key TEXT NOT NULL,
        task_id TEXT NOT NULL,
        contact TEXT,
        consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
        ends TEXT,
        created TEXT NOT NULL,
        UNIQUE (user_key, task_id),
        CHECK (contact IS NULL OR consent = 1))""",
    "CREATE INDEX signups_task ON signups(task_id)",
    """CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        user_key TEXT NOT NULL,
        chat_ref TEXT NOT NULL,
        text TEXT NOT NULL,
        buttons TEXT,
        dedup_key TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'sent', 'failed', 'blocked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before TEXT NOT NULL,
        error TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL)""",
    "CREATE INDEX outbox_due ON outbox(status, not_before)",
    "CREATE INDEX outbox_user ON outbox(user_key)",
)

MIGRATIONS: tuple[Callable[[Database], None], ...] = (_m1_initial, _m2_users_blocked, _m3_announcements,
                                                      _m4_signals_reason)
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------------------

_F = TypeVar("_F", bound=Callable[..., Any])


def _guarded(method: _F) -> _F:
    """Turn sqlite3 errors into StoreError naming the file and the operation."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {method.__name__} failed: {exc}") from exc

    return wrapper  # type: ignore[return-value]


class _Unset:
    """Marks "not given" where None is a value a caller may want to store."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


class Store:
    """All persistent state of the bot in one SQLite file (sqlite-utils ≥ 4).

    Args:
        path: The database file; parent directories are created. Always a real file:
            erasure and concurrency are properties of the file, so tests use one too.
        clock: Returns the current time (aware, UTC); injected so retention can be
            tested without waiting.

    Raises:
        StoreError: The file cannot be opened, is not a database, or was written by a
            newer version of Wegwijs.
    """

    def __init__(self, path: str | Path, *, clock: Callable[[], datetime] = _utcnow):
        self.path = Path(path)
        self._clock = clock
        self._depth = 0
        self._checkpoint_due = False
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {self.path}: {exc.strerror}") from exc
        try:
            self._db = Database(self.path, execute_plugins=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc
        try:
            self._configure()
            self._migrate()
        except BaseException:
            self._db.close()
            self._closed = True
            raise

    @classmethod
    def open(cls, path: str | Path, *, clock: Callable[[], datetime] = _utcnow) -> Store:
        """Open (creating if needed) the store at ``path``; see the class for details."""
        return cls(path, clock=clock)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path}{' (closed)' if self._closed else ''}>"

    # -- opening ----------------------------------------------------------

    def _configure(self) -> None:
        try:
            for pragma in _PRAGMAS:
                self._db.conn.execute(pragma)
            mode = self._db.conn.execute("PRAGMA journal_mode").fetchone()[0]
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc
        if mode != "wal":
            raise StoreError(f"{self.path}: could not switch to WAL mode (got {mode!r})")

    @_guarded
    def _migrate(self) -> None:
        with self.atomic():
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS migrations ("
                "number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)"
            )
            applied = {row["number"] for row in self._db.query("SELECT number FROM migrations")}
            newest = max(applied, default=0)
            if newest > len(MIGRATIONS):
                raise StoreError(
                    f"database schema {newest} is newer than this version of Wegwijs "
                    f"({len(MIGRATIONS)})"
                )
            for number, migration in enumerate(MIGRATIONS, start=1):
                if number not in applied:
                    migration(self._db)
                    self._db.execute(
                        "INSERT INTO migrations (number, name, applied) VALUES (?, ?, ?)",
                        (number, migration.__name__, self._now()),
                    )

    @_guarded
    def schema_version(self) -> int:
        """The newest migration applied to this file."""
        rows = self._rows("SELECT max(number) AS n FROM migrations")
        return rows[0]["n"] or 0

    # -- transactions -----------------------------------------------------

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Store]:
        """One write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on error.

        Taking the write lock at the start (not at the first write) is what makes
        read-then-write steps safe between processes. Nested use joins the outer
        transaction; an exception caught inside the outer block does not undo what a
        nested block already wrote.

        Raises:
            StoreError: The lock could not be had within the busy timeout, or the
                commit failed (the transaction is rolled back). Exceptions from the
                block are re-raised unchanged after the rollback.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._execute_control("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        try:
            self._execute_control("COMMIT")
        except StoreError:
            self._rollback()
            raise
        if self._checkpoint_due:
            self._checkpoint()

    def _execute_control(self, sql: str) -> None:
        try:
            self._db.conn.execute(sql)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: {sql} failed: {exc}") from exc

    def _rollback(self) -> None:
        # An error such as SQLITE_FULL may already have rolled the transaction back.
        with contextlib.suppress(sqlite3.Error):
            if self._db.conn.in_transaction:
                self._db.conn.execute("ROLLBACK")

    def _checkpoint(self) -> None:
        """Copy the WAL into the file and truncate it, so erased text leaves the WAL."""
        if self._depth:
            self._checkpoint_due = True  # after the outer transaction commits
            return
        self._checkpoint_due = False
        try:
            busy, _, _ = self._db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: WAL checkpoint failed: {exc}") from exc
        if busy:
            log.warning("%s: WAL checkpoint postponed by a reader; retried at close", self.path)
            self._checkpoint_due = True

    # -- helpers ----------------------------------------------------------

    def _now(self) -> str:
        return _iso(self._clock())

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        return list(self._db.query(sql, params))

    def _write(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        with self.atomic():
            return self._db.execute(sql, params)

    # -- users ------------------------------------------------------------

    @_guarded
    def get_user(self, key: str) -> dict | None:
        """The user's row with profile and state decoded, or None for a stranger."""
        rows = self._rows("SELECT * FROM users WHERE key = ?", (key,))
        return _decode_user(rows[0]) if rows else None

    @_guarded
    def save_user(
        self,
        key: str,
        *,
        lang: str | None = UNSET,
        audience: str | None = UNSET,
        profile: dict = UNSET,
        state: dict = UNSET,
        blocked: bool = UNSET,
    ) -> None:
        """Create the user or change only the fields given.

        Only given fields change, so the engine can save the language without first
        reading (and racing on) the profile.

        Args:
            blocked: Pass False when a user who blocked the bot writes again.
        """
        given = {"lang": lang, "audience": audience, "profile": profile, "state": state}
        given["blocked"] = blocked
        fields = {name: value for name, value in given.items() if value is not UNSET}
        for name in ("profile", "state"):
            if name in fields:
                fields[name] = _encode_json(name, fields[name])
        if "blocked" in fields:
            fields["blocked"] = int(bool(fields["blocked"]))
        self._upsert_user(key, fields)

    def _upsert_user(self, key: str, fields: dict[str, Any]) -> None:
        now = self._now()
        columns = ["key", "created", "updated", *fields]
        values = [key, now, now, *fields.values()]
        updates = ", ".join(f"{name} = excluded.{name}" for name in ["updated", *fields])
        self._write(
            f"INSERT INTO users ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)}) "
            f"ON CONFLICT(key) DO UPDATE SET {updates}",
            tuple(values),
        )

    # -- update de-duplication --------------------------------------------

    @_guarded
    def claim_update(self, update_key: str) -> bool:
        """Record an incoming update; False if it was already handled.

        Call it inside :meth:`atomic` with the update's effects: if handling fails,
        the claim rolls back too and the redelivered update is handled again. This is
        a set of recent ids, not a high-water mark, because updates from several chats
        and retries arrive out of order.
        """
        cursor = self._write(
            "INSERT INTO processed_updates (update_key, at) VALUES (?, ?) "
            "ON CONFLICT(update_key) DO NOTHING",
            (update_key, self._now()),
        )
        return cursor.rowcount == 1

    # -- signals ----------------------------------------------------------

    @_guarded
    def record_signal(
        self,
        *,
        user_key: str,
        text: str,
        lang: str | None,
        audience: str | None,
        best_entry: str | None,
        score: float | None,
        route: str | None,
        topic: str | None = None,
        reason: str = "unanswered",
    ) -> int:
        """Keep a question the bot could not answer well, for staff to improve content.
        `reason`: 'unanswered' ("I don't know") or 'not_helpful' (answered with
        `best_entry`, and the person said it did not help).

        The text is masked here even if the caller already did: the store is the last
        line of defence against a BSN or phone number reaching the disk.
        """
        cursor = self._write(
            "INSERT INTO signals (user_key, text, lang, audience, best_entry, score, "
            "route, topic, reason, status, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
            (user_key, mask(text), lang, audience, best_entry, score, route,
             topic, reason, self._now()),
        )  # fmt: skip
        return cursor.lastrowid

    @_guarded
    def list_signals(
        self, *, since: date | datetime | None = None, status: str | None = None
    ) -> list[dict]:
        """Signals oldest first, optionally only those created at/after ``since``.

        A ``date`` means midnight UTC of that day; a naive ``datetime`` is taken as UTC.

        Raises:
            ValueError: ``status`` is not 'open' or 'handled'.
        """
        where, params = [], []
        if since is not None:
            where.append("created >= ?")
            params.append(_iso(_as_moment(since)))
        if status is not None:
            _check_signal_status(status)
            where.append("status = ?")
            params.append(status)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._rows(f"SELECT * FROM signals{clause} ORDER BY created, id", tuple(params))

    @_guarded
    def set_signal_status(self, signal_id: int, status: str) -> bool:
        """Mark a signal handled (stamping ``handled_at``) or open again.

        Returns:
            False if there is no such signal (it may have been purged or forgotten).

        Raises:
            ValueError: ``status`` is not 'open' or 'handled'.
        """
        _check_signal_status(status)
        handled_at = self._now() if status == "handled" else None
        cursor = self._write(
            "UPDATE signals SET status = ?, handled_at = ? WHERE id = ?",
            (status, handled_at, signal_id),
        )
        return cursor.rowcount == 1

    # -- feedback ---------------------------------------------------------

    @_guarded
    def record_feedback(
        self, *, user_key: str, entry_id: str, helpful: bool, lang: str | None
    ) -> int:
        """A thumbs up/down on one answer; no text, so nothing to mask."""
        cursor = self._write(
            "INSERT INTO feedback (user_key, entry_id, helpful, lang, created) "
            "VALUES (?, ?, ?, ?, ?)",
            (user_key, entry_id, int(bool(helpful)), lang, self._now()),
        )
        return cursor.lastrowid

    # -- volunteer sign-ups -----------------------------------------------

    @_guarded
    def add_signup(
        self,
        *,
        user_key: str,
        task_id: str,
        contact: str | None,
        consent: bool,
        ends: date | None,
        capacity: int | None = None,
    ) -> int:
        """Take a place on a volunteer task.

        Counting and inserting happen in one ``BEGIN IMMEDIATE`` transaction, so two
        bots (or two taps) cannot both take the last place. Signing up again for the
        same task returns the existing id and takes no extra place: a repeated tap
        is not a second volunteer.

        Args:
            contact: How the coordinator may reach the volunteer; kept only with
                consent.
            ends: The task's last day; the sign-up is purged after it.
            capacity: Places on the task, or None for unlimited.

        Raises:
            ValueError: A contact was given without consent.
            TaskFull: No places left.
        """
        if contact and not consent:
            raise ValueError("a contact may only be stored with the volunteer's consent")
        with self.atomic():
            existing = self._rows(
                "SELECT id FROM signups WHERE user_key = ? AND task_id = ?", (user_key, task_id)
            )
            if existing:
                return existing[0]["id"]
            self._check_capacity(task_id, capacity)
            cursor = self._db.execute(
                "INSERT INTO signups (user_key, task_id, contact, consent, ends, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (user_key, task_id, (contact or None) if consent else None, int(bool(consent)),
                 ends.isoformat() if ends else None, self._now()),
            )  # fmt: skip
            return cursor.lastrowid

    def _check_capacity(self, task_id: str, capacity: int | None) -> None:
        if capacity is None:
            return
        sql = "SELECT count(*) AS n FROM signups WHERE task_id = ?"
        taken = self._rows(sql, (task_id,))[0]["n"]
        if taken >= capacity:
            raise TaskFull(f"task {task_id} is full ({taken} of {capacity} places taken)")

    @_guarded
    def list_signups(self, task_id: str | None = None) -> list[dict]:
        """Sign-ups per task in the order they were made (first come, first served)."""
        if task_id is None:
            return self._rows("SELECT * FROM signups ORDER BY task_id, created, id")
        return self._rows(
            "SELECT * FROM signups WHERE task_id = ? ORDER BY created, id", (task_id,)
        )

    @_guarded
    def remove_signup(self, user_key: str, task_id: str) -> bool:
        """Give a place back; False if the user was not signed up."""
        cursor = self._write(
            "DELETE FROM signups WHERE user_key = ? AND task_id = ?", (user_key, task_id)
        )
        return cursor.rowcount == 1

    # -- outbox -----------------------------------------------------------

    @_guarded
    def enqueue(
        self,
        *,
        user_key: str,
        chat_ref: str,
        text: str,
        buttons: str | None,
        dedup_key: str,
        not_before: datetime | None = None,
    ) -> int | None:
        """Queue one message of a broadcast for one user.

        Returns:
            The row id, or None if ``dedup_key`` was queued before (re-running a
            broadcast is harmless) or the user has blocked the bot.
        """
        with self.atomic():
            if self._is_blocked(user_key):
                return None
            now = self._now()
            cursor = self._db.execute(
                "INSERT INTO outbox (user_key, chat_ref, text, buttons, dedup_key, status, "
                "not_before, created, updated) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?) "
                "ON CONFLICT(dedup_key) DO NOTHING",
                (user_key, chat_ref, text, buttons, dedup_key,
                 _iso(not_before) if not_before else now, now, now),
            )  # fmt: skip
            return cursor.lastrowid if cursor.rowcount == 1 else None

    def _is_blocked(self, user_key: str) -> bool:
        rows = self._rows("SELECT blocked FROM users WHERE key = ?", (user_key,))
        return bool(rows and rows[0]["blocked"])

    @_guarded
    def pending(self, limit: int = 100) -> list[dict]:
        """Messages due now, oldest first (the order they were queued)."""
        return self._rows(
            "SELECT * FROM outbox WHERE status = 'pending' AND not_before <= ? "
            "ORDER BY id LIMIT ?",
            (self._now(), limit),
        )

    @_guarded
    def mark_sent(self, outbox_id: int) -> None:
        """Record delivery, so a restart does not send it twice."""
        self._write(
            "UPDATE outbox SET status = 'sent', error = NULL, updated = ? WHERE id = ?",
            (self._now(), outbox_id),
        )

    @_guarded
    def mark_failed(self, outbox_id: int, error: str, retry_at: datetime | None) -> None:
        """Record a failed send: retry at ``retry_at``, or give up if it is None.

        The error text is masked and shortened: platform errors sometimes quote the
        message or the chat.
        """
        status = "failed" if retry_at is None else "pending"
        params: tuple = (status, mask(error)[:ERROR_TEXT_LIMIT], self._now())
        if retry_at is None:
            sql = "UPDATE outbox SET status = ?, error = ?, updated = ?, attempts = attempts + 1"
        else:
            sql = ("UPDATE outbox SET status = ?, error = ?, updated = ?, "
                   "attempts = attempts + 1, not_before = ?")  # fmt: skip
            params += (_iso(retry_at),)
        self._write(f"{sql} WHERE id = ?", (*params, outbox_id))

    @_guarded
    def block_user(self, user_key: str) -> int:
        """The user blocked the bot: stop their queued messages and remember it.

        Returns:
            How many pending messages were stopped.
        """
        with self.atomic():
            self._upsert_user(user_key, {"blocked": 1})
            cursor = self._db.execute(
                "UPDATE outbox SET status = 'blocked', updated = ? "
                "WHERE user_key = ? AND status = 'pending'",
                (self._now(), user_key),
            )
            return cursor.rowcount

    # -- announcements (opt-in) -------------------------------------------

    @_guarded
    def subscribe(self, user_key: str, topic: str) -> bool:
        """Follow a topic's announcements; False if already followed."""
        with self.atomic():
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO subscriptions (user_key, topic, created) VALUES (?, ?, ?)",
                (user_key, topic, self._now()))
            return cursor.rowcount == 1

    @_guarded
    def unsubscribe(self, user_key: str, topic: str | None = None) -> int:
        """Stop one topic's announcements, or all (topic None, which also drops the chat ids)."""
        with self.atomic():
            if topic is None:
                self._db.execute("DELETE FROM chat_refs WHERE user_key = ?", (user_key,))
                return self._db.execute("DELETE FROM subscriptions WHERE user_key = ?", (user_key,)).rowcount
            return self._db.execute("DELETE FROM subscriptions WHERE user_key = ? AND topic = ?",
                                    (user_key, topic)).rowcount

    @_guarded
    def subscriptions(self, user_key: str) -> list[str]:
        return [r["topic"] for r in self._rows(
            "SELECT topic FROM subscriptions WHERE user_key = ? ORDER BY topic", (user_key,))]

    @_guarded
    def set_chat_ref(self, user_key: str, platform: str, chat_ref: str | None) -> None:
        """Keep (or, with None, drop) how to reach an opted-in user on a platform."""
        with self.atomic():
            if chat_ref is None:
                self._db.execute("DELETE FROM chat_refs WHERE user_key = ? AND platform = ?", (user_key, platform))
                return
            self._db.execute(
                "INSERT INTO chat_refs (user_key, platform, chat_ref, created) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (user_key, platform) DO UPDATE SET chat_ref = excluded.chat_ref",
                (user_key, platform, chat_ref, self._now()))

    @_guarded
    def announcement_recipients(self, topic: str, platform: str = "telegram") -> list[dict]:
        """Who gets a broadcast on `topic`: opted in, reachable on `platform`, not blocked."""
        return self._rows(
            "SELECT s.user_key, c.chat_ref, u.lang FROM subscriptions s "
            "JOIN chat_refs c ON c.user_key = s.user_key AND c.platform = ? "
            "LEFT JOIN users u ON u.key = s.user_key "
            "WHERE s.topic = ? AND coalesce(u.blocked, 0) = 0 ORDER BY s.created",
            (platform, topic))

    # -- the user's rights ------------------------------------------------

    @_guarded
    def export_user(self, key: str) -> dict:
        """Everything kept about one user, for /mydata (GDPR right of access).

        Outbox rows are counted, not listed: they hold staff broadcasts, not the
        user's data. Read in one transaction so the parts agree with each other.
        """
        by_user = "WHERE user_key = ? ORDER BY id"
        with self.atomic():
            return self._export(key, by_user)

    def _export(self, key: str, by_user: str) -> dict:
        return {
            "user": self.get_user(key),
            "signals": self._rows(f"SELECT * FROM signals {by_user}", (key,)),
            "feedback": self._rows(f"SELECT * FROM feedback {by_user}", (key,)),
            "signups": self._rows(f"SELECT * FROM signups {by_user}", (key,)),
            "subscriptions": self._rows("SELECT topic, created FROM subscriptions WHERE user_key = ?", (key,)),
            "chat_refs": self._rows("SELECT platform FROM chat_refs WHERE user_key = ?", (key,)),
            "outbox": self._rows(
                "SELECT count(*) AS n FROM outbox WHERE user_key = ?", (key,)
            )[0]["n"],
        }

    @_guarded
    def forget(self, key: str) -> dict[str, int]:
        """Erase every row about one user (GDPR right to erasure), in one transaction.

        The WAL is then checkpointed and truncated so the erased text is gone from
        every file, not just unreachable. Processed update ids are not linked to users
        and stay until purged.

        Returns:
            Rows deleted per table.
        """
        with self.atomic():
            counts = {"users": self._db.execute("DELETE FROM users WHERE key = ?", (key,)).rowcount}
            for table in USER_TABLES:
                cursor = self._db.execute(f"DELETE FROM {table} WHERE user_key = ?", (key,))
                counts[table] = cursor.rowcount
            self._checkpoint_due = True
        return counts

    # -- retention --------------------------------------------------------

    @_guarded
    def purge(self, *, signal_days: int = 90, now: datetime | None = None) -> dict[str, int]:
        """Delete what is past its retention period; run daily.

        Args:
            signal_days: How long unanswered questions are kept for staff.
            now: The moment to measure from (defaults to the store's clock).

        Returns:
            Rows deleted per table.
        """
        moment = _as_utc(now or self._clock())
        today = moment.date().isoformat()
        statements = {
            "signals": ("DELETE FROM signals WHERE created < ?", _days_before(moment, signal_days)),
            "signups": ("DELETE FROM signups WHERE ends IS NOT NULL AND ends < ?", today),
            "processed_updates": ("DELETE FROM processed_updates WHERE at < ?",
                                  _days_before(moment, PROCESSED_UPDATE_DAYS)),
            "outbox": ("DELETE FROM outbox WHERE status IN ('sent', 'failed', 'blocked') "
                       "AND updated < ?", _days_before(moment, OUTBOX_KEEP_DAYS)),
        }  # fmt: skip
        with self.atomic():
            counts = {t: self._db.execute(sql, (p,)).rowcount for t, (sql, p) in statements.items()}
            self._checkpoint_due = True
        return counts

    # -- housekeeping -----------------------------------------------------

    @_guarded
    def stats(self) -> dict[str, int]:
        """Rows per table, for the CLI and the dashboard."""
        return {table: self._db.table(table).count for table in TABLES}

    def close(self) -> None:
        """Checkpoint and truncate the WAL, then close; closing twice is harmless.

        Raises:
            StoreError: The checkpoint failed (the connection is closed anyway).
        """
        if self._closed:
            return
        self._closed = True
        try:
            if not self._db.conn.in_transaction:
                self._db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: checkpoint at close failed: {exc}") from exc
        finally:
            self._db.close()


def _check_signal_status(status: str) -> None:
    if status not in SIGNAL_STATUSES:
        raise ValueError(f"signal status must be 'open' or 'handled', not {status!r}")


def _encode_json(name: str, value: dict) -> str:
    if not isinstance(value, dict):
        raise TypeError(f"{name} must be a dict, not {type(value).__name__}")
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _decode_user(row: dict) -> dict:
    return {
        "key": row["key"],
        "lang": row["lang"],
        "audience": row["audience"],
        "profile": json.loads(row["profile"]),
        "state": json.loads(row["state"]),
        "blocked": bool(row["blocked"]),
        "created": row["created"],
        "updated": row["updated"],
    }
