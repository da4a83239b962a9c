"""Finding and loading a seq2seq checkpoint: hub name or local path, through ``from_pretrained``, the same
path for a hub name and a saved checkpoint; the one device and dtype resolver of the toolkit.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from summarize.config import AbstractiveConfig
from summarize.errors import MissingDependencyError, ModelUnavailableError

UNBOUNDED = 1_000_000


def looks_local(name: str) -> bool:
    """Whether ``name`` is a path rather than a hub id (``org/model``).

    Example:
        >>> looks_local("./runs/final"), looks_local("facebook/bart-large-cnn")
        (True, False)
    """
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
    """What went wrong with a model and how to fix it: for a path, about the path; for a hub name, how
    to download it.

    Example:
        >>> "hf download" in unavailable_message("/models/bart", "is missing")
        False
    """
    if looks_local(name):
        return (f"model path {name!r} {reason}. Check the path: a checkpoint folder holds config.json, the "
                f"weights and the tokenizer files (as `save_pretrained` writes them); or give a hub name "
                f"such as facebook/bart-large-cnn.")
    return (
        f"model {name!r} {reason}. Either download it where there is internet "
        f"(`hf download {name}`, then copy the Hugging Face cache or pass the folder) and run with "
        f"`--set model=/path/to/checkpoint`{RUN_ADVICE}."
    )


RUN_ADVICE = ", or use `--set summarizer=extractive`"  # what a summary can do without the model; training cannot


def for_training(exc: ModelUnavailableError) -> ModelUnavailableError:
    """The same error without the advice that only suits ``summarize run`` (an extractive summary).

    Example:
        >>> message = str(for_training(ModelUnavailableError(unavailable_message("org/m", "is not cached"))))
        >>> message.endswith("run with `--set model=/path/to/checkpoint`."), "extractive" in message
        (True, False)
    """
    return ModelUnavailableError(str(exc).replace(RUN_ADVICE, ""))


def checkpoint_source(name_or_path: str, trust_remote_code: bool = False) -> tuple[str, dict[str, Any]]:
    """``(source, from_pretrained kwargs)`` for a hub name or local path: a local folder must hold
    ``config.json``; a hub name is read from the local cache, and when it is not cached and the hub
    cannot be reached, ``ModelUnavailableError`` says how to get it (no minute of network retries)."""
    from transformers import AutoConfig

    kwargs: dict[str, Any] = {"trust_remote_code": trust_remote_code}
    if looks_local(name_or_path):
        path = Path(name_or_path).expanduser()
        if not path.exists():
            raise ModelUnavailableError(unavailable_message(name_or_path, "does not exist"))
        if not (path / "config.json").is_file():
            raise ModelUnavailableError(unavailable_message(name_or_path, "is not a checkpoint folder (no config.json in it)"))
        return str(path), kwargs
    try:
        AutoConfig.from_pretrained(name_or_path, local_files_only=True, **kwargs)
        kwargs["local_files_only"] = True
    except OSError:
        if not hub_reachable():
            raise ModelUnavailableError(unavailable_message(name_or_path, "is not in the local cache and the Hugging Face hub cannot be reached")) from None
    return name_or_path, kwargs


def load_tokenizer_and_config(name_or_path: str, config: AbstractiveConfig | None = None) -> tuple[Any, Any]:
    """``(tokenizer, model config)`` without the weights (what an engine that brings its own runtime needs)."""
    from transformers import AutoConfig, AutoTokenizer

    config = config or AbstractiveConfig()
    source, kwargs = checkpoint_source(name_or_path, config.trust_remote_code)
    try:
        return quiet_bpe_cleanup(AutoTokenizer.from_pretrained(source, **kwargs)), AutoConfig.from_pretrained(source, **kwargs)
    except OSError as exc:
        raise ModelUnavailableError(unavailable_message(name_or_path, f"could not be loaded ({exc})")) from exc


def load_model(name_or_path: str, config: AbstractiveConfig | None = None) -> tuple[Any, Any]:
    """``(model, tokenizer)`` from a hub name or local path, on the configured device and dtype, in eval mode.

    Example:
        >>> model, tok = load_model("/path/to/checkpoint")  # doctest: +SKIP
    """
    config = config or AbstractiveConfig()
    try:
        import torch  # noqa: F401
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    except ImportError as exc:
        raise MissingDependencyError("the abstractive summarizer needs torch and transformers: run `pip install summarize`") from exc
    import pickle

    source, kwargs = checkpoint_source(name_or_path, config.trust_remote_code)
    try:
        tokenizer = quiet_bpe_cleanup(AutoTokenizer.from_pretrained(source, **kwargs))
        device = resolve_device(config.device)
        model = AutoModelForSeq2SeqLM.from_pretrained(source, dtype=resolve_dtype(config.dtype, device), **kwargs)
    except OSError as exc:
        raise ModelUnavailableError(unavailable_message(name_or_path, f"could not be loaded ({exc})")) from exc
    except pickle.UnpicklingError:
        raise ModelUnavailableError(
            f"model {name_or_path!r} has only pickled weights (pytorch_model.bin) with objects a safe load refuses: "
            f"summarize never unpickles them (unpickling can run code). Where you trust the checkpoint, convert it "
            f"to safetensors (load it in Python and `save_pretrained`), or use another checkpoint.") from None
    except ValueError as exc:  # custom code (auto_map), an unknown model type, a tokenizer that cannot be built
        custom = _needs_custom_code(source)
        reason = ("needs the custom code its config names (auto_map), which runs only with "
                  "`--set abstractive.trust_remote_code=true`: set it only if you trust the checkpoint's source"
                  if custom and not config.trust_remote_code else f"could not be loaded ({str(exc).splitlines()[0]})")
        raise ModelUnavailableError(f"model {name_or_path!r} {reason}") from None
    model.to(device).eval()
    return model, tokenizer


def quiet_bpe_cleanup(tokenizer: Any) -> Any:
    """``tokenizer`` with ``clean_up_tokenization_spaces`` off where transformers ignores it anyway (a BPE
    tokenizer: BART's, PEGASUS's...), so that every decode does not warn "Ignoring
    clean_up_tokenization_spaces=True"; the decoded text is the same."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if (backend is not None and type(backend.model).__name__ == "BPE" and tokenizer.clean_up_tokenization_spaces
            and not getattr(tokenizer, "clean_up_tokenization_spaces_for_bpe_even_though_it_will_corrupt_output", False)):
        tokenizer.clean_up_tokenization_spaces = False
    return tokenizer


