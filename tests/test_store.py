"""The store against real files: migrations, atomicity, erasure, retention, concurrency.

Erasure is checked the way an auditor would: close the store, open the file with plain
sqlite3, and grep the raw bytes of the database, WAL and shared-memory files.
"""

from __future__ import annotations

import ast
import sqlite3
import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot import store as store_module
from bot.errors import StoreError
from bot.store import SCHEMA_VERSION, Store, TaskFull

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
VALID_BSN = "111222333"
EMAIL = "olena.koval@example.org"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "wegwijs.db"


@pytest.fixture
def store(db_path: Path, clock: Clock):
    s = Store.open(db_path, clock=clock)
    yield s
    s.close()


def _signal(store: Store, user: str, text: str = "Waar vind ik een huisarts?") -> int:
    return store.record_signal(
        user_key=user, text=text, lang="uk", audience="ukr", best_entry="gp",
        score=0.31, route="fallback",
    )  # fmt: skip


def _raw_bytes(db_path: Path) -> bytes:
    files = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
    return b"".join(f.read_bytes() for f in files if f.exists())


def _plain_count(db_path: Path, sql: str, params: tuple = ()) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


# -- opening and migrations -------------------------------------------------


def test_open_creates_parent_dirs_and_sets_pragmas(store, db_path):
    assert db_path.exists()
    conn = store._db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL; erasures commit with FULL
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_migrations_are_recorded_once(db_path):
    for _ in range(3):
        with Store.open(db_path) as s:
            assert s.schema_version() == SCHEMA_VERSION
    assert _plain_count(db_path, "SELECT count(*) FROM migrations") == SCHEMA_VERSION


def test_opening_an_old_database_applies_the_missing_migrations(db_path, monkeypatch):
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:1])
    with Store.open(db_path) as old:
        assert old.schema_version() == 1
        old.save_user("u_a", lang="uk")
    monkeypatch.undo()
    with Store.open(db_path) as new:
        assert new.schema_version() == SCHEMA_VERSION
        assert new.get_user("u_a")["blocked"] is False
        assert new.get_user("u_a")["lang"] == "uk"


def test_a_newer_database_is_refused(db_path):
    Store.open(db_path).close()
    newer = SCHEMA_VERSION + 1
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO migrations VALUES (?, 'future', '2030')", (newer,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert str(caught.value) == (
        f"database schema {newer} is newer than this version of Wegwijs ({SCHEMA_VERSION})"
    )


def test_a_corrupt_file_is_a_store_error(tmp_path):
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database, just bytes\x00\xff" * 200)
    with pytest.raises(StoreError, match="not a database") as caught:
        Store.open(path)
    assert str(path) in str(caught.value)
    assert isinstance(caught.value.__cause__, sqlite3.DatabaseError)


def test_sqlite_errors_become_store_errors(db_path):
    s = Store.open(db_path)
    s.close()
    s.close()  # idempotent
    with pytest.raises(StoreError) as caught:
        s.get_user("u_a")
    assert isinstance(caught.value.__cause__, sqlite3.Error)


# -- users --------------------------------------------------------------------


def test_save_user_changes_only_given_fields(store, clock):
    assert store.get_user("u_a") is None
    store.save_user("u_a", lang="uk", profile={"kids": 2, "місто": "Heemstede"})
    clock.advance(minutes=5)
    store.save_user("u_a", state={"flow": "school", "step": 2})
    user = store.get_user("u_a")
    assert user == {
        "key": "u_a",
        "lang": "uk",
        "audience": None,
        "profile": {"kids": 2, "місто": "Heemstede"},
        "state": {"flow": "school", "step": 2},
        "blocked": False,
        "created": "2025-03-01T12:00:00.000000+00:00",
        "updated": "2025-03-01T12:05:00.000000+00:00",
    }
    store.save_user("u_a", lang=None)
    assert store.get_user("u_a")["lang"] is None
    assert store.get_user("u_a")["profile"] == {"kids": 2, "місто": "Heemstede"}


# -- de-duplication and atomicity ------------------------------------------------


