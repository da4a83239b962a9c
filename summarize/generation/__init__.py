"""The generate stage: built model inputs (token ids) -> generated token ids, by a registered engine.

``hf`` (transformers ``generate``) and ``ctranslate2`` take the same inputs and the same
``generation`` settings; ``summarize ls`` lists them.
"""

from summarize.generation import ct2, hf  # noqa: F401  (registration)
from summarize.generation.batching import plan_batches
from summarize.generation.models import context_length, load_model, load_tokenizer_and_config, resolve_device

__all__ = ["context_length", "load_model", "load_tokenizer_and_config", "plan_batches", "resolve_device"]
