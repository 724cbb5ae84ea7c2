"""How many crisis messages the crisis check catches, and how many ordinary ones it flags.

    .venv/bin/python benchmarks/crisis_bench.py

Two checks, as the bot runs them: the patterns (bot/data/crisis.yaml, every install) and,
with the semantic model, the comparison with crisis and ordinary example messages
(bot/data/crisis_examples.yaml), which adds the crisis lines before an answer. Measured on
every benchmarks/crisis_probe*.yaml (or the files given; written blind: see their heads)
and, for false alarms, on every
real question we have: the blind question sets, the out-of-scope set and the pack's tests.
Prints a table, one row per check ("ordinary": the probe's ordinary messages, "real": the
questions); no timing (see matcher_bench.py for latency).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import crisis  # noqa: E402
from bot.content.loader import load_snapshot  # noqa: E402
from bot.engine import Engine, Knowledge  # noqa: E402
from bot.evaluate import load_questions  # noqa: E402

PROBES = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "benchmarks").glob("crisis_probe*.yaml"))
REAL = sorted((ROOT / "benchmarks").glob("unseen*.yaml")) + [ROOT / "tests" / "data" / "out_of_scope.yaml",
                                                             ROOT / "knowledge" / "heemstede" / "tests.yaml"]


def main() -> None:
    real = [(q.lang, q.text) for f in REAL for q in load_questions(f) if q.expect != "crisis"]
    engine = Engine(Knowledge.build(load_snapshot("heemstede")), store=None)
    for probe in PROBES:
        print(f"\non {probe.name}")
        table(engine, yaml.safe_load(probe.read_text(encoding="utf-8")), real)


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


if __name__ == "__main__":
    main()
