"""Metrics: ROUGE (rouge-score, rougeLsum on sentence lines) and bootstrap statistics."""

from summarize.metrics.bootstrap import bootstrap_ci, paired_bootstrap
from summarize.metrics.rouge import ROUGE_TYPES, corpus_rouge, rouge

__all__ = ["ROUGE_TYPES", "bootstrap_ci", "corpus_rouge", "paired_bootstrap", "rouge"]
