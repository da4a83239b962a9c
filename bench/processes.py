"""``summarize run -n N`` on one CPU machine against one process, as a user runs it (fresh processes, start-up
included): the bart-base shape (random weights, bench/generation.py's model), Multi-News validation
clusters, greedy, a fixed number of new tokens. Systems, interleaved rounds in rotated order:

  one        ``summarize run`` in one process
  n          ``-n N``: each process gets its share of the cores (OMP_NUM_THREADS) and of the host's memory
  n-every    ``-n N`` with OMP_NUM_THREADS set to every core, which each process then keeps: what ``-n N``
             did before processes were given their share

The summaries of every system are compared with one process's (text and sources; the evidence scores are
float sums whose last digit follows the thread count).

    python bench/processes.py                       # 16 clusters, -n 2, 2 rounds
    python bench/processes.py --clusters 32 --processes 4
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

from bench._common import SHARED_DATA, write_result  # noqa: E402

SYSTEMS = ("one", "n", "n-every")


def summaries(path: Path) -> list:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r["id"], [(s["text"], s.get("sources")) for s in r.get("sentences", [])]) for r in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", type=int, default=16)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--out", default="processes")
    args = ap.parse_args(argv)
    from bench.generation import checkpoint
    from summarize.host import cores

    model = checkpoint("bart-base")
    tmp = Path(tempfile.mkdtemp(prefix="bench-processes-"))
    data = tmp / "clusters.jsonl"
    data.write_text("".join((SHARED_DATA / "multinews_validation.jsonl").read_text(encoding="utf-8")
                            .splitlines(keepends=True)[: args.clusters]), encoding="utf-8")
    sets = [f"model={model}", f"generation.max_new_tokens={args.new_tokens}",
            f"generation.min_new_tokens={args.new_tokens}"]
    base_env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"} | {"HF_HUB_OFFLINE": "1"}

    def command(system: str, out: Path) -> tuple[list[str], dict]:
        cmd = [sys.executable, "-m", "summarize.cli", "run", str(data), "-o", str(out), "-q", "--restart",
               *sum((["--set", s] for s in sets), [])]
        if system == "one":
            return cmd, base_env
        env = base_env | ({"OMP_NUM_THREADS": str(cores())} if system == "n-every" else {})
        return cmd + ["-n", str(args.processes)], env

    times: dict[str, list[float]] = {s: [] for s in SYSTEMS}
    outputs: dict[str, Path] = {}
    for r in range(args.rounds):
        for system in SYSTEMS[r % 3:] + SYSTEMS[: r % 3]:
            out = tmp / f"{system}.jsonl"
            cmd, env = command(system, out)
            start = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
            times[system].append(time.perf_counter() - start)
            outputs[system] = out
            print(f"  round {r + 1} {system:<8} {times[system][-1]:7.1f} s", flush=True)
    ref = summaries(outputs["one"])
    rows = {}
    for system in SYSTEMS:
        ratios = [o / t for o, t in zip(times["one"], times[system])]
        rows[system] = {"seconds": [round(t, 1) for t in times[system]],
                        "speed_vs_one": round(statistics.median(ratios), 2),
                        "same_summaries_as_one": sum(a == b for a, b in zip(ref, summaries(outputs[system]))),
                        "clusters": len(ref)}
    print(f"\n{'system':<10}{'median s':>10}{'x one':>8}{'same':>10}")
    for system, row in rows.items():
        print(f"{system:<10}{statistics.median(row['seconds']):>10.1f}{row['speed_vs_one']:>8.2f}"
              f"{row['same_summaries_as_one']:>6}/{row['clusters']}")
    path = write_result(args.out, {
        "summary": {"device": "cpu", "cores": cores(), "processes": args.processes,
                    "n_vs_one": rows["n"]["speed_vs_one"], "n_every_core_vs_one": rows["n-every"]["speed_vs_one"],
                    "load_average": [round(x, 2) for x in os.getloadavg()]},
        "settings": vars(args), "systems": rows})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
