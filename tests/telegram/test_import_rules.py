"""The platform stays at the edge: only bot/adapters/ imports a Telegram library, and the
Telegram adapters import nothing of the knowledge, matching or storage layers."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
TELEGRAM_LIBS = {"aiogram", "telegram"}
TELEGRAM_ADAPTERS = ["aiogram_adapter.py", "ptb_adapter.py", "sending.py", "telegram_common.py",
                     "telegram_webhook.py"]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_only_adapters_import_telegram_libraries():
    offenders = []
    for path in BOT.rglob("*.py"):
        if "adapters" in path.relative_to(BOT).parts:
            continue
        if {n.split(".")[0] for n in _imports(path)} & TELEGRAM_LIBS:
            offenders.append(str(path.relative_to(BOT)))
    assert offenders == []


def test_telegram_adapters_know_nothing_of_knowledge_or_storage():
    for name in TELEGRAM_ADAPTERS:
        imported = _imports(BOT / "adapters" / name)
        bot_modules = {n for n in imported if n.startswith("bot.")}
        assert bot_modules <= {"bot.messages", "bot.errors"}, (name, bot_modules)
