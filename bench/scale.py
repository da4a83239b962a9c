"""A day of news: clustering time and memory from 10,000 to 100,000 articles, exact vs ann, and batch
summarization on Ray vs one process.

    python bench/scale.py --part index                     # faiss vs usearch on real embeddings (50,000)
    python bench/scale.py --part cluster                   # 10k / 50k / 100k (exact up to --exact-max)
    python bench/scale.py --part agree --sizes 10000       # the ann partition against the exact one
    python bench/scale.py --part ray --clusters 2000       # Ray runner, 1 and 2 workers, vs one process

Articles are the shared Multi-News + BBC pool repeated with light perturbation (bench/clustering.py's
``synthetic_pool``: every copy's embedded lead differs). Each clustering run is its own process (end to
end: load, clean, features with a warm embedding cache, index, clustering), so its peak RSS is its
own; the fitted exponent is the slope of log(time) and log(peak RSS) against log(n) between the
smallest and largest size. Warm the cache first: ``python bench/scale.py --part warm --sizes 100000``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, SHARED_DATA, read_jsonl, write_result  # noqa: E402

CACHE = str(ROOT / "bench" / ".cache" / "scale")


def child_cluster(n: int, index: str, cache: str) -> dict:
    """One clustering run (in a child process): seconds, peak RSS, clusters."""
    import resource
    import warnings

    from clustering import synthetic_pool

    from summarize.cluster import cluster_articles
    from summarize.config import ClusterConfig

    warnings.simplefilter("ignore")
    arts = synthetic_pool(n)
    t0 = time.time()
    result = cluster_articles(arts, ClusterConfig(index=index, cache_dir=cache))
    seconds = time.time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return {"articles": n, "index": index, "seconds": round(seconds, 1), "peak_rss_gib": round(peak, 2),
            "clusters": len(result.clusters), "rejected": len(result.rejected)}


def warm(sizes: list[int], cache: str) -> None:
    """Embed the largest pool's leads into the cache (what a warm cache means below)."""
    from dataclasses import replace

    from clustering import synthetic_pool

    from summarize.clean import BoilerplateFilter
    from summarize.cluster import clean_and_reject
    from summarize.cluster.features import FeatureBuilder, embed_text
    from summarize.config import CleanConfig, ClusterConfig

    cfg = ClusterConfig(cache_dir=cache)
    clean = replace(CleanConfig(), dedupe_sentences=False, furniture=[], extra_furniture=[])
    kept, _ = clean_and_reject(synthetic_pool(max(sizes)), cfg, clean, BoilerplateFilter(clean))
    embedder = FeatureBuilder(cfg).embedder
    for start in range(0, len(kept), 5000):
        embedder.encode([embed_text(a, cfg) for a in kept[start:start + 5000]])
        print(f"warm: {min(start + 5000, len(kept))}/{len(kept)}", flush=True)


def slope(points: list[tuple[int, float]]) -> float | None:
    if len(points) < 2:
        return None
    (n0, y0), (n1, y1) = points[0], points[-1]
    return round(math.log(y1 / y0) / math.log(n1 / n0), 3)


def cluster_part(args) -> dict:
    runs = []
    for n in args.sizes:
        for index in ("exact", "ann"):
            if index == "exact" and n > args.exact_max:
                continue
            proc = subprocess.run([sys.executable, __file__, "--child", str(n), index, args.cache_dir],
                                  capture_output=True, text=True)
            if proc.returncode:
                runs.append({"articles": n, "index": index, "failed": proc.stderr[-2000:]})
                print(f"{index:<6}{n:>9} failed: {proc.stderr[-300:]}", flush=True)
                continue
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            runs.append(row)
            print(f"{index:<6}{n:>9} {row['seconds']:>9.1f} s {row['peak_rss_gib']:>7.2f} GiB "
                  f"{row['clusters']:>8} clusters", flush=True)
    ann = [r for r in runs if r["index"] == "ann" and "seconds" in r]
    exps = {"time": slope([(r["articles"], r["seconds"]) for r in ann]),
            "memory": slope([(r["articles"], r["peak_rss_gib"]) for r in ann])}
    out = {"runs": runs, "ann_exponents_between": [ann[0]["articles"], ann[-1]["articles"]] if ann else None,
           "ann_exponents": exps}
    if ann and exps["time"]:
        big = ann[-1]
        factor = 1_000_000 / big["articles"]
        out["extrapolated_1m"] = {"seconds": round(big["seconds"] * factor ** exps["time"]),
                                  "peak_rss_gib": round(big["peak_rss_gib"] * factor ** exps["memory"], 1),
                                  "rule": "largest measured size x (1,000,000 / size) ^ fitted exponent"}
    print("ann exponents:", exps, "1M extrapolation:", out.get("extrapolated_1m"))
    return out


