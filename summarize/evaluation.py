"""Scoring predictions: ROUGE against references, factual consistency against sources, with bootstrap
intervals, written to ``metrics.json``.

Predictions, references and sources are matched by ``id``: predictions are the pipeline's own output
(``{"id", "summary", ...}``) or the shared schema; references are the shared schema
(``{"id", "documents", "summary"}``), where a row may carry several references as a list in
``summary`` or ``references``; sources default to the references' ``documents``.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from summarize.config import RunConfig
from summarize.errors import InputError, SummarizeWarning
from summarize.io.atomic import atomic_write_text
from summarize.io.tables import jsonl_rows, row_id
from summarize.metrics import ROUGE_TYPES, bootstrap_ci, corpus_rouge
from summarize.metrics.catalog import METRICS as CATALOG
from summarize.types import Article

FACT_KEYS = tuple(k for k, m in CATALOG.items() if m.group == "factuality")
# lm-eval style metric declarations (direction, corpus aggregation), from the one catalog
METRICS = {k: m.declaration() for k, m in CATALOG.items()}


@dataclass
class Evaluation:
    """Corpus means, 95% bootstrap intervals, per-example scores and per-example details (each summary
    sentence's label and evidence, the sources' discrepancies)."""

    corpus: dict[str, float]
    ci95: dict[str, tuple[float, float]]
    per_example: list[dict[str, Any]]
    missing: list[str] = field(default_factory=list)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)
    labels: dict[str, int] = field(default_factory=dict)
    about: dict[str, Any] = field(default_factory=dict)
    """What was evaluated: the predictions file, references, sources, and the systems its rows name."""

    def to_dict(self) -> dict[str, Any]:
        return {"about": self.about, **self.corpus, "ci95": {k: list(v) for k, v in self.ci95.items()}, "n": len(self.per_example),
                "labels": self.labels, "metrics": {k: v for k, v in METRICS.items() if k in self.corpus},
                "missing_predictions": self.missing, "per_example": self.per_example, "details": self.details}


def read_prediction_file(path: str | Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """``(id -> summary, id -> [sentence, ...])`` from a JSONL of predictions, in one pass; the second
    holds the rows that list their sentences (the pipeline's JSON output), so that factual checks see
    the summary's own sentences rather than a re-split of its text."""
    summaries, sentences, lines = {}, {}, {}
    for lineno, row in jsonl_rows(Path(path)):
        rid = _needs(row, ("summary",), f"{path}:{lineno}", "a string", lambda v: isinstance(v, str))
        _unique(rid, lineno, lines, path)
        summaries[rid] = row["summary"]
        sents = row.get("sentences")
        if isinstance(sents, list) and sents and all(isinstance(x, dict) and isinstance(x.get("text"), str)
                                                     for x in sents):
            sentences[rid] = [x["text"] for x in sents]
    return summaries, sentences


def _needs(row: dict[str, Any], fields: tuple[str, ...], where: str, kind: str, ok: Callable[[Any], bool]) -> str:
    """``row``'s id, once it is known to have one and the first of ``fields`` it holds passes ``ok``; else an
    error naming the line and what is wrong (no id, no such field, or a value of another type).

    Example:
        >>> _needs({"id": 1, "summary": 5}, ("summary",), "p.jsonl:1", "a string", lambda v: isinstance(v, str))
        Traceback (most recent call last):
        ...
        summarize.errors.InputError: p.jsonl:1: 'summary' must be a string, got int
    """
    rid = row_id(row.get("id"))
    if rid is None:
        raise InputError(f"{where}: every row needs an 'id' (keys: {', '.join(sorted(map(str, row)))})")
    field = next((f for f in fields if f in row), None)
    if field is None:
        raise InputError(f"{where}: no {' or '.join(repr(f) for f in fields)} field (keys: "
                         f"{', '.join(sorted(map(str, row)))})")
    if not ok(row[field]):
        raise InputError(f"{where}: {field!r} must be {kind}, got {type(row[field]).__name__}")
    return rid


def _unique(rid: str, lineno: int, lines: dict[str, int], path: str | Path) -> None:
    """A second row with one id is an error naming both lines (the last one used to win silently)."""
    if rid in lines:
        raise InputError(f"{path}: id {rid!r} appears twice, on lines {lines[rid]} and {lineno}")
    lines[rid] = lineno


def other_inputs(systems: Sequence[dict[str, Any]], config: RunConfig) -> list[str]:
    """The input hashes the predictions record (``describe_predictions``) that are not ``config``'s: those runs
    read or cleaned their sources otherwise than evaluation is about to (``summarize evaluate --config``).

    Example:
        >>> other_inputs([{"input_hash": RunConfig().input_hash()}, {"input_hash": "abc"}, {"input_hash": None}],
        ...              RunConfig())
        ['abc']
    """
    return sorted({s["input_hash"] for s in systems if s.get("input_hash") and s["input_hash"] != config.input_hash()})


def describe_predictions(path: str | Path) -> list[dict[str, Any]]:
    """The systems a predictions file's rows name: ``{"method", "model", "config_hash", "rows"}`` each
    (the pipeline's JSONL records them; other files give ``None``s).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.jsonl"
        >>> _ = p.write_text('{"id": "a", "summary": "x", "method": "lead", "config_hash": "abc"}\\n')
        >>> describe_predictions(p)
        [{'method': 'lead', 'model': None, 'config_hash': 'abc', 'rows': 1}]
    """
    from collections import Counter

    seen = Counter((row.get("method"), row.get("model"), row.get("config_hash"), row.get("input_hash"))
                   for _, row in jsonl_rows(Path(path)))
    return [{"method": m, "model": model, "config_hash": h, **({"input_hash": i} if i else {}), "rows": n}
            for (m, model, h, i), n in seen.most_common()]


def read_references(path: str | Path) -> dict[str, list[str]]:
    """``id -> [reference, ...]`` from a JSONL in the shared schema (or with a ``references`` list)."""
    out, lines = {}, {}
    for lineno, row in jsonl_rows(Path(path)):
        rid = _needs(row, ("references", "summary"), f"{path}:{lineno}", "a string or a non-empty list of strings",
                     lambda v: isinstance(v, str) or (isinstance(v, list) and v and all(isinstance(r, str) for r in v)))
        refs = row.get("references", row.get("summary"))
        refs = [refs] if isinstance(refs, str) else refs
        _unique(rid, lineno, lines, path)
        out[rid] = refs
    return out


def references_have_documents(path: str | Path) -> bool:
    """Whether a references file carries its sources too (the shared schema's ``documents``, or a text
    column): then factual consistency is checked against them without ``--sources``."""
    from summarize.io.tables import jsonl_rows

    for _, row in jsonl_rows(Path(path)):
        return any(row.get(k) is not None for k in ("documents", "document", "text"))
    return False


def read_sources(paths: list[str | Path], clean: bool = True, config: RunConfig | None = None) -> dict[str, list[Article]]:
    """``id -> articles`` from anything the loader reads: a directory (one event, id = its name), a JSONL
    in the shared schema (one event per row, its ``documents``), files, globs; read and cleaned as the run
    of ``config`` read and cleaned its input (its ``load`` and ``clean`` sections; the defaults without
    one) unless ``clean=False``."""
    from summarize.clean import clean_cluster, describe_dropped
    from summarize.io.load import load_clusters

    config = config or RunConfig()
    out, dropped = {}, []
    with warnings.catch_warnings():  # cleaning's one-per-article notes are summed up below
        warnings.filterwarnings("ignore", message=r"cluster .*: dropped (?:article |\d+ articles )",
                                category=SummarizeWarning)
        for cluster in load_clusters([str(p) for p in paths], config.load):
            cleaned = clean_cluster(cluster, config.clean) if clean else cluster
            dropped += cleaned.metadata.get("dropped", [])  # only cleaning records drops
            out[cluster.id] = cleaned.articles
    if dropped:
        warnings.warn(f"sources: cleaning dropped {len(dropped)} articles {describe_dropped(dropped)}",
                      SummarizeWarning, stacklevel=2)
    return out


def _mean_ci(values: list[float]) -> tuple[float, tuple[float, float]]:
    return float(np.mean(values)), bootstrap_ci(values)


def evaluate(
    predictions: dict[str, str],
    references: dict[str, list[str]] | None = None,
    sources: dict[str, list[Article]] | None = None,
    unicode: bool = False,
    backend: str = "auto",
    embedder=None,
    nli=None,
    sentences: dict[str, list[str]] | None = None,
) -> Evaluation:
    """ROUGE of each prediction that has references; factual consistency of each that has sources.

    ``embedder`` (``summarize.embed``) aligns summary and source sentences for the factual check (default:
    all-MiniLM-L6-v2); ``nli`` (a ``summarize.metrics.nli.NLIScorer``) adds SummaC-ZS scores and labels;
    ``sentences`` gives a prediction's own sentences (else its text is split with pysbd).

    Example:
        >>> ev = evaluate({"a": "Putin visited Pyongyang."}, {"a": ["Putin visited Pyongyang on Wednesday."]})
        >>> round(ev.corpus["rouge1"], 3)
        0.75
    """
    if not references and not sources:
        raise InputError("nothing to score against: give references, sources, or both")
    wanted = list(references or sources)
    ids = [i for i in wanted if i in predictions]
    missing = [i for i in wanted if i not in predictions]
    if not ids:
        raise InputError(f"no prediction id matches a {'reference' if references else 'source'} id "
                         f"(predictions: {sorted(predictions)[:3]}, expected e.g. {wanted[:3]})")
    if missing:
        warnings.warn(f"{len(missing)} {'references' if references else 'sources'} have no prediction "
                      f"(first: {missing[0]})", SummarizeWarning, stacklevel=2)
    corpus, ci, per_example = {}, {}, [{"id": i} for i in ids]
    if references:
        scored = [i for i in ids if i in references]
        scores = corpus_rouge([predictions[i] for i in scored], [references[i] for i in scored], unicode=unicode,
                              backend=backend)
        rows = {row["id"]: row for row in per_example}
        for n, i in enumerate(scored):
            rows[i].update({k: scores[k][n] for k in ROUGE_TYPES})
        for k in ROUGE_TYPES:
            corpus[k], ci[k] = _mean_ci(scores[k])
    details, labels = {}, {}
    if sources:
        details, labels = _factuality(predictions, sources, per_example, embedder, nli, sentences or {})
        for key in FACT_KEYS:
            values = [row[key] for row in per_example if row.get(key) is not None]
            if values:
                corpus[key], ci[key] = _mean_ci(values)
    for i in ids:  # what a reader compares the summary with: the summary itself and its references
        entry = details.setdefault(i, {})
        entry["summary"] = predictions[i]
        if references and i in references:
            entry["references"] = list(references[i])
    return Evaluation(corpus, ci, per_example, missing, details, labels)


def _factuality(predictions, sources, per_example, embedder, nli, sentences) -> tuple[dict, dict]:
    from summarize.metrics.factuality import LABELS, SourceIndex, check_summary

    if embedder is None:
        from summarize.embed import get_embedder

        embedder = get_embedder()
    details, labels = {}, dict.fromkeys(LABELS, 0)
    for row in per_example:
        articles = sources.get(row["id"])
        if not articles:
            continue
        index = SourceIndex.build(articles, embedder)
        result = check_summary(sentences.get(row["id"]) or predictions[row["id"]], index)
        if nli is not None:
            scored = nli.score([a.text for a in articles], [s.text for s in result.sentences])
            for s, value, label in zip(result.sentences, scored.sentence_scores, scored.labels()):
                s.nli, s.nli_label = round(value, 6), label
            result.nli = scored.score
        row.update({"factuality": result.score, "embedding_support": result.support, "nli": result.nli,
                    **{f"n_{k}": v for k, v in result.label_counts.items()}})
        for k, v in result.label_counts.items():
            labels[k] += v
        details[row["id"]] = {
            "sentences": [s.to_dict() for s in result.sentences],
            "discrepancies": [d.to_dict() for d in index.discrepancies],
            "articles": {a.id: {"source": a.source, "title": a.title or a.text.split("\n", 1)[0][:120]}
                         for a in articles},
        }
    return details, labels


def write_metrics(evaluation: Evaluation, out_dir: str | Path) -> Path:
    """Write ``OUT_DIR/metrics.json`` atomically and return its path."""
    path = Path(out_dir) / "metrics.json"
    atomic_write_text(path, json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return path
