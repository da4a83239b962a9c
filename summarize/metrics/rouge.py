"""ROUGE-1/2/L/Lsum F1 through ``rouge-score`` with stemming; rougeLsum is computed on newline-joined
sentences (pysbd), which is what makes it differ from rougeL on multi-sentence summaries.

Example:
    >>> s = rouge("Putin visited North Korea. He met Kim.", "Putin met Kim in North Korea. The visit was rare.")
    >>> round(s["rouge1"], 4), s["rougeLsum"] != s["rougeL"]
    (0.7059, True)
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

from summarize.errors import require
from summarize.sentences import split_sentences

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


class UnicodeTokenizer:
    """rouge-score's tokenizer keeps only [a-z0-9]; this one keeps every Unicode letter and digit
    (lower-cased), stemming ASCII words with the same Porter stemmer.

    Example:
        >>> UnicodeTokenizer().tokenize("Zürich’s cafés opened")
        ['zürich', 's', 'cafés', 'open']
    """

    def __init__(self, use_stemmer: bool = True) -> None:
        from nltk.stem import porter

        self._stem = porter.PorterStemmer().stem if use_stemmer else None

    def tokenize(self, text: str) -> list[str]:
        tokens = re.findall(r"[^\W_]+", text.lower())
        if self._stem is None:
            return tokens
        return [self._stem(t) if t.isascii() and len(t) > 3 else t for t in tokens]


@functools.lru_cache(maxsize=4)
def _scorer(use_stemmer: bool = True, unicode: bool = False):
    rouge_scorer = require("rouge_score.rouge_scorer", "pip install rouge-score")
    tokenizer = UnicodeTokenizer(use_stemmer) if unicode else None
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=use_stemmer, tokenizer=tokenizer)


def sentence_lines(text: str) -> str:
    """One sentence per line, the input rougeLsum expects."""
    return "\n".join(split_sentences(text))


def rouge(prediction: str, reference: str | Sequence[str], use_stemmer: bool = True, unicode: bool = False) -> dict[str, float]:
    """F1 of ROUGE-1/2/L/Lsum for one prediction; with several references, the best per type.

    ``unicode=True`` keeps non-ASCII words, which rouge-score's default tokenizer drops.
    """
    refs = [reference] if isinstance(reference, str) else list(reference)
    if not refs:
        raise ValueError("rouge(): no reference given")
    scorer = _scorer(use_stemmer, unicode)
    pred = sentence_lines(prediction)
    best = {k: 0.0 for k in ROUGE_TYPES}
    for ref in refs:
        scores = scorer.score(sentence_lines(ref), pred)
        for k in ROUGE_TYPES:
            best[k] = max(best[k], scores[k].fmeasure)
    return best


def corpus_rouge(
    predictions: Sequence[str], references: Sequence[str | Sequence[str]], use_stemmer: bool = True, unicode: bool = False
) -> dict[str, list[float]]:
    """Per-example F1 lists, keyed by ROUGE type.

    Example:
        >>> corpus_rouge(["a b c"], ["a b d"])["rouge1"]
        [0.6666666666666666]
    """
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions but {len(references)} references")
    out: dict[str, list[float]] = {k: [] for k in ROUGE_TYPES}
    for p, r in zip(predictions, references):
        for k, v in rouge(p, r, use_stemmer, unicode).items():
            out[k].append(v)
    return out
