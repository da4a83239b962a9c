"""``generation`` and ``ctranslate2``: decoding settings, the same for every engine."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Literal

from summarize.config.schema import check_choices
from summarize.errors import ConfigError

MAX_BEAMS = 64  # beyond this, beam search costs memory for no gain a summary shows
MAX_NEW_TOKENS = 16384


@dataclass
class GenerationConfig:
    """Decoding settings, the same for every engine (``hf``: ``model.generate``; ``ctranslate2``)."""

    num_beams: int = 4
    """Beam width (1 = greedy); at most 64."""
    max_new_tokens: int = 256
    """Most tokens a summary may have."""
    min_new_tokens: int = 0
    """Fewest tokens a summary may have (the end token is held back until then)."""
    no_repeat_ngram_size: int = 3
    """No n-gram of this size appears twice in a summary (0: off)."""
    length_penalty: float = 1.0
    """Beam search: > 1 favours longer summaries, < 1 shorter ones."""
    do_sample: bool = False
    """Sample instead of searching (seeded by ``seed``: a re-run gives the same text)."""
    temperature: float = 1.0
    """With do_sample: how flat the next-token distribution is (1 = the model's own)."""
    top_k: int = 50
    """With do_sample: sample among the k most likely tokens (0: all)."""
    top_p: float = 1.0
    """With do_sample: sample among the most likely tokens that make up this probability mass."""
    seed: int = 0
    """Seed of sampling: a re-run gives the same text."""
    max_batch_tokens: int | None = None
    """Token budget of one generation batch: inputs are sorted by length and grouped so that the longest
    input x the batch size x beams stays within it (padding only within a batch). Null: what half of the
    device's free memory holds for this model (a GPU's; on a CPU the host's available memory within its
    cgroup limit), at least 16,384 (``summarize.generation.batching``); engine=ctranslate2 on a CPU: 6,144
    (its encoder slows as a batch grows: ``summarize.generation.ct2.CPU_BATCH_TOKENS``)."""
    max_batch_size: int = 64
    """Most clusters in one generation batch."""
    static_cache: bool = False
    """``hf`` engine: a fixed-size decoder cache (transformers' ``cache_implementation="static"``), with which
    transformers compiles the decode step into CUDA graphs on a GPU (BART, PEGASUS, T5; not LED). Same
    tokens; pays a compilation per batch shape, so it suits long runs."""
    window: int = 64
    """Clusters cleaned, built and generated together (batched across clusters); a batch output is
    written after each window, so an interrupted run loses at most one window."""

    def __post_init__(self) -> None:
        if not 1 <= self.num_beams <= MAX_BEAMS:
            raise ConfigError(f"generation.num_beams must be in [1, {MAX_BEAMS}], got {self.num_beams}")
        if not 1 <= self.max_new_tokens <= MAX_NEW_TOKENS or not 0 <= self.min_new_tokens <= self.max_new_tokens:
            raise ConfigError(f"generation: need 0 <= min_new_tokens <= max_new_tokens <= {MAX_NEW_TOKENS} and "
                              f"max_new_tokens >= 1, got {self.min_new_tokens} and {self.max_new_tokens}")
        if self.no_repeat_ngram_size < 0 or not 0 < self.length_penalty < 100:
            raise ConfigError("generation: need no_repeat_ngram_size >= 0 and 0 < length_penalty < 100")
        if (self.max_batch_tokens is not None and self.max_batch_tokens < 1) or self.max_batch_size < 1 or self.window < 1:
            raise ConfigError("generation: max_batch_tokens (or null), max_batch_size and window must be >= 1")
        if self.temperature <= 0 or not 0 < self.top_p <= 1 or self.top_k < 0:
            raise ConfigError("generation: need temperature > 0, 0 < top_p <= 1, top_k >= 0")


Quantization = Literal["auto", "int8", "int8_float16", "int8_float32", "int8_bfloat16", "float16", "bfloat16", "float32"]
CT2_QUANTIZATIONS = typing.get_args(Quantization)


@dataclass
class CTranslate2Config:
    """The ``ctranslate2`` engine: the checkpoint converted once, cached by its content hash and quantization."""

    quantization: Quantization = "auto"
    """auto (int8 on cpu, int8_float16 on cuda) | int8 | int8_float16 | int8_float32 | float16 | bfloat16 | float32"""
    cache_dir: str = "~/.cache/summarize/ctranslate2"
    """Where converted models are kept: one folder per checkpoint hash and quantization."""
    threads: int = 0
    """CPU threads (0: every core, or this process's share under `-n N`: OMP_NUM_THREADS); on a CPU each thread
    decodes its own batch."""

    def __post_init__(self) -> None:
        check_choices(self, "ctranslate2.")
        if self.threads < 0:
            raise ConfigError("ctranslate2.threads must be >= 0")
