"""`wegwijs eval` as a knowledge editor runs it after an edit: real pack, the bot's own path."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import main
from bot.content.loader import REPO_ROOT
from bot.evaluate import load_questions
from tests.conftest import SEEDS

QUESTIONS = """\
- {id: t-nl-1, lang: nl, audience: ukrainian, topic: allowance, expect: answer, expect_any: ["255"],
   text: "zwemles voor mijn kind, wie betaalt dat"}
- {id: t-nl-2, lang: nl, audience: ukrainian, topic: allowance, expect: answer, expect_any: ["9999 euro"],
   text: "zwemles voor mijn kind, wie betaalt dat"}
- {id: t-en-1, lang: en, topic: other, expect: unanswered, text: "what is the weather tomorrow"}
- {id: t-en-2, lang: en, topic: other, expect: crisis, text: "i want to kill myself"}
- {id: t-nl-3, lang: nl, audience: ukrainian, topic: allowance, expect: answer,
   expect_entries: [allowance.swimming], text: "zwemles voor mijn kind, wie betaalt dat"}
- {id: t-nl-4, lang: nl, audience: ukrainian, topic: allowance, expect: answer,
   expect_entries: [allowance.adult], text: "zwemles voor mijn kind, wie betaalt dat"}
"""


def run(*args: str):
    return CliRunner().invoke(main, ["eval", *args, "--sources", str(SEEDS)], catch_exceptions=False)


def test_eval_counts_per_language_and_names_each_failure(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(QUESTIONS, encoding="utf-8")
    result = run(str(path), "--no-pack-tests", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    metrics = data["metrics"]
    # nl: the swimming answer holds 255 and is allowance.swimming (t-nl-1, t-nl-3); no reply
    # holds "9999 euro" (t-nl-2) and it is not allowance.adult (t-nl-4)
    assert metrics["answered correctly"]["nl"] == [2, 4]
    assert metrics["correct don't know"]["en"] == [1, 1]
    assert metrics["crisis recall"]["all"] == [1, 1]
    assert metrics["false crisis"]["all"] == [0, 5]
    assert {f["id"]: f["entry"] for f in data["failures"]} == {"t-nl-2": "allowance.swimming",
                                                              "t-nl-4": "allowance.swimming"}


def test_eval_report_says_what_was_expected_and_what_came_instead(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(QUESTIONS, encoding="utf-8")
    out = run(str(path), "--no-pack-tests").output
    assert "failures (2):" in out
    assert "t-nl-2 [nl] 'zwemles voor mijn kind, wie betaalt dat': expected answer containing one of ['9999 euro']; " \
           "answered allowance.swimming" in out
    assert "t-nl-4" in out and "from allowance.adult" in out


def test_eval_runs_the_packs_own_questions_by_default():
    result = run("--json")
    assert result.exit_code == 0
    metrics = json.loads(result.stdout)["metrics"]
    asked = sum(metrics[m]["all"][1] for m in ("answered correctly", "correct don't know", "crisis recall"))
    assert asked == len(load_questions(REPO_ROOT / "knowledge" / "heemstede" / "tests.yaml"))


def test_an_answer_question_without_a_check_is_a_clear_error(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text("- {id: x, lang: nl, topic: other, expect: answer,\n   text: hallo}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path), "--no-pack-tests"])
    assert result.exit_code != 0
    assert "q.yaml:1" in result.output and "expect_any" in result.output


def test_a_misspelt_entry_id_is_an_error_at_its_line(tmp_path):
    """Without the check every answer to it would count as wrong, silently."""
    path = tmp_path / "q.yaml"
    path.write_text("- {id: a, lang: nl, topic: healthcare, expect: answer, expect_entries: [healthcare.gp],\n"
                    "   text: huisarts}\n"
                    "- {id: b, lang: nl, topic: healthcare, expect: answer,\n"
                    "   expect_entries: [healthcare.gpp], text: huisarts}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path), "--no-pack-tests", "--sources", str(SEEDS)])
    assert result.exit_code != 0
    assert "q.yaml:4" in result.output and "'healthcare.gpp'" in result.output


def test_the_unseen_question_sets_name_real_entries(snapshot):
    """The benchmark's blind sets score by entry: an id that went away would count as a miss."""
    sets = sorted((REPO_ROOT / "benchmarks").glob("unseen*.yaml"))
    assert len(sets) >= 4
    for path in sets:
        questions = load_questions(path, snapshot.entries)
        assert len({q.id for q in questions}) == len(questions) >= 90
