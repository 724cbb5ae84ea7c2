"""`wegwijs serve` and `wegwijs broadcast`: the Telegram side of the composition root.

Kept apart from bot/cli.py so that the rest of the CLI works without the Telegram extra
installed (bot/cli.py registers COMMANDS only if this module imports).
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import click

from bot.errors import BotError, SettingsError

TOKEN_ENV = "WEGWIJS_TELEGRAM_TOKEN"
SECRET_ENV = "WEGWIJS_WEBHOOK_SECRET"
DEFAULT_LISTEN = "127.0.0.1:8443"

log = logging.getLogger("wegwijs.telegram.cli")


def _token() -> str:
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise SettingsError(
            f"{TOKEN_ENV} is not set. Create a bot with @BotFather in Telegram (/newbot), "
            f"then: export {TOKEN_ENV}='123456789:AA…' (the token is never printed or logged)"
        )
    head, sep, tail = token.partition(":")
    if not (head.isdigit() and sep and tail):
        raise SettingsError(f"{TOKEN_ENV} does not look like a bot token: expected "
                            "digits, a colon and letters, as @BotFather gives it")
    return token


def _listen(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise SettingsError(f"--listen {value!r} is not HOST:PORT (for example 127.0.0.1:8443)")
    return host.strip("[]") or "127.0.0.1", int(port)


def _setup_logging(level: str, token: str | None) -> None:
    from bot.adapters.telegram_common import install_token_filter

    logging.basicConfig(
        level=getattr(logging, level.upper()),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if level.lower() != "debug":
        # httpx logs one INFO line per request (every long poll): noise, and a URL with
        # the token in it. The filter would redact it; quieter is better still.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        logging.getLogger("aiogram.event").setLevel(logging.WARNING)
    install_token_filter(token)


def _load_factory(spec: str) -> Callable[..., Any]:
    from bot.engine_process import load_factory

    try:
        return load_factory(spec)
    except (ImportError, AttributeError) as exc:
        raise SettingsError(f"--engine-factory {spec!r} cannot be imported: {exc}") from exc


async def _run(framework: str, engine: Any, keyer: Callable[[int], str], token: str, *,
               api_base: str | None, webhook: Any, store: Any,
               stop: asyncio.Event | None = None) -> None:
    from bot.adapters.sending import OutboxWorker
    from bot.adapters.telegram_common import TelegramCore, serve

    core = TelegramCore(engine, keyer, store=store)
    if framework == "ptb":
        from bot.adapters.ptb_adapter import PtbAdapter
        adapter: Any = PtbAdapter(token, core, api_base=api_base)
    else:
        from bot.adapters.aiogram_adapter import AiogramAdapter
        adapter = AiogramAdapter(token, core, api_base=api_base)
    outbox = None
    if store is not None and hasattr(store, "pending"):
        assert core.sender is not None
        outbox = OutboxWorker(store, core.sender)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except NotImplementedError:  # pragma: no cover - Windows
            pass
    # What exists now (framework models, the engine or its proxy) lives until exit. Frozen,
    # the cyclic collector stops walking it again on every full pass under load.
    gc.collect()
    gc.freeze()
    await serve(adapter, stop, outbox=outbox, webhook=webhook)


SERVE_HELP = """Run the Telegram bot until SIGTERM or Ctrl-C.

\b
First time (on any machine with internet):
  1. In Telegram, talk to @BotFather: /newbot, pick a name, copy the token.
  2. export WEGWIJS_TELEGRAM_TOKEN='123456789:AA...'
  3. wegwijs serve
Then open your bot in Telegram and send /start.

\b
Examples:
  wegwijs serve                                  # aiogram, long polling
  wegwijs serve --framework ptb --pack noordwijk --db /var/lib/wegwijs/noordwijk.db
  wegwijs serve --api-base http://127.0.0.1:8081  # a local telegram-bot-api server
  WEGWIJS_WEBHOOK_SECRET=$(python -c 'import secrets; print(secrets.token_urlsafe(32))') \\
    wegwijs serve --webhook https://bot.example.nl/tg --listen 127.0.0.1:8443

