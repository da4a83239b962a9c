"""Abstractive summarizer: any ``AutoModelForSeq2SeqLM`` (BART, PEGASUS, T5/Flan-T5, LED/PRIMERA) by hub
name or local path. It builds one input per cluster (the registered input builder, the family's separator
and prefix, the model's token budget), tokenizes it once, and hands the ids of a whole window of
clusters to the configured engine (``hf`` or ``ctranslate2``), which batches them across clusters.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any, Sequence

from summarize.config import RunConfig
from summarize.errors import SummarizeWarning
from summarize.fingerprints import checkpoint_fingerprint, weights_fingerprint
from summarize.generation.hf import global_attention
from summarize.generation.models import context_length, load_model, load_tokenizer_and_config
from summarize.inputs import BuiltInput, family_defaults
from summarize.registry import ENGINES, INPUT_BUILDERS, SUMMARIZERS
from summarize.summarizers.base import run_info
from summarize.text.fragments import aside, without_list_mark
from summarize.text.sentences import split_sentences
from summarize.types import Cluster, Draft

__all__ = ["AbstractiveSummarizer", "load_model"]


def separator_and_prefix(config: RunConfig, model_type: str, tokenizer: Any) -> tuple[str, str]:
    """The document separator and input prefix: the config's when set, else the model family's."""
    sep, prefix = family_defaults(model_type, tokenizer)
    acfg = config.abstractive
    return (acfg.doc_separator if acfg.doc_separator is not None else sep,
            acfg.prefix if acfg.prefix is not None else prefix)


@SUMMARIZERS.register("abstractive")
class AbstractiveSummarizer:
    """A Hugging Face seq2seq model (hub name or local path) with a budgeted multi-document input."""

    method = "abstractive"

    def __init__(self, config: RunConfig, model: Any, tokenizer: Any, model_name: str | None = None,
                 engine: Any = None, model_config: Any = None, model_hash: str | None = None) -> None:
        self.config = config
        self.model = model
        self.tokenizer = tokenizer
        self.model_name = model_name or config.model
        # recorded in each row, so that other weights never resume this run's batch: those of a model given in
        # code, or the checkpoint ``model`` names (``from_config`` passes it when it loads the model itself)
        self.model_hash = model_hash or (weights_fingerprint(model) if model is not None
                                         else checkpoint_fingerprint(self.model_name))
        self.model_config = model_config if model_config is not None else model.config
        acfg = config.abstractive
        model_type = getattr(self.model_config, "model_type", "")
        self.separator, self.prefix = separator_and_prefix(config, model_type, tokenizer)
        self.budget = context_length(self.model_config, tokenizer, acfg.max_input_tokens)
        self.build = INPUT_BUILDERS.get(acfg.input_builder)
        self.is_led = model_type == "led"
        if engine is None and model is not None:
            engine = ENGINES.get("hf").from_config(config, model=model, tokenizer=tokenizer,
                                                   global_token_ids=self.global_token_ids())
        self.engine = engine  # None: inputs can be built and inspected, nothing generated

    @classmethod
    def from_config(cls, config: RunConfig, model: Any = None, tokenizer: Any = None, **_: object) -> "AbstractiveSummarizer":
        """Load what ``config.engine`` needs (the ``hf`` engine the weights; ``ctranslate2`` only the tokenizer
        and config: it converts the checkpoint itself) and build the engine."""
        engine_cls = ENGINES.get(config.engine)
        if config.engine == "hf":
            if model is None or tokenizer is None:
                model, tokenizer = load_model(config.model, config.abstractive)
                return cls(config, model, tokenizer, model_hash=checkpoint_fingerprint(config.model))
            return cls(config, model, tokenizer)  # builds the hf engine
        if model is None and tokenizer is None:
            tokenizer, model_config = load_tokenizer_and_config(config.model, config.abstractive)
        else:
            if model is None or tokenizer is None:
                model, tokenizer = load_model(config.model, config.abstractive)
            model_config = model.config
        summarizer = cls(config, None, tokenizer, model_config=model_config)  # inputs without an engine yet
        summarizer.model = model
        summarizer.engine = engine_cls.from_config(config, model=model, tokenizer=tokenizer, model_config=model_config,
                                                   global_token_ids=summarizer.global_token_ids())
        return summarizer

    def global_token_ids(self) -> list[int]:
        """LED/PRIMERA: the document separator's id, which gets global attention (with the first token)."""
        if not self.is_led:
            return []
        sep_id = self.tokenizer.convert_tokens_to_ids(self.separator.strip())
        return [sep_id] if sep_id is not None and sep_id != self.tokenizer.unk_token_id else []

    def global_attention(self, input_ids):
        """LED/PRIMERA: global attention on the first token and on every document separator."""
        return global_attention(input_ids, self.global_token_ids())

    def build_input(self, cluster: Cluster) -> tuple[BuiltInput, list[str]]:
        """The model input of ``cluster`` and the warnings about what was cut."""
        built = self.build(cluster, self.tokenizer, self.budget, self.separator, self.prefix)
        notes = []
        for article_id, (kept, total) in built.truncated().items():
            if total > self.budget:
                notes.append(
                    f"article {article_id} has {total} tokens, longer than the model's input of {self.budget}; "
                    f"kept its first {kept} tokens"
                )
            else:
                notes.append(f"article {article_id}: kept {kept} of {total} tokens to fit the input budget")
        return built, notes

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of built inputs, cut at the budget: what every engine receives."""
        if not texts:
            return []
        return self.tokenizer(list(texts), truncation=True, max_length=self.budget)["input_ids"]

    def generate(self, texts: Sequence[str]) -> list[str]:
        """Decoded outputs of built input texts, batched across them by the engine."""
        ids = self.engine.generate_ids(self.encode(texts))
        return [" ".join(self.tokenizer.decode(row, skip_special_tokens=True).split()) for row in ids]

    def draft_batch(self, clusters: Sequence[Cluster]) -> list[Draft]:
        """Every cluster's input built, then one engine call for all of them (batched by token budget)."""
        info = run_info(self.config, self.method, model=self.model_name, model_hash=self.model_hash)
        built = [self.build_input(c) for c in clusters]
        for _, notes in built:
            for note in notes:
                if "longer than the model's input" in note:
                    warnings.warn(note, SummarizeWarning, stacklevel=3)
        texts = self.generate([b.text for b, _ in built])
        return [Draft(cluster.id, sentences(text), replace(info, warnings=notes))
                for cluster, text, (_, notes) in zip(clusters, texts, built)]


def sentences(generated: str) -> list[str]:
    """A generated summary's sentences, each without the dash or bullet a model trained on Multi-News opens
    them with ("– Russian President Vladimir Putin arrived ...": ``text.fragments.without_list_mark``), and
    without the teaser of another story or pointer to a link, wholly in parentheses, that it closes them
    with ("(See the video here.)": ``text.fragments.aside``)."""
    out = [without_list_mark(s) for s in split_sentences(generated)] if generated else []
    return [s for s in out if s and not aside(s)]
