"""What ``embed_precision`` changes in a run's output: the same clusters summarized with the sentence embedder
in float32 and in bfloat16 (what ``auto`` picks on a CPU with native bfloat16).

    python bench/embed_precision.py                                  # 250 Multi-News clusters, extractive
    python bench/embed_precision.py --data neus_validation.jsonl --summarizer lead

One process runs ``summarize_clusters`` on the first ``--limit`` clusters of a shared file with the config's
defaults, once per precision (embedding cache off, after a warm-up on two clusters, fp32 first then bf16, ``--rounds``
times, each timed);
reported: the clusters whose summary text differs, those whose text is the same but whose traced sources
differ, the largest difference of an evidence score, ROUGE (F1 x 100, stemmed) of each precision's summaries
against the references, and each precision's best wall time for the whole run. The texts of the summaries that
differ go into the result file, to be read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import SHARED_DATA, write_result  # noqa: E402
from summarize.config import load_config  # noqa: E402
from summarize.io import load_clusters  # noqa: E402
from summarize.metrics.rouge import corpus_rouge  # noqa: E402
from summarize.pipeline import summarize_clusters  # noqa: E402

PRECISIONS = ("fp32", "bf16")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="multinews_validation.jsonl")
    ap.add_argument("--limit", type=int, default=250)
    ap.add_argument("--summarizer", default="extractive")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--name", default="embed_precision")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    clusters = load_clusters([SHARED_DATA / args.data])[: args.limit]
    configs = {p: load_config(None, [f"summarizer={args.summarizer}", f"embed_precision={p}",
                                     "cluster.cache_dir=null"]) for p in PRECISIONS}
    out, seconds = {}, {p: [] for p in PRECISIONS}
    for p in PRECISIONS:  # warm-up: each precision's model loaded, its kernels run once
        list(summarize_clusters(clusters[:2], configs[p], skip_empty=True, tally=True))
    for _ in range(args.rounds):
        for p in PRECISIONS:
            t0 = time.perf_counter()
            out[p] = list(summarize_clusters(clusters, configs[p], skip_empty=True, tally=True))
            seconds[p].append(time.perf_counter() - t0)
    a, b = out["fp32"], out["bf16"]
    texts = [i for i, (x, y) in enumerate(zip(a, b)) if [s.text for s in x.sentences] != [s.text for s in y.sentences]]
    sources = [i for i, (x, y) in enumerate(zip(a, b)) if i not in texts
               and [s.sources for s in x.sentences] != [s.sources for s in y.sentences]]
    gaps = [abs(e.score - f.score) for i, (x, y) in enumerate(zip(a, b)) if i not in texts
            for s, t in zip(x.sentences, y.sentences) for e, f in zip(s.evidence, t.evidence)]
    scored = [i for i, c in enumerate(clusters) if c.reference and a[i].text and b[i].text]
    rouge = {p: {k: round(100 * statistics.fmean(v), 2) for k, v in corpus_rouge(
        [out[p][i].text for i in scored], [clusters[i].reference for i in scored]).items()} for p in PRECISIONS}
    row = {"data": args.data, "clusters": len(clusters), "summarizer": args.summarizer,
           "text_differs": len(texts), "sources_differ": len(sources),
           "max_evidence_score_gap": round(max(gaps, default=0.0), 4), "rouge": rouge, "rouge_examples": len(scored),
           "best_seconds": {p: round(min(v), 1) for p, v in seconds.items()},
           "bf16_vs_fp32_speed": round(min(seconds["fp32"]) / min(seconds["bf16"]), 2),
           "changed": [{"id": clusters[i].id, **{p: [s.text for s in out[p][i].sentences] for p in PRECISIONS}}
                       for i in texts]}
    print(f"{len(clusters)} clusters ({args.data}, {args.summarizer}): text differs in {len(texts)}, sources "
          f"(same text) in {len(sources)}; largest evidence-score gap {row['max_evidence_score_gap']}")
    print(f"{'precision':<10}{'R1':>7}{'R2':>7}{'RL':>7}{'RLsum':>7}{'seconds':>9}")
    for p in PRECISIONS:
        r = rouge[p]
        print(f"{p:<10}{r['rouge1']:7.2f}{r['rouge2']:7.2f}{r['rougeL']:7.2f}{r['rougeLsum']:7.2f}"
              f"{row['best_seconds'][p]:9.1f}")
    write_result(args.name, {"note": __doc__.split("\n\n")[0], **row})


if __name__ == "__main__":
    main()