def _needs_custom_code(source: str) -> bool:
    """Whether a local checkpoint's config.json names custom code (``auto_map``)."""
    import json

    try:
        return "auto_map" in json.loads((Path(source) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


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


def gpu_count() -> int:
    """CUDA devices this process can use (0 without torch or CUDA)."""
    try:
        import torch
    except ImportError:  # pragma: no cover
        return 0
    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def resolve_dtype(name: str, device):
    """``auto`` -> bfloat16 on a cuda device that supports it, float32 elsewhere."""
    import torch

    if name == "auto":
        if device.type == "cuda" and torch.cuda.is_bf16_supported():
            return torch.bfloat16
        return torch.float32
    return getattr(torch, name)


def context_length(model_config: Any, tokenizer: Any, override: int | None) -> int:
    """Input budget in tokens: the override, else the smallest limit the model config or tokenizer declares.

    Example:
        >>> from types import SimpleNamespace
        >>> context_length(SimpleNamespace(max_encoder_position_embeddings=4096), SimpleNamespace(model_max_length=10**30), None)
        4096
    """
    if override:
        return override
    limits = [getattr(model_config, k, None) for k in ("max_encoder_position_embeddings", "max_position_embeddings", "n_positions")]
    limits = [x for x in limits if isinstance(x, int) and x > 0][:1]
    tok_max = getattr(tokenizer, "model_max_length", UNBOUNDED)
    if isinstance(tok_max, int) and 0 < tok_max < UNBOUNDED:
        limits.append(tok_max)
    return min(limits) if limits else 512
