"""Event clustering on pooled Multi-News (each example's documents are one gold event), and at scale.

    python bench/clustering.py                 # quality: threshold rule on the dev fifth, batch + online
    python bench/clustering.py --scale 20000   # speed: 20,000 articles end to end, twice (cache hit)
    python bench/clustering.py --nightly 5000  # add 1,000 articles to a saved online state of 4,000
    python bench/clustering.py --ablation      # which signals, lead lengths and linkages matter

Threshold rule (documented, not tuned per example): the whole pool is clustered; events whose row
index is divisible by 5 are dev, the others test. The threshold with the best B-cubed F1 over the dev
events' articles (grid 0.30-0.90, step 0.02) is the one used everywhere; the test events' articles,
never looked at when choosing, give the held-out score.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED_DATA, read_jsonl, write_result  # noqa: E402

from summarize.cluster import cluster_articles, cluster_scores  # noqa: E402
from summarize.config import ClusterConfig  # noqa: E402
from summarize.types import Article  # noqa: E402


def pool(rows, seed=0):
    arts, gold = [], {}
    for r in rows:
        for i, d in enumerate(r["documents"]):
            a = Article(f"{r['id']}:{i}", d)
            arts.append(a)
            gold[a.id] = r["id"]
    random.Random(seed).shuffle(arts)
    return arts, gold


def score(arts, gold, cfg, parts=None):
    """Scores over all of ``gold`` and, with ``parts``, over each named subset of gold ids."""
    t0 = time.time()
    res = cluster_articles(arts, cfg)
    seconds = round(time.time() - t0, 1)
    out = {}
    for name, ids in (parts or {"full": set(gold)}).items():
        sc = cluster_scores(res.labels(), gold, items=ids)
        sc["seconds"], sc["rejected"] = seconds, len(res.rejected)
        out[name] = sc
    return out


def quality(args) -> None:
    rows = read_jsonl(SHARED_DATA / "multinews_validation.jsonl")
    dev_events = {r["id"] for i, r in enumerate(rows) if i % 5 == 0}
    base = dict(cache_dir=args.cache_dir or str(Path("bench") / ".cache" / "quality"))
    arts, gold = pool(rows)
    parts = {"full": set(gold), "dev": {i for i, g in gold.items() if g in dev_events},
             "test": {i for i, g in gold.items() if g not in dev_events}}
    grid = [round(x, 2) for x in np.arange(0.30, 0.901, 0.02)]
    dev_scores = {t: score(arts, gold, ClusterConfig(threshold=t, **base), {"dev": parts["dev"]})["dev"]["bcubed_f1"]
                  for t in grid}
    best = max(grid, key=lambda t: (dev_scores[t], -abs(t - 0.5)))
    print("dev events:", " ".join(f"{t:.2f}:{v:.3f}" for t, v in dev_scores.items()))
    print(f"threshold chosen on dev: {best}")
    results = {}
    for method in ("agglomerative", "hdbscan", "online"):
        results[method] = score(arts, gold, ClusterConfig(method=method, threshold=best, **base), parts)
    online_orders = [score(pool(rows, seed=s)[0], gold, ClusterConfig(method="online", threshold=best, **base))["full"]["bcubed_f1"]
                     for s in (1, 2, 3)]
    keep = {a.id for a in arts} - {r["id"] for r in cluster_articles(arts, ClusterConfig(**base)).rejected}
    cap = cluster_scores({i: (gold[i] if i in keep else f"rejected-{i}") for i in gold}, gold)["bcubed_f1"]
    print(f"{'method':<14}{'pool':<6}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'ARI':>7}{'NMI':>7}{'events':>8}{'rej':>5}{'sec':>7}")
    for method, r in results.items():
        for part, sc in r.items():
            print(f"{method:<14}{part:<6}{sc['bcubed_precision']:7.3f}{sc['bcubed_recall']:7.3f}{sc['bcubed_f1']:7.3f}"
                  f"{sc['ari']:7.3f}{sc['nmi']:7.3f}{sc['predicted_clusters']:8d}{sc['rejected']:5d}{sc['seconds']:7.1f}")
    gap = results["agglomerative"]["full"]["bcubed_f1"] - np.mean([results["online"]["full"]["bcubed_f1"], *online_orders])
    print(f"online over 4 random orders: {[round(x, 3) for x in [results['online']['full']['bcubed_f1'], *online_orders]]}"
          f"; batch - online mean = {gap:.3f}")
    print(f"ceiling with rejected articles as singletons: {cap:.3f}")
    write_result("clustering", {
        "data": "multinews_validation.jsonl pooled: every document, shuffled (seed 0); gold event = example id",
        "articles": len(arts), "events": len(rows), "threshold_rule": __doc__.split("Threshold rule")[1].strip(),
        "dev_grid": dev_scores, "threshold": best, "results": results,
        "online_random_orders_f1": [results["online"]["full"]["bcubed_f1"], *online_orders],
        "batch_minus_online_mean_f1": gap, "ceiling_rejected_as_singletons": cap,
    })


ABLATION = {  # name -> ClusterConfig overrides; each variant gets its own threshold by the same dev rule
    "default (emb+lex+ent, average)": {},
    "emb only": {"signal_weights": {"emb": 1, "lex": 0, "ent": 0}},
    "lex only (no model)": {"signal_weights": {"emb": 0, "lex": 1, "ent": 0}},
    "ent only (no model)": {"signal_weights": {"emb": 0, "lex": 0, "ent": 1}},
    "lex+ent (no model)": {"signal_weights": {"emb": 0}},
    "emb+lex": {"signal_weights": {"ent": 0}},
    "weights emb 1, lex 2, ent 1": {"signal_weights": {"lex": 2}},
    "weights emb 1, lex 1.5, ent 0.5": {"signal_weights": {"lex": 1.5, "ent": 0.5}},
    "lead 128 words embedded": {"embed_words": 128},
    "lead 256 words embedded": {"embed_words": 256},
    "complete linkage": {"linkage": "complete"},
    "single linkage": {"linkage": "single"},
    "weighted linkage": {"linkage": "weighted"},
}


def ablation(args) -> None:
    """Each variant's linkage tree is built once (the library's ``linkage_tree``, what ``agglomerative``
    cuts) and cut at every grid threshold; the threshold is chosen on the dev events as in the
    quality run. ``best_full`` (the best threshold on all events) is an upper bound, not a result."""
    from dataclasses import replace

    from scipy.cluster.hierarchy import fcluster

    from summarize.clean import BoilerplateFilter
    from summarize.cluster import clean_and_reject
    from summarize.cluster.features import FeatureBuilder
    from summarize.cluster.methods import linkage_tree
    from summarize.config import CleanConfig

    rows = read_jsonl(SHARED_DATA / "multinews_validation.jsonl")
    dev_events = {r["id"] for i, r in enumerate(rows) if i % 5 == 0}
    arts, gold = pool(rows)
    parts = {"full": set(gold), "dev": {i for i, g in gold.items() if g in dev_events},
             "test": {i for i, g in gold.items() if g not in dev_events}}
    grid = [round(x, 2) for x in np.arange(0.30, 0.901, 0.02)]
    clean = replace(CleanConfig(), dedupe_sentences=False)
    table = {}
    print(f"{'variant':<36}{'t(dev)':>7}{'full':>7}{'dev':>7}{'test':>7}{'best full':>11}{'sec':>6}")
    for name, overrides in ABLATION.items():
        t0 = time.time()
        cfg = ClusterConfig(cache_dir=args.cache_dir or str(Path("bench") / ".cache" / "quality"), **overrides)
        kept, _ = clean_and_reject(arts, cfg, clean, BoilerplateFilter(clean))
        tree = linkage_tree(FeatureBuilder(cfg).features(kept, fit=True), cfg)
        scores = {}
        for t in grid:
            labels = fcluster(tree, 1.0 - t, criterion="distance")
            pred = {a.id: int(lab) for a, lab in zip(kept, labels)}
            scores[t] = {part: cluster_scores(pred, gold, items=ids)["bcubed_f1"] for part, ids in parts.items()}
        chosen = max(grid, key=lambda t: (scores[t]["dev"], -abs(t - 0.5)))
        best = max(grid, key=lambda t: scores[t]["full"])
        table[name] = {"overrides": overrides, "threshold": chosen, **scores[chosen],
                       "best_full": scores[best]["full"], "best_full_threshold": best, "seconds": round(time.time() - t0, 1)}
        r = table[name]
        print(f"{name:<36}{chosen:7.2f}{r['full']:7.3f}{r['dev']:7.3f}{r['test']:7.3f}{r['best_full']:8.3f}@{best:.2f}"
              f"{r['seconds']:6.0f}", flush=True)
    write_result("clustering_ablation", {"note": ablation.__doc__.strip(), "articles": len(arts), "events": len(rows),
                                         "variants": table})


def perturb(text: str, rng: random.Random) -> str:
    """A light perturbation: drop one sentence-ish chunk and swap two adjacent words near the start,
    so that the embedded lead differs too (every copy is a new text for the embedding cache)."""
    parts = text.split(". ")
    if len(parts) > 3:
        parts.pop(rng.randrange(len(parts)))
    words = ". ".join(parts).split()
    if len(words) > 3:
        k = rng.randrange(min(len(words), 40) - 1)
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def synthetic_pool(n: int) -> list[Article]:
    """``n`` articles: every Multi-News validation and BBC document, then perturbed copies (seed 0)."""
    rng = random.Random(0)
    base = [d for r in read_jsonl(SHARED_DATA / "multinews_validation.jsonl") for d in r["documents"]]
    base += [d for r in read_jsonl(SHARED_DATA / "bbc_news_summary.jsonl") for d in r["documents"]]
    texts = list(base)
    while len(texts) < n:
        texts.append(perturb(rng.choice(base), rng))
    return [Article(f"a{i}", t) for i, t in enumerate(texts[:n])]


def scale(args) -> None:
    arts = synthetic_pool(args.scale)
    unique_leads = len({" ".join(a.text.split()[:64]) for a in arts})
    cache = args.cache_dir or str(Path("bench") / ".cache" / f"scale-{args.scale}")
    runs = {}
    for method in args.methods.split(","):
        for attempt in (("first", "second") if not runs else ("warm-cache",)):
            cfg = ClusterConfig(method=method, cache_dir=cache)
            t0 = time.time()
            res = cluster_articles(arts, cfg)
            dt = time.time() - t0
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
            runs[f"{method}/{attempt}"] = {"seconds": round(dt, 1), "articles_per_s": round(len(arts) / dt, 1),
                                          "peak_rss_gib": round(peak, 2), "clusters": len(res.clusters),
                                          "rejected": len(res.rejected)}
            print(f"{method:<14}{attempt:<7} {dt:7.1f}s {len(arts) / dt:8.1f} art/s peak {peak:5.2f} GiB "
                  f"{len(res.clusters)} clusters {len(res.rejected)} rejected", flush=True)
    write_result(f"clustering_scale_{args.scale}", {
        "articles": len(arts), "distinct_embedded_leads": unique_leads, "data": "Multi-News validation + BBC documents, repeated with light perturbation "
        "(one sentence dropped, two adjacent words swapped) up to the count", "cache_dir": cache,
        "note": "first = empty embedding cache; second = same articles again, every embedding a cache hit; "
        "warm-cache = a later method run once with the cache already filled (its own cost)", "runs": runs,
    })


def nightly(args) -> None:
    """A nightly job: yesterday's state holds the first N - 1,000 articles; today's 1,000 are added to it
    (load, add, save), against clustering all N from scratch online."""
    import tempfile

    from summarize.cluster.stream import StreamClusterer

    arts = synthetic_pool(args.nightly)
    cfg = ClusterConfig(method="online", cache_dir=args.cache_dir or str(Path("bench") / ".cache" / "nightly"))
    cluster_articles(arts, cfg)  # fills the embedding cache, so that both timings below embed nothing
    t0 = time.time()
    full = cluster_articles(arts, cfg)
    t_full = time.time() - t0
    state = Path(tempfile.mkdtemp()) / "events.state"
    stream = StreamClusterer(cfg)
    stream.add(arts[:-1000])
    stream.save(state)
    t0 = time.time()
    today = StreamClusterer.load(state)
    result = today.add(arts[-1000:])
    today.save(state)
    t_add = time.time() - t0
    added = sum(len(c.metadata["new_article_ids"]) for c in result.clusters)
    joined = sum(1 for c in result.clusters if c.metadata["new_article_ids"] and len(c.articles) > len(c.metadata["new_article_ids"]))
    row = {"articles": len(arts), "online_from_scratch_s": round(t_full, 1), "nightly_add_1000_s": round(t_add, 1),
           "speedup": round(t_full / t_add, 1), "state_mib": round(state.stat().st_size / 2**20, 1),
           "added": added, "existing_events_joined": joined, "clusters_after": len(result.clusters),
           "clusters_from_scratch": len(full.clusters)}
    print(row)
    write_result(f"clustering_nightly_{args.nightly}", {"note": nightly.__doc__.strip(), **row})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=0, help="run the speed benchmark on this many articles")
    ap.add_argument("--methods", default="agglomerative,online,hdbscan")
    ap.add_argument("--ablation", action="store_true", help="compare signals, lead lengths and linkages")
    ap.add_argument("--nightly", type=int, default=0, help="time adding 1,000 articles to a persisted state of N - 1,000")
    ap.add_argument("--cache-dir", default=None,
                    help="embedding cache (default: bench/.cache/quality, or a fresh one per --scale size)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    if args.ablation:
        ablation(args)
    elif args.nightly:
        nightly(args)
    elif args.scale:
        scale(args)
    else:
        quality(args)


if __name__ == "__main__":
    main()
