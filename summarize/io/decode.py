"""Reading one file's bytes as text: binary detection, UTF-8 first, then charset detection, HTML to text."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import InputError, SummarizeWarning, require

HTML_SUFFIXES = {".html", ".htm"}


@dataclass
class FileText:
    """The text of a file, with the title and encoding found on the way."""

    text: str
    title: str | None
    encoding: str


def is_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes, or mostly control characters.

    Example:
        >>> is_binary(b"hello"), is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
        (False, True)
    """
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode ``data`` as UTF-8, else as the detected charset (with a warning naming ``name``).

    Example:
        >>> decode_bytes("café".encode("cp1252"), "x.txt")[0]  # doctest: +SKIP
        'café'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not valid UTF-8 and no text encoding could be detected")
    encoding = best.encoding
    warnings.warn(f"{name}: not valid UTF-8; decoded as {encoding}", SummarizeWarning, stacklevel=2)
    return str(best), encoding


def read_text_file(path: Path) -> FileText:
    """Read a .txt/.md/.html file as article text; raise ``InputError`` naming the file when unusable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(f"{path}: file is empty" if not data else f"{path}: file contains only whitespace")
    if is_binary(data):
        raise InputError(f"{path}: looks like a binary file, not text (NUL or control bytes)")
    text, encoding = decode_bytes(data, str(path))
    title = None
    if path.suffix.lower() in HTML_SUFFIXES:
        text, title = html_to_text(text, str(path))
    if not text.strip():
        raise InputError(f"{path}: no text left after decoding")
    return FileText(text=text, title=title, encoding=encoding)


def html_to_text(html: str, name: str) -> tuple[str, str | None]:
    """Main text and title of an HTML page via trafilatura (navigation and boilerplate removed)."""
    trafilatura = require("trafilatura", "pip install trafilatura")
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html)
    title = getattr(meta, "title", None) if meta is not None else None
    if not text:
        raise InputError(f"{name}: no article text found in the HTML")
    return text, title
