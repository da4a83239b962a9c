"""Clustering scores against gold event labels: B-cubed precision/recall/F1, adjusted Rand, NMI.

Example:
    >>> s = cluster_scores({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"})
    >>> s["bcubed_f1"], round(s["ari"], 3)
    (1.0, 1.0)
"""

from __future__ import annotations

from collections import Counter
from typing import Hashable, Iterable, Mapping


def bcubed(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable], items: Iterable[str] | None = None
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1, averaged over ``items`` (default: every item of ``gold``).

    Cluster sizes always count every gold item, so scoring a subset (held-out events) still charges
    for the other items merged into its clusters. Items missing from ``predicted`` are singletons.

    Example:
        >>> [round(x, 4) for x in bcubed({"a": 0, "b": 0, "c": 0}, {"a": 1, "b": 1, "c": 2})]
        [0.5556, 1.0, 0.7143]
        >>> bcubed({"a": 0, "b": 0, "c": 0}, {"a": 1, "b": 1, "c": 2}, items=["c"])
        (0.3333333333333333, 1.0, 0.5)
    """
    everything = list(gold)
    items = everything if items is None else list(items)
    if not items:
        raise ValueError("no gold labels")
    pred = {i: predicted.get(i, ("__single__", i)) for i in everything}
    pair = Counter((pred[i], gold[i]) for i in everything)
    psize = Counter(pred[i] for i in everything)
    gsize = Counter(gold[i] for i in everything)
    precision = sum(pair[(pred[i], gold[i])] / psize[pred[i]] for i in items) / len(items)
    recall = sum(pair[(pred[i], gold[i])] / gsize[gold[i]] for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def cluster_scores(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable], items: Iterable[str] | None = None
) -> dict[str, float]:
    """B-cubed P/R/F1 (over ``items``, see ``bcubed``), adjusted Rand index and NMI (over ``items``)."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    items = list(gold) if items is None else list(items)
    p, r, f = bcubed(predicted, gold, items)
    pred_labels = [str(predicted.get(i, f"__single__{i}")) for i in items]
    gold_labels = [str(gold[i]) for i in items]
    return {
        "bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f,
        "ari": float(adjusted_rand_score(gold_labels, pred_labels)),
        "nmi": float(normalized_mutual_info_score(gold_labels, pred_labels)),
        "items": len(items), "predicted_clusters": len(set(pred_labels)), "gold_clusters": len(set(gold_labels)),
    }
