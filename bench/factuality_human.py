"""Factual consistency against human judgements: FRANK's validation split (671 system summaries of CNN/DM
and XSum articles, each with the share of its sentences that annotators found free of errors).

Reported as FRANK reports agreement, partial Pearson and Spearman correlation with the human label,
the system controlled (score and label each residualised on one-hot system indicators), per origin
and pooled, with bootstrap 95% intervals; and as SummaC does, balanced accuracy on "fully factual",
the threshold chosen by 5-fold cross-validation within the file (each fold's threshold fitted on the
other four; the folds are reported). Systems compared on the same rows: our checker (the summary
score `summarize evaluate` reports), the share of the summary's unigrams / bigrams found in the
article, and FRANK's released metric outputs (FactCC, DAE, QAGS, FEQA, BERTScore-P against the article).
`bench/factuality.py` (synthetic corruptions) stays as a second view.

    python bench/factuality_human.py [--limit N] [--cache-dir DIR]   # bench/results/factuality_human.json
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import SHARED_DATA, read_jsonl, write_result  # noqa: E402

FRANK = {"FactCC": "FactCC", "DAE": "Dep Entail", "QAGS": "QAGS", "FEQA": "FEQA", "BERTScore-P": "BertScore P Art"}
ORIGINS = ("cnndm", "xsum", "pooled")
BOOTSTRAP = 1000


def ngram_overlap(summary: str, article: str, n: int) -> float:
    """Share of the summary's word n-grams (lower-cased) found in the article: the floor to beat."""
    tok = lambda t: re.findall(r"\w+", t.lower())  # noqa: E731
    s, a = tok(summary), tok(article)
    grams = [tuple(s[i : i + n]) for i in range(len(s) - n + 1)]
    if not grams:
        return 1.0
    have = {tuple(a[i : i + n]) for i in range(len(a) - n + 1)}
    return sum(g in have for g in grams) / len(grams)


def residual(values: np.ndarray, systems: list[str]) -> np.ndarray:
    """``values`` minus their least-squares fit on one-hot system indicators (i.e. minus each system's mean)."""
    out = values.astype(float).copy()
    for s in set(systems):
        idx = [i for i, x in enumerate(systems) if x == s]
        out[idx] -= out[idx].mean()
    return out


def partial_corr(score: np.ndarray, label: np.ndarray, systems: list[str], rank: bool = False) -> float:
    from scipy.stats import rankdata

    if rank:
        score, label = rankdata(score), rankdata(label)
    a, b = residual(score, systems), residual(label, systems)
    denom = np.sqrt((a * a).sum() * (b * b).sum())
    return float((a * b).sum() / denom) if denom > 0 else 0.0


def bootstrap_ci(score, label, systems, rank, rng) -> tuple[float, float]:
    n = len(score)
    stats = []
    for _ in range(BOOTSTRAP):
        idx = rng.integers(0, n, n)
        stats.append(partial_corr(score[idx], label[idx], [systems[i] for i in idx], rank))
    lo, hi = np.percentile(stats, [2.5, 97.5])
    return round(float(lo), 3), round(float(hi), 3)


def balanced_accuracy(pred: np.ndarray, gold: np.ndarray) -> float:
    """Mean of the recall on each class present in ``gold``."""
    recalls = [(pred[gold == c] == c).mean() for c in (0, 1) if (gold == c).any()]
    return float(np.mean(recalls))


def cv_balanced_accuracy(score: np.ndarray, gold: np.ndarray, folds: int = 5, seed: int = 0) -> dict:
    """Each fold scored with the threshold that maximises balanced accuracy on the other folds."""
    order = np.random.default_rng(seed).permutation(len(score))
    parts = np.array_split(order, folds)
    pred = np.zeros(len(score), dtype=int)
    fold_rows = []
    for k, test in enumerate(parts):
        train = np.concatenate([p for j, p in enumerate(parts) if j != k])
        candidates = np.unique(score[train])
        best = max(candidates, key=lambda t: balanced_accuracy((score[train] >= t).astype(int), gold[train]))
        pred[test] = (score[test] >= best).astype(int)
        fold_rows.append({"fold": k, "threshold": round(float(best), 4),
                          "balanced_accuracy": round(balanced_accuracy(pred[test], gold[test]), 4)})
    return {"balanced_accuracy": round(balanced_accuracy(pred, gold), 4), "folds": fold_rows}


