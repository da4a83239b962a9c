"""An exclusive OS lock beside a file, held for a block: two runs on one state file or one output take turns."""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path

from summarize.errors import SummarizeWarning


@contextlib.contextmanager
def file_lock(path: str | Path, busy: str = "is in use by another run"):
    """An exclusive OS lock on ``PATH.lock`` for the duration of the block; when another process holds it,
    a warning says so (``PATH BUSY; waiting ...``) and this one waits its turn.

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
        >>> with file_lock(target):
        ...     target.with_name("out.jsonl.lock").exists()
        True
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, said once
        warnings.warn(f"{path}: file locks are not available on this platform; do not run two updates at once",
                      SummarizeWarning, stacklevel=3)
        yield
        return
    lock = Path(str(path) + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            warnings.warn(f"{path} {busy}; waiting for it to finish (lock {lock})", SummarizeWarning, stacklevel=3)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