def agree_part(args) -> dict:
    """How far the ann partition is from the exact one at one size (exact as the reference)."""
    import warnings

    from clustering import synthetic_pool

    from summarize.cluster import cluster_articles, cluster_scores
    from summarize.config import ClusterConfig

    warnings.simplefilter("ignore")
    n = args.sizes[0]
    arts = synthetic_pool(n)
    labels = {index: cluster_articles(arts, ClusterConfig(index=index, cache_dir=args.cache_dir)).labels()
              for index in ("exact", "ann")}
    scores = cluster_scores(labels["ann"], labels["exact"])
    print(f"{n} articles: ann vs exact B-cubed P {scores['bcubed_precision']:.4f} R {scores['bcubed_recall']:.4f} "
          f"F1 {scores['bcubed_f1']:.4f} ARI {scores['ari']:.4f}")
    return {"articles": n, "ann_vs_exact": {k: round(v, 4) for k, v in scores.items() if isinstance(v, float)}}


def index_part(args) -> dict:
    """faiss HNSW, usearch HNSW and faiss exact (flat) kNN on real cached embeddings."""
    from dataclasses import replace

    import numpy as np
    from clustering import synthetic_pool

    from summarize.clean import BoilerplateFilter
    from summarize.cluster import clean_and_reject
    from summarize.cluster.ann import knn
    from summarize.cluster.features import FeatureBuilder, embed_text
    from summarize.config import CleanConfig, ClusterConfig

    n = args.index_size
    cfg = ClusterConfig(cache_dir=args.cache_dir)
    clean = replace(CleanConfig(), dedupe_sentences=False, furniture=[], extra_furniture=[])
    kept, _ = clean_and_reject(synthetic_pool(n), cfg, clean, BoilerplateFilter(clean))
    x = FeatureBuilder(cfg).embedder.encode([embed_text(a, cfg) for a in kept]).astype(np.float32)
    k = cfg.neighbours + 1
    import faiss

    t0 = time.time()
    flat = faiss.IndexFlatIP(x.shape[1])
    flat.add(x)
    _, truth = flat.search(x, k)
    rows = {"faiss flat (exact)": {"seconds": round(time.time() - t0, 1), "recall": 1.0}}
    for backend in ("faiss", "usearch"):
        t0 = time.time()
        found = knn(x, k, backend)
        seconds = time.time() - t0
        recall = float(np.mean([len(set(a) & set(b)) / k for a, b in zip(found, truth)]))
        rows[f"{backend} hnsw"] = {"seconds": round(seconds, 1), "recall": round(recall, 4)}
    for name, r in rows.items():
        print(f"{name:<20}{r['seconds']:>8.1f} s  recall@{k} {r['recall']:.4f}")
    return {"articles": len(kept), "k": k, "rows": rows}


def small_model(path: Path) -> Path:
    """A small random-weight BART (d_model 64, 2 + 2 layers) with the real BART tokenizer from
    ../shared/tokenizers/bart: what the abstractive throughput rows run (the output text is noise; the
    work per token is a real model's in kind)."""
    if (path / "config.json").is_file():
        return path
    import torch
    from transformers import AutoTokenizer, BartConfig, BartForConditionalGeneration

    tok = AutoTokenizer.from_pretrained(SHARED_DATA.parent / "tokenizers" / "bart")
    config = BartConfig(vocab_size=len(tok), d_model=64, encoder_layers=2, decoder_layers=2,
                        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=256,
                        decoder_ffn_dim=256, max_position_embeddings=1024, pad_token_id=tok.pad_token_id,
                        bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id,
                        decoder_start_token_id=tok.eos_token_id, forced_bos_token_id=tok.bos_token_id)
    torch.manual_seed(0)
    BartForConditionalGeneration(config).save_pretrained(path)
    tok.save_pretrained(path)
    return path