def test_claim_update_once_also_after_reopening(db_path):
    with Store.open(db_path) as s:
        assert s.claim_update("tg:1001") is True
        assert s.claim_update("tg:1001") is False
        assert s.claim_update("tg:1002") is True
    with Store.open(db_path) as s:
        assert s.claim_update("tg:1001") is False


def test_atomic_rollback_leaves_nothing(store, db_path):
    with pytest.raises(RuntimeError, match="handler crashed"):
        with store.atomic():
            assert store.claim_update("tg:7") is True
            _signal(store, "u_a")
            raise RuntimeError("handler crashed")
    assert store.list_signals() == []
    assert store.claim_update("tg:7") is True  # redelivery is handled again


def test_nested_atomic_joins_the_outer_transaction(store):
    with pytest.raises(RuntimeError):
        with store.atomic():
            with store.atomic():
                _signal(store, "u_a")
            _signal(store, "u_b")  # record_signal itself also nests
            raise RuntimeError
    assert store.list_signals() == []
    with store.atomic():
        with store.atomic():
            _signal(store, "u_a")
    assert len(store.list_signals()) == 1


def test_atomic_is_visible_to_another_connection_only_after_commit(store, db_path):
    with store.atomic():
        store.claim_update("tg:9")
        assert _plain_count(db_path, "SELECT count(*) FROM processed_updates") == 0
    assert _plain_count(db_path, "SELECT count(*) FROM processed_updates") == 1


# -- signals ---------------------------------------------------------------------


def test_signals_are_masked_before_they_reach_the_file(db_path):
    text = f"Mijn BSN is {VALID_BSN} en mail {EMAIL}, bel 06-12345678"
    with Store.open(db_path) as s:
        signal_id = _signal(s, "u_a", text)
        stored = s.list_signals()[0]
    assert stored["id"] == signal_id
    assert stored["text"] == "Mijn BSN is [bsn] en mail [e-mail], bel [telefoon]"
    raw = _raw_bytes(db_path)
    assert VALID_BSN.encode() not in raw
    assert EMAIL.encode() not in raw
    assert b"12345678" not in raw


def test_list_signals_filters(store, clock):
    first = _signal(store, "u_a", "eerste")
    clock.advance(days=2)
    second = _signal(store, "u_b", "tweede")
    assert [s["id"] for s in store.list_signals()] == [first, second]
    assert [s["id"] for s in store.list_signals(since=T0 + timedelta(days=1))] == [second]
    assert [s["id"] for s in store.list_signals(since=date(2025, 3, 3))] == [second]
    assert [s["id"] for s in store.list_signals(since=datetime(2025, 3, 1))] == [first, second]

    assert store.set_signal_status(first, "handled") is True
    handled = store.list_signals(status="handled")
    assert [s["id"] for s in handled] == [first]
    assert handled[0]["handled_at"] == store._now()
    assert [s["id"] for s in store.list_signals(status="open")] == [second]
    assert store.set_signal_status(first, "open") is True
    assert store.list_signals(status="open")[0]["handled_at"] is None
    assert store.set_signal_status(999, "handled") is False


def test_signal_status_is_checked(store):
    signal_id = _signal(store, "u_a")
    with pytest.raises(ValueError, match="'open' or 'handled', not 'done'"):
        store.set_signal_status(signal_id, "done")
    with pytest.raises(ValueError):
        store.list_signals(status="closed")


# -- sign-ups ----------------------------------------------------------------------


def test_signup_contact_needs_consent(store):
    with pytest.raises(ValueError, match="consent"):
        store.add_signup(user_key="u_a", task_id="t1", contact="0612345678",
                         consent=False, ends=None)  # fmt: skip
    store.add_signup(user_key="u_a", task_id="t1", contact=None, consent=False, ends=None)
    store.add_signup(user_key="u_b", task_id="t1", contact="@olena", consent=True, ends=None)
    contacts = {s["user_key"]: s["contact"] for s in store.list_signups("t1")}
    assert contacts == {"u_a": None, "u_b": "@olena"}


