"""MiniLM embedding on this CPU: float32 against bfloat16 autocast (what ``precision="auto"`` picks on a
CPU with native bfloat16), texts per second and how close the vectors are.

    python bench/embedding.py              # 1,000 leads of 64 words (what clustering embeds)
    python bench/embedding.py --words 30   # sentence-length texts (what factual checks embed)

Both precisions embed the same texts, alternating twice, after one warm-up batch each; reported: texts
per second of each (best of the two rounds), their ratio, and the cosine between the two vectors of
each text (min and mean).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED_DATA, read_jsonl, write_result  # noqa: E402

from summarize.embed import MINILM, SentenceTransformerEmbedder  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=int, default=1000)
    ap.add_argument("--words", type=int, default=64)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    docs = [d for name in ("multinews_validation.jsonl", "bbc_news_summary.jsonl")
            for r in read_jsonl(SHARED_DATA / name) for d in r["documents"]]
    texts = [" ".join(d.split()[: args.words]) for d in docs if len(d.split()) >= args.words][: args.texts]
    models = {p: SentenceTransformerEmbedder(MINILM, precision=p) for p in ("fp32", "bf16")}
    best, vecs = {p: 0.0 for p in models}, {}
    for p, m in models.items():
        m.encode(texts[:64])
    for _ in range(2):
        for p, m in models.items():
            t0 = time.time()
            vecs[p] = m.encode(texts)
            best[p] = max(best[p], len(texts) / (time.time() - t0))
    cos = np.sum(vecs["fp32"] * vecs["bf16"], axis=1)
    row = {"texts": len(texts), "words_per_text": args.words, "fp32_texts_per_s": round(best["fp32"], 1),
           "bf16_texts_per_s": round(best["bf16"], 1), "speedup": round(best["bf16"] / best["fp32"], 2),
           "cosine_min": round(float(cos.min()), 6), "cosine_mean": round(float(cos.mean()), 6)}
    print(f"{'precision':<10}{'texts/s':>9}")
    for p in models:
        print(f"{p:<10}{best[p]:9.1f}")
    print(f"bf16 / fp32 = {row['speedup']}x; cosine(fp32, bf16) min {row['cosine_min']}, mean {row['cosine_mean']}")
    write_result(f"embedding_{args.words}w", {"note": __doc__.split("\n\n")[0], **row})


if __name__ == "__main__":
    main()
