"""Training examples for fine-tuning: clusters with reference summaries, cleaned and turned into model
inputs exactly as ``summarize run`` builds them, tokenized, in parallel, and cached on disk.

The cache is an ``.npz`` of plain integer arrays (read with ``allow_pickle=False``), keyed by the data
file (path, size, modification time; the spec alone for ``hf:`` inputs), the settings that shape the
input and the tokenizer, so a resumed or repeated run skips the preprocessing (about 10 Multi-News
examples/s per process on this project's 2-core CPU machine, most of it sentence splitting).

Example:
    >>> from summarize.config.train import TrainConfig
    >>> enc = InputEncoder(tokenizer, TrainConfig(), budget=1024, separator=" ||||| ", prefix="")  # doctest: +SKIP
    >>> features = encode_examples(lambda: clusters, enc, cache=Path("runs/x/features/train.npz"))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from summarize.clean import clean_cluster
from summarize.config.train import TrainConfig
from summarize.errors import InputError, SummarizeWarning
from summarize.fingerprints import code_fingerprint, import_closure
from summarize.io.atomic import atomic_write_npz
from summarize.io.load import load_clusters
from summarize.registry import INPUT_BUILDERS
from summarize.types import Cluster

PARALLEL_FROM = 64  # fewer examples are encoded in this process (starting workers costs seconds)
Features = dict[str, np.ndarray]  # "input_ids" and "labels", int32 (4 bytes a token, not a Python int's 28+)


def load_examples(path: str, cfg: TrainConfig, limit: int | None = None) -> list[Cluster]:
    """The clusters of ``path`` (first ``limit``), each of which must carry a reference summary."""
    clusters = load_clusters([path], cfg.load)[:limit]
    for cluster in clusters:
        if not cluster.reference:
            raise InputError(f"{path}: example {cluster.id} has no reference summary (field {cfg.load.summary_field!r})")
    return clusters


def first_example(path: str, cfg: TrainConfig) -> Cluster:
    """The first example of a data file, read as the run reads it (only its first line, for JSONL): a file
    whose rows the loader cannot make into examples with a reference fails here, before training starts."""
    from summarize.io.tables import jsonl_rows, rows_to_clusters

    if path.startswith("hf:"):
        return Cluster("hf", [])  # read by the run itself (a download)
    source = Path(path)
    if source.suffix.lower() == ".jsonl":
        with open(source, encoding="utf-8") as fh:
            line = next((x for x in fh if x.strip()), "")
        clusters, articles = rows_to_clusters(jsonl_rows(source, line), cfg.load, where=str(source),
                                              default_cluster=source.stem)
        if not clusters:
            raise InputError(f"{path}: its first row is an article, not an example: give each row a "
                             f"'{cfg.load.documents_field}' list of documents and a '{cfg.load.summary_field}'")
    else:
        clusters = load_clusters([path], cfg.load)[:1]
    example = clusters[0]
    if not example.reference:
        raise InputError(f"{path}: example {example.id} has no reference summary (field {cfg.load.summary_field!r})")
    return example


def clean_examples(clusters: Sequence[Cluster], cfg: TrainConfig) -> list[Cluster]:
    """Cleaned clusters; those that cleaning empties are left out."""
    with warnings.catch_warnings():  # dropped duplicates are expected in training data
        warnings.simplefilter("ignore")
        cleaned = [clean_cluster(c, cfg.clean) for c in clusters]
    return [c for c in cleaned if c.articles]


# The modules whose code turns a data file into features, with all they import (the input builders are
# registered by name, so named here): a change to any of them (a cleaning fix, another sentence rule) makes
# earlier cached features stale, as datasets' fingerprints hash a transform's code.
FEATURE_CODE = ("summarize.train_data", "summarize.inputs")


class InputEncoder:
    """Picklable (it travels to worker processes): cleans one cluster, builds its model input with the
    configured input builder and tokenizes input and reference. ``None`` when cleaning empties it."""

    def __init__(self, tokenizer: Any, cfg: TrainConfig, budget: int, separator: str, prefix: str) -> None:
        self.tokenizer, self.cfg = tokenizer, cfg
        self.budget, self.separator, self.prefix = budget, separator, prefix

    def __call__(self, cluster: Cluster) -> Features | None:
        cleaned = clean_examples([cluster], self.cfg)
        if not cleaned:
            return None
        build = INPUT_BUILDERS.get(self.cfg.abstractive.input_builder)
        text = build(cleaned[0], self.tokenizer, self.budget, self.separator, self.prefix).text
        inputs = self.tokenizer(text, truncation=True, max_length=self.budget)["input_ids"]
        labels = self.tokenizer(text_target=cluster.reference, truncation=True,
                                max_length=self.cfg.max_target_tokens)["input_ids"]
        return {"input_ids": np.asarray(inputs, dtype=np.int32), "labels": np.asarray(labels, dtype=np.int32)}

    def key(self, data_file: str) -> str:
        """What the features depend on: the data file as it is now, the input settings, the tokenizer's
        content (another tokenizer saved at the same path gets another key) and the code that makes them
        (``FEATURE_CODE``)."""
        path = Path(data_file)
        stat = path.stat() if path.exists() else None
        parts = {
            "file": str(path.resolve()) if stat else data_file,
            "size": stat.st_size if stat else None, "mtime_ns": stat.st_mtime_ns if stat else None,
            "load": asdict(self.cfg.load), "clean": asdict(self.cfg.clean),
            "builder": self.cfg.abstractive.input_builder, "budget": self.budget, "separator": self.separator,
            "prefix": self.prefix, "max_target_tokens": self.cfg.max_target_tokens,
            "limit": self.cfg.max_train_examples, "tokenizer": tokenizer_fingerprint(self.tokenizer),
            "code": code_fingerprint(import_closure(FEATURE_CODE)),
        }
        return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def encode_examples(load: Callable[[], Sequence[Cluster]], encoder: InputEncoder, cache: Path | None = None,
                    workers: int = 0) -> list[Features]:
    """Features of every cluster that survives cleaning: read from ``cache`` when it is there (``load``
    is then never called: a large data file is not read again), else computed from ``load()``
    (``workers`` processes, 0 = one per CPU up to 8, once there are ``PARALLEL_FROM`` examples) and
    written to it."""
    if cache is not None and cache.is_file():
        try:
            return read_features(cache)
        except (OSError, ValueError, KeyError) as exc:  # a cache is never trusted over the data
            warnings.warn(f"unreadable feature cache {cache} ({exc}); rebuilding it", SummarizeWarning, stacklevel=2)
    clusters = load()
    workers = workers or min(8, os.cpu_count() or 1)
    if workers > 1 and len(clusters) >= PARALLEL_FROM:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork where there is one (as datasets.map does): no re-import of the caller's script; the workers
        # only run regexes and the tokenizer (which turns its own threads off in a forked child)
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
            encoded = list(pool.map(encoder, clusters, chunksize=max(1, len(clusters) // (workers * 8))))
    else:
        encoded = [encoder(c) for c in clusters]
    features = [f for f in encoded if f is not None]
    if cache is not None:
        write_features(cache, features)
    return features


GROUP_BATCHES = 64  # batches in one length group (group_by_length)


class EpochOrder:
    """The encoded examples in a seeded order that changes with ``epoch`` (same order on every process).

    With ``group_batch`` (the batch size) the order is grouped by length: the seeded permutation is cut into
    groups of ``GROUP_BATCHES`` batches, each group sorted by length (longest first), and the batches of the
    epoch shuffled, so that a batch holds examples of similar length (less padding), still ``group_batch``
    examples a step.

    Example:
        >>> feats = [{"input_ids": np.zeros(n, np.int32), "labels": np.zeros(1, np.int32)} for n in (5, 1, 4, 2)]
        >>> order = EpochOrder(feats, seed=0, group_batch=2)
        >>> sorted(sorted(len(order[i]["input_ids"]) for i in (j, j + 1)) for j in (0, 2))
        [[1, 2], [4, 5]]
    """

    def __init__(self, features: list[Features], seed: int, group_batch: int = 0) -> None:
        self.features, self.seed, self.group_batch = features, seed, group_batch
        self.use_epoch(0)

    def use_epoch(self, epoch: int) -> None:
        rng = np.random.default_rng(self.seed + epoch)
        order = rng.permutation(len(self.features))
        if self.group_batch:
            size = self.group_batch
            lengths = np.array([len(f["input_ids"]) + len(f["labels"]) for f in self.features])
            step = size * GROUP_BATCHES
            groups = [g[np.argsort(-lengths[g], kind="stable")] for g in np.split(order, range(step, len(order), step))]
            grouped = np.concatenate(groups) if groups else order
            batches = np.split(grouped, range(size, len(grouped), size))
            last = batches.pop() if len(batches) > 1 and len(batches[-1]) < size else None  # a short batch stays last
            batches = [batches[i] for i in rng.permutation(len(batches))] + ([last] if last is not None else [])
            order = np.concatenate(batches) if batches else order
        self.order = order

    def __len__(self) -> int:
        return len(self.features)

    def __getitem__(self, i: int) -> dict[str, Any]:
        # stored as int32 arrays; the collator gets plain lists (torch.tensor on a list of arrays is slow)
        return {k: v.tolist() for k, v in self.features[int(self.order[i])].items()}


def write_features(path: Path, features: Sequence[Features]) -> None:
    """Ragged token-id arrays as flat int32 arrays plus offsets, written atomically."""
    arrays = {}
    for name in ("input_ids", "labels"):
        lengths = [len(f[name]) for f in features]
        arrays[name] = np.concatenate([f[name] for f in features]).astype(np.int32) if features else np.zeros(0, np.int32)
        arrays[f"{name}_offsets"] = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    atomic_write_npz(path, arrays)


def read_features(path: Path) -> list[Features]:
    """What ``write_features`` wrote, as views into the flat arrays (no pickle is ever loaded)."""
    with np.load(path, allow_pickle=False) as data:
        flat = {name: (data[name], data[f"{name}_offsets"]) for name in ("input_ids", "labels")}
    columns = {name: [ids[a:b] for a, b in zip(offsets[:-1], offsets[1:])] for name, (ids, offsets) in flat.items()}
    return [{"input_ids": i, "labels": lab} for i, lab in zip(columns["input_ids"], columns["labels"])]


def tokenizer_fingerprint(tokenizer: Any) -> str:
    """A hash of what a tokenizer maps text to: its vocabulary, its special tokens and (fast tokenizers)
    its whole pipeline (normalizer, pre-tokenizer, merges); the same for two copies of one tokenizer."""
    parts = [json.dumps(sorted(tokenizer.get_vocab().items())), json.dumps(sorted(map(str, tokenizer.all_special_tokens)))]
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is not None:
        parts.append(backend.to_str())
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
