"""Abstractive summarizer: any ``AutoModelForSeq2SeqLM`` (BART, PEGASUS, T5/Flan-T5, LED/PRIMERA) by hub
name or local path, through ``from_pretrained`` - the same path for a hub name and a saved checkpoint.
"""

from __future__ import annotations

import os
import socket
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence
from urllib.parse import urlparse

from summarize.config import AbstractiveConfig, RunConfig
from summarize.embed import get_embedder
from summarize.errors import MissingDependencyError, ModelUnavailableError, SummarizeWarning
from summarize.inputs import BuiltInput, family_defaults
from summarize.provenance import attribute, source_sentences
from summarize.registry import INPUT_BUILDERS, SUMMARIZERS
from summarize.sentences import split_sentences
from summarize.summarizers.base import empty_summary, run_info
from summarize.types import Cluster, Summary

UNBOUNDED = 1_000_000


def _looks_local(name: str) -> bool:
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or Path(name).exists()


def hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the Hugging Face hub answers a TCP connect (False when HF_HUB_OFFLINE is set)."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        return False
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    try:
        with socket.create_connection((endpoint.hostname or "huggingface.co", endpoint.port or 443), timeout=timeout):
            return True
    except OSError:
        return False


def unavailable_message(name: str, reason: str) -> str:
    return (
        f"model {name!r} {reason}. Either download it where there is internet "
        f"(`hf download {name}`, then copy the Hugging Face cache or pass the folder) and run with "
        f"`--set model=/path/to/checkpoint`, or use `--set summarizer=extractive`."
    )


def load_model(name_or_path: str, config: AbstractiveConfig | None = None) -> tuple[Any, Any]:
    """``(model, tokenizer)`` from a hub name or local path, on the configured device and dtype.

    A hub name is looked up in the local cache first; when it is not cached and the hub cannot be
    reached, ``ModelUnavailableError`` says how to get it (no minute of network retries).

    Example:
        >>> model, tok = load_model("/path/to/checkpoint")  # doctest: +SKIP
    """
    config = config or AbstractiveConfig()
    try:
        import torch  # noqa: F401
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    except ImportError as exc:
        raise MissingDependencyError("the abstractive summarizer needs torch and transformers: run `pip install summarize`") from exc
    kwargs: dict[str, Any] = {"trust_remote_code": config.trust_remote_code}
    if _looks_local(name_or_path):
        path = Path(name_or_path).expanduser()
        if not (path / "config.json").is_file():
            raise ModelUnavailableError(unavailable_message(name_or_path, f"is not a checkpoint folder ({path}/config.json not found)"))
        source = str(path)
    else:
        source = name_or_path
        try:
            AutoTokenizer.from_pretrained(source, local_files_only=True, **kwargs)
            kwargs["local_files_only"] = True
        except OSError:
            if not hub_reachable():
                raise ModelUnavailableError(unavailable_message(name_or_path, "is not in the local cache and the Hugging Face hub cannot be reached")) from None
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, **kwargs)
        device = resolve_device(config.device)
        model = AutoModelForSeq2SeqLM.from_pretrained(source, dtype=resolve_dtype(config.dtype, device), **kwargs)
    except OSError as exc:
        raise ModelUnavailableError(unavailable_message(name_or_path, f"could not be loaded ({exc})")) from exc
    model.to(device).eval()
    return model, tokenizer


def resolve_device(name: str):
    """``auto`` -> cuda when available, else mps, else cpu."""
    import torch

    if name != "auto":
        return torch.device(name)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def resolve_dtype(name: str, device):
    """``auto`` -> bfloat16 on a cuda device that supports it, float32 elsewhere."""
    import torch

    if name == "auto":
        if device.type == "cuda" and torch.cuda.is_bf16_supported():
            return torch.bfloat16
        return torch.float32
    return getattr(torch, name)


def context_length(model: Any, tokenizer: Any, override: int | None) -> int:
    """Input budget in tokens: the override, else the smallest limit the model or tokenizer declares."""
    if override:
        return override
    cfg = model.config
    limits = [getattr(cfg, k, None) for k in ("max_encoder_position_embeddings", "max_position_embeddings", "n_positions")]
    limits = [x for x in limits if isinstance(x, int) and x > 0][:1]
    tok_max = getattr(tokenizer, "model_max_length", UNBOUNDED)
    if isinstance(tok_max, int) and 0 < tok_max < UNBOUNDED:
        limits.append(tok_max)
    return min(limits) if limits else 512


