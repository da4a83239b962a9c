"""Files written atomically (a temp file beside the target, then a rename): never half a file."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from summarize.errors import InputError


@contextmanager
def atomic_open(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """A file to write that replaces ``path`` only when the block ends without an error (written to a
    temporary file beside it, synced, renamed), so readers see the old file or the new one, never half."""
    path = Path(path)
    fd, tmp = _temp_beside(path, ".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600: give the mode a plain open() would
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:  # a full disk: the previous file is kept
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc} (the previous {path.name}, if any, is kept)") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half of it.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> atomic_write_text(p, "hi"); p.read_text()
        'hi'
    """
    with atomic_open(path) as fh:
        fh.write(text)


def atomic_write_npz(path: str | Path, arrays: dict[str, Any]) -> None:
    """``np.savez`` of ``arrays`` to ``path``, atomically (as ``atomic_write_text``)."""
    import numpy as np

    with atomic_open(path, "wb") as fh:
        np.savez(fh, **arrays)


def check_writable(path: str | Path) -> None:
    """Fail before any work when ``path`` cannot be written (a read-only or missing-permission folder):
    a probe file is created and removed beside it.

    Example:
        >>> import tempfile, pathlib
        >>> blocker = pathlib.Path(tempfile.mkdtemp()) / "a-file"; _ = blocker.write_text("")
        >>> check_writable(blocker / "out.json")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        summarize.errors.InputError: cannot write .../a-file/out.json: File exists
    """
    fd, probe = _temp_beside(Path(path), ".probe")
    os.close(fd)
    os.unlink(probe)


def _temp_beside(path: Path, suffix: str) -> tuple[int, str]:
    """A new temporary file in ``path``'s folder (made if missing); a folder that cannot take one is an
    ``InputError`` naming ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
