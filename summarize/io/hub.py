"""Hugging Face datasets (``hf:NAME[:SPLIT]``): offline unless the hub is reachable, rows as clusters."""

from __future__ import annotations

import contextlib
from pathlib import Path

from summarize.config import LoadConfig
from summarize.errors import InputError, require
from summarize.io.tables import rows_to_clusters
from summarize.types import Cluster


@contextlib.contextmanager
def offline_unless_reachable(datasets):
    """Offline mode (the local cache only, no minute of retries) when the hub cannot be reached."""
    import huggingface_hub.constants as hub

    from summarize.generation.models import hub_reachable

    offline = not hub_reachable()
    saved = hub.HF_HUB_OFFLINE, datasets.config.HF_HUB_OFFLINE
    if offline:
        hub.HF_HUB_OFFLINE = datasets.config.HF_HUB_OFFLINE = True
    try:
        yield offline
    finally:
        hub.HF_HUB_OFFLINE, datasets.config.HF_HUB_OFFLINE = saved


def load_hf(spec: str, config: LoadConfig) -> list[Cluster]:
    """``hf:NAME`` or ``hf:NAME:SPLIT``; NAME is a hub dataset or a local data file/directory."""
    datasets = require("datasets", "pip install datasets")
    name, _, split = spec.partition(":")
    split = split or config.split
    local = Path(name)
    offline = False
    try:
        if local.is_file():
            kind = {".jsonl": "json", ".json": "json", ".csv": "csv", ".parquet": "parquet"}.get(local.suffix, "json")
            ds = datasets.load_dataset(kind, data_files=str(local), split="train")
        else:
            with offline_unless_reachable(datasets) as offline:
                try:
                    ds = datasets.load_dataset(name, split=split)
                except RuntimeError as exc:  # datasets >= 4 runs no loading scripts (multi_news has one)
                    if "scripts are no longer supported" not in str(exc):
                        raise
                    ds = datasets.load_dataset(name, split=split, revision="refs/convert/parquet")  # the Hub's export
    except Exception as exc:  # datasets raises many types; report them with the name
        hint = (f". The Hugging Face hub cannot be reached, so only the local cache was searched: download "
                f"{name!r} where there is internet (`hf download --repo-type dataset {name}`, then copy the cache), "
                f"or give a local file: hf:path/to/{split}.jsonl (or the path itself)") if offline else ""
        raise InputError(f"hf:{spec}: cannot load dataset: {exc}{hint}") from None
    clusters, articles = rows_to_clusters(enumerate(ds, start=1), config, where=f"hf:{spec}", default_cluster=local.stem or name)
    if articles:
        clusters.insert(0, Cluster(id=local.stem or name, articles=articles))
    return clusters
