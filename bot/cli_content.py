"""Commands for knowledge editors: check content, keep catalogs in step, read sources."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import click

from bot.cli_common import PACK_OPTION, SOURCES_OPTION
from bot.content import catalogs
from bot.content.loader import display_path, load_snapshot, pack_dir
from bot.content.schema import AUDIENCES, LANGS, TOPICS
from bot.content.sources import NUMBERED_HEADING, open_doc
from bot.errors import ContentError, Problem
from bot.i18n import UI_DOMAIN


def collect_problems(pack: str, sources: Path | None, today: date | None = None,
                     flows: Path | None = None) -> tuple[list[Problem], object]:
    """Every problem in flows, the pack and the catalogs; and the snapshot if it loaded."""
    problems: list[Problem] = []
    snapshot = None
    try:
        snapshot = load_snapshot(pack, sources=sources, today=today, flows=flows)
        problems += list(snapshot.warnings)
    except ContentError as exc:
        problems += exc.problems
    languages = [lang for lang in LANGS if lang != "nl"]
    if snapshot is not None:
        languages = [lang for lang in snapshot.pack.languages if lang != snapshot.pack.source_language]
    problems += catalogs.check(UI_DOMAIN, catalogs.ui_messages(), languages)
    pack_id = snapshot.pack.id if snapshot else Path(pack).name
    problems += catalogs.check(f"pack-{pack_id}", catalogs.pack_messages(pack), languages)
    problems += _crisis_problems()
    return problems, snapshot


def _crisis_problems() -> list[Problem]:
    """The bot answers crises from built-in texts when its data files are broken, so a
    broken file shows nowhere else: it is an error here."""
    from bot import crisis

    hints = {"crisis.yaml": "crisis messages are recognised and answered from the built-in fallback until this is fixed",
             "crisis_examples.yaml": "only the patterns recognise crisis messages until this is fixed"}
    return [Problem(f"bot/data/{name}", line, 1, message, hint=hints.get(name))
            for name, line, message in crisis.data_problems()]


@click.command()
@PACK_OPTION
@SOURCES_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too (missing translation, expired or "
                                              "unreviewed entry, unreachable flow step).")
@click.option("--coverage", is_flag=True, help="Also print entries per topic x audience x language, "
                                                "and the source sections no entry cites.")
@click.option("--flows", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Check flows from this folder instead of the project's flows/ (to try a new flow).")
def check(pack: str, sources: Path | None, strict: bool, coverage: bool, flows: Path | None) -> None:
    """Validate flows, a knowledge pack and the translation catalogs.

    Prints every problem as `path:line:col: what is wrong — hint`, all of them, and
    exits with 1 when there are errors (with --strict: also warnings).

    \b
    Examples:
        wegwijs check                          # the Heemstede pack
        wegwijs check --pack noordwijk --strict
        wegwijs check --sources ../shared/seeds --coverage
    """
    problems, snapshot = collect_problems(pack, sources, flows=flows)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if coverage and snapshot is not None:
        _print_coverage(snapshot)
    if snapshot is not None:
        click.echo(f"{display_path(pack_dir(pack))}: {len(snapshot.entries)} entries, "
                   f"{len(snapshot.spreekuren)} spreekuren, {len(snapshot.tasks)} tasks, "
                   f"{len(snapshot.steps)} flow steps; {errors} error(s), {warnings} warning(s)")
    else:
        click.echo(f"{errors} error(s), {warnings} warning(s); the pack did not load")
    if errors or (strict and warnings):
        sys.exit(1)


def _print_coverage(snapshot) -> None:
    from bot.i18n import I18n

    pack = snapshot.pack
    i18n = I18n(pack.id, list(pack.languages), pack.fallback, pack.source_language)
    langs = list(pack.languages)
    counts: Counter[tuple[str, str, str]] = Counter()
    for entry in snapshot.entries.values():
        shown_in = [lang for lang in langs
                    if i18n.knowledge(lang, f"{entry.id}:text", entry.text).lang == lang]
        for audience in entry.audiences:
            for lang in shown_in:
                counts[(entry.topic, audience, lang)] += 1
    click.echo(f"\nentries per topic x audience, translated into {'/'.join(langs)}:")
    click.echo(f"{'topic':<14}" + "".join(f"{a:>22}" for a in AUDIENCES))
    for topic in TOPICS:
        cells = ["/".join(str(counts[(topic, a, lang)]) for lang in langs) for a in AUDIENCES]
        click.echo(f"{topic:<14}" + "".join(f"{c:>22}" for c in cells))
    if snapshot.sources_dir is None:
        return
    cited: set[tuple[str, str]] = set()
    for item in list(snapshot.entries.values()) + list(snapshot.spreekuren.values()) + list(snapshot.tasks.values()):
        for src in item.source:
            doc = open_doc(snapshot.sources_dir, src.doc)
            if doc and doc.find(src.section) is not None:
                cited.add((src.doc, doc.lines[doc.find(src.section)].strip()))
    cited_docs = {d for d, _ in cited}
    click.echo("\nsection headings of the cited documents that no entry, spreekuur or task cites:")
    for path in sorted(snapshot.sources_dir.glob("*.txt")):
        if path.name not in cited_docs:
            continue
        doc = open_doc(snapshot.sources_dir, path.name)
        headings = list(dict.fromkeys(h for h in doc.headings() if len(h.split()) >= 2))
        numbered = [h for h in headings if NUMBERED_HEADING.match(h)]
        headings = numbered if len(numbered) >= 3 else headings  # a numbered document: its sections
        missing = [h for h in headings if (path.name, h) not in cited]
        click.echo(f"  {path.name} ({len(missing)} of {len(headings)}):")
        for heading in missing:
            click.echo(f"    - {heading}")


@click.group()
def i18n() -> None:
    """Keep the gettext catalogs (locales/) in step with the Dutch sources.

    \b
    After editing Dutch text in flows/ or knowledge/, run:
        wegwijs i18n update --pack heemstede
    then translate the new or fuzzy messages in locales/<lang>/LC_MESSAGES/*.po
    (any PO editor works: Poedit, Lokalize, Weblate) and run `wegwijs check --strict`.
    """


@i18n.command("update")
@PACK_OPTION
def i18n_update(pack: str) -> None:
    """Extract every user-visible string and merge it into the .po files.

    A changed Dutch text keeps its translation, marked fuzzy with the previous Dutch
    text, so translators see what changed; until then users get the fallback language.

    \b
    Example:
        wegwijs i18n update --pack heemstede
    """
    try:
        snapshot = load_snapshot(pack)
        languages = [lang for lang in snapshot.pack.languages if lang != snapshot.pack.source_language]
        pack_id = snapshot.pack.id
    except ContentError:
        languages = [lang for lang in LANGS if lang != "nl"]
        pack_id = Path(pack).name
    for domain, messages in ((UI_DOMAIN, catalogs.ui_messages()), (f"pack-{pack_id}", catalogs.pack_messages(pack))):
        report = catalogs.update(domain, messages, languages)
        for lang, counts in report.items():
            click.echo(f"{display_path(catalogs.po_path(lang, domain))}: {counts['current']} current, "
                       f"{counts['fuzzy']} fuzzy, {counts['missing']} missing")


@click.command()
@click.argument("document", required=False)
@SOURCES_OPTION
@PACK_OPTION
def sources(document: str | None, sources: Path | None, pack: str) -> None:
    """List the seed documents, or the section headings of one (what `source.section` may cite).

    \b
    Examples:
        wegwijs sources
        wegwijs sources 002_b18d20ababf8f6d3.txt
    """
    folder = sources
    if folder is None:
        try:
            folder = load_snapshot(pack).sources_dir
        except ContentError:
            folder = None
    if folder is None:
        raise click.ClickException("no source documents folder; pass --sources DIR")
    if document is None:
        for path in sorted(folder.glob("*.txt")):
            click.echo(path.name)
        return
    doc = open_doc(folder, document)
    if doc is None:
        raise click.ClickException(f"no document {document!r} in {folder}")
    for heading in doc.headings():
        click.echo(heading)


COMMANDS = [check, i18n, sources]
