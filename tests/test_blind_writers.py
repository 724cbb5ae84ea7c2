"""The file a blind question writer reads holds the entries and none of their example
questions: a writer who saw the examples would measure recall, not understanding."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.content.loader import load_snapshot

ROOT = Path(__file__).resolve().parents[1]


def test_the_writers_file_has_every_entry_and_no_example_question(tmp_path: Path) -> None:
    out = tmp_path / "entries.md"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "blind" / "entries_for_writers.py"), str(out)],
                          capture_output=True, text=True, check=True)
    assert "entries written" in done.stdout
    written = out.read_text(encoding="utf-8")
    snapshot = load_snapshot("heemstede")
    for entry in snapshot.entries.values():
        assert f"## {entry.id}\n" in written
        long_examples = [q for qs in entry.examples.values() for q in qs if len(q) > 40]
        assert not any(q in written for q in long_examples), entry.id
