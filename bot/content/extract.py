"""Pull translatable strings out of flows and knowledge packs, for gettext catalogs.

Registered as the Babel extractor `wegwijs_yaml`, so translators can also use the
standard `pybabel extract` tooling. Every string carries a context naming where it is
shown ("allowance.adult:text", "flow:main"), so the same Dutch words in two places can be
translated differently, and a changed Dutch source keeps its context: the update step
then marks the old translation fuzzy instead of dropping it.
"""

from __future__ import annotations

from typing import Any, BinaryIO, Iterator

from bot.content.yamlpos import YamlDoc

#: The fields of each knowledge kind that a user reads (everything else is data).
KNOWLEDGE_FIELDS = {
    "entries": ("title", "text", "details", "desk_card"),
    "spreekuren": ("name", "about", "how_to_book", "place"),
    "tasks": ("title", "text", "where", "when", "requirements", "signup"),
}
FLOW_FIELDS = ("text", "button")


def messages_from_doc(doc: YamlDoc) -> Iterator[tuple[int, str, str]]:
    """(line, context, Dutch text) for every user-visible string in one parsed file."""
    data: Any = doc.data
    if not isinstance(data, dict):
        return
    for kind, fields in KNOWLEDGE_FIELDS.items():
        for i, item in enumerate(data.get(kind) or []):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            for name in fields:
                value = item.get(name)
                if isinstance(value, str) and value.strip():
                    yield doc.mark((kind, i, name)).line, f"{item['id']}:{name}", value
    steps = data.get("steps")
    if isinstance(steps, dict):
        for step_id, step in steps.items():
            if not isinstance(step, dict):
                continue
            for name in FLOW_FIELDS:
                value = step.get(name)
                if isinstance(value, str) and value.strip():
                    yield doc.mark(("steps", step_id, name)).line, f"flow:{step_id}", value
            for j, opt in enumerate(step.get("options") or []):
                if isinstance(opt, dict) and isinstance(opt.get("label"), str):
                    yield doc.mark(("steps", step_id, "options", j, "label")).line, f"flow:{step_id}", opt["label"]


def extract_yaml(fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: dict) -> Iterator[tuple]:
    """Babel extractor entry point (see pyproject's babel.extractors)."""
    from bot.content.yamlpos import load_yaml_text

    name = getattr(fileobj, "name", "<yaml>")
    doc, _ = load_yaml_text(fileobj.read().decode("utf-8"), str(name))
    if doc is None:
        return
    for line, context, text in messages_from_doc(doc):
        yield line, "pgettext", (context, text), []
