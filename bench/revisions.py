"""``summarize run`` as a user runs it, at two git revisions side by side: each a fresh process on the same
input, rounds interleaved in alternating order (the machine is shared: compare the medians, not seconds
across runs), the outputs compared byte for byte.

    python bench/revisions.py --base 149c8f7                 # 50 Multi-News clusters, extractive
    python bench/revisions.py --base 149c8f7 --set summarizer=lead --clusters 100
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import ROOT, SHARED_DATA, write_result  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True, help="the revision to compare with (the working tree is the other)")
    ap.add_argument("--clusters", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--set", dest="overrides", action="append", default=None, help="config override (default: "
                    "summarizer=extractive)")
    ap.add_argument("--name", default="revisions")
    args = ap.parse_args(argv)
    overrides = args.overrides or ["summarizer=extractive"]
    work = Path(tempfile.mkdtemp(prefix="summarize-revisions-"))
    rows = work / "clusters.jsonl"
    lines = (SHARED_DATA / "multinews_validation.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    rows.write_text("".join(lines[: args.clusters]), encoding="utf-8")
    base = work / "base"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.base], check=True)
    trees = {f"base ({args.base})": base, "working tree": ROOT}
    seconds: dict[str, list[float]] = {name: [] for name in trees}
    outputs: dict[str, bytes] = {}
    load = []
    try:
        for name, tree in trees.items():  # an untimed run each: byte-compiles the tree, warms the disk cache
            _run(tree, rows, work / "warm.jsonl", overrides)
        for r in range(args.rounds):
            for name, tree in (list(trees.items()) if r % 2 == 0 else list(reversed(trees.items()))):
                out = work / f"out-{r}-{len(outputs)}.jsonl"
                seconds[name].append(round(_run(tree, rows, out, overrides), 2))
                outputs[name] = out.read_bytes()
                load.append(round(os.getloadavg()[0], 2))
                print(f"  round {r + 1} {name:<24} {seconds[name][-1]:6.2f} s", flush=True)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
    median = {name: statistics.median(v) for name, v in seconds.items()}
    names = list(trees)
    same = outputs[names[0]] == outputs[names[1]]
    print(f"\n{'revision':<24} median s  clusters/s")
    for name in names:
        print(f"{name:<24} {median[name]:8.2f} {args.clusters / median[name]:10.2f}")
    print(f"working tree / base time: {median[names[1]] / median[names[0]]:.3f}; outputs identical: {same}")
    write_result(args.name, {
        "command": "python bench/revisions.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "summary": {"device": "cpu", "seconds_median": median, "time_ratio": round(median[names[1]] / median[names[0]], 3),
                    "outputs_identical": same, "load_average_1min": load},
        "clusters": args.clusters, "overrides": overrides, "seconds": seconds,
    })
    return 0


def _run(tree: Path, rows: Path, out: Path, overrides: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, "-m", "summarize.cli", "run", str(rows), "-o", str(out), "-q", "--restart"]
    for item in overrides:
        cmd += ["--set", item]
    start = time.perf_counter()
    res = subprocess.run(cmd, cwd=rows.parent, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if res.returncode:
        raise SystemExit(f"{tree}: summarize run failed:\n{res.stderr[-3000:]}")
    return took


if __name__ == "__main__":
    sys.exit(main())
