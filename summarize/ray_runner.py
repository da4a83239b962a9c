"""``runner: ray``: a batch as a Ray Data pipeline, on a local Ray cluster or a remote one.

    summarize run clusters.jsonl --runner ray -o preds.jsonl                   # local cluster, 2 workers
    summarize run clusters.jsonl --runner ray --set ray.address=auto -o preds.jsonl   # a running cluster

The clusters are cut into windows of ``generation.window`` (the windows a single-process run batches
together, so both write the same rows, byte for byte). Each window flows through the pipeline:

- clean (Ray tasks, CPU): ``stages.clean_stage``;
- generate -> polish -> attribute (an actor pool of ``ray.workers``, each holding the summarizer and the
  embedder once, ``ray.num_gpus`` GPUs each): ``stages.WriteUp``;
- write (the driver): each finished window's rows go to the batch sink a local run writes
  (``io.write.ResumableJsonl``: ``OUT.partial``, then ``OUT`` in input order).

A run whose driver is killed resumes as a local one does: finished clusters are not redone (their rows
carry the config's, the code's and the checkpoint's hashes (``io.write.made_by``: the driver hashes the
checkpoint at ``model``, a copy on each node has the same hash) and their input's key; rows made otherwise are
refused unless ``--restart``, another input's redone). ``ray.init()`` without an address starts a
local cluster for the run and stops it after; with ``ray.address`` the run joins that cluster (the driver
reads the input and writes the output, so only it needs the files).

``RayEmbedder`` does the same for the embedding stage of ``summarize cluster``: texts in chunks across
an actor pool, vectors back in order.
"""

from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from summarize.config import RunConfig
from summarize.embed import fitted_per_call
from summarize.errors import MissingDependencyError, SummarizeWarning
from summarize.fingerprints import checkpoint_fingerprint
from summarize.io.lock import file_lock
from summarize.io.write import ResumableJsonl, input_key, made_by

INSTALL = 'pip install "summarize[ray]"'


def import_ray():
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError(f"runner=ray needs Ray Data: {INSTALL}") from exc
    return ray


class _Started:
    """``ray.init`` for the run unless Ray is already up; ``ray.shutdown`` after, if this started it."""

    def __init__(self, ray, config: RunConfig) -> None:
        self.ray, self.config, self.mine = ray, config, False
        self.watchdog = None

    def __enter__(self):
        if not self.ray.is_initialized():
            import os

            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                      "ignore_reinit_error": True}
            if self.config.ray.address:
                kwargs["address"] = self.config.ray.address
            else:  # a local cluster: room for every worker and the cleaning tasks beside them
                cpus = max(os.cpu_count() or 1, int(self.config.ray.workers * self.config.ray.cpus_per_worker) + 1)
                kwargs["num_cpus"] = cpus
            before = _children() if not self.config.ray.address else set()
            self.ray.init(**kwargs)
            self.mine = True
            if not self.config.ray.address:  # a local cluster: stopped even if this process is killed
                self.watchdog = _start_watchdog(before)
        import logging

        from ray.data import DataContext

        context = DataContext.get_current()
        context.enable_progress_bars = False  # progress is ours (the CLI's bar), as in a local run
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        return self

    def __exit__(self, *exc) -> None:
        if self.mine:
            self.ray.shutdown()
        if self.watchdog is not None:  # a normal stop: nothing is left for it to do
            self.watchdog.kill()
            self.watchdog.wait()


def _children() -> set[int]:
    """This process's descendants now (what the watchdog must leave alone)."""
    import os

    from summarize.ray_watchdog import PROC, descendants, processes

    return set(descendants({os.getpid()}, processes())) if PROC.is_dir() else set()


def _start_watchdog(excluded: set[int]):
    """``summarize.ray_watchdog`` for this process, in its own session (a signal to this process's group
    does not reach it), told which descendants were not Ray's."""
    import os
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-m", "summarize.ray_watchdog", str(os.getpid()), *map(str, excluded)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _clean_task(config_dict: dict) -> Callable[[dict], dict]:
    def clean(row: dict) -> dict:
        from summarize.config import config_from_dict
        from summarize.stages import clean_stage

        config = config_from_dict(config_dict)
        staged = clean_stage(pickle.loads(row["clusters"]), config, skip_empty=True)
        return {"window": row["window"], "staged": pickle.dumps(staged)}
    return clean


class _WriteUpActor:
    """Holds the summarizer and embedder; writes up one window of cleaned clusters into JSONL rows."""

    def __init__(self, config_dict: dict) -> None:
        from summarize.config import config_from_dict
        from summarize.stages import WriteUp, build_summarizer

        self.config = config_from_dict(config_dict)
        self.writer = WriteUp(self.config, build_summarizer(self.config))

    def __call__(self, row: dict) -> dict:
        summaries = self.writer(pickle.loads(row["staged"]))
        lines = "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s, _ in summaries)
        return {"window": row["window"], "rows": lines, "count": len(summaries)}


