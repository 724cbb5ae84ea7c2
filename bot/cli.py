"""The `wegwijs` command: the composition root.

Every subcommand builds what it needs (snapshot, store, engine) and turns the typed
errors of the core into a plain message and exit code 1 — never a traceback.
"""

from __future__ import annotations

import sys

import click

from bot.errors import BotError, ContentError

class _Group(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ContentError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            errors = sum(1 for p in exc.problems if p.severity == "error")
            click.echo(f"Error: the content has {errors} error(s); nothing was loaded.", err=True)
            sys.exit(1)
        except BotError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wegwijs")
def main() -> None:
    """Wegwijs: a chat assistant for newcomers in Dutch municipalities.

    \b
    Try it in the terminal (Heemstede pack, SQLite, no Telegram needed):
        wegwijs chat
        wegwijs chat --lang uk --as ukrainian
    Check the knowledge after an edit:
        wegwijs check --strict
    Ask one question as a user would:
        wegwijs ask "скільки дають на спорт для дитини" --lang uk --as ukrainian
    """


def _register() -> None:
    from bot import cli_content, cli_chat, cli_staff

    for module in (cli_content, cli_chat, cli_staff):
        for command in module.COMMANDS:
            main.add_command(command)
    try:
        from bot import cli_telegram
    except ImportError:  # the Telegram extra is not installed
        return
    for command in getattr(cli_telegram, "COMMANDS", []):
        main.add_command(command)


_register()
