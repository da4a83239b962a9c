"""Grouping model inputs into generation batches: longest first, by a token budget, padding only within a
batch; and the rule for a batch that does not fit in device memory (halve it and retry).
"""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

T = TypeVar("T")


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
    """Whether ``exc`` is a device allocator's out-of-memory error (CUDA, MPS, or a CPU allocation).

    Example:
        >>> is_out_of_memory(RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")), is_out_of_memory(ValueError("x"))
        (True, False)
    """
    try:
        import torch

        if isinstance(exc, torch.cuda.OutOfMemoryError):
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(exc, (RuntimeError, MemoryError)) and (
        isinstance(exc, MemoryError) or "out of memory" in str(exc).lower())


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
