"""ROUGE-1/2/L/Lsum as an ``evaluate`` module: rouge-score's numbers (stemmed, rougeLsum on pysbd sentence
lines, best of several references), computed by ``summarize.metrics.corpus_rouge``; works offline.

Load it with ``evaluate.load(summarize.evaluate_modules.module_path("summarize_rouge"))``.
"""

import datasets
import evaluate

from summarize.metrics.rouge import ROUGE_TYPES, corpus_rouge

_DESCRIPTION = "ROUGE F1 (rouge-score definitions) with pysbd sentence lines for rougeLsum, offline."
_KWARGS = """
Args:
    predictions: list of summaries.
    references: list of references, or of lists of references (the best per type counts).
    use_stemmer: Porter stemming (default True).
    unicode: keep non-ASCII words, which rouge-score's tokenizer drops (default False).
    use_aggregator: return corpus means (default) or per-example lists.
Returns:
    rouge1, rouge2, rougeL, rougeLsum: F1 in [0, 1].
"""


class SummarizeRouge(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation="Lin, 2004. ROUGE: A Package for Automatic Evaluation of Summaries.",
            inputs_description=_KWARGS,
            features=[
                datasets.Features(
                    {"predictions": datasets.Value("string"), "references": datasets.Sequence(datasets.Value("string"))}
                ),
                datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("string")}),
            ],
        )

    def _compute(self, predictions, references, use_stemmer=True, unicode=False, use_aggregator=True):
        scores = corpus_rouge(predictions, references, use_stemmer=use_stemmer, unicode=unicode)
        if not use_aggregator:
            return scores
        return {k: sum(scores[k]) / len(scores[k]) if scores[k] else 0.0 for k in ROUGE_TYPES}
