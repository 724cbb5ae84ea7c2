"""One command: how well and how fast each matcher answers, on the same machine and data.

    .venv/bin/python benchmarks/matcher_bench.py [--eval ../shared/eval/dev.yaml] [--pack heemstede]
                                                 [--unseen benchmarks/unseen.yaml ...]

Configurations (each measured in a fresh process, so load time and memory are its own):

  bm25-plain  plain BM25 (bm25s) over titles + example questions, lowercase words, no
              normalisation; entry score = best example; "I don't know" below the score
              that 95 % of the out-of-scope questions (knowledge/heemstede/unanswered.yaml) stay under
  e5-only     the embedding model alone (best example, cosine), threshold chosen the same way
  lexical     the full matcher without the semantic model (the install without [semantic])
  semantic    the full matcher: lexical + embeddings, calibrated (the install with [semantic])

For each: answer accuracy per language, wrongly declined, correct "don't know", crisis
recall, false crises (through the bot's own path: crisis check, matcher, reply text);
latency per question (p50/p99 over 5 passes); knowledge load + index time cold (empty
cache folder) and warm; peak RSS; and p99 with the pack's entries replicated x10. Then,
for the semantic install, a first start as the bot and the chat make it on an empty cache:
how soon it answers (lexically) and when the semantic matcher has taken over.

Further tables give accuracy on every benchmarks/unseen*.yaml (unseen.yaml, 340 questions;
unseen2, 360, a month later; unseen3, 90, Russian; unseen4 to unseen8, unseen10 and
unseen11, 360 each, and unseen9, 180, in all four languages), questions written by people
who never saw the entries' example questions (see their heads), scored by the entry
answered.
The evaluation set is small (a few dozen questions per language); these show whether a
figure on it holds on questions nobody tuned on. Each set's head says what it has guided
since; the newest is the honest figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CONFIGS = ("bm25-plain", "e5-only", "lexical", "semantic")
PASSES = 5
DONT_KNOW = "correct don't know"  # a metric of bot.evaluate.Report.summary


# -- the two baselines ---------------------------------------------------------------------

class _Baseline:
    """rank/decide like the real matcher; `threshold` set from out-of-scope questions."""

    threshold = 0.0

    def __init__(self, docs):
        self.ids = [d.entry_id for d in docs]
        self.audiences = [d.audiences for d in docs]
        self.starts = []
        texts = []
        for d in docs:
            self.starts.append(len(texts))
            texts += [t for _, t in d.asked]
        self.texts = texts

    def _entry_scores(self, text, lang):  # pragma: no cover - abstract
        raise NotImplementedError

    def rank(self, text, audience=None, allowed=None, limit=5, lang=None):
        from bot.matching import Candidate

        scores = self._entry_scores(text, lang)
        order = sorted((i for i in range(len(self.ids)) if (audience is None or audience in self.audiences[i])
                        and (allowed is None or self.ids[i] in allowed)), key=lambda i: -scores[i])
        return [Candidate(self.ids[i], float(scores[i]), self.audiences[i]) for i in order[:limit]]

    def decide(self, ranked):
        from bot.matching import decide

        return decide(ranked, self.threshold, 0.0)

    def fit_threshold(self, questions):
        import numpy as np

        tops = [max(self._entry_scores(q.text, q.lang)) for q in questions]
        self.threshold = float(np.percentile(tops, 95)) + 1e-6


class PlainBM25(_Baseline):
    def __init__(self, docs):
        import bm25s
        import numpy as np

        super().__init__(docs)
        self.np = np
        self.bm25 = bm25s.BM25()
        self.bm25.index([self._words(t) or ["_"] for t in self.texts], show_progress=False)

    @staticmethod
    def _words(text):
        return re.findall(r"\w+", text.lower())

    def _entry_scores(self, text, lang):
        words = [w for w in self._words(text) if w in self.bm25.vocab_dict]
        if not words:
            return self.np.zeros(len(self.ids))
        return self.np.maximum.reduceat(self.bm25.get_scores(words), self.starts)


class E5Only(_Baseline):
    def __init__(self, docs, pack):
        import numpy as np

        from bot.matching.semantic import QUERY, EmbeddingCache, shared_embedder

        super().__init__(docs)
        self.np, self.model, self.QUERY = np, shared_embedder(), QUERY
        self.vecs = EmbeddingCache().vectors(self.model, pack, [(QUERY, t) for t in self.texts])

    def _entry_scores(self, text, lang):
        sims = self.np.einsum("ij,j->i", self.vecs, self.model.embed([text], self.QUERY)[0])
        return self.np.maximum.reduceat(sims, self.starts)


# -- one configuration, in its own process ------------------------------------------------------

def _knowledge(config, snapshot):
    from bot.engine import Knowledge
    from bot.i18n import I18n
    from bot.matching import build_matcher, documents
    from bot.render import Renderer

    pack = snapshot.pack
    i18n = I18n(pack.id, list(pack.languages), pack.fallback, pack.source_language)
    if config in ("lexical", "semantic"):
        matcher = build_matcher(snapshot, i18n, semantic=config == "semantic")
    else:
        docs = documents(snapshot, i18n)
        matcher = PlainBM25(docs) if config == "bm25-plain" else E5Only(docs, pack.id)
    return Knowledge(snapshot, i18n, matcher, Renderer(snapshot, i18n))


def _fit_baseline(knowledge):
    """A baseline's "I don't know" threshold: benchmark set-up, not counted as its load
    (the e5 baseline embeds every out-of-scope question for it, ~5 s)."""
    if isinstance(knowledge.matcher, _Baseline):
        from bot.evaluate import load_questions

        knowledge.matcher.fit_threshold(load_questions(ROOT / "knowledge" / "heemstede" / "unanswered.yaml"))
    return knowledge


def _replicated(snapshot, times):
    entries = {}
    for k in range(times):
        for e in snapshot.entries.values():
            new_id = e.id if k == 0 else f"{e.id}-r{k}"
            entries[new_id] = e.model_copy(update={"id": new_id})
    return replace(snapshot, entries=MappingProxyType(entries))


def _latencies(engine, questions):
    out = []
    for _ in range(PASSES):
        for q in questions:
            t = time.perf_counter()
            engine.answer(q.text, q.lang, q.audience)
            out.append(time.perf_counter() - t)
    return out


def child(config, eval_files, pack, sources, unseen):
    import numpy as np

    from bot.content.loader import load_snapshot
    from bot.engine import Engine
    from bot.evaluate import evaluate, load_questions

    t0 = time.perf_counter()
    snapshot = load_snapshot(pack, sources=sources)
    knowledge = _knowledge(config, snapshot)
    load_s = time.perf_counter() - t0
    _fit_baseline(knowledge)
    questions = [q for f in eval_files for q in load_questions(Path(f))]
    engine = Engine(knowledge, store=None)
    report = evaluate(engine, questions)
    summary = report.summary()
    lat = np.asarray(_latencies(engine, questions)) * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    unseen_summary = {str(u): evaluate(engine, load_questions(Path(u))).summary() for u in unseen}
    big = Engine(_fit_baseline(_knowledge(config, _replicated(snapshot, 10))), store=None)
    lat10 = np.asarray(_latencies(big, questions)) * 1000
    print(json.dumps({
        "config": config, "load_s": load_s, "rss_mb": rss_mb,
        "p50": float(np.percentile(lat, 50)), "p99": float(np.percentile(lat, 99)),
        "p50_x10": float(np.percentile(lat10, 50)), "p99_x10": float(np.percentile(lat10, 99)),
        "metrics": {m: {g: list(v) for g, v in d.items()} for m, d in summary.items()},
        "failures": len(report.failures()),
        "unseen": {u: {m: {g: list(v) for g, v in d.items()} for m, d in s.items()} for u, s in unseen_summary.items()},
    }))


def first_start(pack, sources):
    """How the bot and the chat start on an empty cache: answering (lexically) at once,
    semantic when the model has read the knowledge (bot.engine.Knowledge.build)."""
    from bot.content.loader import load_snapshot
    from bot.engine import Knowledge

    t0 = time.perf_counter()
    knowledge = Knowledge.build(load_snapshot(pack, sources=sources), background=True)
    answering = time.perf_counter() - t0
    if knowledge.upgrading is not None:
        knowledge.upgrading.join()
    print(json.dumps({"answering_s": answering, "semantic_s": time.perf_counter() - t0,
                      "mode": knowledge.matcher.mode}))


# -- the parent: runs every configuration twice (cold, warm) and prints the table --------

def _run(config, args, cache_dir):
    env = dict(os.environ, WEGWIJS_CACHE_DIR=str(cache_dir))
    cmd = [sys.executable, __file__, "--child", config, "--pack", args.pack] + \
          (["--sources", str(args.sources)] if args.sources else []) + sum((["--eval", e] for e in args.eval), []) + \
          sum((["--unseen", str(u)] for u in args.unseen), [])
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(f"{config}: failed\n{out.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def _pct(metrics, name, group):
    hits, total = metrics[name].get(group, (0, 0))
    return f"{100 * hits / total:.0f}%" if total else "-"


def _per_language(metrics, name):
    return "/".join(_pct(metrics, name, g) for g in ("uk", "ru", "nl", "en")) + f" ({_pct(metrics, name, 'all')})"


def _head(text):
    print(text)
    print("-" * len(text))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", action="append", default=None, help="question set(s) (default: dev.yaml)")
    parser.add_argument("--pack", default="heemstede")
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--unseen", type=Path, action="append", default=None,
                        help="questions nobody tuned on, scored by entry; repeatable "
                             "(default: every benchmarks/unseen*.yaml measured once already)")
    parser.add_argument("--child", choices=CONFIGS + ("first-start",), help=argparse.SUPPRESS)
    parser.add_argument("--only", action="append", choices=CONFIGS, help="run only these configurations")
    args = parser.parse_args()
    args.eval = args.eval or [str(ROOT.parent / "shared" / "eval" / "dev.yaml")]
    # A blind set not yet measured is left out: its first figure is taken once, with
    # `wegwijs eval`, and written in its head (benchmarks/blind/README.md).
    args.unseen = args.unseen or [p for p in sorted((ROOT / "benchmarks").glob("unseen*.yaml"))
                                  if "NOT YET MEASURED" not in p.read_text(encoding="utf-8")]
    if args.child == "first-start":
        first_start(args.pack, args.sources)
        return
    if args.child:
        child(args.child, args.eval, args.pack, args.sources, args.unseen)
        return
    from bot.matching.semantic import available

    configs = [c for c in (args.only or CONFIGS) if available() or c in ("bm25-plain", "lexical")]
    rows = []
    for config in configs:
        with tempfile.TemporaryDirectory() as cache:
            cold = _run(config, args, cache)
            warm = _run(config, args, cache)
        if cold and warm:
            rows.append((config, cold, warm))
            print(f"measured {config}", file=sys.stderr)
    _head(f"{'matcher':<11}{'answered uk/ru/nl/en (all)':>30}{'declined':>9}{'dont-know':>10}{'crisis':>7}"
          f"{'p50 ms':>8}{'p99 ms':>8}{'p99 x10':>8}{'x10/x1':>7}{'load warm':>10}{'load cold':>10}{'RSS MB':>8}")
    for config, cold, warm in rows:
        m = warm["metrics"]
        print(f"{config:<11}{_per_language(m, 'answered correctly'):>30}{_pct(m, 'wrongly declined', 'all'):>9}"
              f"{_pct(m, DONT_KNOW, 'all'):>10}{_pct(m, 'crisis recall', 'all'):>7}"
              f"{warm['p50']:>8.2f}{warm['p99']:>8.2f}{warm['p99_x10']:>8.2f}{warm['p99_x10'] / warm['p99']:>7.2f}"
              f"{warm['load_s']:>9.2f}s{cold['load_s']:>9.2f}s{max(cold['rss_mb'], warm['rss_mb']):>8.0f}")
    for unseen in map(str, args.unseen):
        print(f"\non {Path(unseen).name} (answerable: right entry / another entry / asked which one / declined; "
              "unanswerable: said it does not know)")
        _head(f"{'matcher':<11}{'right uk/ru/nl/en (all)':>30}{'wrong':>7}{'asked':>7}{'declined':>9}"
              f"{'dont-know':>10}{'crisis':>7}")
        for config, _, warm in rows:
            u = warm["unseen"][unseen]
            hits, n = u["answered correctly"]["all"]
            other = n - hits - u["asked which one"]["all"][0] - u["wrongly declined"]["all"][0]
            print(f"{config:<11}{_per_language(u, 'answered correctly'):>30}{100 * other / n:>6.0f}%"
                  f"{_pct(u, 'asked which one', 'all'):>7}{_pct(u, 'wrongly declined', 'all'):>9}"
                  f"{_pct(u, DONT_KNOW, 'all'):>10}{_pct(u, 'crisis recall', 'all'):>7}")
    if "semantic" in configs:
        with tempfile.TemporaryDirectory() as cache:
            first = _run("first-start", args, cache)
        if first:
            print(f"\nfirst start on an empty cache (bot, chat): answering after {first['answering_s']:.2f}s "
                  f"(lexical), semantic after {first['semantic_s']:.2f}s")
    print(f"\nlatency: one question through crisis check + matcher + reply text, {PASSES} passes over "
          f"{', '.join(Path(e).name for e in args.eval)}; load: snapshot + index (+ embeddings), "
          "cold = empty cache folder; RSS: peak of the process (load, the question set, and the x10 index).")


if __name__ == "__main__":
    main()