@SUMMARIZERS.register("abstractive")
class AbstractiveSummarizer:
    """A Hugging Face seq2seq model (hub name or local path) with a budgeted multi-document input."""

    method = "abstractive"

    def __init__(self, config: RunConfig, model: Any, tokenizer: Any, model_name: str | None = None) -> None:
        self.config = config
        self.model = model
        self.tokenizer = tokenizer
        self.model_name = model_name or config.model
        acfg = config.abstractive
        model_type = getattr(model.config, "model_type", "")
        sep, prefix = family_defaults(model_type, tokenizer)
        self.separator = acfg.doc_separator if acfg.doc_separator is not None else sep
        self.prefix = acfg.prefix if acfg.prefix is not None else prefix
        self.budget = context_length(model, tokenizer, acfg.max_input_tokens)
        self.build = INPUT_BUILDERS.get(acfg.input_builder)
        self.is_led = model_type == "led"

    @classmethod
    def from_config(cls, config: RunConfig, model: Any = None, tokenizer: Any = None, **_: object) -> "AbstractiveSummarizer":
        if model is None or tokenizer is None:
            model, tokenizer = load_model(config.model, config.abstractive)
        return cls(config, model, tokenizer)

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

    def summarize_batch(self, clusters: Sequence[Cluster]) -> list[Summary]:
        out: list[Summary] = []
        size = self.config.abstractive.batch_size
        for start in range(0, len(clusters), size):
            out.extend(self._summarize_chunk(list(clusters[start : start + size])))
        return out

    def _summarize_chunk(self, clusters: list[Cluster]) -> list[Summary]:
        info = run_info(self.config, self.method, model=self.model_name)
        built = [self.build_input(c) for c in clusters]
        for _, notes in built:
            for note in notes:
                if "longer than the model's input" in note:
                    warnings.warn(note, SummarizeWarning, stacklevel=3)
        texts = self.generate([b.text for b, _ in built])
        summaries = []
        for cluster, text, (_, notes) in zip(clusters, texts, built):
            text = " ".join(text.split())
            sources = source_sentences(cluster)
            if not text or not sources:
                summaries.append(empty_summary(cluster, replace(info, warnings=notes)))
                continue
            sentences = attribute(split_sentences(text), sources, self._provenance_embedder())
            summaries.append(Summary(cluster.id, text, sentences, replace(info, warnings=notes), reference=cluster.reference))
        return summaries

    def generate(self, inputs: list[str]) -> list[str]:
        """Decoded model outputs for built input texts (``config.generation`` settings; LED gets its
        global attention), in one padded batch on the model's device."""
        import torch

        enc = self.tokenizer(
            inputs, return_tensors="pt", padding=True, truncation=True, max_length=self.budget
        ).to(self.model.device)
        gen = self.config.generation
        kwargs: dict[str, Any] = dict(
            num_beams=gen.num_beams, max_new_tokens=gen.max_new_tokens, min_new_tokens=gen.min_new_tokens,
            no_repeat_ngram_size=gen.no_repeat_ngram_size, length_penalty=gen.length_penalty,
            early_stopping=gen.num_beams > 1,
        )
        if self.is_led:
            kwargs["global_attention_mask"] = self.global_attention(enc["input_ids"])
        with torch.inference_mode():
            ids = self.model.generate(**enc, **kwargs)
        return self.tokenizer.batch_decode(ids, skip_special_tokens=True)

    def global_attention(self, input_ids):
        """LED/PRIMERA: global attention on the first token and on every document separator."""
        import torch

        mask = torch.zeros_like(input_ids)
        mask[:, 0] = 1
        sep_id = self.tokenizer.convert_tokens_to_ids(self.separator.strip())
        if sep_id is not None and sep_id != self.tokenizer.unk_token_id:
            mask[input_ids == sep_id] = 1
        return mask

    def _provenance_embedder(self):
        try:
            return get_embedder(self.config.extractive.embedder)
        except MissingDependencyError as exc:
            warnings.warn(f"{exc}; tracing sources with TF-IDF instead", SummarizeWarning, stacklevel=3)
            return get_embedder("tfidf")