def checker_scores(rows: list[dict], cache_dir: str | None) -> np.ndarray:
    """Our checker's summary score for each row, as `summarize evaluate` computes it."""
    from summarize.embed import CachedEmbedder, get_embedder
    from summarize.evaluation import evaluate
    from summarize.types import Article

    embedder = get_embedder("minilm")
    if cache_dir:
        embedder = CachedEmbedder(embedder, os.path.expanduser(cache_dir))
    sources = {r["id"]: [Article(f"{r['id']}:0", r["documents"][0])] for r in rows}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ev = evaluate({r["id"]: r["summary"] for r in rows}, sources=sources, embedder=embedder)
    by_id = {row["id"]: row["factuality"] for row in ev.per_example}
    return np.array([by_id[r["id"]] for r in rows])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache-dir", default="~/.cache/summarize/embeddings")
    args = ap.parse_args(argv)
    rows = read_jsonl(SHARED_DATA / "frank_human_valid.jsonl")[: args.limit]
    start = time.perf_counter()
    scores = {"checker (ours)": checker_scores(rows, args.cache_dir)}
    checker_seconds = time.perf_counter() - start
    scores["unigram overlap"] = np.array([ngram_overlap(r["summary"], r["documents"][0], 1) for r in rows])
    scores["bigram overlap"] = np.array([ngram_overlap(r["summary"], r["documents"][0], 2) for r in rows])
    for name, key in FRANK.items():
        scores[name] = np.array([np.nan if r["frank_metrics"].get(key) is None else r["frank_metrics"][key] for r in rows])
    label = np.array([r["label"] for r in rows], dtype=float)
    gold = np.array([int(r["label_binary"]) for r in rows])
    rng = np.random.default_rng(0)
    results: dict = {}
    for name, score in scores.items():
        results[name] = {}
        for origin in ORIGINS:
            idx = [i for i, r in enumerate(rows) if (origin == "pooled" or r["origin"] == origin) and not np.isnan(score[i])]
            if len(idx) < 20:
                continue
            s, y, g = score[idx], label[idx], gold[idx]
            systems = [rows[i]["system"] for i in idx]
            results[name][origin] = {
                "n": len(idx),
                "partial_pearson": round(partial_corr(s, y, systems), 3),
                "partial_pearson_ci95": bootstrap_ci(s, y, systems, False, rng),
                "partial_spearman": round(partial_corr(s, y, systems, rank=True), 3),
                "partial_spearman_ci95": bootstrap_ci(s, y, systems, True, rng),
                **cv_balanced_accuracy(s, g),
            }
    print(f"\n{'system':<17}" + "".join(f"{o + ' pP [95% CI]':>26}" for o in ORIGINS) + f"{'pooled BA':>11}")
    for name, res in results.items():
        cells = "".join(f"{res[o]['partial_pearson']:>9.3f} [{res[o]['partial_pearson_ci95'][0]:.2f}, "
                        f"{res[o]['partial_pearson_ci95'][1]:.2f}]   " if o in res else f"{'-':>26}" for o in ORIGINS)
        print(f"{name:<17}{cells}{res['pooled']['balanced_accuracy']:>9.3f}")
    notes = {"frank_metrics_missing_rows": {k: int(np.isnan(v).sum()) for k, v in scores.items()},
             "checker_seconds": round(checker_seconds, 1),
             "summaries": "FRANK's distributed text: lower-cased and PTB-tokenised for every system"}
    path = write_result("factuality_human", {"rows": len(rows), "results": results, "notes": notes})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
