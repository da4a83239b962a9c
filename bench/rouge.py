"""Our ROUGE against rouge-score on the shared sets: identical numbers required, throughput compared.

    python bench/rouge.py                      # Multi-News validation + BBC (prediction: lead 120 words)
    python bench/rouge.py --sets multinews neus bbc frank_cnndm frank_xsum

For each set the same (reference, prediction) pairs are scored by plain ``rouge_score.RougeScorer`` in a
loop over their sentence lines and by ``summarize.metrics.corpus_rouge`` (backend ``auto``, which is
rouge-score-rs where installed) over the raw texts, with the sentence splits already cached; the largest absolute difference over all pairs and types must
be <= 1e-9. Throughput is pairs per second of each, and the ratio of the two in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED_DATA, read_jsonl, write_result  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402

from summarize.metrics.rouge import ROUGE_TYPES, corpus_rouge, resolve_backend, sentence_lines  # noqa: E402

SETS = {
    "multinews": "multinews_validation.jsonl",
    "neus": "neus_validation.jsonl",
    "bbc": "bbc_news_summary.jsonl",
    "frank_cnndm": "frank_cnndm.jsonl",
    "frank_xsum": "frank_xsum.jsonl",
}


def best_of(fn, repeats: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=["multinews", "bbc"], choices=list(SETS))
    ap.add_argument("--repeats", type=int, default=3, help="timed runs of each; the best is kept")
    args = ap.parse_args()
    backend = resolve_backend("auto")
    plain = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    rows_out = []
    for name in args.sets:
        rows = read_jsonl(SHARED_DATA / SETS[name])
        raw_refs = [r["summary"] for r in rows]
        raw_preds = [" ".join(r["documents"][0].split()[:120]) for r in rows]
        # Sentence splitting is done (and cached) before timing: both sides score the same lines.
        refs, preds = [sentence_lines(t) for t in raw_refs], [sentence_lines(t) for t in raw_preds]
        t_plain, ref_scores = best_of(lambda: [plain.score(t, p) for t, p in zip(refs, preds)], args.repeats)
        t_ours, ours = best_of(lambda: corpus_rouge(raw_preds, raw_refs, backend=backend), args.repeats)
        diff = max(abs(ours[k][n] - ref_scores[n][k].fmeasure) for n in range(len(rows)) for k in ROUGE_TYPES)
        if diff > 1e-9:
            raise SystemExit(f"{name}: our ROUGE differs from rouge-score by {diff:.3g}")
        n = len(rows)
        rows_out.append(
            {
                "set": name,
                "pairs": n,
                "max_abs_diff": diff,
                "rouge_score_pairs_per_s": round(n / t_plain, 1),
                "ours_pairs_per_s": round(n / t_ours, 1),
                "speedup": round(t_plain / t_ours, 2),
                "mean_f1": {k: round(sum(v) / n, 6) for k, v in ours.items()},
            }
        )
    print(f"backend: {backend}")
    print(f"{'set':<12}{'pairs':>6}{'max |diff|':>12}{'rouge-score/s':>15}{'ours/s':>10}{'speedup':>9}")
    for r in rows_out:
        print(
            f"{r['set']:<12}{r['pairs']:>6}{r['max_abs_diff']:>12.1e}{r['rouge_score_pairs_per_s']:>15.1f}"
            f"{r['ours_pairs_per_s']:>10.1f}{r['speedup']:>8.1f}x"
        )
    path = write_result("rouge", {"backend": backend, "results": rows_out})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