On stop, messages being handled are finished and answered; broadcast messages not yet
sent stay queued for the next start. The token is never printed or logged.
"""


def _serve_options(f: Callable[..., Any]) -> Callable[..., Any]:
    from bot.cli_common import DB_OPTION, PACK_OPTION, SOURCES_OPTION

    for option in reversed([
        click.option("--framework", type=click.Choice(["aiogram", "ptb"]), default="aiogram",
                     show_default=True, help="Telegram library to run on; both behave the same."),
        PACK_OPTION,
        DB_OPTION,
        SOURCES_OPTION,
        click.option("--api-base", metavar="URL", envvar="WEGWIJS_TELEGRAM_API_BASE",
                     help="Another Bot API server, e.g. a local telegram-bot-api "
                          "(default: https://api.telegram.org)."),
        click.option("--webhook", metavar="URL",
                     help="Receive updates at this public HTTPS URL instead of polling; "
                          f"needs ${SECRET_ENV}. A proxy forwards it to --listen."),
        click.option("--listen", default=DEFAULT_LISTEN, show_default=True, metavar="HOST:PORT",
                     help="Where the webhook endpoint listens (webhook mode only)."),
        click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]),
                     default="info", show_default=True,
                     help="debug logs message contents: never use it in production."),
        click.option("--engine-process/--one-process", default=None,
                     help="Run the engine (matching, database) in a second process, so the "
                          "bot uses two cores; default: yes when the machine has two or more."),
        click.option("--engine-factory", hidden=True, metavar="MODULE:CALLABLE",
                     help="Build the engine with this callable (tests and benchmarks)."),
    ]):
        f = option(f)
    return f


@click.command("serve", help=SERVE_HELP)
@_serve_options
def serve_command(framework: str, pack: str, db: Path | None, sources: Path | None,
                  api_base: str | None, webhook: str | None, listen: str, log_level: str,
                  engine_process: bool | None, engine_factory: str | None) -> None:
    from bot.adapters.telegram_common import WebhookConfig, valid_webhook_secret

    token = _token()
    _setup_logging(log_level, token)
    webhook_config = None
    if webhook:
        secret = os.environ.get(SECRET_ENV, "")
        if not valid_webhook_secret(secret):
            raise SettingsError(
                f"webhook mode needs {SECRET_ENV}: 16-256 characters of A-Z, a-z, 0-9, _ "
                "and - (python -c 'import secrets; print(secrets.token_urlsafe(32))'); "
                "without it anyone who finds the URL could post fake updates")
        if urlsplit(webhook).scheme != "https":
            raise SettingsError(f"--webhook {webhook!r}: Telegram only calls https:// URLs")
        host, port = _listen(listen)
        webhook_config = WebhookConfig(url=webhook, secret=secret, host=host, port=port)

    from bot.app import secret_for
    from bot.privacy import user_key

    secret = secret_for(db)

    def keyer(telegram_id: int) -> str:
        return user_key(secret, "telegram", telegram_id)

    if engine_process is None:
        engine_process = (os.cpu_count() or 1) > 1
    if engine_process:
        asyncio.run(_run_with_engine_process(
            framework, keyer, token, api_base=api_base, webhook=webhook_config, log_level=log_level,
            factory=engine_factory, pack=pack, db=db, sources=sources))
        return
    if engine_factory:
        engine = _load_factory(engine_factory)(pack=pack, db_path=db, sources=sources)
    else:
        from bot.app import build_engine

        # A broken pack must not make the bot go silent: it still answers crisis messages.
        # On a first start, answer lexically while the language model reads the knowledge.
        engine = build_engine(pack=pack, db_path=db, sources=sources, strict_content=False, background=True)
    store = getattr(engine, "store", None)
    try:
        asyncio.run(_run(framework, engine, keyer, token, api_base=api_base,
                         webhook=webhook_config, store=store))
    finally:
        if store is not None and hasattr(store, "close"):
            store.close()


async def _run_with_engine_process(framework: str, keyer: Callable[[int], str], token: str, *,
                                   api_base: str | None, webhook: Any, log_level: str,
                                   factory: str | None, pack: str, db: Path | None,
                                   sources: Path | None) -> None:
    """The engine in a child process (bot/engine_process.py); this process keeps Telegram,
    flood control, the outbox worker and its own connection to the same SQLite file."""
    from bot.engine_process import EngineProcess, EngineStopped
    from bot.store import Store

    kwargs: dict[str, Any] = {"pack": pack, "db_path": db, "sources": sources}
    if factory is None:
        factory = "bot.app:build_engine"
        # A broken pack must not make the bot go silent: it still answers crisis messages.
        # On a first start, answer lexically while the language model reads the knowledge.
        kwargs.update(strict_content=False, background=True)
    try:
        engine = await EngineProcess.start(factory, log_level=log_level, **kwargs)
    except EngineStopped as exc:
        raise BotError(str(exc)) from None
    store = Store.open(engine.db_path) if engine.db_path else None
    stop = asyncio.Event()
    engine.on_lost = stop.set
    try:
        await _run(framework, engine, keyer, token, api_base=api_base, webhook=webhook, store=store,
                   stop=stop)
    finally:
        lost = engine.stopped
        code = await engine.close()
        if code:
            log.error("the engine process exited with code %s", code)
        if store is not None:
            store.close()
    if lost:
        raise BotError("the engine process stopped unexpectedly (see the log); "
                       "exiting so that a supervisor can restart the bot")


# --------------------------------------------------------------------------- broadcast


def broadcast_id(topic: str, texts: dict[str, str]) -> str:
    """Same topic and texts → same id, so running the command twice queues nothing new."""
    blob = topic + "\x00" + "\x00".join(f"{k}={v}" for k, v in sorted(texts.items()))
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def pick_text(texts: dict[str, str], lang: str | None, order: tuple[str, ...] = ("en", "nl")) -> str:
    """The recipient's language, else English, else Dutch, else the first one given."""
    for candidate in (lang, *order):
        if candidate and candidate in texts:
            return texts[candidate]
    return next(iter(texts.values()))


