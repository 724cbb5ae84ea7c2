"""Every broken file in tests/data/bad/ must produce exactly the `check` line it names.

Each file says where it goes in a small valid pack (`# target:`) and the exact line
`wegwijs check` must print for it (`# expect:`). Editors rely on these messages, so they
are compared verbatim.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main

DATA = Path(__file__).parent / "data"
BAD = sorted((DATA / "bad").glob("*.yaml"))


def _header(path: Path, key: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"# {key}: "):
            return line.split(": ", 1)[1]
    raise AssertionError(f"{path.name} has no '# {key}:' line")


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    for name, folder in (("pack", "minipack"), ("flows", "miniflows"), ("seeds", "seeds")):
        shutil.copytree(DATA / folder, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*extra: str):
    return CliRunner().invoke(main, ["check", "--pack", "pack", "--flows", "flows", "--sources", "seeds", *extra])


def test_the_small_pack_is_valid(workspace):
    result = _check()
    assert result.exit_code == 0, result.output
    assert "3 entries, 1 spreekuren" in result.output


@pytest.mark.parametrize("bad", BAD, ids=[p.stem for p in BAD])
def test_broken_file_gives_its_exact_message(workspace, bad):
    target = _header(bad, "target")
    dest = workspace / ("flows" if target.startswith("flows/") else "pack") / target.removeprefix("flows/")
    shutil.copy(bad, dest)
    result = _check()
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith(("pack/", "flows/"))
              and not line.endswith("[warning]")]
    assert errors == [_header(bad, "expect")]


def test_all_problems_are_reported_not_just_the_first(workspace):
    for bad in ("unknown_field", "bad_topic"):
        shutil.copy(DATA / "bad" / f"{bad}.yaml", workspace / "pack" / "entries" / f"{bad}.yaml")
    result = _check()
    assert "unknown field 'valid_untill'" in result.output
    assert "'helthcare' is not one of" in result.output


def test_strict_fails_on_warnings_only(workspace):
    assert _check().exit_code == 0  # missing translations are warnings
    assert _check("--strict").exit_code == 1


def test_an_example_question_in_two_entries_for_the_same_people_is_flagged(workspace):
    # the small pack asks "sportclub betalen" in the allowance for children and for adults
    lines = [line for line in _check().output.splitlines() if "also in entry" in line]
    assert lines == ["pack/entries/base.yaml:40:40: example question 'sportclub betalen' is also in entry "
                     "'geld.sport-kind' (pack/entries/base.yaml:26) — a question leads to one answer: keep it "
                     "in one entry, or say in each what sets them apart [warning]"]


def test_an_entry_with_far_more_examples_than_the_others_is_flagged(workspace):
    # five more entries with four examples each, and one with twenty: it would draw the
    # questions of its neighbours (the pack's median is 4)
    def entry(i: int, per_language: int) -> str:
        examples = "\n".join(f"      {lang}: [{', '.join(f'vraag {lang} {i} {k}' for k in range(per_language))}]"
                             for lang in ("uk", "ru", "nl", "en"))
        return (f"  - id: zorg.extra-{i}\n    topic: healthcare\n    audiences: [ukrainian]\n"
                f"    title: Extra {i}\n    text: Schrijf je in bij een huisarts.\n    examples:\n{examples}\n"
                f"    source:\n      - doc: gids.txt\n        section: 1. Zorg\n    reviewed: 2026-11-01\n")
    text = "version: 1\nentries:\n" + "".join(entry(i, 1) for i in range(5)) + entry(5, 5)
    (workspace / "pack" / "entries" / "extra.yaml").write_text(text, encoding="utf-8")
    lines = [line for line in _check().output.splitlines() if "example questions, the pack's median" in line]
    assert len(lines) == 1
    assert lines[0].startswith("pack/entries/extra.yaml:") and "20 example questions, the pack's median is 4" in lines[0]
    assert lines[0].endswith("keep the most different ones, at most 7 [warning]")
