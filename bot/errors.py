"""Typed exceptions. The core raises these; only the edges (CLI, adapters) turn them into words."""

from __future__ import annotations

from dataclasses import dataclass


class BotError(Exception):
    """Base of every error Wegwijs raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, located so an editor can jump to it.

    Severity is "error" (the content cannot go live) or "warning" (it can, but an
    editor should look: a missing translation, a stale review date).
    """

    path: str
    line: int
    column: int
    message: str
    hint: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        if self.severity == "warning":
            text += " [warning]"
        return text


class ContentError(BotError):
    """Content (flows, packs, catalogs) failed validation; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "no problems"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)


class StoreError(BotError):
    """The store could not do what was asked (disk full, locked, corrupt)."""


class TaskFull(StoreError):
    """A volunteer task has no places left."""


class SettingsError(BotError):
    """An environment variable or option has a value we cannot use."""
