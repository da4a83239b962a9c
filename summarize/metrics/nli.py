"""NLI-based consistency, SummaC-ZS style: an entailment matrix of summary sentences against source chunks.

Each (source chunk, summary sentence) pair gets ``P(entailment) - P(contradiction)`` from an NLI model
(any ``AutoModelForSequenceClassification`` whose labels include entailment and contradiction);
a summary sentence scores its best chunk, the summary the mean over its sentences (Laban et al., 2022).
The model loads with ``from_pretrained(name_or_path)``, so a hub name and a local directory take the
same path; pairs are scored in batches.

Example:
    >>> scorer = NLIScorer("tals/albert-xlarge-vitaminc-mnli")  # doctest: +SKIP
    >>> scorer.score(["Putin arrived in Pyongyang on Wednesday."], ["Putin arrived on Tuesday."])  # doctest: +SKIP
    NLIResult(score=-0.93, sentence_scores=[-0.93], ...)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from summarize.errors import ConfigError, ModelUnavailableError, require
from summarize.text.sentences import split_sentences

DEFAULT_NLI_MODEL = "tals/albert-xlarge-vitaminc-mnli"


@dataclass
class NLIResult:
    """``matrix[i, j]``: entailment minus contradiction of summary sentence ``i`` given chunk ``j``."""

    score: float
    sentence_scores: list[float]
    matrix: np.ndarray
    best_chunk: list[int]

    def labels(self, threshold: float = 0.5) -> list[str]:
        """``supported`` at or above ``threshold``, ``conflicting`` at or below ``-threshold``, else ``unsupported``.

        Example:
            >>> NLIResult(0.0, [0.9, 0.1, -0.8], np.zeros((3, 1)), [0, 0, 0]).labels()
            ['supported', 'unsupported', 'conflicting']
        """
        return [
            "supported" if s >= threshold else "conflicting" if s <= -threshold else "unsupported"
            for s in self.sentence_scores
        ]


def chunk_sentences(sentences: Sequence[str], max_words: int = 200) -> list[str]:
    """Consecutive sentences joined into chunks of at most ``max_words`` words (a longer sentence stays whole).

    Example:
        >>> chunk_sentences(["a b c.", "d e.", "f g h i."], max_words=5)
        ['a b c. d e.', 'f g h i.']
    """
    chunks: list[str] = []
    current: list[str] = []
    words = 0
    for sent in sentences:
        n = len(sent.split())
        if current and words + n > max_words:
            chunks.append(" ".join(current))
            current, words = [], 0
        current.append(sent)
        words += n
    if current:
        chunks.append(" ".join(current))
    return chunks


class NLIScorer:
    """An NLI classifier by hub name or local path, on cuda when available."""

    def __init__(
        self,
        name_or_path: str = DEFAULT_NLI_MODEL,
        batch_size: int = 16,
        device: str | None = None,
        max_length: int = 512,
        trust_remote_code: bool = False,
    ) -> None:
        transformers = require("transformers", "pip install transformers")
        import torch

        self.torch = torch
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.batch_size, self.max_length = batch_size, max_length
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(
                name_or_path, trust_remote_code=trust_remote_code
            )
            self.model = (
                transformers.AutoModelForSequenceClassification.from_pretrained(
                    name_or_path, trust_remote_code=trust_remote_code
                )
                .to(self.device)
                .eval()
            )
        except OSError as exc:
            raise ModelUnavailableError(
                f"cannot load NLI model '{name_or_path}': {exc.__class__.__name__}. Download it where the hub is "
                f"reachable (`hf download {name_or_path}`) and pass its local directory."
            ) from exc
        labels = {v.lower(): int(k) for k, v in self.model.config.id2label.items()}
        self.entail = next((i for name, i in labels.items() if name.startswith("entail")), None)
        self.contra = next((i for name, i in labels.items() if name.startswith("contradict")), None)
        if self.entail is None or self.contra is None:
            raise ConfigError(
                f"NLI model '{name_or_path}' has labels {sorted(labels)}; it needs 'entailment' and "
                f"'contradiction' in config.id2label"
            )

    def pair_scores(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """``P(entailment) - P(contradiction)`` for each (premise, hypothesis) pair, batched."""
        out = []
        for start in range(0, len(premises), self.batch_size):
            enc = self.tokenizer(
                list(premises[start : start + self.batch_size]),
                list(hypotheses[start : start + self.batch_size]),
                truncation="only_first",
                max_length=self.max_length,
                padding=True,
                return_tensors="pt",
            ).to(self.device)
            with self.torch.no_grad():
                probs = self.model(**enc).logits.float().softmax(-1).cpu().numpy()
            out.append(probs[:, self.entail] - probs[:, self.contra])
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)

    def score(self, sources: Sequence[str], summary: str | Sequence[str], chunk_words: int = 200) -> NLIResult:
        """SummaC-ZS: each summary sentence against every source chunk, max over chunks, mean over sentences.

        ``sources`` are article texts; they are split into sentences and packed into chunks of
        ``chunk_words`` words (``chunk_words=0``: one sentence per chunk).
        """
        sentences = split_sentences(summary) if isinstance(summary, str) else list(summary)
        source_sents = [s for text in sources for s in split_sentences(text)]
        chunks = chunk_sentences(source_sents, chunk_words) if chunk_words else source_sents
        if not sentences or not chunks:
            return NLIResult(0.0, [], np.zeros((len(sentences), len(chunks))), [])
        premises = [c for _ in sentences for c in chunks]
        hypotheses = [s for s in sentences for _ in chunks]
        matrix = self.pair_scores(premises, hypotheses).reshape(len(sentences), len(chunks))
        per_sentence = matrix.max(axis=1)
        return NLIResult(
            float(per_sentence.mean()),
            [float(x) for x in per_sentence],
            matrix,
            [int(j) for j in matrix.argmax(axis=1)],
        )
