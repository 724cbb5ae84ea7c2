"""The terminal chat: the same engine a Telegram user talks to, on a real SQLite file.

Buttons are shown as numbered choices; typing a number presses one, anything else is
free text — so a knowledge editor sees exactly what a user would see.
"""

from __future__ import annotations

import asyncio
from typing import Callable, TextIO

from bot.messages import Incoming, Reply


def render(replies: list[Reply]) -> tuple[str, list[str]]:
    """Text for the terminal, and the actions of the numbered buttons in order."""
    lines: list[str] = []
    actions: list[str] = []
    for reply in replies:
        lines.append(reply.text)
        for button in reply.flat_buttons:
            actions.append(button.action)
            lines.append(f"  [{len(actions)}] {button.label}")
        lines.append("")
    return "\n".join(lines), actions


class ConsoleChat:
    def __init__(self, engine, user_key: str, write: Callable[[str], None]):
        self.engine = engine
        self.user_key = user_key
        self.write = write
        self.actions: list[str] = []

    def send(self, line: str) -> None:
        line = line.strip()
        if not line:
            return
        if line.isdigit() and 1 <= int(line) <= len(self.actions):
            incoming = Incoming(self.user_key, action=self.actions[int(line) - 1], kind="action")
        else:
            incoming = Incoming(self.user_key, text=line)
        self.show(asyncio.run(self.engine.handle(incoming)))

    def show(self, replies: list[Reply]) -> None:
        text, actions = render(replies)
        self.actions = actions or self.actions
        self.write(text)


def run(engine, user_key: str, stdin: TextIO, stdout: TextIO, *, start: list[Incoming]) -> None:
    """Chat until end of input or /quit."""
    def write(text: str) -> None:
        stdout.write(text + "\n")
        stdout.flush()

    chat = ConsoleChat(engine, user_key, write)
    for incoming in start:
        chat.show(asyncio.run(engine.handle(incoming)))
    interactive = stdin.isatty()
    while True:
        if interactive:
            try:
                line = input("> ")
            except (EOFError, KeyboardInterrupt):
                write("")
                return
        else:
            line = stdin.readline()
            if not line:
                return
            write(f"> {line.rstrip()}")
        if line.strip() in ("/quit", "/exit"):
            return
        chat.send(line)
