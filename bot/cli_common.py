"""Options shared by several `wegwijs` subcommands, so they read the same everywhere."""

from __future__ import annotations

from pathlib import Path

import click

PACK_OPTION = click.option("--pack", default="heemstede", show_default=True, metavar="NAME",
                           help="Knowledge pack: a folder name under knowledge/ (or a path to one).")
SOURCES_OPTION = click.option("--sources", type=click.Path(file_okay=False, path_type=Path), default=None,
                              help="Folder with the seed documents cited by the pack "
                                   "(default: the pack's 'sources' setting, or $WEGWIJS_SOURCES).")
LANG_OPTION = click.option("--lang", type=click.Choice(["uk", "ru", "nl", "en"]), default=None,
                           help="Language of the conversation (default: asked at the start).")
AS_OPTION = click.option("--as", "audience", default=None,
                         type=click.Choice(["ukrainian", "asylum_seeker", "status_holder", "resident"]),
                         help="Who is asking: the answers depend on it.")
DB_OPTION = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                         envvar="WEGWIJS_DB", show_envvar=True,
                         help="SQLite file (default: wegwijs.db in the user's data directory).")
