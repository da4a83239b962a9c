"""Splitting a batch across processes (``summarize run -n N``, or ``accelerate launch``) and merging the
results in input order.

Shard ``k`` of ``n`` takes clusters ``k, k + n, k + 2n, ...`` and writes them, resumably, to its own
``OUT.shard-k-of-n.jsonl``; every cluster yields exactly one row, so interleaving the shards' files
round-robin gives the input order. A killed run resumes each shard from its own partial file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

from summarize.config import RunConfig
from summarize.errors import InputError, SummarizeError
from summarize.generation.models import gpu_count
from summarize.host import child_env
from summarize.io.atomic import atomic_write_text


def parse_shard(text: str) -> tuple[int, int]:
    """``"1/4"`` -> ``(1, 4)``: shard 1 (0-based) of 4.

    Example:
        >>> parse_shard("0/2")
        (0, 2)
    """
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise InputError(f"--shard expects K/N (e.g. 0/2), got {text!r}") from None
    if not 0 <= k < n:
        raise InputError(f"--shard {text}: need 0 <= K < N")
    return k, n


def shard_path(output: str | Path, k: int, n: int) -> Path:
    """Where shard ``k`` of ``n`` writes: ``preds.shard-0-of-2.jsonl`` beside ``preds.jsonl``."""
    out = Path(output)
    return out.with_name(f"{out.stem}.shard-{k}-of-{n}{out.suffix}")


def from_launcher() -> tuple[int, int] | None:
    """``(rank, world size)`` when started by ``accelerate launch`` / ``torchrun`` with several processes;
    on a GPU machine the process is bound to its local GPU (``LOCAL_RANK``), so ``device: auto`` uses it."""
    world = int(os.environ.get("WORLD_SIZE", "1") or 1)
    if world <= 1:
        return None
    if gpu_count():
        import torch

        torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0") or 0) % torch.cuda.device_count())
    return int(os.environ.get("RANK", "0") or 0), world


def merge(output: str | Path, n: int) -> int:
    """Interleave the ``n`` shard files into ``output`` (atomically) and remove them; returns the row count."""
    files = [shard_path(output, k, n) for k in range(n)]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise SummarizeError(f"cannot merge {output}: shard output missing ({', '.join(missing)})")
    rows = [f.read_text(encoding="utf-8").splitlines(keepends=True) for f in files]
    _check_made_alike(output, files, rows)
    merged = [r[i] for i in range(max(map(len, rows))) for r in rows if i < len(r)]
    atomic_write_text(output, "".join(merged))
    for f in files:
        f.unlink()
    return len(merged)


def _check_made_alike(output: str | Path, files: Sequence[Path], rows: Sequence[list[str]]) -> None:
    """Refuse to merge shards made otherwise (``io.write.made_by``): processes on several machines each
    resolve ``embed_precision: auto`` for themselves (bfloat16 on one CPU, float32 on another), and a node
    may run other code or another checkpoint; one output holds rows of one configuration."""
    import json

    from summarize.io.write import MADE_FIELDS, made_otherwise

    first: tuple[Path, dict] | None = None
    for f, lines in zip(files, rows):
        try:
            record = json.loads(lines[0]) if lines else None
        except ValueError:
            raise SummarizeError(f"cannot merge {output}: {f} is not JSONL") from None
        if not isinstance(record, dict):
            continue
        if first is None:
            first = (f, {k: record.get(k) for k in MADE_FIELDS})
            continue
        field = made_otherwise(record, first[1])
        if field:
            fix = (f"--set embed_precision={first[1][field]} (or fp32) on every machine" if field == "embed_precision"
                   else "the same config, code and checkpoint on every machine")
            raise SummarizeError(f"cannot merge {output}: {f.name} was made with {field} {record.get(field)}, "
                                 f"{first[0].name} with {first[1][field]}; rows of two configurations are not mixed. "
                                 f"Re-run with {fix}: the rows made otherwise are redone, the others kept")


def run_processes(paths: Sequence[str], config: RunConfig, output: str | Path, n: int, *, restart: bool = False,
                  total: int | None = None, progress: Callable[[int, int], None] | None = None) -> int:
    """Run ``summarize run`` as ``n`` processes on the resolved ``config``, one shard each (on GPU machines
    process ``k`` sees GPU ``k mod count``; each gets its share of the cores and of its device's memory:
    ``host.child_env``), then merge their outputs in input order; returns the row count."""
    import yaml

    if any(str(p) == "-" for p in paths):
        raise InputError("-n: standard input cannot be split across processes; write it to a file first")
    gpus = gpu_count()
    with tempfile.TemporaryDirectory(prefix="summarize-shards-") as tmp:
        cfg_file = Path(tmp) / "config.yaml"
        cfg_file.write_text(yaml.safe_dump(config.to_dict(), sort_keys=False), encoding="utf-8")
        procs = []
        for k in range(n):
            cmd = [sys.executable, "-m", "summarize.cli", "run", *map(str, paths), "--config", str(cfg_file),
                   "-o", str(output), "--shard", f"{k}/{n}", "-q"] + (["--restart"] if restart else [])
            procs.append(subprocess.Popen(cmd, env=child_env(k, n, gpus)))
        while any(p.poll() is None for p in procs):
            if progress and total:
                progress(min(_rows_done(output, n), total), total)
            time.sleep(0.5)
    failed = [(k, p.returncode) for k, p in enumerate(procs) if p.returncode]
    if failed:
        raise SummarizeError(f"{len(failed)} of {n} processes failed (shard {failed[0][0]}: exit code "
                             f"{failed[0][1]}); re-running the same command resumes every shard")
    return merge(output, n)


def _rows_done(output: str | Path, n: int) -> int:
    done = 0
    for k in range(n):
        for f in (shard_path(output, k, n), Path(str(shard_path(output, k, n)) + ".partial")):
            if f.is_file():
                with open(f, "rb") as fh:
                    done += sum(1 for _ in fh)
                break
    return done

