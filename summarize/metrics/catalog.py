"""Every metric ``summarize evaluate`` reports, declared once: its display name, its direction and how
per-example scores make a corpus score (lm-evaluation-harness style). Evaluation, the HTML report and the
plots read this table, so a new metric is added here and nowhere else.

Example:
    >>> METRICS["rouge2"].label, METRICS["nli"].higher_is_better
    ('ROUGE-2 F1', True)
    >>> [m for m in METRICS if METRICS[m].group == "factuality"]
    ['factuality', 'embedding_support', 'nli']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    label: str
    """How the report names it."""
    group: str
    """rouge (against references) | factuality (against the sources)."""
    higher_is_better: bool = True
    aggregation: str = "mean"
    plotted: bool = True
    """A histogram of its per-example scores in the report's plots."""

    def declaration(self) -> dict[str, object]:
        """What the evaluation JSON records about the metric."""
        return {"higher_is_better": self.higher_is_better, "aggregation": self.aggregation}


METRICS: dict[str, Metric] = {
    "rouge1": Metric("ROUGE-1 F1", "rouge"),
    "rouge2": Metric("ROUGE-2 F1", "rouge"),
    "rougeL": Metric("ROUGE-L F1", "rouge"),
    "rougeLsum": Metric("ROUGE-Lsum F1", "rouge"),
    "factuality": Metric("Factual consistency (words, facts, similarity)", "factuality"),
    "embedding_support": Metric("Embedding similarity to the best source sentence", "factuality"),
    "nli": Metric("NLI (SummaC-ZS)", "factuality"),
}
