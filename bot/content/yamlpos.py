"""YAML reading that keeps line/column marks and refuses YAML's silent surprises.

PyYAML's `safe_load` keeps the last of two duplicate keys without a word and reads an
unquoted `0113` as 75, `12:30` as 750 and `no` as False. Content editors are not YAML
experts, and a phone number turned into an integer is a wrong answer to a vulnerable
person. So we compose the node tree ourselves, reject duplicate keys, remember where
every value stands, and remember how each scalar was written so that a schema error can
say "write it in quotes".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.errors import Problem

Path_ = tuple[Any, ...]
# libyaml's parser (when PyYAML was built with it) composes ten times faster and keeps marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SURPRISE_TAGS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlDoc:
    """A parsed YAML file: plain Python data plus where each part of it was written."""

    path: str
    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    plain_scalars: dict[Path_, tuple[str, str]] = field(default_factory=dict)

    def mark(self, loc: Path_, *, key: bool = False) -> Mark:
        """The mark of the deepest part of `loc` that exists (a missing field points at its parent)."""
        loc = tuple(loc)
        while loc:
            table = self.key_marks if key else self.marks
            if loc in table:
                return table[loc]
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), Mark(1, 1))

    def problem(self, loc: Path_, message: str, hint: str | None = None, *,
                key: bool = False, severity: str = "error") -> Problem:
        m = self.mark(loc, key=key)
        return Problem(self.path, m.line, m.column, message, hint, severity)

    def surprise(self, loc: Path_) -> str | None:
        """If the value at `loc` was an unquoted scalar YAML read as a non-string, say how."""
        found = self.plain_scalars.get(tuple(loc))
        if not found:
            return None
        text, tag = found
        kind = _SURPRISE_TAGS.get(tag)
        if kind is None:
            return None
        return f"unquoted {text!r} is read by YAML as {kind}; write it in quotes: \"{text}\""


class _Builder:
    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")  # only used to resolve scalar values

    def build(self, node: yaml.Node, loc: Path_) -> Any:
        self.doc.marks[loc] = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            col = key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.doc.path, line, col,
                                             "keys must be plain words (no lists, maps or '<<' merges)"))
                continue
            key = key_node.value
            if key in first_seen:
                self.problems.append(Problem(
                    self.doc.path, line, col, f"duplicate key {key!r}",
                    f"it is already defined on line {first_seen[key]}; YAML would silently keep only the last one"))
                continue
            first_seen[key] = line
            self.doc.key_marks[loc + (key,)] = Mark(line, col)
            out[key] = self.build(value_node, loc + (key,))
        return out

    def _scalar(self, node: yaml.ScalarNode, loc: Path_) -> Any:
        value = self._constructor.construct_object(node, deep=True)
        if not node.style and not isinstance(value, str):  # plain: None (Python parser) or "" (libyaml)
            self.doc.plain_scalars[loc] = (node.value, node.tag)
        return value


def load_yaml(path: str | Path, display: str | None = None) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML file. Returns (doc, problems); doc is None when the syntax is broken.

    Args:
        path: the file to read.
        display: how to name the file in problems (a repo-relative path reads best).
    """
    shown = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(shown, 1, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    except OSError as exc:
        return None, [Problem(shown, 1, 1, f"cannot read file: {exc.strerror}")]
    return load_yaml_text(text, shown)


def load_yaml_text(text: str, shown: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML text already read; `shown` names it in problems."""
    doc = YamlDoc(shown, None)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        return None, [Problem(shown, line, col, f"YAML syntax error: {what}", _syntax_hint(what))]
    except yaml.YAMLError as exc:  # pragma: no cover - composer errors are all marked
        return None, [Problem(shown, 1, 1, f"YAML error: {exc}")]
    if node is None:
        return None, [Problem(shown, 1, 1, "the file is empty", "start with 'version: 1'")]
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, ())
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(shown, line, col, f"YAML value error: {exc.problem}")]
    return doc, builder.problems


def _syntax_hint(what: str) -> str | None:
    if "tab" in what or "\\t" in what:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in what:
        return "a text containing ': ' must be in quotes"
    if "could not find expected ':'" in what:
        return "check the indentation of the line above, or put the text in quotes"
    return None
