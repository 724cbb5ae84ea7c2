"""How many crisis messages the crisis check catches, and how many ordinary ones it flags.

    .venv/bin/python benchmarks/crisis_bench.py

Two checks, as the bot runs them: the patterns (bot/data/crisis.yaml, every install) and,
with the semantic model, the comparison with crisis and ordinary example messages
(bot/data/crisis_examples.yaml), which adds the crisis lines before an answer. Measured on
every benchmarks/crisis_probe*.yaml (or the files given; written blind: see their heads)
and, for false alarms, on every
real question we have: the blind question sets, the out-of-scope set and the pack's tests.
Prints a table, one row per check ("ordinary": the probe's ordinary messages, "real": the
questions). Timing: only the patterns, on the real questions and on long random messages
(1000-5000 characters, the worst case for regular expressions); latency per question,
matcher included, is in matcher_bench.py.

Conversations (benchmarks/crisis_talks*.yaml: two or three messages in a row) go through
the chat's own path, `Engine.handle_sync` with a SQLite file, one user per conversation;
one counts as caught (or flagged) when one of its replies starts with the crisis lines.
For false alarms, real questions of the blind sets are sent two by two the same way.
(Reading a message together with the one before it was tried on crisis_talks1, Nov 2026:
no more conversations caught, 2 more ordinary ones flagged; not kept. See its head.)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import crisis  # noqa: E402
from bot.content.loader import load_snapshot  # noqa: E402
from bot.engine import Engine, Knowledge  # noqa: E402
from bot.evaluate import load_questions  # noqa: E402



def measured(pattern: str) -> list[Path]:
    """The blind sets measured once already: a new one's first figure is taken by naming
    it (benchmarks/blind/README.md), not by a run over everything."""
    return [p for p in sorted((ROOT / "benchmarks").glob(pattern))
            if "NOT YET MEASURED" not in p.read_text(encoding="utf-8")]


ARGS = [Path(a) for a in sys.argv[1:]]
PROBES = [a for a in ARGS if "talks" not in a.name] if ARGS else measured("crisis_probe*.yaml")
TALKS = [a for a in ARGS if "talks" in a.name] if ARGS else measured("crisis_talks*.yaml")
REAL = measured("unseen*.yaml") + [ROOT / "knowledge" / "heemstede" / "unanswered.yaml",
                                   ROOT / "knowledge" / "heemstede" / "tests.yaml"]


def main() -> None:
    long_messages()
    real = [(q.lang, q.text) for f in REAL for q in load_questions(f) if q.expect != "crisis"]
    typical_messages([text for _, text in real])
    engine = Engine(Knowledge.build(load_snapshot("heemstede")), store=None)
    for probe in PROBES:
        print(f"\non {probe.name}")
        table(engine, yaml.safe_load(probe.read_text(encoding="utf-8")), real)
    if TALKS:
        pairs = [[(q.lang, q.text) for q in two] for f in REAL[:-2]
                 for qs in [[q for q in load_questions(f) if q.expect != "crisis"]]
                 for two in zip(qs[::2], qs[1::2]) if two[0].lang == two[1].lang]
        for talk in TALKS:
            print(f"\non {talk.name}")
            talks_table(engine.knowledge, yaml.safe_load(talk.read_text(encoding="utf-8")), pairs)


def detect_times(texts: list[str], rounds: int = 1) -> list[float]:
    """Seconds `crisis.detect` takes on each text, `rounds` times over, sorted."""
    crisis.detect("warm up")
    times = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            crisis.detect(text)
            times.append(time.perf_counter() - start)
    return sorted(times)


def long_messages(count: int = 120) -> None:
    """The patterns' time on long random messages: every pattern scans the whole text,
    and a pattern that backtracks badly shows here first (a pasted letter is 1000-5000
    characters). Fixed seed: compare runs of one day on one machine."""
    rng = random.Random(5)
    alphabets = ["abcdefghijklmnopqrstuvwxyz     ", "абвгдеёжзийклмнопрстуфхцчшщыьэюяіїєґ     ",
                 "".join(chr(c) for c in range(32, 0x500)), "a "]
    texts = ["".join(rng.choice(alphabets[k % 4]) for _ in range(rng.randint(1000, 5000))) for k in range(count)]
    times = detect_times(texts)
    print(f"patterns on {count} long random messages: median {1000 * statistics.median(times):.0f} ms, "
          f"p95 {1000 * times[int(0.95 * count)]:.0f} ms, max {1000 * times[-1]:.0f} ms")


def typical_messages(texts: list[str], rounds: int = 5) -> None:
    """The patterns' time on the messages people really send (the real questions): the
    cost every message pays before it is answered."""
    times = detect_times(texts, rounds)
    print(f"patterns on {len(texts)} real questions ({rounds} rounds): median {1000 * statistics.median(times):.2f} ms, "
          f"p99 {1000 * times[int(0.99 * len(times))]:.2f} ms, max {1000 * times[-1]:.2f} ms")


def table(engine: Engine, probe: dict, real: list[tuple[str, str]]) -> None:
    crises = [(lang, t) for lang, ts in probe["crisis"].items() for t in ts]
    ordinary = [(lang, t) for lang, ts in probe["ordinary"].items() for t in ts]
    semantic = engine.knowledge.matcher.crisis_at is not None

    def patterns(lang: str, text: str) -> bool:
        return crisis.detect(text) is not None

    def both(lang: str, text: str) -> bool:
        return engine.answer(text, lang, None).crisis

    print(f"{'check':<22}{'crisis caught':>14}{'ordinary flagged':>18}{'real flagged':>14}   crisis caught per language")
    for name, check in (("patterns", patterns), ("patterns + semantic", both)):
        if check is both and not semantic:
            print(f"{name:<22}  (the semantic model is not installed)")
            continue
        caught = {lang: sum(check(lang, t) for lg, t in crises if lg == lang) for lang in crisis.LANGS}
        per_lang = " ".join(f"{lang} {n}" for lang, n in caught.items())
        flagged = sum(check(lang, t) for lang, t in ordinary)
        real_flagged = sum(check(lang, t) for lang, t in real)
        print(f"{name:<22}{sum(caught.values()):>11}/{len(crises)}{flagged:>14}/{len(ordinary)}"
              f"{real_flagged:>9}/{len(real)}   {per_lang}")


def talks_table(knowledge, data: dict, real_pairs: list[list[tuple[str, str]]]) -> None:
    import tempfile

    from bot.messages import Incoming
    from bot.store import Store

    lines = {crisis.reply(lang, kind) for lang in crisis.LANGS for kind in crisis.REPLY_KINDS}
    crises = [[(lang, m) for m in talk] for lang, talks in data["crisis"].items() for talk in talks]
    ordinary = [[(lang, m) for m in talk] for lang, talks in data["ordinary"].items() for talk in talks]
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "bench.db")
        engine = Engine(knowledge, store)
        counter = iter(range(10**9))

        def caught(talk: list[tuple[str, str]]) -> bool:
            user, hit = f"t{next(counter)}", False
            for lang, text in talk:
                replies = engine.handle_sync(Incoming(user, text=text, lang_hint=lang, update_id=f"u{next(counter)}"))
                hit |= bool(replies) and replies[0].text in lines
            return hit

        c = sum(caught(t) for t in crises)
        o = sum(caught(t) for t in ordinary)
        r = sum(caught(t) for t in real_pairs)
        print(f"{'conversations':<24}{'crisis caught':>14}{'ordinary flagged':>18}{'real pairs flagged':>20}")
        print(f"{'through the chat':<24}{c:>11}/{len(crises)}{o:>14}/{len(ordinary)}{r:>13}/{len(real_pairs)}")
        store.close()


if __name__ == "__main__":
    main()
