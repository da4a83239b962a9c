"""Offline factual consistency as an ``evaluate`` module, from ``summarize.metrics.factuality``: each
summary sentence's word support from the source sentence it is drawn from, its numbers, dates, names and
pronouns checked there, its embedding similarity (all-MiniLM-L6-v2 by default), and per-sentence labels
(supported / unsupported / conflicting); cased or lower-cased, PTB-tokenised or not, alike.

Load it with ``evaluate.load(summarize.evaluate_modules.module_path("summarize_factuality"))``.
"""

import datasets
import evaluate

from summarize.embed import get_embedder
from summarize.metrics.factuality import SourceIndex, check_summary
from summarize.types import Article

_KWARGS = """
Args:
    predictions: list of summaries.
    sources: for each summary, the list of source documents it was written from.
    embedder: "minilm" (default), "tfidf" or a sentence-transformers model name or path.
    use_aggregator: return corpus means (default) or per-example lists, with labels.
Returns:
    factuality: mean sentence score in [0, 1] (a copy of the sources scores 1); embedding_support: mean
        best source-sentence similarity;
    supported / unsupported / conflicting: sentence counts (per example: label lists).
"""


class SummarizeFactuality(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description="Model-free factual consistency of summaries against their source documents.",
            citation="",
            inputs_description=_KWARGS,
            features=datasets.Features(
                {"predictions": datasets.Value("string"), "sources": datasets.Sequence(datasets.Value("string"))}
            ),
        )

    def _compute(self, predictions, sources, embedder="minilm", use_aggregator=True):
        encoder = get_embedder(embedder)
        results = []
        for summary, docs in zip(predictions, sources):
            index = SourceIndex.build([Article(f"doc{k}", d) for k, d in enumerate(docs)], encoder)
            results.append(check_summary(summary, index))
        if not use_aggregator:
            return {
                "factuality": [r.score for r in results],
                "embedding_support": [r.support for r in results],
                "labels": [[s.label for s in r.sentences] for r in results],
            }
        n = max(len(results), 1)
        out = {
            "factuality": sum(r.score for r in results) / n,
            "embedding_support": sum(r.support for r in results) / n,
        }
        for label in ("supported", "unsupported", "conflicting"):
            out[label] = sum(r.label_counts[label] for r in results)
        return out
