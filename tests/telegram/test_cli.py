"""`wegwijs serve` / `wegwijs broadcast` as a user runs them: in a real process, with the
real engine, stopped with a real SIGTERM while a reply is still on its way."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli_telegram import broadcast_id, broadcast_command, enqueue_broadcast, pick_text, serve_command
from bot.errors import BotError, SettingsError

from tg_fakes import FakeStore, keyer

REPO = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")}
    # Lexical matching: these tests are about the process, and on a new machine the
    # embedding cache is cold (half a minute to build) while the test waits for polling.
    env.update(WEGWIJS_DATA_DIR=str(tmp_path), WEGWIJS_DB=str(tmp_path / "wegwijs.db"),
               PYTHONPATH=str(REPO), WEGWIJS_SEMANTIC="0", **extra)
    return env


def test_every_command_has_help_with_examples():
    runner = CliRunner()
    for command in (serve_command, broadcast_command):
        result = runner.invoke(command, ["--help"])
        assert result.exit_code == 0
        assert "Examples:" in result.output and "wegwijs " in result.output


def test_serve_without_token_explains_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("WEGWIJS_TELEGRAM_TOKEN", raising=False)
    result = CliRunner().invoke(serve_command, [])
    assert isinstance(result.exception, SettingsError)
    assert "@BotFather" in str(result.exception) and "WEGWIJS_TELEGRAM_TOKEN" in str(result.exception)


@pytest.mark.parametrize("secret", [None, "too-short"])
def test_webhook_mode_refuses_without_secret(monkeypatch, secret):
    monkeypatch.setenv("WEGWIJS_TELEGRAM_TOKEN", "123:abcdefghijklmnopqrstuvwxyz")
    if secret is None:
        monkeypatch.delenv("WEGWIJS_WEBHOOK_SECRET", raising=False)
    else:
        monkeypatch.setenv("WEGWIJS_WEBHOOK_SECRET", secret)
    result = CliRunner().invoke(serve_command, ["--webhook", "https://bot.example.nl/tg"])
    assert isinstance(result.exception, SettingsError)
    assert "WEGWIJS_WEBHOOK_SECRET" in str(result.exception)
    assert "abcdefghijklmnop" not in str(result.exception)


class Serving:
    """`python -m bot.cli_telegram serve` as a real process, logging to a file (a pipe
    nobody reads fills up and blocks the bot's logging); killed if a test leaves it."""

    def __init__(self, botapi, tmp_path: Path, *args: str) -> None:
        self.botapi, self.tmp_path, self.args = botapi, tmp_path, args
        self.log_path = tmp_path / "serve.log"
        self.proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> "Serving":
        env = _env(self.tmp_path, WEGWIJS_TELEGRAM_TOKEN=self.botapi.token)
        with open(self.log_path, "wb") as log_file:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli_telegram", "serve", "--api-base", self.botapi.base,
                *self.args, cwd=str(REPO), env=env, stdout=log_file, stderr=log_file)
        try:
            await self.botapi.wait_for(lambda: "getUpdates" in self.botapi.arrived, timeout=60)
        except AssertionError:
            await self.__aexit__()
            raise AssertionError(self.log) from None
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.proc is not None
        if self.proc.returncode is None:
            self.proc.kill()
            await self.proc.wait()

    @property
    def log(self) -> str:
        return self.log_path.read_text()[-3000:]


@pytest.mark.parametrize("engine_mode", ["--engine-process", "--one-process"])
async def test_sigterm_mid_handler_finishes_the_reply_and_exits_cleanly(botapi, framework, tmp_path,
                                                                       engine_mode):
    async with Serving(botapi, tmp_path, "--framework", framework, engine_mode) as bot:
        botapi.fault("sendMessage", "slow", delay=1.0)
        botapi.push_text(901, "/start", lang="uk")
        await botapi.wait_for(lambda: "sendMessage" in botapi.arrived, timeout=10)
        bot.proc.send_signal(signal.SIGTERM)  # the reply is still on its way
        await asyncio.wait_for(bot.proc.wait(), 20)
    assert bot.proc.returncode == 0, bot.log
    assert len(botapi.texts(901)) == 1, bot.log
    assert botapi.token.split(":")[1] not in bot.log_path.read_text()
    db = sqlite3.connect(tmp_path / "wegwijs.db")
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("select count(*) from processed_updates").fetchone()[0] == 1
    db.close()


def _children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
            for c in (task / "children").read_text().split()]


async def test_when_the_engine_process_dies_serve_exits_with_an_error_for_the_supervisor(botapi, tmp_path):
    async with Serving(botapi, tmp_path, "--engine-process") as bot:
        botapi.push_text(902, "/start", lang="uk")
        await botapi.wait_for(lambda: botapi.texts(902), timeout=10)  # the engine answers
        (engine_pid,) = _children(bot.proc.pid)
        os.kill(engine_pid, signal.SIGKILL)
        await asyncio.wait_for(bot.proc.wait(), 20)
    assert bot.proc.returncode == 1, bot.log
    assert "engine process stopped unexpectedly" in bot.log


# --------------------------------------------------------------------------- broadcast


class RecipientsStore(FakeStore):
    """FakeStore plus the proposed Store.announcement_recipients (docs/telegram.md)."""

    def announcement_recipients(self, topic: str) -> list[dict]:
        return [{"user_key": keyer(1), "chat_ref": "1", "lang": "uk"},
                {"user_key": keyer(2), "chat_ref": "2", "lang": "ru"},
                {"user_key": keyer(3), "chat_ref": "3", "lang": None}]


def test_enqueue_broadcast_picks_language_and_is_idempotent(tmp_path):
    store = RecipientsStore(str(tmp_path / "s.db"))
    texts = {"uk": "Консультація в четвер.", "nl": "Spreekuur op donderdag."}
    counts = enqueue_broadcast(store, "health", texts)
    assert counts["queued"] == 3 and counts["already"] == 0
    rows = store.pending()
    assert [(r["chat_ref"], r["text"]) for r in rows] == [
        ("1", texts["uk"]), ("2", texts["nl"]), ("3", texts["nl"])]
    again = enqueue_broadcast(store, "health", texts)
    assert again["queued"] == 0 and again["already"] == 3
    assert enqueue_broadcast(store, "health", texts, ident="second")["queued"] == 3
    assert broadcast_id("health", texts) == counts["id"] != broadcast_id("school", texts)


def test_broadcast_refuses_overlong_text_and_old_stores(tmp_path):
    store = RecipientsStore(str(tmp_path / "s.db"))
    with pytest.raises(SettingsError, match="4096"):
        enqueue_broadcast(store, "health", {"nl": "x" * 4097})
    with pytest.raises(BotError, match="announcement_recipients"):
        enqueue_broadcast(FakeStore(str(tmp_path / "t.db")), "health", {"nl": "x"})


def test_pick_text_fallback_order():
    assert pick_text({"uk": "u", "en": "e", "nl": "n"}, "ru") == "e"
    assert pick_text({"ru": "r"}, "uk") == "r"
