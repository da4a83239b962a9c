"""Helpers shared by the bench scripts: shared-data paths, machine/version info, result files."""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("SUMMARIZE_SHARED", ROOT.parent / "shared")) / "data"
RESULTS = Path(os.environ.get("SUMMARIZE_RESULTS", ROOT / "bench" / "results"))  # the GPU run writes to $OUT


def machine() -> dict[str, Any]:
    """Where a benchmark ran: platform, cores, memory, Python and package versions."""
    import importlib.metadata as md

    mem = None
    try:
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    versions = {}
    for name in ("summarize", "torch", "transformers", "sentence-transformers", "rouge-score", "rouge-score-rs", "sumy", "scikit-learn", "numpy"):
        try:
            versions[name] = md.version(name)
        except md.PackageNotFoundError:
            pass
    return {"platform": platform.platform(), "cpus": os.cpu_count(), "memory_gib": mem, **cpu(),
            "python": sys.version.split()[0], "versions": versions}


# the instruction sets that decide which CPU kernels run: bfloat16 and int8 matrix units (speed and, for
# bfloat16, the rounding: two CPUs give different embeddings, generation_cpu_*.json different ratios)
_ISA = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "amx_int8", "avx_vnni")


def cpu() -> dict[str, Any]:
    """The CPU's model name and which of ``_ISA`` it has (from /proc/cpuinfo; empty where there is none)."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return {}
    model = next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")), None)
    flags = next((set(line.split(":", 1)[1].split()) for line in info.splitlines() if line.startswith("flags")), set())
    return {"cpu_model": model, "cpu_isa": [f for f in _ISA if f in flags]}


def write_result(name: str, payload: dict[str, Any]) -> Path:
    """Write ``bench/results/NAME.json`` with the command line, machine and time added."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"command": "python " + " ".join(sys.argv), "date": time.strftime("%Y-%m-%d %H:%M:%S"),
               "machine": machine(), **payload}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise SystemExit(f"{path} not found: the benchmarks read ../shared/data (or set SUMMARIZE_SHARED)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_worker(script: str, spec: dict[str, Any], what: str) -> dict[str, Any]:
    """Run ``script --worker SPEC`` in a fresh process (offline, no tokenizer threads) and return the JSON of
    the ``RESULT`` line it prints; a failed run stops the bench with the end of its stderr, naming ``what``."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(spec, fh)
    try:
        env = {**os.environ, "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"}
        res = subprocess.run([sys.executable, script, "--worker", fh.name], capture_output=True, text=True, env=env)
    finally:
        os.unlink(fh.name)
    line = next((x for x in res.stdout.splitlines() if x.startswith("RESULT ")), None)
    if res.returncode or line is None:
        raise SystemExit(f"{what} failed:\n{res.stderr[-4000:]}")
    return json.loads(line[len("RESULT "):])


def run_at(root: Path, child: str, *args: str) -> Any:
    """Run the Python source ``child`` with the code of the checkout at ``root`` on the import path (its own
    process: two versions of the code side by side) and return the JSON it writes to the path passed after
    ``args``; a failed run stops the bench with the end of its stderr."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        env = {**os.environ, "PYTHONPATH": str(root)}
        res = subprocess.run([sys.executable, "-c", child, *args, str(out)], env=env, cwd=tmp, capture_output=True,
                             text=True)
        if res.returncode:
            raise SystemExit(f"the code at {root} failed:\n{res.stderr[-3000:]}")
        return json.loads(out.read_text())


def first_rows(data: str, limit: int, offset: int = 0) -> list[str]:
    """The first ``limit`` lines after the first ``offset`` of the shared data file ``data`` (a JSONL of
    clusters), as written."""
    path = SHARED_DATA / data
    if not path.is_file():
        raise SystemExit(f"{path} not found: the benchmarks read ../shared/data (or set SUMMARIZE_SHARED)")
    return path.read_text(encoding="utf-8").splitlines(keepends=True)[offset: offset + limit]


def two_versions_parser(doc: str, name: str):
    """The arguments of a bench that runs two checkouts of the code on the first clusters of a shared file."""
    import argparse

    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before-root", type=Path, required=True, help="a checkout of the older code (git worktree)")
    ap.add_argument("--data", default="multinews_validation.jsonl")
    ap.add_argument("--limit", type=int, default=250)
    ap.add_argument("--offset", type=int, default=0,  # the BBC file's politics rows start at 896, sport's at 1313
                    help="rows of the file to skip before the first one read")
    ap.add_argument("--name", default=name)
    return ap


def on_both(args, run) -> tuple[list[str], Any, Any, str]:
    """``run(root, data_path)`` for the checkout at ``args.before_root`` and for this one, on ``args.limit``
    rows of ``args.data`` after the first ``args.offset``: the rows, the two results, and the older checkout's
    short commit."""
    import subprocess
    import tempfile

    rows = first_rows(args.data, args.limit, args.offset)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / Path(args.data).name  # never the shared file itself: ``--data`` may be a full path
        data.write_text("".join(rows), encoding="utf-8")
        before, after = run(args.before_root.resolve(), data), run(ROOT, data)
    commit = subprocess.run(["git", "-C", str(args.before_root), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    return rows, before, after, commit
