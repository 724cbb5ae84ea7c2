"""Write what a blind question writer may read: each entry's id, audiences, topic, title,
text and details, and nothing else (no example questions, no tests, no other sets).

    .venv/bin/python benchmarks/blind/entries_for_writers.py OUT.md [--pack heemstede]

Why: a set written from the example questions measures how well the matcher recalls its
own examples, not how it understands people. See README.md here for the whole loop.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.content.loader import load_snapshot  # noqa: E402


def one_line(text: str) -> str:
    return " ".join(text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the Markdown file to write (outside the repository)")
    parser.add_argument("--pack", default="heemstede", help="knowledge pack (default: heemstede)")
    args = parser.parse_args()
    snapshot = load_snapshot(args.pack)
    blocks = []
    for entry in snapshot.entries.values():
        lines = [f"## {entry.id}", f"audiences: {', '.join(entry.audiences)}", f"topic: {entry.topic}",
                 f"title: {one_line(entry.title)}", f"text: {one_line(entry.text)}"]
        if entry.details:
            lines.append(f"details: {one_line(entry.details)}")
        blocks.append("\n".join(lines) + "\n")
    args.out.write_text("\n".join(blocks), encoding="utf-8")
    print(f"{len(blocks)} entries written to {args.out}")


if __name__ == "__main__":
    main()
