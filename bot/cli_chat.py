"""Commands that talk to the engine: `chat` in the terminal and `ask` for editors."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click

from bot.cli_common import AS_OPTION, DB_OPTION, LANG_OPTION, PACK_OPTION, SOURCES_OPTION
from bot.messages import Incoming


@click.command()
@PACK_OPTION
@LANG_OPTION
@AS_OPTION
@DB_OPTION
@SOURCES_OPTION
def chat(pack: str, lang: str | None, audience: str | None, db: Path | None, sources: Path | None) -> None:
    """Chat with Wegwijs in the terminal, exactly as a user would.

    Buttons appear as numbered choices: type the number to press one. Anything else is
    a question in your own words (Ukrainian, Russian, Dutch or English). /menu, /help,
    /mydata, /forget work as in Telegram; /quit ends the chat.

    \b
    Examples:
        wegwijs chat
        wegwijs chat --lang uk --as ukrainian
        echo "where can I learn Dutch" | wegwijs chat --lang en --as ukrainian
    """
    from bot.adapters.console import run
    from bot.app import build_engine, secret_for
    from bot.privacy import user_key

    click.echo("Loading the knowledge…", err=True)
    # On the very first start the language model reads the knowledge in the background
    # (about two minutes on a busy two-core machine, Nov 2026); answers meanwhile come from
    # the word-based matcher.
    engine = build_engine(pack=pack, db_path=db, sources=sources, background=True)
    if engine.knowledge is not None and engine.knowledge.upgrading is not None:
        click.echo("First start: the language model is reading the knowledge (a few minutes at most). "
                   "Until then, answers come from word matching.", err=True)
    key = user_key(secret_for(db), "console", getpass.getuser())
    start = [Incoming(key, text="/start", lang_hint=lang)]
    if lang:
        start.append(Incoming(key, action=f"l:{lang}", kind="action"))
    if lang and audience:
        start.append(Incoming(key, action=f"w:{audience}", kind="action"))
    try:
        run(engine, key, sys.stdin, sys.stdout, start=start)
    finally:
        engine.store.close()


@click.command()
@click.argument("question", required=False)
@LANG_OPTION
@AS_OPTION
@PACK_OPTION
@SOURCES_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the decision as one JSON object.")
@click.option("--jsonl", is_flag=True, help="Read JSON lines {text, lang?, audience?} from stdin; "
                                            "write one JSON line per input.")
@click.option("--log", "log_signal", is_flag=True, help="Record a signal for unanswered questions "
                                                        "(off by default: editors' questions are not users').")
@DB_OPTION
def ask(question: str | None, lang: str | None, audience: str | None, pack: str, sources: Path | None,
        as_json: bool, jsonl: bool, log_signal: bool, db: Path | None) -> None:
    """Answer one question as a user would see it (for knowledge editors).

    \b
    Examples:
        wegwijs ask "де вчать голландську безкоштовно?" --lang uk --as ukrainian
        wegwijs ask "is there a food bank?" --lang en --json
        echo '{"text": "лікар?", "lang": "uk"}' | wegwijs ask --jsonl
    """
    from bot.app import build_engine, load_knowledge
    from bot.engine import Engine, guess_language

    if not jsonl and not question:
        raise click.UsageError("give a QUESTION, or --jsonl to read questions from stdin")
    if log_signal:
        engine = build_engine(pack=pack, db_path=db, sources=sources)
    else:  # nothing is written, so no database is opened (or created)
        engine = Engine(load_knowledge(pack, sources), store=None)
    try:
        if jsonl:
            for n, line in enumerate(sys.stdin, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    text = item["text"]
                except (ValueError, KeyError, TypeError):
                    click.echo(json.dumps({"error": f"line {n}: expected a JSON object with 'text'"}))
                    continue
                item_lang = item.get("lang") or lang or guess_language(text) or "en"
                result = engine.answer(text, item_lang, item.get("audience") or audience, log_signal=log_signal)
                click.echo(json.dumps(_as_dict(result), ensure_ascii=False))
            return
        result = engine.answer(question, lang or guess_language(question) or "en", audience, log_signal=log_signal)
        if as_json:
            click.echo(json.dumps(_as_dict(result), ensure_ascii=False, indent=2))
        else:
            from bot.adapters.console import render

            click.echo(render(result.replies)[0].rstrip())
    finally:
        if engine.store is not None:
            engine.store.close()


def _as_dict(result) -> dict:
    return {"answered": result.answered, "crisis": result.crisis, "entry": result.entry, "score": result.score,
            "alternatives": result.alternatives, "route": result.route,
            "nearer_unanswered": result.nearer_unanswered, "asks_unstated": result.asks_unstated,
            "named": result.named, "text": result.text}


COMMANDS = [chat, ask]


@click.command("eval")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@PACK_OPTION
@SOURCES_OPTION
@click.option("--pack-tests/--no-pack-tests", default=True, show_default=True,
              help="Also run the pack's own tests.yaml (staff-written questions).")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics and failures as JSON.")
def eval_(files: tuple[Path, ...], pack: str, sources: Path | None, pack_tests: bool, as_json: bool) -> None:
    """Measure answers on question sets: accuracy, "don't know", crisis — per language and topic.

    Each question runs through the same path as the bot (crisis check, matcher, reply
    text); an answer counts as correct when its reply contains one of `expect_any` and,
    if the question lists `expect_entries`, comes from one of them.

    \b
    Examples:
        wegwijs eval ../shared/eval/dev.yaml
        wegwijs eval                       # the pack's tests.yaml
        wegwijs eval my-questions.yaml --json
    """
    from bot.app import load_knowledge
    from bot.engine import Engine
    from bot.evaluate import evaluate, format_report, load_questions

    knowledge = load_knowledge(pack, sources)
    questions = [q for path in files for q in load_questions(path, knowledge.snapshot.entries)]
    if pack_tests:
        questions += list(knowledge.snapshot.tests)
    if not questions:
        raise click.UsageError("no questions: give a FILE, or add tests.yaml to the pack")
    engine = Engine(knowledge, store=None)
    with click.progressbar(questions, label="asking", file=sys.stderr) as bar:
        report = evaluate(engine, questions, progress=lambda qs: bar)
    if as_json:
        click.echo(json.dumps({"metrics": {m: {g: list(v) for g, v in d.items()} for m, d in report.summary().items()},
                               "failures": [{"id": o.question.id, "got": o.kind, "entry": o.entry,
                                             "crisis_lines": o.crisis, "nearer_unanswered": o.nearer_unanswered,
                                             "asks_unstated": o.asks_unstated, "named": o.named}
                                            for o in report.failures()]}, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report))


COMMANDS.append(eval_)
