"""Runs the YAML conversation scripts (tests/conversations/*.yaml) through a driver.

A driver turns "the user typed X" / "the user pressed button N" into replies. The engine
driver calls the engine directly; the Telegram tests drive the real aiogram and
python-telegram-bot clients with the same scripts and the same expectations.

Script format (all keys but `name` and `turns` optional):

    version: 1
    scripts:
      - name: allowance branch, child on leefgeld
        lang_hint: uk            # the platform's language code
        pack: mini               # heemstede (default) or mini (tests/data/minipack)
        turns:
          - send: /start                     # free text or a command
            expect: [Українська]             # all must occur (case-insensitive)
          - press: Українська                # a button: label substring, or its 1-based number
            expect: [...]
            not: [...]                       # none may occur
            buttons: [...]                   # button labels that must be offered (or their number)
            signals: 1                       # signals stored so far (engine driver only)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot.messages import Reply

SCRIPTS_DIR = Path(__file__).parent / "conversations"


class Driver(Protocol):
    async def send(self, text: str) -> list[Reply]: ...
    async def press(self, action: str) -> list[Reply]: ...
    def signal_count(self) -> int | None: ...


@dataclass
class Script:
    name: str
    turns: list[dict[str, Any]]
    lang_hint: str | None = None
    source: str = ""
    pack: str = "heemstede"


def load_scripts() -> list[Script]:
    scripts = []
    for path in sorted(SCRIPTS_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["scripts"]:
            scripts.append(Script(item["name"], item["turns"], item.get("lang_hint"), path.name,
                                  item.get("pack", "heemstede")))
    return scripts


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value])]


async def run_script(script: Script, driver: Driver) -> None:
    last: list[Reply] = []
    for n, turn in enumerate(script.turns, 1):
        where = f"{script.source} / {script.name} / turn {n}"
        if "send" in turn:
            replies = await driver.send(str(turn["send"]))
        else:
            buttons = [b for r in last for b in r.flat_buttons]
            want = turn["press"]
            if isinstance(want, int):
                assert 1 <= want <= len(buttons), f"{where}: no button {want} in {[b.label for b in buttons]}"
                button = buttons[want - 1]
            else:
                found = [b for b in buttons if str(want).casefold() in b.label.casefold()]
                assert found, f"{where}: no button like {want!r} in {[b.label for b in buttons]}"
                button = found[0]
            replies = await driver.press(button.action)
        text = "\n".join(r.text for r in replies)
        folded = text.casefold()
        if "replies" in turn:
            assert len(replies) == turn["replies"], f"{where}: {len(replies)} replies, expected {turn['replies']}"
        else:
            assert replies, f"{where}: no reply"
        for want in _as_list(turn.get("expect")):
            assert want.casefold() in folded, f"{where}: expected {want!r} in:\n{text}"
        for bad in _as_list(turn.get("not")):
            assert bad.casefold() not in folded, f"{where}: did not expect {bad!r} in:\n{text}"
        labels = [b.label for r in replies for b in r.flat_buttons]
        if isinstance(turn.get("buttons"), int):
            assert len(labels) == turn["buttons"], f"{where}: {len(labels)} buttons, expected {turn['buttons']}: {labels}"
        for want in _as_list(turn.get("buttons") if not isinstance(turn.get("buttons"), int) else None):
            assert any(want.casefold() in label.casefold() for label in labels), \
                f"{where}: expected a button like {want!r} in {labels}"
        if "signals" in turn:
            count = driver.signal_count()
            if count is not None:
                assert count == turn["signals"], f"{where}: {count} signals stored, expected {turn['signals']}"
        if replies:
            last = replies
