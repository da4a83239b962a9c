"""What the fault fixes of issue 26 cost on a 2,000-cluster batch: the Ray window keys (a hash of each
window's input rows), the output lock, and the JSONL text check (lone surrogates, control and
bidirectional characters) when the batch is read; against the batch's own run time.

    python bench/faults_overhead.py            # 2,000 clusters: the 250 Multi-News validation rows repeated

Each cost is timed in interleaved rounds (the median is kept) and set against the run time of the same
2,000 clusters in bench/results/scale_ray_2000.json (the Ray runner with 2 workers, extractive, this
machine), which the fixes must not slow by 2% or more.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import RESULTS, SHARED_DATA, read_jsonl, write_result  # noqa: E402


def timed(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    from summarize.io import load, load_clusters
    from summarize.io.lock import file_lock
    from summarize.io.write import input_key

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--window", type=int, default=64, help="generation.window (the Ray runner's window size)")
    args = ap.parse_args(argv)
    rows = read_jsonl(SHARED_DATA / "multinews_validation.jsonl")
    batch = [dict(rows[i % len(rows)], id=f"c{i}") for i in range(args.clusters)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in batch), encoding="utf-8")
        clusters = load_clusters([str(path)])
        windows = [clusters[i:i + args.window] for i in range(0, len(clusters), args.window)]
        checked = load.json_text
        costs = {"input keys": timed(lambda: [input_key(c) for w in windows for c in w], args.rounds),
                 "output lock": timed(lambda: file_lock(Path(tmp) / "out.jsonl").__enter__(), args.rounds)}
        reads = {"checked": [], "unchecked": []}
        for _ in range(args.rounds):  # the text check on and off, interleaved
            for name in reads:
                load.json_text = checked if name == "checked" else (lambda row, where: row)
                start = time.perf_counter()
                load_clusters([str(path)])
                reads[name].append(time.perf_counter() - start)
        load.json_text = checked
        costs["JSONL text check"] = max(0.0, statistics.median(reads["checked"]) - statistics.median(reads["unchecked"]))
    ray = json.loads((RESULTS / "scale_ray_2000.json").read_text())["results"]["extractive/ray, 2 workers"]["seconds"]
    total = sum(costs.values())
    print(f"{'cost':<20}{'seconds':>10}{'% of the run':>14}")
    for name, sec in costs.items():
        print(f"{name:<20}{sec:10.4f}{100 * sec / ray:13.4f}%")
    print(f"{'all':<20}{total:10.4f}{100 * total / ray:13.4f}%   (run: {ray:.0f} s, Ray 2 workers, extractive)")
    path = write_result("faults_overhead", {
        "clusters": args.clusters, "rounds": args.rounds, "window": args.window, "run_seconds": ray,
        "costs_seconds": {k: round(v, 5) for k, v in costs.items()},
        "read_seconds": {k: round(statistics.median(v), 4) for k, v in reads.items()},
        "share_of_run": round(total / ray, 6)})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
