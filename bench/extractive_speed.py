"""The offline default's speed as a user meets it: ``summarize run FILE --set summarizer=extractive -o OUT``
against sumy's LexRank over the same clusters, each a fresh process timed from start to exit (start-up,
model loading and cleaning included), interleaved rounds in rotated order.

    python bench/extractive_speed.py                       # the first 50 Multi-News validation clusters
    python bench/extractive_speed.py --set extractive.max_sentences_per_document=400   # an override for ours

LexRank gets the raw documents split by the same pysbd sentences and the same 200-word budget (sumy's
ranking, bench/extractive.py's selection rule); ours runs its whole pipeline (cleaning, selection, polish,
attribution, discrepancies, the JSONL writer). Each child also reports the seconds its own work took after
start-up. Quality is bench/extractive.py's business; this script only times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import ROOT, SHARED_DATA, read_jsonl, write_result  # noqa: E402

LEXRANK = r'''
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[3])
from extractive import pick, sumy_ranking
from summarize.io import load_clusters
from summarize.provenance import source_sentences
t1 = time.perf_counter()
out = []
for c in load_clusters([sys.argv[1]]):
    raw = [s.text for s in source_sentences(c)]
    out.append({"id": c.id, "summary": pick(raw, sumy_ranking("lexrank", raw), int(sys.argv[2]))})
open(sys.argv[4], "w").write("".join(json.dumps(r) + "\n" for r in out))
print("WORK", time.perf_counter() - t1, "START", t1 - t0)
'''


def run(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=env)
    took = time.perf_counter() - start
    if res.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed:\n{res.stderr[-3000:]}")
    return took


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--budget", type=int, default=200, help="words per summary (summarize run's default)")
    ap.add_argument("--set", dest="overrides", action="append", default=[], help="config override for ours")
    ap.add_argument("--out", default="extractive_speed")
    args = ap.parse_args(argv)
    rows = read_jsonl(SHARED_DATA / "multinews_validation.jsonl")[: args.clusters]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    times: dict[str, list[float]] = {"summarize run (extractive)": [], "sumy LexRank": []}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "clusters.jsonl"
        data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        commands = {
            "summarize run (extractive)": [sys.executable, "-m", "summarize.cli", "run", str(data), "-q", "-o",
                                           str(Path(tmp) / "ours.jsonl"), "--set", "summarizer=extractive",
                                           "--set", f"max_words={args.budget}",
                                           *[x for o in args.overrides for x in ("--set", o)]],
            "sumy LexRank": [sys.executable, "-c", LEXRANK, str(data), str(args.budget), str(ROOT / "bench"),
                             str(Path(tmp) / "lexrank.jsonl")],
        }
        names = list(commands)
        for r in range(args.rounds):
            for name in names[r % 2:] + names[: r % 2]:
                Path(tmp, "ours.jsonl").unlink(missing_ok=True)  # a finished batch would be resumed, not redone
                times[name].append(run(commands[name], env))
                print(f"  round {r + 1} {name:<28} {times[name][-1]:6.1f} s  "
                      f"{args.clusters / times[name][-1]:5.2f} clusters/s", flush=True)
    per_s = {k: round(args.clusters / statistics.median(v), 2) for k, v in times.items()}
    ratio = [b / a for a, b in zip(times["summarize run (extractive)"], times["sumy LexRank"])]
    print(f"\n{'system':<30}{'median s':>10}{'clusters/s':>12}")
    for name, v in times.items():
        print(f"{name:<30}{statistics.median(v):10.1f}{per_s[name]:12.2f}")
    print(f"ours / LexRank clusters/s: {statistics.median(ratio):.2f} (per round {[round(x, 2) for x in ratio]})")
    import torch

    path = write_result(args.out, {
        "summary": {"device": "cpu", "clusters_per_s": per_s, "ours_vs_lexrank": round(statistics.median(ratio), 3),
                    "torch_threads": torch.get_num_threads(), "load_average": [round(x, 2) for x in os.getloadavg()]},
        "clusters": args.clusters, "budget": args.budget, "overrides": args.overrides,
        "seconds": {k: [round(x, 2) for x in v] for k, v in times.items()}})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
