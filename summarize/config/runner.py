"""``ray``: where a batch runs (``runner: ray``)."""

from __future__ import annotations

from dataclasses import dataclass

from summarize.errors import ConfigError

RUN_PLACEMENT = ("runner", "ray")  # where a run happens, not what it writes


@dataclass
class RayConfig:
    """``runner: ray``: the batch runs as a Ray Data pipeline (summarize/ray_runner.py)."""

    address: str | None = None
    """A running cluster (``ray://host:10001`` or ``auto``); null starts a local one for the run."""
    workers: int = 2
    """Actors that hold the summarizer (and embedder) and write up windows of clusters."""
    num_gpus: float | None = None
    """GPUs per actor; null: 1 where the cluster has GPUs, else 0."""
    cpus_per_worker: float = 1.0
    """CPUs Ray reserves for each actor."""

    def __post_init__(self) -> None:
        if self.workers < 1 or self.cpus_per_worker <= 0 or (self.num_gpus is not None and self.num_gpus < 0):
            raise ConfigError("ray: workers >= 1, cpus_per_worker > 0, num_gpus >= 0")
