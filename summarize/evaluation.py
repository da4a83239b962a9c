"""Scoring predictions against references: ROUGE with bootstrap intervals, written to ``metrics.json``.

Predictions and references are JSONL rows matched by ``id``: the pipeline's own output
(``{"id", "summary", ...}``) or the shared schema (``{"id", "documents", "summary"}``); a reference
row may carry several references as a list in ``summary`` or ``references``.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from summarize.errors import InputError, SummarizeWarning
from summarize.io.load import jsonl_rows
from summarize.io.write import atomic_write_text
from summarize.metrics import ROUGE_TYPES, bootstrap_ci, corpus_rouge

# lm-eval style metric declarations: direction and corpus aggregation.
METRICS = {k: {"higher_is_better": True, "aggregation": "mean"} for k in ROUGE_TYPES}


@dataclass
class Evaluation:
    """Corpus means, 95% bootstrap intervals and per-example scores."""

    corpus: dict[str, float]
    ci95: dict[str, tuple[float, float]]
    per_example: list[dict[str, Any]]
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**self.corpus, "ci95": {k: list(v) for k, v in self.ci95.items()}, "n": len(self.per_example),
                "metrics": METRICS, "missing_predictions": self.missing, "per_example": self.per_example}


def read_predictions(path: str | Path) -> dict[str, str]:
    """``id -> summary`` from a JSONL of predictions."""
    out = {}
    for row in (row for _, row in jsonl_rows(Path(path))):
        if "id" not in row or not isinstance(row.get("summary"), str):
            raise InputError(f"{path}: every row needs 'id' and a 'summary' string, got keys {sorted(row)}")
        out[str(row["id"])] = row["summary"]
    return out


def read_references(path: str | Path) -> dict[str, list[str]]:
    """``id -> [reference, ...]`` from a JSONL in the shared schema (or with a ``references`` list)."""
    out = {}
    for row in (row for _, row in jsonl_rows(Path(path))):
        refs = row.get("references", row.get("summary"))
        refs = [refs] if isinstance(refs, str) else refs
        if "id" not in row or not refs or not all(isinstance(r, str) for r in refs):
            raise InputError(f"{path}: every row needs 'id' and a 'summary' (string or list), got keys {sorted(row)}")
        out[str(row["id"])] = refs
    return out


def evaluate(predictions: dict[str, str], references: dict[str, list[str]], unicode: bool = False) -> Evaluation:
    """ROUGE of each prediction that has references, corpus means and bootstrap intervals.

    Example:
        >>> ev = evaluate({"a": "Putin visited Pyongyang."}, {"a": ["Putin visited Pyongyang on Wednesday."]})
        >>> round(ev.corpus["rouge1"], 3)
        0.75
    """
    ids = [i for i in references if i in predictions]
    missing = [i for i in references if i not in predictions]
    if not ids:
        raise InputError("no prediction id matches a reference id")
    if missing:
        warnings.warn(f"{len(missing)} references have no prediction (first: {missing[0]})", SummarizeWarning, stacklevel=2)
    scores = corpus_rouge([predictions[i] for i in ids], [references[i] for i in ids], unicode=unicode)
    corpus = {k: float(np.mean(v)) for k, v in scores.items()}
    ci = {k: bootstrap_ci(v) for k, v in scores.items()}
    per_example = [{"id": i, **{k: scores[k][n] for k in ROUGE_TYPES}} for n, i in enumerate(ids)]
    return Evaluation(corpus, ci, per_example, missing)


def write_metrics(evaluation: Evaluation, out_dir: str | Path) -> Path:
    """Write ``OUT_DIR/metrics.json`` atomically and return its path."""
    path = Path(out_dir) / "metrics.json"
    atomic_write_text(path, json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return path
