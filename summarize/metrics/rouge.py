"""ROUGE-1/2/L/Lsum F1 with rouge-score's definitions and stemming; rougeLsum is computed on newline-joined
sentences (pysbd), which is what makes it differ from rougeL on multi-sentence summaries.

Two backends give the same numbers (tests compare them on every example of the shared sets):
``rouge-score`` (the reference implementation) and ``rs`` (rouge-score-rs, native, scores a corpus in
parallel; ``pip install rouge-score-rs``), chosen by ``backend="auto"`` when installed.

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
from summarize.text.sentences import CJK, split_sentences

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


CJK_CHAR = CJK.pattern
TOKEN = re.compile(rf"{CJK_CHAR}|(?:(?!{CJK_CHAR})[^\W_])+")


class UnicodeTokenizer:
    """rouge-score's tokenizer keeps only [a-z0-9]; this one keeps every Unicode letter and digit
    (lower-cased), stemming ASCII words with the same Porter stemmer; each CJK character is a token of its
    own (Chinese and Japanese write no spaces: character ROUGE, as Chinese summarization benchmarks score).

    Example:
        >>> UnicodeTokenizer().tokenize("Zürich’s cafés opened")
        ['zürich', 's', 'cafés', 'open']
        >>> UnicodeTokenizer().tokenize("普京抵达Pyongyang")
        ['普', '京', '抵', '达', 'pyongyang']
    """

    def __init__(self, use_stemmer: bool = True) -> None:
        from summarize.text.porter import PorterStemmer  # NLTK's, without importing NLTK

        self._stem = PorterStemmer().stem if use_stemmer else None

    def tokenize(self, text: str) -> list[str]:
        tokens = TOKEN.findall(text.lower())
        if self._stem is None:
            return tokens
        return [self._stem(t) if t.isascii() and len(t) > 3 else t for t in tokens]


BACKENDS = ("auto", "rouge-score", "rs")


def resolve_backend(backend: str = "auto", unicode: bool = False) -> str:
    """``rs`` (rouge-score-rs, native and parallel) where it is installed and gives rouge-score's numbers,
    i.e. with rouge-score's own tokenizer; ``rouge-score`` otherwise.

    Example:
        >>> resolve_backend("rouge-score")
        'rouge-score'
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown ROUGE backend '{backend}'; choose one of {', '.join(BACKENDS)}")
    if backend == "rs" or (backend == "auto" and not unicode):
        try:
            import rouge_score_rs  # noqa: F401
        except ImportError:
            if backend == "rs":
                require("rouge_score_rs", "pip install rouge-score-rs")
            return "rouge-score"
        if unicode:
            raise ValueError("the rs backend is not used with unicode=True: its tokenizer differs from ours")
        return "rs"
    return "rouge-score"


@functools.lru_cache(maxsize=8)
def _scorer(use_stemmer: bool = True, unicode: bool = False, backend: str = "rouge-score"):
    if backend == "rs":
        import rouge_score_rs

        return rouge_score_rs.RougeScorer(list(ROUGE_TYPES), use_stemmer=use_stemmer)
    rouge_scorer = require("rouge_score.rouge_scorer", "pip install rouge-score")
    tokenizer = UnicodeTokenizer(use_stemmer) if unicode else None
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=use_stemmer, tokenizer=tokenizer)


def sentence_lines(text: str) -> str:
    """One sentence per line, the input rougeLsum expects."""
    return "\n".join(split_sentences(text))


def rouge(prediction: str, reference: str | Sequence[str], use_stemmer: bool = True, unicode: bool = False,
          backend: str = "auto") -> dict[str, float]:
    """F1 of ROUGE-1/2/L/Lsum for one prediction; with several references, the best per type.

    ``unicode=True`` keeps non-ASCII words, which rouge-score's default tokenizer drops.
    """
    return {k: v[0] for k, v in corpus_rouge([prediction], [reference], use_stemmer, unicode, backend).items()}


def corpus_rouge(
    predictions: Sequence[str], references: Sequence[str | Sequence[str]], use_stemmer: bool = True,
    unicode: bool = False, backend: str = "auto",
) -> dict[str, list[float]]:
    """Per-example F1 lists, keyed by ROUGE type; the ``rs`` backend scores all pairs in one parallel batch.

    Example:
        >>> corpus_rouge(["a b c"], ["a b d"])["rouge1"]
        [0.6666666666666666]
    """
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions but {len(references)} references")
    refs = [[r] if isinstance(r, str) else list(r) for r in references]
    for n, r in enumerate(refs):
        if not r:
            raise ValueError(f"corpus_rouge(): example {n} has no reference")
    backend = resolve_backend(backend, unicode)
    scorer = _scorer(use_stemmer, unicode, backend)
    owners = [n for n, r in enumerate(refs) for _ in r]
    targets = [sentence_lines(t) for r in refs for t in r]
    preds = [sentence_lines(p) for p in predictions]
    preds = [preds[n] for n in owners]
    if backend == "rs":
        scored = scorer.score_batch(targets, preds)
    else:
        scored = [scorer.score(t, p) for t, p in zip(targets, preds)]
    out: dict[str, list[float]] = {k: [0.0] * len(predictions) for k in ROUGE_TYPES}
    for n, scores in zip(owners, scored):
        for k in ROUGE_TYPES:
            out[k][n] = max(out[k][n], scores[k].fmeasure)
    return out
