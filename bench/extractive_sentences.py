"""How many sentences of each document the extractive summarizer embeds and scores
(``extractive.max_sentences_per_document``): ROUGE on the dev fifth of the Multi-News validation sample (row
index % 5 == 0, the split the extractive weights were tuned on) and on the other four fifths, and the time
the summarizer took, for each count. The default is the count best on dev.

    python bench/extractive_sentences.py                    # 10 12 15 20 25 30 400
    python bench/extractive_sentences.py --counts 15 400
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import SHARED_DATA, read_jsonl, write_result  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    from summarize.config import load_config
    from summarize.metrics import corpus_rouge
    from summarize.polish import in_reading_order
    from summarize.stages import prepare
    from summarize.summarizers.extractive import ExtractiveSummarizer
    from summarize.types import Article, Cluster

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counts", type=int, nargs="+", default=[10, 12, 15, 20, 25, 30, 400])
    ap.add_argument("--budget", type=int, default=250)
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    rows = read_jsonl(SHARED_DATA / "multinews_validation.jsonl")
    clusters = [Cluster(r["id"], [Article(f"{r['id']}:{i}", d) for i, d in enumerate(r["documents"])],
                        reference=r["summary"]) for r in rows]
    parts = {"dev": [i for i in range(len(rows)) if i % 5 == 0], "rest": [i for i in range(len(rows)) if i % 5]}
    results, embedder = {}, None
    for k in args.counts:
        cfg = load_config(overrides=["summarizer=extractive", f"max_words={args.budget}",
                                     f"extractive.max_sentences_per_document={k}"])
        prepped = [prepare(c, cfg) for c in clusters]
        summarizer = ExtractiveSummarizer(cfg, embedder=embedder)
        start = time.perf_counter()
        drafts = [d for i in range(0, len(prepped), 64) for d in summarizer.draft_batch(prepped[i:i + 64])]
        seconds = time.perf_counter() - start
        embedder = summarizer.embedder
        scores = corpus_rouge(["\n".join(in_reading_order(d, c).sentences) for d, c in zip(drafts, prepped)],
                              [c.reference for c in clusters])
        results[k] = {"seconds": round(seconds, 1), **{
            f"{key}_{part}": round(100 * float(np.mean([scores[key][i] for i in idx])), 2)
            for key in ("rouge1", "rouge2") for part, idx in parts.items()}}
        print(f"{k:5d} sentences: {seconds:6.1f} s  R1 dev {results[k]['rouge1_dev']:.2f} rest "
              f"{results[k]['rouge1_rest']:.2f}  R2 dev {results[k]['rouge2_dev']:.2f} rest "
              f"{results[k]['rouge2_rest']:.2f}", flush=True)
    best = max(results, key=lambda k: results[k]["rouge1_dev"])
    print(f"best on dev: {best}")
    print(f"wrote {write_result('extractive_sentences', {'clusters': len(rows), 'budget': args.budget, 'best_on_dev': best, 'results': {str(k): v for k, v in results.items()}})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
