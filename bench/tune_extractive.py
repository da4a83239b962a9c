"""Tune the extractive summarizer's weights on a held-out dev split of Multi-News, never on the test part.

Split rule (fixed before tuning): clusters whose row index is divisible by 5 are dev (50 of 250);
the other 200 are test. A small grid over the weights is scored by mean ROUGE-1 + ROUGE-2 F1 on dev;
the best setting is then scored once on test next to the defaults.

    python bench/tune_extractive.py
"""

from __future__ import annotations

import itertools
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED_DATA, read_jsonl, write_result  # noqa: E402
from extractive import clusters_from, reference_text  # noqa: E402

from summarize.clean import clean_cluster  # noqa: E402
from summarize.config import load_config  # noqa: E402
from summarize.embed import get_embedder  # noqa: E402
from summarize.embed_cache import CachedEmbedder  # noqa: E402
from summarize.metrics import corpus_rouge  # noqa: E402
from summarize.polish import in_reading_order  # noqa: E402
from summarize.summarizers.extractive import ExtractiveSummarizer  # noqa: E402

GRID = {
    "extractive.centroid_weight": [0.5, 1.0],
    "extractive.support_weight": [0.5, 1.0, 1.5],
    "extractive.position_weight": [0.0, 0.3, 0.6],
    "extractive.mmr_lambda": [0.6, 0.8],
    "extractive.min_sentence_words": [6, 10],
    "extractive.anaphora_penalty": [0.0, 0.1],
}


def score(clusters, overrides, embedder) -> float:
    cfg = load_config(overrides=["summarizer=extractive", "max_words=250", *overrides])
    summ = ExtractiveSummarizer(cfg, embedder=embedder)
    preds = ["\n".join(in_reading_order(summ.draft(c), c).sentences) for c in clusters]
    sc = corpus_rouge(preds, [reference_text(c.reference or "") for c in clusters])
    return 100 * (float(np.mean(sc["rouge1"])) + float(np.mean(sc["rouge2"]))), sc


def main() -> None:
    warnings.simplefilter("ignore")
    rows = read_jsonl(SHARED_DATA / "multinews_validation.jsonl")
    clusters = [clean_cluster(c) for c in clusters_from(rows)]
    dev = [c for i, c in enumerate(clusters) if i % 5 == 0]
    test = [c for i, c in enumerate(clusters) if i % 5 != 0]
    # each distinct sentence is embedded once across the whole grid
    embedder = CachedEmbedder(get_embedder("minilm"), tempfile.mkdtemp(prefix="tune-extractive-"))
    t0 = time.time()
    results = []
    keys = list(GRID)
    for values in itertools.product(*GRID.values()):
        overrides = [f"{k}={v}" for k, v in zip(keys, values)]
        value, _ = score(dev, overrides, embedder)
        results.append((value, overrides))
        print(f"{value:7.2f}  {' '.join(overrides)}", flush=True)
    results.sort(key=lambda r: -r[0])
    best = results[0][1]
    default_dev, _ = score(dev, [], embedder)
    best_test, sc_best = score(test, best, embedder)
    default_test, sc_def = score(test, [], embedder)
    print(f"best on dev: {results[0][0]:.2f} ({' '.join(best)}); defaults on dev: {default_dev:.2f}")
    print(f"test R1+R2: best {best_test:.2f}, defaults {default_test:.2f}  ({time.time() - t0:.0f}s)")
    write_result("extractive_tuning", {
        "split": "dev = row index % 5 == 0 (50 clusters), test = the other 200",
        "objective": "mean ROUGE-1 F1 + ROUGE-2 F1 (x100) on dev, budget 250 words",
        "grid": GRID, "top10_dev": [{"score": v, "overrides": o} for v, o in results[:10]],
        "defaults_dev": default_dev, "best_overrides": best,
        "test": {"best": best_test, "defaults": default_test,
                 "best_rouge1": 100 * float(np.mean(sc_best["rouge1"])), "best_rouge2": 100 * float(np.mean(sc_best["rouge2"])),
                 "defaults_rouge1": 100 * float(np.mean(sc_def["rouge1"])), "defaults_rouge2": 100 * float(np.mean(sc_def["rouge2"]))},
    })


if __name__ == "__main__":
    main()