def run_on_ray(clusters: Sequence, config: RunConfig, output: str | Path, *, restart: bool = False,
               progress: Callable[[int, int], None] | None = None) -> int:
    """Summarize ``clusters`` on Ray into the JSONL ``output`` (module docstring); returns the row count."""
    from dataclasses import replace

    from summarize.embed import resolve_precision

    ray = import_ray()
    # ``auto`` resolved here, once: a GPU worker would pick float32 and a bfloat16 CPU driver bfloat16, and the
    # rows of one run would then carry two precisions (and two config hashes) that a resume reads as two runs
    config = replace(config, embed_precision=resolve_precision(config.embed_precision))
    with file_lock(output, "is being written by another run"):  # two runs into one output take turns
        return _run_locked(ray, clusters, config, output, restart, progress)


def _run_locked(ray, clusters: Sequence, config: RunConfig, output: str | Path, restart: bool,
                progress: Callable[[int, int], None] | None) -> int:
    size = config.generation.window
    windows = [list(clusters[i:i + size]) for i in range(0, len(clusters), size)]
    ids = [c.id for c in clusters]
    model = checkpoint_fingerprint(config.model) if config.summarizer == "abstractive" else None  # the workers load it
    sink = ResumableJsonl(output, made_by(config, model), restart=restart, inputs={c.id: input_key(c) for c in clusters})
    done = sink.done_ids()
    todo = [k for k, w in enumerate(windows) if any(c.id not in done for c in w)]
    done_rows = sum(1 for i in ids if i in done)
    if note := sink.outdated():
        warnings.warn(note, SummarizeWarning, stacklevel=2)
    if done_rows:
        warnings.warn(f"{output}: resuming, {done_rows} of {len(clusters)} clusters already done",
                      SummarizeWarning, stacklevel=2)
    if progress:
        progress(done_rows, len(clusters))
    if todo:
        with _Started(ray, config):
            gpus = config.ray.num_gpus
            if gpus is None:
                gpus = 1.0 if ray.cluster_resources().get("GPU", 0) else 0.0
            cfg = config.to_dict()
            ds = ray.data.from_items([{"window": k, "clusters": pickle.dumps(windows[k])} for k in todo])
            ds = ds.map(_clean_task(cfg), num_cpus=1)
            ds = ds.map(_WriteUpActor, fn_constructor_kwargs={"config_dict": cfg},
                        compute=ray.data.ActorPoolStrategy(size=config.ray.workers),
                        num_cpus=config.ray.cpus_per_worker, num_gpus=gpus)
            for row in ds.iter_rows():  # the driver writes: the one batch sink a local run uses
                for line in row["rows"].splitlines():
                    sink.append(json.loads(line))
                done_rows += int(row["count"])
                if progress:
                    progress(done_rows, len(clusters))
    sink.finish(ids)
    out = Path(output)
    for p in out.parent.glob(f"{out.stem}.ray-*-of-*{out.suffix}"):  # window files of earlier versions
        p.unlink(missing_ok=True)
    return len(ids)


def session(config: RunConfig) -> _Started:
    """A Ray session for a command (local cluster started for it, or ``ray.address`` joined)."""
    return _Started(import_ray(), config)


def cluster_embedder(config: RunConfig):
    """The embedder ``summarize cluster`` uses with ``runner: ray``: the configured one on an actor pool,
    behind the same on-disk cache (misses go to Ray 50,000 at a time)."""
    from summarize.embed import get_embedder
    from summarize.embed_cache import cached

    inner = get_embedder(config.cluster.embedder, config.embed_precision)
    return cached(RayEmbedder(inner, config), config.cluster.cache_dir, batch_size=50_000)


class RayEmbedder:
    """An embedder whose ``encode`` runs on a Ray actor pool (``summarize cluster`` with ``runner: ray``):
    the same vectors as ``inner``, in order. An embedder fitted per call (TF-IDF) is not split into chunks,
    whose vectors would each live in their own space: it encodes every text in one call here, as the local
    runner does."""

    def __init__(self, inner, config: RunConfig, chunk: int = 512) -> None:
        self.inner, self.config, self.chunk = inner, config, chunk
        self.name = inner.name
        self.precision = getattr(inner, "precision", None)  # resolved here: every actor computes in it
        self.per_call = fitted_per_call(inner)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts or self.per_call:
            return self.inner.encode(list(texts))
        ray = import_ray()
        name = self.inner.name
        with _Started(ray, self.config):
            ds = ray.data.from_items([{"i": i, "texts": list(texts[i:i + self.chunk])}
                                      for i in range(0, len(texts), self.chunk)])
            ds = ds.map(_EmbedActor, fn_constructor_kwargs={"name": name, "precision": self.precision or "auto"},
                        compute=ray.data.ActorPoolStrategy(size=self.config.ray.workers),
                        num_cpus=self.config.ray.cpus_per_worker)
            parts = sorted(((int(r["i"]), pickle.loads(r["vectors"])) for r in ds.iter_rows()), key=lambda t: t[0])
        return np.concatenate([v for _, v in parts])


class _EmbedActor:
    def __init__(self, name: str, precision: str = "auto") -> None:
        from summarize.embed import get_embedder

        self.embedder = get_embedder(name, precision)

    def __call__(self, row: dict) -> dict:
        return {"i": row["i"], "vectors": pickle.dumps(self.embedder.encode(list(row["texts"])))}
