"""``abstractive`` and ``extractive``: the summarizers' own settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from summarize.config.schema import check_choices
from summarize.errors import ConfigError


@dataclass
class AbstractiveConfig:
    """Settings of the seq2seq summarizer (the model name is ``RunConfig.model``)."""

    device: str = "auto"
    """auto (cuda if available, else cpu) | cpu | cuda | cuda:N | mps"""
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    """auto (bfloat16 on cuda, float32 on cpu: the same summary on any CPU) | float32 | bfloat16 (on a CPU with
    AMX, 2.1x float32's speed in bench/generation.py, tokens rounded) | float16"""
    max_input_tokens: int | None = None
    """Input budget in tokens; default: the model's context length."""
    input_builder: str = "per_doc_budget"
    """How documents become one input: per_doc_budget (every document keeps a share) | concat."""
    doc_separator: str | None = None
    """Separator between documents; default by model family (`<doc-sep>` for LED/PRIMERA)."""
    prefix: str | None = None
    """Text put before the input; default by family (`summarize: ` for T5)."""
    trust_remote_code: bool = False
    """Run a checkpoint's own Python code (``auto_map``); off: such a checkpoint is refused with advice."""

    def __post_init__(self) -> None:
        check_choices(self, "abstractive.")
        if self.max_input_tokens is not None and not 16 <= self.max_input_tokens <= 1_000_000:
            raise ConfigError("abstractive.max_input_tokens must be in [16, 1000000]")


@dataclass
class ExtractiveConfig:
    """Settings of the extractive (centroid + cross-document support + MMR) summarizer.

    Weights were tuned on a held-out fifth of the Multi-News validation sample
    (bench/tune_extractive.py, bench/results/extractive_tuning.json), never on the test part.
    """

    embedder: str = "minilm"
    """minilm (offline all-MiniLM-L6-v2) | tfidf | any sentence-transformers model name or path."""
    centroid_weight: float = 0.5
    """Weight of a sentence's similarity to the articles' centroid in its salience."""
    support_weight: float = 1.0
    """Weight of cross-document agreement (sentences many sources say)."""
    position_weight: float = 0.6
    """Weight of the position prior ``1 / sqrt(1 + index)``: news puts the essentials first."""
    mmr_lambda: float = 0.6
    """Relevance vs. novelty in MMR selection (1.0 = no redundancy penalty)."""
    redundancy_threshold: float = 0.75
    """Candidates this similar to a chosen sentence are skipped."""
    anaphora_penalty: float = 0.0
    """Score subtracted from sentences opening with a pronoun or connective ("He", "But", "Such"):
    out of their context they read as dangling."""
    min_sentence_words: int = 10
    """Shorter sentences are not extracted (fragments, captions)."""
    max_sentence_words: int = 60
    """Longer sentences are not extracted (run-ons, lists)."""
    max_sentences_per_document: int = 15
    """Sentences of each document that are embedded and scored (its first ones: news puts the essentials
    first). 15 was the best of 10/12/15/20/25/30/400 on the dev fifth of the Multi-News validation sample
    (ROUGE-1 44.52 against 44.48 for 400) and costs 0.09 ROUGE-1 on the other four fifths (45.94 against
    46.03) while embedding a third of the sentences (bench/extractive_sentences.py)."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.mmr_lambda <= 1.0:
            raise ConfigError("extractive.mmr_lambda must be in [0, 1]")
        if not 0.0 < self.redundancy_threshold <= 1.0:
            raise ConfigError(f"extractive.redundancy_threshold must be in (0, 1], got {self.redundancy_threshold}")
        weights = (self.centroid_weight, self.support_weight, self.position_weight, self.anaphora_penalty)
        if any(not 0.0 <= w <= 100.0 for w in weights):
            raise ConfigError("extractive: centroid_weight, support_weight, position_weight and anaphora_penalty "
                              "must be in [0, 100]")
        if self.min_sentence_words < 1 or self.max_sentences_per_document < 1:
            raise ConfigError("extractive: min_sentence_words and max_sentences_per_document must be >= 1")
        if self.min_sentence_words > self.max_sentence_words:
            raise ConfigError("extractive.min_sentence_words must be <= max_sentence_words")