def test_signups_list_and_remove(store):
    a = store.add_signup(user_key="u_a", task_id="t1", contact=None, consent=False,
                         ends=date(2025, 3, 10))  # fmt: skip
    assert store.add_signup(user_key="u_a", task_id="t1", contact=None, consent=False,
                            ends=None, capacity=1) == a  # a second tap takes no place
    store.add_signup(user_key="u_a", task_id="t2", contact=None, consent=False, ends=None)
    assert [s["task_id"] for s in store.list_signups()] == ["t1", "t2"]
    assert store.list_signups("t1")[0]["ends"] == "2025-03-10"
    assert store.remove_signup("u_a", "t1") is True
    assert store.remove_signup("u_a", "t1") is False
    assert [s["task_id"] for s in store.list_signups()] == ["t2"]


def test_the_last_place_goes_to_one_store_only(db_path):
    with Store.open(db_path) as one, Store.open(db_path) as two:
        one.add_signup(user_key="u_a", task_id="t1", contact=None, consent=False,
                       ends=None, capacity=1)  # fmt: skip
        with pytest.raises(TaskFull, match="task t1 is full"):
            two.add_signup(user_key="u_b", task_id="t1", contact=None, consent=False,
                           ends=None, capacity=1)  # fmt: skip
    assert _plain_count(db_path, "SELECT count(*) FROM signups") == 1


