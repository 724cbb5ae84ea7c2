"""Keep the gettext catalogs in step with the Dutch sources, and check them.

`update` is what `pybabel update` does, with one difference that matters for knowledge:
every message has a context naming where it is shown, so when the Dutch text of an entry
changes, its old translation is kept, marked fuzzy and given the previous Dutch text.
The translator sees exactly what changed, and until they confirm, users get the fallback
language with a note rather than an out-of-date answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot.content.extract import messages_from_doc
from bot.content.loader import FLOWS_DIR, REPO_ROOT, display_path, pack_dir
from bot.content.sources import figures
from bot.content.yamlpos import load_yaml
from bot.errors import Problem
from bot.i18n import LOCALES_DIR

PACKAGE_DIR = REPO_ROOT / "bot"
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


@dataclass(frozen=True)
class Message:
    context: str | None
    msgid: str | tuple[str, str]  # a tuple for a message with plural forms
    where: str  # "path:line" for translators' comments

    @property
    def singular(self) -> str:
        return self.msgid[0] if isinstance(self.msgid, tuple) else self.msgid


def ui_messages() -> list[Message]:
    """Interface strings from the Python code (marked with T(...)) and the flows."""
    found: list[Message] = []
    for filename, lineno, msgid, comments, context in extract_from_dir(
            str(PACKAGE_DIR), method_map=[("**.py", "python")], keywords={"T": None, "TN": (1, 2)}):
        found.append(Message(context, msgid, f"bot/{filename}:{lineno}"))
    for path in sorted(FLOWS_DIR.glob("*.yaml")):
        doc, _ = load_yaml(path, display_path(path))
        if doc:
            found += [Message(ctx, text, f"flows/{path.name}:{line}") for line, ctx, text in messages_from_doc(doc)]
    return found


def pack_messages(pack: str) -> list[Message]:
    folder = pack_dir(pack)
    files = sorted((folder / "entries").glob("*.yaml")) + [folder / "spreekuren.yaml", folder / "tasks.yaml"]
    found: list[Message] = []
    for path in files:
        if not path.is_file():
            continue
        doc, _ = load_yaml(path, display_path(path))
        if doc:
            rel = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
            found += [Message(ctx, text, f"{rel}:{line}") for line, ctx, text in messages_from_doc(doc)]
    return found


def _template(domain: str, messages: list[Message]) -> Catalog:
    catalog = Catalog(domain=domain, project="Wegwijs", charset="utf-8",
                      creation_date=datetime(2026, 1, 1, tzinfo=timezone.utc))
    for m in messages:
        existing = catalog.get(m.msgid, context=m.context)
        if existing is not None:
            existing.locations.append((m.where.rsplit(":", 1)[0], int(m.where.rsplit(":", 1)[1])))
            continue
        path, line = m.where.rsplit(":", 1)
        catalog.add(m.msgid, context=m.context, locations=[(path, int(line))])
    return catalog


def po_path(lang: str, domain: str, locales: Path = LOCALES_DIR) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{domain}.po"


def update(domain: str, messages: list[Message], languages: list[str], locales: Path = LOCALES_DIR) -> dict[str, dict[str, int]]:
    """Merge the current sources into each language's .po file; returns counts per language."""
    template = _template(domain, messages)
    report: dict[str, dict[str, int]] = {}
    for lang in languages:
        path = po_path(lang, domain, locales)
        old = Catalog(locale=lang, domain=domain)
        if path.is_file():
            with path.open("rb") as fh:
                old = read_po(fh, locale=lang, domain=domain)
        # Old messages whose Dutch no longer exists, by context: candidates to carry over as fuzzy.
        current = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in template if m.id}
        by_context: dict[str | None, list] = {}
        for msg in old:
            key = (msg.context, msg.id[0] if isinstance(msg.id, tuple) else msg.id)
            if msg.id and msg.context and key not in current and msg.string:
                by_context.setdefault(msg.context, []).append(msg)
        new = Catalog(locale=lang, domain=domain, project="Wegwijs", charset="utf-8",
                      creation_date=old.creation_date, revision_date=old.revision_date,
                      last_translator=old.last_translator, language_team=old.language_team)
        counts = {"current": 0, "fuzzy": 0, "missing": 0}
        for tmsg in template:
            if not tmsg.id:
                continue
            same = old.get(tmsg.id, context=tmsg.context)
            string, flags, previous = "", set(), []
            if same is not None and same.string:
                string, flags, previous = same.string, set(same.flags), list(same.previous_id or [])
            elif tmsg.context and by_context.get(tmsg.context):
                moved = _closest(tmsg.id, by_context[tmsg.context])  # same place, Dutch changed
                if moved is not None:
                    by_context[tmsg.context].remove(moved)
                    string, flags, previous = moved.string, {"fuzzy"}, [moved.id]
            if tmsg.pluralizable and not isinstance(string, tuple):
                string = ("",) * new.num_plurals
            new.add(tmsg.id, string, context=tmsg.context, locations=tmsg.locations, flags=flags,
                    previous_id=previous if "fuzzy" in flags else ())
            done = all(string) if isinstance(string, tuple) else bool(string)
            counts["fuzzy" if "fuzzy" in flags and done else "current" if done else "missing"] += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            # no line numbers in locations: editing code must not churn every catalog
            write_po(fh, new, width=100, include_previous=True, sort_output=False, include_lineno=False)
        report[lang] = counts
    return report


