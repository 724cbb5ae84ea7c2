"""Choose the matcher's "answer" threshold from data, not by guessing.

Positives: every example question of every entry, held out in five folds (the matcher is
built without that fold, and the held-out question should find its own entry).
Negatives: tests/data/out_of_scope.yaml, questions the knowledge does not answer.
The evaluation sets are not used: they measure, they do not tune.

    .venv/bin/python benchmarks/calibrate_matcher.py [--pack heemstede]

Prints, per threshold: correct answers, wrong answers and declines on the positives, and
false answers on the negatives. Pick the lowest threshold whose false-answer rate on the
negatives is at most 5 % and put it in bot/matching/simple.py (ANSWER_AT).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from bot.content.loader import REPO_ROOT, load_snapshot
from bot.evaluate import load_questions
from bot.matching.simple import Document, SimpleMatcher


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pack", default="heemstede")
    args = parser.parse_args()
    snap = load_snapshot(args.pack, sources=REPO_ROOT.parent / "shared" / "seeds")
    items = [(e.id, q) for e in snap.entries.values() for qs in e.examples.values() for q in qs]
    random.Random(7).shuffle(items)
    folds = [items[i::5] for i in range(5)]
    positives: list[tuple[str, str, float]] = []  # (wanted, got, score)
    for fold in folds:
        held = set(fold)
        docs = [Document(e.id, frozenset(e.audiences),
                         tuple([e.title] + [q for qs in e.examples.values() for q in qs if (e.id, q) not in held]))
                for e in snap.entries.values()]
        matcher = SimpleMatcher(docs)
        for wanted, question in fold:
            # asked by someone the entry is for, as in the bot (answers depend on the audience)
            ranked = matcher.rank(question, snap.entries[wanted].audiences[0])
            positives.append((wanted, ranked[0].entry_id if ranked else "", ranked[0].score if ranked else 0.0))
    full = SimpleMatcher([Document(e.id, frozenset(e.audiences),
                                   tuple([e.title] + [q for qs in e.examples.values() for q in qs]))
                          for e in snap.entries.values()])
    negatives = [max(full.rank(q.text, a)[0].score for a in ("ukrainian", "asylum_seeker")) for q in load_questions(Path(__file__).parents[1] / "tests/data/out_of_scope.yaml")]
    print(f"{len(positives)} held-out example questions, {len(negatives)} out-of-scope questions")
    print(f"{'threshold':>9} {'right':>7} {'wrong':>7} {'declined':>9} {'false answers':>14}")
    for t in [x / 100 for x in range(20, 62, 2)]:
        right = sum(1 for w, g, s in positives if s >= t and w == g)
        wrong = sum(1 for w, g, s in positives if s >= t and w != g)
        declined = sum(1 for _, _, s in positives if s < t)
        false = sum(1 for s in negatives if s >= t)
        n = len(positives)
        print(f"{t:>9.2f} {100*right/n:>6.1f}% {100*wrong/n:>6.1f}% {100*declined/n:>8.1f}% "
              f"{100*false/len(negatives):>13.1f}%")


if __name__ == "__main__":
    main()
