"""Commands for municipal staff: signals, spreekuren, retention."""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path

import click

from bot.cli_common import DB_OPTION, LANG_OPTION, PACK_OPTION, SOURCES_OPTION

_SIGNAL_FIELDS = ["id", "created", "status", "reason", "lang", "audience", "topic", "best_entry", "score", "route",
                  "text"]


def _store(db: Path | None):
    from bot.settings import Settings
    from bot.store import Store

    return Store.open(Settings.from_env(db=db).db_path)


@click.command()
@click.argument("action", type=click.Choice(["list", "export", "handle"]), default="list")
@click.argument("ids", nargs=-1, type=int)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only signals from this date on.")
@click.option("--status", type=click.Choice(["open", "handled"]), default=None)
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With export: the CSV file to write.")
@DB_OPTION
def signals(action: str, ids: tuple[int, ...], since: datetime | None, status: str | None,
            csv_file: Path | None, db: Path | None) -> None:
    """Questions the bot could not answer (personal data masked), for staff to review.

    \b
    Examples:
        wegwijs signals                                # all, newest first
        wegwijs signals list --status open --since 2026-11-01
        wegwijs signals export --csv signals.csv
        wegwijs signals handle 12 13                   # mark as handled
    """
    store = _store(db)
    try:
        if action == "handle":
            if not ids:
                raise click.UsageError("give the ids of the signals to mark handled")
            for signal_id in ids:
                if not store.set_signal_status(signal_id, "handled"):
                    raise click.ClickException(f"no signal {signal_id}")
            click.echo(f"marked {len(ids)} signal(s) handled")
            return
        rows = store.list_signals(since=since.date() if since else None, status=status)
        if action == "export":
            if csv_file is None:
                raise click.UsageError("export needs --csv FILE")
            with csv_file.open("w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=_SIGNAL_FIELDS, extrasaction="ignore")
                writer.writeheader()
                writer.writerows(rows)
            click.echo(f"wrote {len(rows)} signal(s) to {csv_file}")
            return
        if not rows:
            click.echo("no signals")
        for row in rows:
            score = f"{row['score']:.2f}" if row.get("score") is not None else "-"
            said = " (answered; \"did not help\")" if row.get("reason") == "not_helpful" else ""
            click.echo(f"#{row['id']} {row['created'][:16]} [{row['status']}]{said} {row.get('lang') or '-'}/"
                       f"{row.get('audience') or '-'} best={row.get('best_entry') or '-'} ({score}) "
                       f"route={row.get('route') or '-'}\n    {row['text']}")
    finally:
        store.close()


@click.command()
@PACK_OPTION
@LANG_OPTION
@SOURCES_OPTION
@click.option("--at", "at", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M"]), default=None,
              help="Pretend it is this moment (local time), e.g. to check a holiday week.")
def spreekuren(pack: str, lang: str | None, sources: Path | None, at: datetime | None) -> None:
    """Every consultation hour of a pack and its next occurrence.

    Dutch public holidays and listed exceptions are skipped; hours are shown only where
    the source gives them.

    \b
    Examples:
        wegwijs spreekuren
        wegwijs spreekuren --lang uk
        wegwijs spreekuren --at 2026-12-24
    """
    from zoneinfo import ZoneInfo

    from bot.app import load_knowledge

    knowledge = load_knowledge(pack, sources)
    tz = ZoneInfo(knowledge.snapshot.pack.timezone)
    now = at.replace(tzinfo=tz) if at else datetime.now(timezone.utc)
    for sp in knowledge.snapshot.spreekuren.values():
        click.echo(f"[{sp.id}]")
        click.echo(knowledge.render.spreekuur(sp, lang or "nl", now))
        click.echo("")


@click.command()
@DB_OPTION
@PACK_OPTION
@click.option("--days", type=click.IntRange(1, 3650), default=None,
              help="Delete signals older than this many days (default: the pack's signal_retention_days).")
def purge(db: Path | None, pack: str, days: int | None) -> None:
    """Delete what we no longer may keep: old signals, finished sign-ups, old update ids.

    Run it daily (cron, systemd timer). Deleted text is overwritten in the database file.

    \b
    Examples:
        wegwijs purge                       # retention from the Heemstede pack (90 days)
        wegwijs purge --days 28
    """
    if days is None:
        from bot.content.loader import load_snapshot

        days = load_snapshot(pack).pack.signal_retention_days
    store = _store(db)
    try:
        counts = store.purge(signal_days=days)
    finally:
        store.close()
    click.echo(", ".join(f"{table}: {n} deleted" for table, n in counts.items()))


COMMANDS = [signals, spreekuren, purge]