def enqueue_broadcast(store: Any, topic: str, texts: dict[str, str], *,
                      ident: str | None = None, dry_run: bool = False) -> dict[str, Any]:
    """Queue one message per opted-in recipient of `topic`; returns counts for the report.

    Recipients come from the store (users who opted in to announcements on this topic and
    whose chat the adapter was allowed to remember); see docs/telegram.md.
    """
    from bot.adapters.telegram_common import utf16_len

    for lang, text in texts.items():
        if not text.strip():
            raise SettingsError(f"--text {lang}: the message is empty")
        if utf16_len(text) > 4096:
            raise SettingsError(f"--text {lang}: {utf16_len(text)} characters; Telegram allows "
                                "4096 in one message — shorten it or link to a page")
    if not hasattr(store, "announcement_recipients"):
        raise BotError("this database does not keep announcement opt-ins yet "
                       "(bot.store needs Store.announcement_recipients; see docs/telegram.md)")
    ident = ident or broadcast_id(topic, texts)
    counts: dict[str, Any] = {"id": ident, "queued": 0, "already": 0, "by_lang": {}}
    for row in store.announcement_recipients(topic):
        lang = row.get("lang")
        text = pick_text(texts, lang)
        counts["by_lang"][lang or "?"] = counts["by_lang"].get(lang or "?", 0) + 1
        if dry_run:
            counts["queued"] += 1
            continue
        row_id = store.enqueue(user_key=row["user_key"], chat_ref=str(row["chat_ref"]), text=text,
                               buttons=None, dedup_key=f"broadcast:{ident}:{row['user_key']}")
        counts["queued" if row_id is not None else "already"] += 1
    return counts


BROADCAST_HELP = """Queue an announcement for everyone who opted in to a topic.

Only users who pressed "keep me informed" on that topic get it, each in their own
language when you give one (else English, else Dutch). A running `wegwijs serve` sends
the queue at Telegram's pace (about 25 messages a second), retrying where Telegram asks;
queued messages survive restarts and are sent once. Running the same command again
queues nothing new.

\b
Examples:
  wegwijs broadcast --topic health \\
      --text nl "Het spreekuur van de GGD is deze week op donderdag." \\
      --text uk "Консультація GGD цього тижня в четвер." \\
      --text en "The GGD consultation hour is on Thursday this week."
  wegwijs broadcast --topic school --text nl "..." --dry-run   # who would get it
"""


@click.command("broadcast", help=BROADCAST_HELP)
@click.option("--topic", required=True, metavar="TOPIC",
              help="Topic id as in the knowledge pack (e.g. health, school, work).")
@click.option("--text", "texts", nargs=2, multiple=True, required=True, metavar="LANG TEXT",
              help="The message in one language (uk, ru, nl, en); repeat per language.")
@click.option("--id", "ident", metavar="NAME",
              help="Name this broadcast (default: derived from topic and texts); the same "
                   "name is never queued twice for one user.")
@click.option("--dry-run", is_flag=True, help="Count the recipients, queue nothing.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              envvar="WEGWIJS_DB", show_envvar=True, help="SQLite file of the running bot.")
def broadcast_command(topic: str, texts: tuple[tuple[str, str], ...], ident: str | None,
                      dry_run: bool, db: Path | None) -> None:
    by_lang: dict[str, str] = {}
    for lang, text in texts:
        if lang not in ("uk", "ru", "nl", "en"):
            raise click.BadParameter(f"{lang!r} is not one of uk, ru, nl, en", param_hint="--text")
        by_lang[lang] = text
    from bot.settings import Settings
    from bot.store import Store

    store = Store.open(Settings.from_env(db=db).db_path)
    try:
        counts = enqueue_broadcast(store, topic, by_lang, ident=ident, dry_run=dry_run)
    finally:
        store.close()
    langs = ", ".join(f"{k} {v}" for k, v in sorted(counts["by_lang"].items())) or "nobody"
    if dry_run:
        click.echo(f"Would queue {counts['queued']} message(s) for topic {topic!r} ({langs}).")
        return
    click.echo(f"Queued {counts['queued']} message(s) for topic {topic!r} ({langs}); "
               f"{counts['already']} were queued before. Broadcast id: {counts['id']}.")
    if counts["queued"]:
        click.echo("A running `wegwijs serve` sends them now; otherwise at its next start.")


COMMANDS = [serve_command, broadcast_command]


@click.group()
def _standalone() -> None:
    """Telegram commands of wegwijs (also available as `wegwijs serve|broadcast`)."""


for _command in COMMANDS:
    _standalone.add_command(_command)


def main() -> None:  # pragma: no cover - python -m bot.cli_telegram
    try:
        _standalone(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    except BotError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