def test_places_are_not_oversold_under_concurrency(db_path):
    Store.open(db_path).close()
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def volunteer(n: int) -> None:
        with Store.open(db_path) as s:
            start.wait()
            try:
                s.add_signup(user_key=f"u_{n}", task_id="t1", contact=None,
                             consent=False, ends=None, capacity=3)  # fmt: skip
                outcomes.append("ok")
            except TaskFull:
                outcomes.append("full")

    threads = [threading.Thread(target=volunteer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["full"] * 5 + ["ok"] * 3
    assert _plain_count(db_path, "SELECT count(*) FROM signups") == 3


# -- outbox ------------------------------------------------------------------------


def _enqueue(store: Store, user: str, dedup: str, **kwargs) -> int | None:
    return store.enqueue(user_key=user, chat_ref=f"tg:{user}", text="Nieuws uit Heemstede",
                         buttons=None, dedup_key=dedup, **kwargs)  # fmt: skip


def test_outbox_dedup_and_order(store):
    first = _enqueue(store, "u_a", "b1:u_a")
    second = _enqueue(store, "u_b", "b1:u_b")
    assert first and second
    assert _enqueue(store, "u_a", "b1:u_a") is None
    assert [r["id"] for r in store.pending()] == [first, second]
    assert [r["id"] for r in store.pending(limit=1)] == [first]
    store.mark_sent(first)
    assert [r["id"] for r in store.pending()] == [second]
    assert _enqueue(store, "u_a", "b1:u_a") is None  # also after sending


def test_outbox_not_before_and_retry(store, clock):
    later = _enqueue(store, "u_a", "b2:u_a", not_before=T0 + timedelta(hours=1))
    now = _enqueue(store, "u_b", "b2:u_b")
    assert [r["id"] for r in store.pending()] == [now]

    store.mark_failed(now, "Too Many Requests: retry after 30", T0 + timedelta(seconds=30))
    assert store.pending() == []
    clock.advance(seconds=30)
    (row,) = store.pending()
    assert (row["id"], row["attempts"], row["status"]) == (now, 1, "pending")
    assert row["error"] == "Too Many Requests: retry after 30"

    store.mark_failed(now, "Bad Request: chat 0612345678 not found", None)
    clock.advance(hours=1)
    assert [r["id"] for r in store.pending()] == [later]
    failed = store.export_user("u_b")
    assert failed["outbox"] == 1
    row = store._rows("SELECT * FROM outbox WHERE id = ?", (now,))[0]
    assert (row["status"], row["attempts"]) == ("failed", 2)
    assert row["error"] == "Bad Request: chat [telefoon] not found"


def test_block_user_stops_pending_and_future_messages(store):
    _enqueue(store, "u_a", "b1:u_a")
    _enqueue(store, "u_a", "b2:u_a")
    keep = _enqueue(store, "u_b", "b1:u_b")
    assert store.block_user("u_a") == 2
    assert [r["id"] for r in store.pending()] == [keep]
    assert store.get_user("u_a")["blocked"] is True
    assert _enqueue(store, "u_a", "b3:u_a") is None
    store.save_user("u_a", blocked=False)  # they wrote to the bot again
    assert _enqueue(store, "u_a", "b3:u_a") is not None


# -- the user's rights ---------------------------------------------------------------


def _fill_user(store: Store, user: str, marker: str) -> None:
    store.save_user(user, lang="uk", profile={"note": marker})
    _signal(store, user, f"Питання {marker} про школу")
    store.record_feedback(user_key=user, entry_id="school", helpful=True, lang="uk")
    store.add_signup(user_key=user, task_id="t1", contact=f"@{marker}", consent=True,
                     ends=None)  # fmt: skip
    _enqueue(store, user, f"b1:{user}")
    store.subscribe(user, "school")
    store.set_chat_ref(user, "telegram", f"chat-{marker}")


def test_export_user_shows_everything_about_them(store):
    _fill_user(store, "u_a", "zebramarker")
    _fill_user(store, "u_b", "giraffemarker")
    data = store.export_user("u_a")
    assert data["user"]["profile"] == {"note": "zebramarker"}
    assert [s["text"] for s in data["signals"]] == ["Питання zebramarker про школу"]
    assert [(f["entry_id"], f["helpful"]) for f in data["feedback"]] == [("school", 1)]
    assert [s["contact"] for s in data["signups"]] == ["@zebramarker"]
    assert data["outbox"] == 1
    assert [r["topic"] for r in data["subscriptions"]] == ["school"]
    assert data["chat_refs"] == [{"platform": "telegram"}]
    assert store.export_user("u_nobody") == {
        "user": None, "signals": [], "feedback": [], "signups": [], "outbox": 0,
        "subscriptions": [], "chat_refs": [],
    }  # fmt: skip


def test_forget_erases_every_trace(db_path):
    marker = "zebramarker"
    with Store.open(db_path) as s:
        _fill_user(s, "u_a", marker)
        _fill_user(s, "u_b", "giraffemarker")
        s.claim_update("tg:1")
        counts = s.forget("u_a")
        assert counts == {"users": 1, "signals": 1, "feedback": 1, "signups": 1, "outbox": 1,
                          "subscriptions": 1, "chat_refs": 1}
        assert s.forget("u_a") == dict.fromkeys(counts, 0)
        # Still open, as after a crash right now: the files must already be clean.
        assert _raw_bytes(db_path).count(marker.encode()) == 0

    assert _plain_count(db_path, "SELECT count(*) FROM users WHERE key = 'u_a'") == 0
    for table in ("signals", "feedback", "signups", "outbox", "subscriptions", "chat_refs"):
        sql = f"SELECT count(*) FROM {table} WHERE user_key = ?"
        assert _plain_count(db_path, sql, ("u_a",)) == 0
        assert _plain_count(db_path, sql, ("u_b",)) == 1
    assert _plain_count(db_path, "SELECT count(*) FROM processed_updates") == 1
    raw = _raw_bytes(db_path)
    assert raw.count(marker.encode()) == 0
    assert raw.count(b"giraffemarker") > 0  # the grep would find it if it were there


def test_forget_inside_atomic_checkpoints_after_the_commit(db_path):
    with Store.open(db_path) as s:
        _fill_user(s, "u_a", "zebramarker")
        with s.atomic():
            assert s.claim_update("tg:forget") is True
            s.forget("u_a")
        assert Path(f"{db_path}-wal").stat().st_size == 0
    assert _raw_bytes(db_path).count(b"zebramarker") == 0


# -- retention ------------------------------------------------------------------------


def test_purge_by_age(store, clock):
    old_signal = _signal(store, "u_a", "oud")
    store.claim_update("tg:old")
    store.add_signup(user_key="u_a", task_id="t_past", contact=None, consent=False,
                     ends=date(2025, 3, 5))  # fmt: skip
    store.add_signup(user_key="u_a", task_id="t_open", contact=None, consent=False, ends=None)
    sent = _enqueue(store, "u_a", "b1:u_a")
    store.mark_sent(sent)
    _enqueue(store, "u_a", "b2:u_a")  # pending: kept however old

    clock.advance(days=5)  # 6 March: t_past ended on the 5th
    store.claim_update("tg:new")
    assert store.purge() == {"signals": 0, "signups": 1, "processed_updates": 0, "outbox": 0}

    clock.advance(days=30)
    new_signal = _signal(store, "u_a", "nieuw")
    counts = store.purge()
    assert counts == {"signals": 0, "signups": 0, "processed_updates": 2, "outbox": 1}

    counts = store.purge(now=T0 + timedelta(days=91))
    assert counts["signals"] == 1
    assert [s["id"] for s in store.list_signals()] == [new_signal] != [old_signal]
    assert [s["task_id"] for s in store.list_signups()] == ["t_open"]
    assert len(store.pending()) == 1
    assert store.purge(signal_days=0, now=T0 + timedelta(days=400))["signals"] == 1


def test_stats_counts_rows_per_table(store):
    _fill_user(store, "u_a", "x")
    store.claim_update("tg:1")
    assert store.stats() == {
        "users": 1, "processed_updates": 1, "signals": 1, "feedback": 1,
        "signups": 1, "outbox": 1, "subscriptions": 1, "chat_refs": 1,
    }  # fmt: skip


# -- conventions ------------------------------------------------------------------------


def _imports(module: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_store_and_privacy_are_leaves():
    package = Path(store_module.__file__).parent
    store_imports = _imports(package / "store.py")
    privacy_imports = _imports(package / "privacy.py")
    assert {n for n in store_imports if n.startswith("bot")} == {"bot.errors", "bot.privacy"}
    assert {n for n in privacy_imports if n.startswith("bot")} == {"bot.errors"}
    assert "sqlite_utils" in store_imports
    assert not any(n.startswith("sqlite_utils") for n in privacy_imports)


def test_announcement_recipients_are_opted_in_reachable_and_not_blocked(store):
    for user in ("u_a", "u_b", "u_c", "u_d"):
        store.save_user(user, lang="uk")
        store.subscribe(user, "healthcare")
    store.set_chat_ref("u_a", "telegram", "1")
    store.set_chat_ref("u_b", "telegram", "2")
    store.set_chat_ref("u_c", "telegram", "3")
    store.block_user("u_b")
    store.set_chat_ref("u_c", "telegram", None)  # opted out of being reached
    assert store.subscribe("u_a", "healthcare") is False
    assert [r["chat_ref"] for r in store.announcement_recipients("healthcare")] == ["1"]
    assert store.announcement_recipients("school") == []
    assert store.unsubscribe("u_a") == 1
    assert store.announcement_recipients("healthcare") == []



def test_an_erasure_is_synced_to_disk_before_forget_returns(store, db_path):
    """Commits use synchronous=NORMAL; an erasure is made durable by the checkpoint after it."""
    statements = []
    store._db.conn.set_trace_callback(statements.append)
    store.save_user("u_a", lang="uk")
    with store.atomic():
        store.claim_update("tg:9")
        store.forget("u_a")
    store._db.conn.set_trace_callback(None)
    assert statements.index("PRAGMA wal_checkpoint(TRUNCATE)") > statements.index("COMMIT")
    assert Path(f"{db_path}-wal").stat().st_size == 0


def test_signals_kept_before_the_reason_column_read_as_unanswered(db_path, monkeypatch):
    """A municipality upgrading keeps its open signals: they were all "I don't know"."""
    monkeypatch.setattr(store_module, "MIGRATIONS", store_module.MIGRATIONS[:3])
    with Store.open(db_path) as old:
        assert old.schema_version() == 3
    conn = sqlite3.connect(db_path)  # as the version before wrote it
    conn.execute("INSERT INTO signals (user_key, text, lang, status, created) "
                 "VALUES ('u_a', 'mag mijn hond mee', 'nl', 'open', '2026-11-01T10:00:00+00:00')")
    conn.commit()
    conn.close()
    monkeypatch.undo()
    with Store.open(db_path) as new:
        new.record_signal(user_key="u_b", text="zwemles", lang="nl", audience=None,
                          best_entry="allowance.children", score=None, route=None, reason="not_helpful")
        assert [(s["text"], s["reason"]) for s in new.list_signals()] == [
            ("mag mijn hond mee", "unanswered"), ("zwemles", "not_helpful")]