def _closest(msgid, candidates: list):
    """The old message a changed Dutch text most likely replaced (same context)."""
    import difflib

    text = msgid[0] if isinstance(msgid, tuple) else msgid
    if len(candidates) == 1:
        return candidates[0]
    scored = [(difflib.SequenceMatcher(None, text, c.id if isinstance(c.id, str) else c.id[0]).ratio(), i)
              for i, c in enumerate(candidates)]
    best, index = max(scored)
    return candidates[index] if best >= 0.5 else None


def check(domain: str, messages: list[Message], languages: list[str], locales: Path = LOCALES_DIR) -> list[Problem]:
    """Missing/fuzzy translations (warnings) and translations that change a figure or placeholder (errors)."""
    problems: list[Problem] = []
    for lang in languages:
        path = po_path(lang, domain, locales)
        shown = display_path(path)
        if not path.is_file():
            if messages:
                problems.append(Problem(shown, 1, 1, f"no {lang!r} catalog for {domain!r}",
                                        "run: wegwijs i18n update", "warning"))
            continue
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang, domain=domain)
        lines = _message_lines(path)
        for m in messages:
            msg = catalog.get(m.msgid, context=m.context)
            line = lines.get((m.context, m.singular), 1)
            label = f"{m.context or m.singular[:30]!r}"
            forms = msg.string if msg is not None and isinstance(msg.string, tuple) else (msg.string if msg else "",)
            if msg is None or not all(forms):
                problems.append(Problem(shown, line, 1, f"missing {lang} translation of {label} ({m.where})",
                                        "run: wegwijs i18n update, then translate", "warning"))
                continue
            if msg.fuzzy:
                problems.append(Problem(shown, line, 1, f"fuzzy {lang} translation of {label}: the Dutch source changed",
                                        "check the translation, then remove the fuzzy flag", "warning"))
                continue
            source = " ".join(m.msgid) if isinstance(m.msgid, tuple) else m.msgid
            extra = {f for f in figures(" ".join(forms)) if not f.isalpha()} - {f for f in figures(source) if not f.isalpha()}
            if extra:
                problems.append(Problem(shown, line, 1, f"{lang} translation of {label} has figure(s) "
                                        f"{', '.join(sorted(extra))} that the Dutch source does not"))
            wanted = set(_PLACEHOLDER.findall(m.singular))
            if any(set(_PLACEHOLDER.findall(form)) != wanted for form in forms):
                problems.append(Problem(shown, line, 1, f"{lang} translation of {label} does not keep the "
                                        f"placeholders {sorted(wanted)}"))
    return problems


def _message_lines(path: Path) -> dict[tuple[str | None, str], int]:
    """Line of each message's msgid in a .po file, so problems point at the right place."""
    with path.open("rb") as fh:
        catalog = read_po(fh)
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m.lineno or 1 for m in catalog if m.id}