def ray_part(args) -> dict:
    """One process vs the Ray runner (1 and 2 local workers) on the same clusters, interleaved."""
    import tempfile

    rows = read_jsonl(SHARED_DATA / "multinews_validation.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        with open(batch, "w", encoding="utf-8") as fh:
            for i in range(args.clusters):
                r = rows[i % len(rows)]
                fh.write(json.dumps({"id": f"c{i:05d}", "documents": r["documents"]}) + "\n")
        systems = {"one process": [], "ray, 1 worker": ["--runner", "ray", "--set", "ray.workers=1"],
                   "ray, 2 workers": ["--runner", "ray", "--set", "ray.workers=2"]}
        results: dict = {}
        for summarizer, extra in args.summarizers:
            for name, flags in systems.items():
                out = Path(tmp) / f"{summarizer}-{name.replace(' ', '_').replace(',', '')}.jsonl"
                t0 = time.time()
                proc = subprocess.run([sys.executable, "-m", "summarize.cli", "run", str(batch), "-o", str(out), "-q",
                                       "--set", f"summarizer={summarizer}", *extra, *flags],
                                      capture_output=True, text=True)
                seconds = time.time() - t0
                key = f"{summarizer}/{name}"
                results[key] = {"seconds": round(seconds, 1), "clusters_per_s": round(args.clusters / seconds, 2),
                                "ok": proc.returncode == 0}
                if proc.returncode:
                    results[key]["error"] = proc.stderr[-1000:]
                print(f"{key:<32}{seconds:>9.1f} s {args.clusters / seconds:>8.2f} clusters/s", flush=True)
            base = Path(tmp) / f"{summarizer}-one_process.jsonl"
            for name in list(systems)[1:]:
                other = Path(tmp) / f"{summarizer}-{name.replace(' ', '_').replace(',', '')}.jsonl"
                results[f"{summarizer}/{name}"]["identical_to_one_process"] = \
                    base.is_file() and other.is_file() and base.read_bytes() == other.read_bytes()
                results[f"{summarizer}/{name}"]["ratio_to_one_process"] = round(
                    results[f"{summarizer}/one process"]["seconds"] / results[f"{summarizer}/{name}"]["seconds"], 2)
    return {"clusters": args.clusters, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["warm", "index", "cluster", "agree", "ray"], default="cluster")
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--exact-max", type=int, default=20000)
    parser.add_argument("--index-size", type=int, default=50000)
    parser.add_argument("--clusters", type=int, default=2000)
    parser.add_argument("--abstractive-model", default=None,
                        help="a checkpoint for the abstractive rows, or 'small' (a random small BART built here)")
    parser.add_argument("--systems", default="extractive,abstractive", help="which summarizers the ray part runs")
    parser.add_argument("--cache-dir", default=CACHE)
    parser.add_argument("--child", nargs=3, metavar=("N", "INDEX", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_cluster(int(args.child[0]), args.child[1], args.child[2])))
        return
    args.sizes = [int(x) for x in args.sizes.split(",")]
    if args.part == "warm":
        warm(args.sizes, args.cache_dir)
        return
    name, payload = {"index": ("scale_index", index_part), "cluster": ("scale", cluster_part),
                     "agree": ("scale_agreement", agree_part), "ray": ("scale_ray", ray_part)}[args.part]
    if args.part == "ray":
        name = f"scale_ray_{args.clusters}"
        args.summarizers = [("extractive", [])] if "extractive" in args.systems.split(",") else []
        if args.abstractive_model and "abstractive" in args.systems.split(","):
            model = small_model(ROOT / "bench" / ".cache" / "small-bart") if args.abstractive_model == "small" \
                else Path(args.abstractive_model)
            args.summarizers.append(("abstractive", ["--set", f"model={model}", "--set", "generation.max_new_tokens=64",
                                                     "--set", "generation.min_new_tokens=0",
                                                     "--set", "abstractive.max_input_tokens=1024"]))
    result = payload(args)
    data = ("the 250 Multi-News validation clusters repeated under new ids up to --clusters" if args.part == "ray" else
            "Multi-News validation + BBC documents repeated with light perturbation (bench/clustering.py synthetic_pool)")
    path = write_result(name, {"data": data, "cpus": os.cpu_count(), **result})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
