"""Grouping model inputs into generation batches: longest first, by a token budget, padding only within a
batch; and the rule for a batch that does not fit in device memory (halve it and retry).
"""

from __future__ import annotations

import warnings
from typing import Any, Callable, Sequence, TypeVar

from summarize.errors import SummarizeWarning
from summarize.host import device_share, host_free_memory

T = TypeVar("T")
CPU_BATCH_TOKENS = 16384  # the least budget, and the budget where the free memory is not known
MEMORY_SHARE = 0.5  # of the device's free memory, for one batch's activations and caches (the rest is headroom)


def batch_token_budget(configured: int | None, model_config: Any = None, device: Any = None, beams: int = 1,
                       new_tokens: int = 256, dtype_bytes: int = 2) -> int:
    """Input tokens (x beams) per generation batch: ``configured`` when set; else what ``MEMORY_SHARE`` of the
    device's free memory holds at ``bytes_per_input_token`` (a GPU's free memory; on a CPU the host's
    available memory within the process's cgroup limit), divided among the processes that share the device
    (``host.device_share``: ``-n N``), and at least 16,384. A CPU-sized budget left an
    H200 running PRIMERA in batches of 4; on a CPU a greedy step costs about as much for 64 clusters as for
    16 (it reads every weight once either way), so windows of 64 bart-base clusters ran 1.2x faster with
    the whole window in one batch. A batch that still runs out of memory is halved (``run_halving``).

    Example:
        >>> batch_token_budget(2000), batch_token_budget(None, device="cpu")
        (2000, 16384)
    """
    if configured is not None:
        return configured
    if device is None or model_config is None:
        return CPU_BATCH_TOKENS
    kind = getattr(device, "type", str(device).partition(":")[0])
    if kind == "cuda":
        import torch

        # a CPU build of torch cannot read it (CTranslate2 may still have a GPU): the floor
        free = torch.cuda.mem_get_info(device)[0] if torch.cuda.is_available() else None
    elif kind == "cpu":
        free = host_free_memory()
    else:  # mps: unified memory the GPU shares with the host; not measured here
        free = None
    if not free:
        return CPU_BATCH_TOKENS
    per_token = bytes_per_input_token(model_config, beams, new_tokens, dtype_bytes)
    return max(CPU_BATCH_TOKENS, int(free * MEMORY_SHARE / device_share(kind) / per_token))


def bytes_per_input_token(config: Any, beams: int = 1, new_tokens: int = 256, dtype_bytes: int = 2,
                          shortest: int = 256) -> int:
    """Device memory one input token costs while a batch generates, counted from the model's shape: the
    encoder's activations at one layer (hidden, attention projections, feed-forward: ~12 x d_model, and
    LED's sliding-window scores, heads x (2 x window + 1) in float32, three copies), the decoder's
    cross-attention keys and values for every layer and beam, and each cluster's self-attention cache and
    float32 logits spread over an input of at least ``shortest`` tokens.

    Example:
        >>> from types import SimpleNamespace
        >>> bart = SimpleNamespace(d_model=1024, decoder_layers=12, encoder_ffn_dim=4096, vocab_size=50264)
        >>> bytes_per_input_token(bart, beams=1, new_tokens=128)
        100660
    """
    d = getattr(config, "d_model", None) or getattr(config, "hidden_size", 1024)
    layers = getattr(config, "decoder_layers", None) or getattr(config, "num_decoder_layers", None) or 12
    ffn = getattr(config, "encoder_ffn_dim", None) or getattr(config, "d_ff", None) or 4 * d
    vocab = getattr(config, "vocab_size", 50000)
    encoder = (8 * d + ffn) * dtype_bytes
    window = getattr(config, "attention_window", None)
    if window:  # LED: banded attention scores, float32
        window = max(window) if isinstance(window, (list, tuple)) else window
        heads = getattr(config, "encoder_attention_heads", 16)
        encoder += 3 * heads * (window + 1) * 4
    cross = 2 * layers * d * dtype_bytes * beams
    per_cluster = beams * (2 * layers * d * new_tokens * dtype_bytes + 3 * vocab * 4)
    return int(encoder + cross + per_cluster / shortest)


def plan_batches(lengths: Sequence[int], max_tokens: int, max_size: int, beams: int = 1) -> list[list[int]]:
    """Indices of ``lengths`` in batches: sorted longest first, each batch as large as its longest input
    x its size x ``beams`` allows within ``max_tokens`` (and at most ``max_size``); one input always fits.

    Example:
        >>> plan_batches([5, 100, 7, 90, 6], max_tokens=200, max_size=8)
        [[1, 3], [2, 4, 0]]
        >>> plan_batches([5, 100, 7, 90, 6], max_tokens=50, max_size=8)
        [[1], [3], [2, 4, 0]]
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    for i in order:
        if batches:
            batch = batches[-1]
            longest = lengths[batch[0]]  # sorted: the first is the longest
            if len(batch) < max_size and longest * (len(batch) + 1) * beams <= max_tokens:
                batch.append(i)
                continue
        batches.append([i])
    return batches


def is_out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` is a device allocator's out-of-memory error (CUDA, MPS, or a CPU allocation: torch's
    "DefaultCPUAllocator: can't allocate memory").

    Example:
        >>> is_out_of_memory(RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")), is_out_of_memory(ValueError("x"))
        (True, False)
        >>> is_out_of_memory(RuntimeError("DefaultCPUAllocator: can't allocate memory: you tried to allocate 8 GB"))
        True
    """
    try:
        import torch

        if isinstance(exc, torch.cuda.OutOfMemoryError):
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(exc, (RuntimeError, MemoryError)) and (
        isinstance(exc, MemoryError) or any(m in str(exc).lower() for m in ("out of memory", "can't allocate memory")))


def out_of_memory_warning(size: int, half: int) -> None:
    """The warning of a batch halved after running out of device memory (every engine's)."""
    warnings.warn(f"generation batch of {size} ran out of device memory; retrying as batches of {half} "
                  f"(lower generation.max_batch_tokens to avoid the retry)", SummarizeWarning, stacklevel=3)


def run_halving(batch: list[T], step: Callable[[list[T]], list], on_split: Callable[[int, int], None] | None = None,
                release: Callable[[], None] | None = None) -> list:
    """``step(batch)``; when it runs out of memory, free what can be freed and run each half the same way
    (down to one item, which re-raises). ``on_split(size, half)`` is told of each split.

    Example:
        >>> def step(items):
        ...     if len(items) > 2:
        ...         raise RuntimeError("CUDA out of memory.")
        ...     return [x * 10 for x in items]
        >>> run_halving([1, 2, 3, 4, 5], step)
        [10, 20, 30, 40, 50]
    """
    try:
        return step(batch)
    except Exception as exc:  # noqa: BLE001  (only out-of-memory errors are caught; others re-raise)
        if len(batch) == 1 or not is_out_of_memory(exc):
            raise
    if release:
        release()
    half = (len(batch) + 1) // 2
    if on_split:
        on_split(len(batch), half)
    return (run_halving(batch[:half], step, on_split, release)
            + run_halving(batch[half:], step, on_split, release))
