"""What every summarizer shares: the interface, the word-budget rule and run metadata."""

from __future__ import annotations

import importlib.metadata
from typing import Iterable, Protocol, Sequence

from summarize.config import RunConfig
from summarize.embed import resolve_precision
from summarize.fingerprints import run_code_hash
from summarize.types import Cluster, Draft, RunInfo, Summary


class Summarizer(Protocol):
    """Writes the sentences of each cluster's summary (``Draft``s, in order); built by ``from_config`` from a
    ``RunConfig``. The polish stage then makes every draft readable (an extract may come as a ranked list
    longer than the budget, ``Draft.ranked``, which polish cuts), and tracing the sentences to sources is the
    attribution stage's work, the same for every summarizer."""

    method: str

    def draft_batch(self, clusters: Sequence[Cluster]) -> list[Draft]: ...


def select_within_budget(ranked: Iterable[int], lengths: Sequence[int], budget: int) -> list[int]:
    """Take items in rank order while their word counts fit in ``budget``; items that do not fit are skipped.

    The same rule serves every extractive system (lead, ours, peers in the benchmarks).

    Example:
        >>> select_within_budget([0, 1, 2], [5, 10, 3], budget=9)
        [0, 2]
    """
    chosen, total = [], 0
    for i in ranked:
        if total + lengths[i] <= budget:
            chosen.append(i)
            total += lengths[i]
    return chosen


def package_versions(*names: str) -> dict[str, str]:
    """Installed versions of ``names`` (missing ones are left out)."""
    out = {}
    for name in ("summarize",) + names:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return out


def run_info(config: RunConfig, method: str, model: str | None = None, fallback_reason: str | None = None,
             model_hash: str | None = None) -> RunInfo:
    """The ``RunInfo`` recorded with each summary."""
    deps = ("transformers", "torch") if model else ("sentence-transformers",)
    return RunInfo(
        method=method,
        model=model,
        config_hash=config.hash(),
        versions=package_versions(*deps),
        fallback_reason=fallback_reason,
        input_hash=config.input_hash(),
        code_hash=run_code_hash(),
        model_hash=model_hash,
        embed_precision=resolve_precision(config.embed_precision),
    )


def empty_summary(cluster: Cluster, info: RunInfo) -> Summary:
    """The summary of a cluster with no usable sentence."""
    return Summary(cluster_id=cluster.id, text="", sentences=[], run=info, reference=cluster.reference)
