"""Conventions that keep the project maintainable, checked rather than hoped for."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import SEEDS

BOT = Path(__file__).resolve().parents[1] / "bot"


def _commands(group: click.Group, prefix: str = ""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


@pytest.mark.parametrize("name,command", list(_commands(main)))
def test_every_command_has_help_with_an_example(name, command):
    result = CliRunner().invoke(main, name.split() + ["--help"])
    assert result.exit_code == 0
    assert command.help and len(command.help) > 40
    if not isinstance(command, click.Group):
        assert "wegwijs " in command.help, f"'{name} --help' should show an example"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
            found.add(node.module)
    return found


# Which modules may import which third-party libraries, and why.
ONLY_IN = {
    "aiogram": ("adapters/", "cli_telegram.py"),
    "telegram": ("adapters/", "cli_telegram.py"),
    "sqlite_utils": ("store.py",),
    # crisis.py reads its own reviewed data file: it must not depend on content/ loading.
    "yaml": ("content/", "crisis.py", "evaluate.py"),
}


@pytest.mark.parametrize("library,allowed", sorted(ONLY_IN.items()))
def test_libraries_stay_in_their_module(library, allowed):
    offenders = [str(p.relative_to(BOT)) for p in BOT.rglob("*.py")
                 if library in _imports(p) and not str(p.relative_to(BOT)).startswith(allowed)]
    assert offenders == []


def test_the_engine_knows_no_platform_and_leaves_import_nothing_upward():
    engine_side = ["engine.py", "render.py"] + [str(p.relative_to(BOT)) for p in (BOT / "matching").glob("*.py")]
    for rel in engine_side:
        imported = _imports(BOT / rel)
        assert not {m for m in imported if m.startswith(("bot.adapters", "bot.cli", "bot.app"))}, rel
    for leaf in ["store.py", "i18n.py", "crisis.py", "privacy.py", "schedule.py", "formatting.py"]:
        imported = {m for m in _imports(BOT / leaf) if m.startswith("bot.")}
        assert imported <= {"bot.errors", "bot.privacy", "bot.schedule"}, (leaf, imported)


PACKS = sorted(p.parent.name for p in (BOT.parent / "knowledge").glob("*/pack.yaml"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the repo")
@pytest.mark.parametrize("pack", PACKS)
def test_the_real_content_passes_check_strict(pack):
    result = CliRunner().invoke(main, ["check", "--pack", pack, "--strict", "--sources", str(SEEDS)])
    assert result.exit_code == 0, result.output[-3000:]


def test_both_municipalities_are_packs():
    assert {"heemstede", "noordwijk"} <= set(PACKS)
