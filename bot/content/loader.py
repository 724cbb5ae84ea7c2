"""Load flows and one knowledge pack into an immutable, validated snapshot.

Two phases, as in Rasa: each file is checked against its schema on its own, then the
files are checked against each other (references, citations). Every problem is
collected, not just the first, so an editor fixes a file in one pass. A snapshot is only
built when there are no errors: a broken edit never goes live half-applied.
"""

from __future__ import annotations

import difflib
import os
import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from pydantic import BaseModel, ValidationError

from bot.content import schema as S
from bot.content.sources import figure_in, figures, open_doc
from bot.content.yamlpos import YamlDoc, load_yaml
from bot.errors import ContentError, Problem

REPO_ROOT = Path(__file__).resolve().parents[2]
FLOWS_DIR = REPO_ROOT / "flows"
KNOWLEDGE_DIR = REPO_ROOT / "knowledge"
REVIEW_EVERY = timedelta(days=365)
MIN_EXAMPLES = 8  # per language: how people really ask is how they find the answer
MAX_EXAMPLES_OVER_MEDIAN = 1.75  # measured: at 1.9 times the median an entry drew its neighbours' questions
MAX_SCREEN = 700  # characters of title + text: one phone screen
#: Figures any answer may state without a citation: the national emergency number (its
#: reviewed text lives in bot/data/crisis.yaml, outside the staff-edited packs).
NATIONAL_FIGURES = frozenset({"112"})
_FIELDS = sorted(S.field_names())


@dataclass(frozen=True)
class Snapshot:
    """Everything the engine needs from content, validated and read-only."""

    pack: S.PackSettings
    pack_dir: Path
    entries: Mapping[str, S.Entry]
    spreekuren: Mapping[str, S.Spreekuur]
    tasks: Mapping[str, S.Task]
    steps: Mapping[str, Any]
    tests: tuple[S.TestQuestion, ...]
    sources_dir: Path | None
    warnings: tuple[Problem, ...] = ()
    unavailable: frozenset[str] = frozenset()  # flow steps that lead only to what this pack lacks
    synonyms: tuple[tuple[str, ...], ...] = ()
    #: Questions the pack knows it does not answer, as (language, text): unanswered.yaml.
    unanswered: tuple[tuple[str, str], ...] = ()

    def active_entries(self, today: date) -> list[S.Entry]:
        """Entries that may be served today: an expired entry is never an answer."""
        return [e for e in self.entries.values() if e.valid_until is None or e.valid_until >= today]

    def is_active(self, entry: S.Entry, today: date) -> bool:
        return entry.valid_until is None or entry.valid_until >= today


def display_path(path: Path) -> str:
    """Paths in messages are relative to the current folder when possible, for editors' tools."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def _hint_for(value: Any, choices: Iterable[str]) -> str | None:
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def _validate(doc: YamlDoc, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    """Check a parsed file against its model and turn pydantic's errors into located problems."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = [_problem_from(doc, err) for err in exc.errors(include_url=False)]
        return None, _dedupe(problems)


