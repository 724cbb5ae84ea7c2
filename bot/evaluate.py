"""Measure how well the bot answers a question set, through the same path the bot uses.

The question sets (../shared/eval/dev.yaml, a pack's tests.yaml) say per question what a
correct reply must contain. We run each through crisis detection, the matcher and the
reply text, and count what a user would have experienced. Knowledge editors run this
after every change; the failures list says what was answered instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Collection, Iterable

from pydantic import TypeAdapter, ValidationError

from bot.content.schema import TestQuestion
from bot.content.yamlpos import load_yaml
from bot.errors import ContentError, Problem


def load_questions(path: Path, entries: Collection[str] | None = None) -> list[TestQuestion]:
    """A list of questions (dev.yaml style) or a {version, questions} file (tests.yaml).

    With `entries` (the pack's entry ids), an `expect_entries` id that is not one of them
    is an error at its line: a typo there would make every answer to it count as wrong."""
    doc, problems = load_yaml(path)
    if doc is None or problems:
        raise ContentError(problems)
    wrapped = isinstance(doc.data, dict) and "questions" in doc.data
    data = doc.data["questions"] if wrapped else doc.data
    prefix: tuple = ("questions",) if wrapped else ()
    try:
        questions = TypeAdapter(list[TestQuestion]).validate_python(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ContentError([doc.problem(prefix + tuple(err["loc"]), err["msg"])]) from None
    if entries is not None:
        unknown = [doc.problem(prefix + (i, "expect_entries", j), f"no entry {entry_id!r} in this pack")
                   for i, q in enumerate(questions) for j, entry_id in enumerate(q.expect_entries)
                   if entry_id not in entries]
        if unknown:
            raise ContentError(unknown)
    return questions


@dataclass
class Outcome:
    question: TestQuestion
    kind: str
    entry: str | None
    text: str
    crisis: bool = False  # the crisis reply, alone or (semantic check) before an answer
    nearer_unanswered: bool = False  # "I don't know" by the pack's unanswered.yaml
    asks_unstated: str | None = None  # "I don't know": asks "how long", the entry states no time
    named: bool = False  # asks what a name is that only this entry has (answered even on a weak score)

    @property
    def correct(self) -> bool:
        q = self.question
        if q.expect == "crisis":
            return self.crisis or self.kind == "crisis"
        if q.expect == "unanswered":
            return self.kind == "unknown"
        if self.kind != "answer" or (q.expect_entries and self.entry not in q.expect_entries):
            return False
        folded = self.text.casefold()
        return not q.expect_any or any(want.casefold() in folded for want in q.expect_any)


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def _rate(self, items: Iterable[Outcome], ok: Callable[[Outcome], bool]) -> tuple[int, int]:
        items = list(items)
        return sum(1 for o in items if ok(o)), len(items)

    def summary(self) -> dict[str, dict[str, tuple[int, int]]]:
        """Metric -> group ("all", "uk", ..., "topic:healthcare") -> (hits, total)."""
        groups: dict[str, list[Outcome]] = defaultdict(list)
        for o in self.outcomes:
            for g in ("all", o.question.lang, f"topic:{o.question.topic}"):
                groups[g].append(o)
        out: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
        for g, items in groups.items():
            answerable = [o for o in items if o.question.expect == "answer"]
            unanswerable = [o for o in items if o.question.expect == "unanswered"]
            crises = [o for o in items if o.question.expect == "crisis"]
            others = [o for o in items if o.question.expect != "crisis"]
            out["answered correctly"][g] = self._rate(answerable, lambda o: o.correct)
            out["wrongly declined"][g] = self._rate(answerable, lambda o: o.kind == "unknown")
            out["asked which one"][g] = self._rate(answerable, lambda o: o.kind == "disambiguate")
            out["correct don't know"][g] = self._rate(unanswerable, lambda o: o.correct)
            out["crisis recall"][g] = self._rate(crises, lambda o: o.correct)
            out["false crisis"][g] = self._rate(others, lambda o: o.crisis or o.kind == "crisis")
        return out

    def failures(self) -> list[Outcome]:
        """Wrong outcomes, and crisis lines given where the question was no crisis."""
        return [o for o in self.outcomes if not o.correct or (o.crisis and o.question.expect != "crisis")]


def evaluate(engine, questions: list[TestQuestion], progress: Callable[[Iterable], Iterable] = iter) -> Report:
    report = Report()
    for q in progress(questions):
        result = engine.answer(q.text, q.lang, q.audience)
        report.outcomes.append(Outcome(q, result.kind, result.entry, result.text, result.crisis,
                                       result.nearer_unanswered, result.asks_unstated, result.named))
    return report


def format_report(report: Report) -> str:
    summary = report.summary()
    groups = ["all", "uk", "ru", "nl", "en"] + sorted(g for g in summary["answered correctly"] if g.startswith("topic:"))
    lines = [f"{'':<22}" + "".join(f"{g.removeprefix('topic:')[:12]:>14}" for g in groups)]
    for metric, by_group in summary.items():
        cells = []
        for g in groups:
            hits, total = by_group.get(g, (0, 0))
            cells.append(f"{hits}/{total} {100 * hits / total:3.0f}%" if total else "-")
        lines.append(f"{metric:<22}" + "".join(f"{c:>14}" for c in cells))
    fails = report.failures()
    if fails:
        lines.append(f"\nfailures ({len(fails)}):")
        for o in fails:
            got = {"answer": f"answered {o.entry}", "unknown": "said it does not know",
                   "disambiguate": "asked which one", "crisis": "gave the crisis reply"}[o.kind]
            if o.crisis and o.kind != "crisis":
                got = "gave the crisis lines, then " + got
            if o.nearer_unanswered:
                got += " (nearer a question in unanswered.yaml)"
            if o.asks_unstated and o.kind == "unknown":
                got += f" (asks {o.asks_unstated!r}, which the best entry does not state)"
            if o.named and o.kind == "answer":
                got += " (asked what a name is that only this entry has)"
            lines.append(f"  {o.question.id} [{o.question.lang}] {o.question.text!r}: expected {o.question.expect}"
                         + (f" from {', '.join(o.question.expect_entries)}" if o.question.expect_entries else "")
                         + (f" containing one of {o.question.expect_any}" if o.question.expect_any else "")
                         + f"; {got}")
    return "\n".join(lines)


__all__ = ["Problem", "evaluate", "format_report", "load_questions"]
