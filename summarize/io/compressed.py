"""Compressed inputs: a feed kept as ``day.jsonl.gz`` (or ``.bz2``, ``.xz``) is read as the ``.jsonl`` it holds.

What a file is, is the suffix under its compression's (``kind``); what it is called, the name without both
(``stem``); its bytes, decompressed as a stream and refused past ``MAX_BYTES`` (a small file that expands to
many gigabytes, on purpose or by damage, is an error naming it, not a machine out of memory).

Example:
    >>> kind(Path("feeds/day.jsonl.gz")), stem(Path("feeds/day.jsonl.gz")), kind(Path("a.txt"))
    ('.jsonl', 'day', '.txt')
"""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

from summarize.errors import InputError

MAX_BYTES = 4 * 2**30  # what one compressed file may expand to
_OPENERS = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}  # suffix -> what reads it


def compression(path: Path) -> str | None:
    """The compression suffix of ``path`` (``.gz``, ``.bz2``, ``.xz``), or None."""
    suffix = path.suffix.lower()
    return suffix if suffix in _OPENERS else None


def kind(path: Path) -> str:
    """The suffix that says what ``path`` holds once decompressed ("day.jsonl.gz" -> ".jsonl")."""
    return Path(path.stem).suffix.lower() if compression(path) else path.suffix.lower()


def stem(path: Path) -> str:
    """``path``'s name without its compression and kind suffixes ("day.jsonl.gz" -> "day")."""
    return Path(path.stem).stem if compression(path) else path.stem


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, decompressed when its suffix says it is compressed; errors name the file."""
    suffix = compression(path)
    try:
        if suffix is None:
            return path.read_bytes()
        with _OPENERS[suffix](path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:  # gzip.BadGzipFile and lzma/bz2 errors on damaged data are OSErrors too
        raise InputError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from exc
    except EOFError:
        raise InputError(f"{path}: the compressed file is cut short") from None
    except lzma.LZMAError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: expands to more than {MAX_BYTES:,} bytes; split it or decompress it yourself")
    return data
