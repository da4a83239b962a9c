"""Bootstrap confidence intervals and the paired bootstrap test for per-example scores.

Example:
    >>> lo, hi = bootstrap_ci([0.3, 0.4, 0.5, 0.6], n=200, seed=0)
    >>> 0.3 <= lo <= 0.45 <= hi <= 0.6
    True
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def bootstrap_ci(scores: Sequence[float], n: int = 1000, alpha: float = 0.05, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean."""
    x = np.asarray(scores, dtype=float)
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, len(x), size=(n, len(x)))].mean(axis=1)
    return float(np.quantile(means, alpha / 2)), float(np.quantile(means, 1 - alpha / 2))


def paired_bootstrap(a: Sequence[float], b: Sequence[float], n: int = 10000, seed: int = 0) -> float:
    """One-sided p-value that system ``a`` is not better than ``b`` on the same examples.

    The share of resamples (of paired examples) in which ``mean(a) - mean(b) <= 0``.

    Example:
        >>> paired_bootstrap([0.5, 0.6, 0.7, 0.8], [0.1, 0.2, 0.3, 0.4], n=500) < 0.05
        True
    """
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    rng = np.random.default_rng(seed)
    means = d[rng.integers(0, len(d), size=(n, len(d)))].mean(axis=1)
    return float((means <= 0).mean())
