"""Progress inside a stage: a stage that works through a window of clusters in parts (the ``hf`` engine's
batches) says how many clusters each part finished, and the pipeline's progress callback moves on then,
not only when the whole window is written.

Example:
    >>> seen = []
    >>> with reporting(seen.append):
    ...     advance(3); advance(2)
    >>> advance(1)  # outside a run: nothing listens
    >>> seen
    [3, 5]
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import Callable, Iterator

_listener: ContextVar[Callable[[int], None] | None] = ContextVar("summarize_progress", default=None)
_done: ContextVar[int] = ContextVar("summarize_progress_done", default=0)


@contextlib.contextmanager
def reporting(listener: Callable[[int], None] | None) -> Iterator[None]:
    """While the block runs, ``advance(n)`` calls ``listener`` with the clusters finished so far in it."""
    token, count = _listener.set(listener), _done.set(0)
    try:
        yield
    finally:
        _listener.reset(token)
        _done.reset(count)


def advance(clusters: int) -> None:
    """``clusters`` more clusters of the current window are through the slow part of a stage."""
    listener = _listener.get()
    if listener is not None and clusters:
        _done.set(_done.get() + clusters)
        listener(_done.get())