def _real_loc(doc: YamlDoc, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the parts of a pydantic location that are model names, not YAML keys."""
    out: tuple[Any, ...] = ()
    for part in loc:
        if out + (part,) in doc.marks or out + (part,) in doc.key_marks:
            out += (part,)
        elif isinstance(part, str) and part in {"language", "notice", "question", "menu", "branch",
                                                 "answer", "route", "function-after"}:
            continue
        else:
            out += (part,)
    return out


def _problem_from(doc: YamlDoc, err: dict[str, Any]) -> Problem:
    loc = _real_loc(doc, tuple(err["loc"]))
    kind = err["type"]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        return doc.problem(loc, f"unknown field {name!r}", _hint_for(name, _FIELDS), key=True)
    if kind == "missing":
        return doc.problem(loc[:-1], f"missing required field {name!r}")
    surprise = doc.surprise(loc)
    if surprise and kind in {"string_type", "literal_error", "list_type", "dict_type"}:
        return doc.problem(loc, surprise)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        got = err.get("input")
        return doc.problem(loc, f"{got!r} is not one of: {', '.join(choices)}", _hint_for(got, choices))
    if kind == "union_tag_invalid":
        got = err.get("input", {}).get("kind") if isinstance(err.get("input"), dict) else None
        kinds = ["language", "notice", "question", "menu", "branch", "answer", "route"]
        return doc.problem(loc + ("kind",), f"unknown step kind {got!r}; one of: {', '.join(kinds)}",
                           _hint_for(got, kinds))
    if kind == "union_tag_not_found":
        return doc.problem(loc, "missing required field 'kind'")
    if kind == "string_pattern_mismatch":
        return doc.problem(loc, f"{err.get('input')!r} does not have the right form",
                           _pattern_hint(name, loc))
    if kind == "value_error":
        return doc.problem(loc, str(err["msg"]).removeprefix("Value error, "))
    if kind in {"string_type", "int_type", "bool_type", "date_type", "list_type", "dict_type",
                "model_type", "int_parsing", "date_from_datetime_parsing"}:
        want = {"string_type": "text", "int_type": "a whole number", "bool_type": "true or false",
                "date_type": "a date like 2026-01-31", "list_type": "a list", "dict_type": "a mapping",
                "model_type": "a mapping"}.get(kind, kind)
        return doc.problem(loc, f"expected {want}, got {_describe(err.get('input'))}")
    return doc.problem(loc, str(err["msg"]))


def _pattern_hint(name: str, loc: tuple[Any, ...]) -> str:
    if name in {"start", "end"}:
        return "write a time as \"HH:MM\" in quotes, e.g. \"09:30\""
    if name in {"links"} or (len(loc) > 1 and loc[-2] == "links"):
        return "links start with https://"
    return "ids are lowercase letters, digits, '-', '_' and '.', at most 40 characters"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no value {value}"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for p in problems:
        key = (p.path, p.line, p.column, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


class _Loader:
    def __init__(self, pack_dir: Path, flows_dir: Path, sources: Path | None, today: date):
        self.pack_dir = pack_dir
        self.flows_dir = flows_dir
        self.sources_override = sources
        self.today = today
        self.problems: list[Problem] = []
        self.docs: dict[str, YamlDoc] = {}
        self.broken: set[str] = set()  # kinds whose file did not load: skip references to them

    # -- phase 1: each file on its own ------------------------------------------------
    def _file(self, path: Path, model: type[BaseModel]) -> tuple[BaseModel | None, YamlDoc | None]:
        doc, problems = load_yaml(path, display_path(path))
        self.problems += problems
        if doc is None:
            return None, None
        self.docs[str(path)] = doc
        if problems:  # duplicate keys: the data is not what the editor wrote
            return None, doc
        obj, problems = _validate(doc, model)
        self.problems += problems
        return obj, doc

    def load(self) -> Snapshot:
        pack_file = self.pack_dir / "pack.yaml"
        if not pack_file.is_file():
            raise ContentError([Problem(display_path(pack_file), 1, 1, "no pack.yaml in this pack folder")])
        pack, _ = self._file(pack_file, S.PackSettings)

        entries: dict[str, tuple[S.Entry, YamlDoc, int]] = {}
        for path in sorted((self.pack_dir / "entries").glob("*.yaml")):
            obj, doc = self._file(path, S.EntriesFile)
            if obj is None:
                self.broken.add("entry")
            if obj:
                self._collect(entries, obj.entries, doc, "entries", "entry")
        spreekuren: dict[str, tuple[S.Spreekuur, YamlDoc, int]] = {}
        obj, doc = self._optional(self.pack_dir / "spreekuren.yaml", S.SpreekurenFile)
        if obj is None and (self.pack_dir / "spreekuren.yaml").is_file():
            self.broken.add("spreekuur")
        if obj:
            self._collect(spreekuren, obj.spreekuren, doc, "spreekuren", "spreekuur")
        tasks: dict[str, tuple[S.Task, YamlDoc, int]] = {}
        obj, doc = self._optional(self.pack_dir / "tasks.yaml", S.TasksFile)
        if obj:
            self._collect(tasks, obj.tasks, doc, "tasks", "task")
        tests_obj, tests_doc = self._optional(self.pack_dir / "tests.yaml", S.TestsFile)
        synonyms_obj, synonyms_doc = self._optional(self.pack_dir / "synonyms.yaml", S.SynonymsFile)
        unanswered_obj, unanswered_doc = self._optional(self.pack_dir / "unanswered.yaml", S.UnansweredFile)
        if synonyms_obj:
            self._check_synonyms(synonyms_obj, synonyms_doc)
        steps: dict[str, tuple[Any, YamlDoc]] = {}
        for path in sorted(self.flows_dir.glob("*.yaml")):
            obj, doc = self._file(path, S.FlowFile)
            if obj is None:
                self.broken.add("step")
            if obj:
                for step_id, step in obj.steps.items():
                    if step_id in steps:
                        first = steps[step_id][1]
                        self.problems.append(doc.problem(("steps", step_id), f"duplicate step id {step_id!r}",
                                                         f"already defined in {first.path}", key=True))
                    else:
                        steps[step_id] = (step, doc)

        # -- phase 2: the files against each other -------------------------------------
        sources = self._sources_dir(pack)
        if pack is not None:
            self._check_pack(pack, spreekuren)
        self._check_entries(entries, spreekuren, sources)
        self._check_spreekuren(spreekuren, sources)
        self._check_tasks(tasks, sources)
        self._check_flows(steps, entries, spreekuren)
        if tests_obj:
            self._check_tests(tests_obj, tests_doc, entries)
        if unanswered_obj:
            self._check_unanswered(unanswered_obj, unanswered_doc, entries)

        errors = [p for p in self.problems if p.severity == "error"]
        if errors or pack is None:
            raise ContentError(self.problems)
        return Snapshot(
            pack=pack,
            pack_dir=self.pack_dir,
            entries=MappingProxyType({k: v[0] for k, v in entries.items()}),
            spreekuren=MappingProxyType({k: v[0] for k, v in spreekuren.items()}),
            tasks=MappingProxyType({k: v[0] for k, v in tasks.items()}),
            steps=MappingProxyType({k: v[0] for k, v in steps.items()}),
            tests=tuple(tests_obj.questions) if tests_obj else (),
            sources_dir=sources,
            warnings=tuple(self.problems),
            synonyms=tuple(tuple(g) for g in synonyms_obj.groups) if synonyms_obj else (),
            unanswered=tuple((q.lang, q.text) for q in unanswered_obj.questions) if unanswered_obj else (),
            unavailable=_unavailable_steps({k: v[0] for k, v in steps.items()}, entries, spreekuren),
        )

    def _optional(self, path: Path, model: type[BaseModel]) -> tuple[Any, YamlDoc | None]:
        if not path.is_file():
            return None, None
        return self._file(path, model)

    def _collect(self, into: dict, items: list, doc: YamlDoc, key: str, what: str) -> None:
        for i, item in enumerate(items):
            if item.id in into:
                first = into[item.id][1]
                line = first.mark((key, into[item.id][2])).line
                self.problems.append(doc.problem((key, i, "id"), f"duplicate {what} id {item.id!r}",
                                                 f"already used in {first.path}:{line}"))
            else:
                into[item.id] = (item, doc, i)

    def _check_synonyms(self, obj: S.SynonymsFile, doc: YamlDoc) -> None:
        from bot.matching.synonyms import check_groups

        for (g, t), message, hint, severity in check_groups(obj.groups):
            self.problems.append(doc.problem(("groups", g, t), message, hint, severity=severity))

    # -- cross-file checks -----------------------------------------------------------
    def _sources_dir(self, pack: S.PackSettings | None) -> Path | None:
        if self.sources_override is not None:
            folder = self.sources_override
        elif os.environ.get("WEGWIJS_SOURCES"):
            folder = Path(os.environ["WEGWIJS_SOURCES"])
        elif pack is not None:
            folder = (self.pack_dir / pack.sources).resolve()
        else:
            return None
        if not folder.is_dir():
            doc = self.docs.get(str(self.pack_dir / "pack.yaml"))
            if doc is not None:
                self.problems.append(doc.problem(
                    ("sources",), f"source documents folder not found: {folder}",
                    "citations were not checked; pass --sources DIR or set WEGWIJS_SOURCES",
                    severity="warning"))
            return None
        return folder

    def _check_pack(self, pack: S.PackSettings, spreekuren: dict) -> None:
        doc = self.docs[str(self.pack_dir / "pack.yaml")]
        routes = pack.default_route if isinstance(pack.default_route, dict) else {None: pack.default_route}
        for audience, route in routes.items():
            if route and route not in spreekuren and "spreekuur" not in self.broken:
                loc = ("default_route",) + ((audience,) if audience else ())
                self.problems.append(doc.problem(loc, f"unknown spreekuur {route!r}", _hint_for(route, spreekuren)))
        if pack.source_language not in pack.languages:
            self.problems.append(doc.problem(("source_language",), "the source language must be one of 'languages'"))
        for lang in pack.languages:
            if lang not in pack.fallback and lang != pack.source_language:
                self.problems.append(doc.problem(("fallback",), f"no fallback order for {lang!r}",
                                                 severity="warning"))

    def _refs(self, doc: YamlDoc, loc: tuple, ids: Iterable[str], known: Mapping, what: str) -> None:
        if what in self.broken:
            return
        for i, ref in enumerate(ids):
            if ref not in known:
                self.problems.append(doc.problem(loc + (i,), f"unknown {what} {ref!r}", _hint_for(ref, known)))

    def _check_entries(self, entries: dict, spreekuren: dict, sources: Path | None) -> None:
        self._check_shared_examples(entries)
        self._check_example_balance(entries)
        for entry, doc, i in entries.values():
            loc = ("entries", i)
            self._refs(doc, loc + ("spreekuren",), entry.spreekuren, spreekuren, "spreekuur")
            texts = {"title": entry.title, "text": entry.text, "details": entry.details or "",
                     "desk_card": entry.desk_card or ""}
            self._check_citations(doc, loc, entry.source, texts, sources)
            for lang in S.LANGS:
                count = len(entry.examples.get(lang, []))
                if count < MIN_EXAMPLES:
                    self.problems.append(doc.problem(
                        loc + ("examples",), f"{count} example question(s) in {lang!r}, fewer than {MIN_EXAMPLES}",
                        "people find an answer through its examples: add the ways they really ask",
                        severity="warning"))
            if len(entry.title) + len(entry.text) > MAX_SCREEN:
                self.problems.append(doc.problem(
                    loc + ("text",), f"title and text are {len(entry.title) + len(entry.text)} characters, "
                    f"more than a phone screen (~{MAX_SCREEN})", "move details to 'details'", severity="warning"))
            if entry.valid_until and entry.valid_until < self.today:
                self.problems.append(doc.problem(loc + ("valid_until",),
                                                 f"entry {entry.id!r} expired on {entry.valid_until}; it is not served",
                                                 severity="warning"))
            if entry.reviewed + REVIEW_EVERY < self.today:
                self.problems.append(doc.problem(loc + ("reviewed",),
                                                 f"entry {entry.id!r} not reviewed since {entry.reviewed}",
                                                 "check it against the source and update 'reviewed'",
                                                 severity="warning"))

    def _check_example_balance(self, entries: dict) -> None:
        """An entry with far more example questions than the others draws their questions:
        its best example is close to more of what people type. Measured (Nov 2026): with
        150 examples where most entries have 80, the sport entry for asylum seekers became
        the answer to "money for sport?" from someone who had not said who they are."""
        counts = {e.id: sum(len(qs) for qs in e.examples.values()) for e, _, _ in entries.values()}
        if len(counts) < 5:
            return
        median = statistics.median(counts.values())
        for entry, doc, i in entries.values():
            if counts[entry.id] > MAX_EXAMPLES_OVER_MEDIAN * median:
                self.problems.append(doc.problem(
                    ("entries", i, "examples"), f"{counts[entry.id]} example questions, the pack's median is "
                    f"{median:g}: an entry with many more examples than the others draws their questions",
                    f"keep the most different ones, at most {int(MAX_EXAMPLES_OVER_MEDIAN * median)}",
                    severity="warning", key=True))

    def _check_shared_examples(self, entries: dict) -> None:
        """One example question in two entries for the same people: the matcher cannot
        learn which one it leads to, and the person gets a "which one?" at best."""
        first: dict[str, tuple[Any, YamlDoc, tuple]] = {}
        for entry, doc, i in entries.values():
            for lang, questions in entry.examples.items():
                for j, question in enumerate(questions):
                    key = _question_key(question)
                    loc = ("entries", i, "examples", lang, j)
                    seen = first.setdefault(key, (entry, doc, loc))
                    other, other_doc, other_loc = seen
                    if other.id != entry.id and set(other.audiences) & set(entry.audiences):
                        self.problems.append(doc.problem(
                            loc, f"example question {question!r} is also in entry {other.id!r} "
                            f"({other_doc.path}:{other_doc.mark(other_loc).line})",
                            "a question leads to one answer: keep it in one entry, or say in each "
                            "what sets them apart", severity="warning"))

    def _check_unanswered(self, unanswered: S.UnansweredFile, doc: YamlDoc, entries: dict) -> None:
        """A question both unanswered and an entry's example contradicts itself: the bot
        would say "I don't know" to the very question the entry was written for."""
        examples = {_question_key(q): (entry, edoc, ("entries", i, "examples", lang, j))
                    for entry, edoc, i in entries.values()
                    for lang, questions in entry.examples.items() for j, q in enumerate(questions)}
        for i, question in enumerate(unanswered.questions):
            found = examples.get(_question_key(question.text))
            if found:
                entry, edoc, loc = found
                self.problems.append(doc.problem(
                    ("questions", i, "text"), f"{question.text!r} is also an example question of entry "
                    f"{entry.id!r} ({edoc.path}:{edoc.mark(loc).line})",
                    "keep it in unanswered.yaml only if no entry answers it; otherwise remove it here",
                    severity="warning"))

    def _check_tests(self, tests: S.TestsFile, doc: YamlDoc, entries: dict) -> None:
        for i, question in enumerate(tests.questions):
            for j, entry_id in enumerate(question.expect_entries):
                if entry_id not in entries:
                    self.problems.append(doc.problem(("questions", i, "expect_entries", j),
                                                     f"no entry {entry_id!r} in this pack"))

    def _check_spreekuren(self, spreekuren: dict, sources: Path | None) -> None:
        for sp, doc, i in spreekuren.values():
            days = " ".join(slot.day for slot in sp.weekly)
            texts = {"about": sp.about, "how_to_book": sp.how_to_book or "", "place": sp.place or "",
                     "contact": sp.contact or "", "weekly": _dutch_days(days),
                     "times": " ".join(f"{s.start or ''} {s.end or ''}" for s in sp.weekly)}
            self._check_citations(doc, ("spreekuren", i), sp.source, texts, sources)

    def _check_tasks(self, tasks: dict, sources: Path | None) -> None:
        for task, doc, i in tasks.values():
            texts = {"title": task.title, "text": task.text, "where": task.where or "",
                     "when": task.when or "", "requirements": task.requirements or "", "signup": task.signup}
            self._check_citations(doc, ("tasks", i), task.source, texts, sources)

    def _check_citations(self, doc: YamlDoc, loc: tuple, cited: list[S.Source],
                         texts: dict[str, str], sources: Path | None) -> None:
        if sources is None:
            return
        sections: list[str] = []
        for j, src in enumerate(cited):
            seed = open_doc(sources, src.doc)
            if seed is None:
                known = [p.name for p in sources.glob("*.txt")]
                self.problems.append(doc.problem(loc + ("source", j, "doc"), f"source document {src.doc!r} not found",
                                                 _hint_for(src.doc, known)))
                continue
            body = seed.section_text(src.section)
            if body is None:
                self.problems.append(doc.problem(loc + ("source", j, "section"),
                                                 f"section {src.section!r} not found in {src.doc}",
                                                 _hint_for(src.section, seed.headings())))
                continue
            sections.append(body)
        if len(sections) != len(cited):
            return
        joined = "\n".join(sections)
        for name, text in texts.items():
            for fig in sorted(figures(text) - NATIONAL_FIGURES):
                if not figure_in(fig, joined):
                    self.problems.append(doc.problem(
                        loc + (name,), f"{fig!r} in {name} does not occur in the cited section(s)",
                        "cite the section that says it, or correct the figure"))

    def _check_flows(self, steps: dict, entries: dict, spreekuren: dict) -> None:
        for required in ("start", "main"):
            if required not in steps:
                path = display_path(self.flows_dir)
                self.problems.append(Problem(path, 1, 1, f"no step named {required!r} in any flow file"))
        for step_id, (step, doc) in steps.items():
            loc = ("steps", step_id)
            targets: list[tuple[tuple, str, str]] = []  # (loc, kind, id)
            if isinstance(step, (S.LanguageStep, S.NoticeStep)):
                targets.append((loc + ("next",), "step", step.next))
            elif isinstance(step, S.BranchStep):
                targets += [(loc + ("rules", j, "goto"), "step", r.goto) for j, r in enumerate(step.rules)]
                targets.append((loc + ("otherwise",), "step", step.otherwise))
            elif isinstance(step, S.AnswerStep):
                targets.append((loc + ("entry",), "entry", step.entry))
            elif isinstance(step, S.RouteStep):
                targets.append((loc + ("spreekuur",), "spreekuur", step.spreekuur))
            elif isinstance(step, (S.MenuStep, S.QuestionStep)):
                for j, opt in enumerate(step.options):
                    oloc = loc + ("options", j)
                    if opt.goto:
                        targets.append((oloc + ("goto",), "step", opt.goto))
                    if opt.entry:
                        targets.append((oloc + ("entry",), "entry", opt.entry))
                    if opt.route:
                        targets.append((oloc + ("route",), "spreekuur", opt.route))
                    if isinstance(step, S.QuestionStep) and opt.value is None:
                        self.problems.append(doc.problem(oloc, "a question option needs a 'value'"))
            known = {"step": steps, "entry": entries, "spreekuur": spreekuren}
            elsewhere = self._other_packs_ids()
            for tloc, kind, ref in targets:
                if ref in known[kind] or kind in self.broken:
                    continue
                if kind != "step" and ref in elsewhere[kind]:
                    continue  # flows are shared: another pack has it, this one leaves it out
                self.problems.append(doc.problem(tloc, f"unknown {kind} {ref!r}", _hint_for(ref, known[kind])))
        self._unreachable(steps)

    def _other_packs_ids(self) -> dict[str, set[str]]:
        """Entry and spreekuur ids of the sibling packs (flows may name what only they have)."""
        if hasattr(self, "_elsewhere"):
            return self._elsewhere
        found: dict[str, set[str]] = {"entry": set(), "spreekuur": set()}
        parent = self.pack_dir.parent
        for other in parent.iterdir() if parent.is_dir() else []:
            if other == self.pack_dir or not (other / "pack.yaml").is_file():
                continue
            files = [("entry", "entries", p) for p in (other / "entries").glob("*.yaml")]
            files.append(("spreekuur", "spreekuren", other / "spreekuren.yaml"))
            for kind, key, path in files:
                doc, _ = load_yaml(path) if path.is_file() else (None, [])
                items = doc.data.get(key) if doc and isinstance(doc.data, dict) else None
                found[kind] |= {i["id"] for i in items or [] if isinstance(i, dict) and isinstance(i.get("id"), str)}
        self._elsewhere = found
        return found

    def _unreachable(self, steps: dict) -> None:
        if "start" not in steps:
            return
        seen: set[str] = set()
        todo = ["start", "main"]
        while todo:
            sid = todo.pop()
            if sid in seen or sid not in steps:
                continue
            seen.add(sid)
            step = steps[sid][0]
            for attr in ("next", "otherwise"):
                if getattr(step, attr, None):
                    todo.append(getattr(step, attr))
            for rule in getattr(step, "rules", []) or []:
                todo.append(rule.goto)
            for opt in getattr(step, "options", []) or []:
                if opt.goto:
                    todo.append(opt.goto)
        for sid, (_, doc) in steps.items():
            if sid not in seen:
                self.problems.append(doc.problem(("steps", sid), f"step {sid!r} cannot be reached from 'start'",
                                                 severity="warning", key=True))


def _unavailable_steps(steps: Mapping[str, Any], entries: Mapping, spreekuren: Mapping) -> frozenset[str]:
    """Steps a user of this pack must not be led to: they end only in entries or spreekuren
    the pack leaves out (so one shared flow serves packs with fewer topics)."""
    dead: set[str] = set()
    topics = {value[0].topic for value in entries.values()}

    def option_dead(opt: S.Option) -> bool:
        return bool((opt.goto and opt.goto in dead) or (opt.entry and opt.entry not in entries)
                    or (opt.route and opt.route not in spreekuren) or (opt.topic and opt.topic not in topics))

    changed = True
    while changed:
        changed = False
        for sid, step in steps.items():
            if sid in dead:
                continue
            if isinstance(step, S.AnswerStep):
                gone = step.entry not in entries
            elif isinstance(step, S.RouteStep):
                gone = step.spreekuur not in spreekuren
            elif isinstance(step, S.QuestionStep):
                gone = any(option_dead(o) for o in step.options)  # never ask what leads nowhere
            elif isinstance(step, S.MenuStep):
                # "back to the menu" and "all spreekuren" are navigation, not content
                gone = sid != "main" and all(option_dead(o) or o.goto == "main" or o.spreekuren
                                             for o in step.options)
            elif isinstance(step, S.BranchStep):
                gone = all(t in dead for t in [r.goto for r in step.rules] + [step.otherwise])
            else:
                gone = False
            if gone:
                dead.add(sid)
                changed = True
    return frozenset(dead)


def _dutch_days(days: str) -> str:
    english = dict(zip(S.WEEKDAYS, ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")))
    return " ".join(english[d] for d in days.split())


def pack_dir(pack: str) -> Path:
    """Resolve a pack name (or a path to a pack folder)."""
    candidate = Path(pack)
    if candidate.is_dir() and (candidate / "pack.yaml").exists():
        return candidate.resolve()
    return KNOWLEDGE_DIR / pack


def _question_key(text: str) -> str:
    """One question however its case and spacing were typed (for finding it twice)."""
    return " ".join(text.casefold().split())


def load_snapshot(pack: str = "heemstede", *, sources: Path | None = None, flows: Path | None = None,
                  today: date | None = None) -> Snapshot:
    """Load and validate; raises ContentError listing every problem when anything is wrong."""
    folder = pack_dir(pack)
    if not (folder / "pack.yaml").is_file():
        known = sorted(p.name for p in KNOWLEDGE_DIR.iterdir() if (p / "pack.yaml").exists()) if KNOWLEDGE_DIR.is_dir() else []
        raise ContentError([Problem(display_path(folder), 1, 1, f"no knowledge pack {pack!r}",
                                    _hint_for(pack, known) or (f"known packs: {', '.join(known)}" if known else None))])
    loader = _Loader(folder, flows or FLOWS_DIR, sources, today or date.today())
    return loader.load()
