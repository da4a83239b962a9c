"""Reading one file's bytes as text: binary detection, UTF-8 first, then charset detection, HTML to text."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from summarize.errors import InputError, SummarizeWarning, require
from summarize.io.compressed import kind, read_bytes

HTML_SUFFIXES = {".html", ".htm"}


@dataclass
class FileText:
    """The text of a file, with the title and encoding found on the way, and what an HTML page says of itself
    (``page``: its title, date, site name and address, as ``Article`` fields)."""

    text: str
    encoding: str
    page: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str | None:
        return self.page.get("title")


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


BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# single-byte code pages of other scripts: charset detection is trusted for these, not overridden by cp1252
OTHER_SCRIPTS = ("1251", "1253", "1255", "1256", "koi8", "8859_5", "8859_6", "8859_7", "8859_8", "874", "866",
                 "855", "tis", "mac_cyrillic", "mac_greek", "ptcp154", "kz1048")
# control bytes, and the bidirectional embedding, override and isolate characters (U+202A-U+202E,
# U+2066-U+2069), which reorder how the text after them is shown (a "Trojan Source" summary or report)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
SURROGATE = re.compile(r"[\ud800-\udfff]")


def json_text(value, where: str):
    """A JSON row's strings (top level, and in lists or mappings one level down) without control and
    bidirectional-override characters; a lone surrogate (``\\ud800``, not text) is an error naming ``where``.

    Example:
        >>> json_text({"id": 1, "text": "a" + chr(0x202E) + "b", "documents": ["c" + chr(0) + "d"]}, "x.jsonl:1")
        {'id': 1, 'text': 'ab', 'documents': ['cd']}
    """
    def clean(v, field):
        if isinstance(v, str):
            if SURROGATE.search(v):
                raise InputError(f"{where}: field {field!r} holds a lone surrogate (\\ud800-\\udfff), which is not text")
            return CONTROL.sub("", v)
        return v

    out = {}
    for key, v in value.items():
        if isinstance(v, list):
            out[key] = [clean(x, key) for x in v]
        elif isinstance(v, dict):
            out[key] = {k: clean(x, f"{key}.{k}") for k, x in v.items()}
        else:
            out[key] = clean(v, key)
    return out


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark declares, if ``data`` starts with one.

    Example:
        >>> bom_encoding("hi".encode("utf-16")), bom_encoding(b"hi")
        ('utf-16-le', None)
    """
    return next((enc for bom, enc in BOMS if data.startswith(bom)), None)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Text of ``data``: by its byte-order mark, else UTF-8, else Windows-1252 when the bytes are Latin text
    that decodes cleanly as it (the likeliest Western encoding; charset detection on a short French text
    picks cp1250 or cp775 and writes "cafķ"), else the detected charset; a warning names ``name`` and
    the encoding chosen. Control bytes (NUL and the like) are removed, with a warning.

    Example:
        >>> decode_bytes("café naïve".encode("cp1252"), "x.txt")
        ('café naïve', 'cp1252')
    """
    text, encoding = _decode(data, name)
    cleaned, n = CONTROL.subn("", text)
    if n:
        warnings.warn(f"{name}: removed {n} control character{'s' * (n != 1)} (NUL and the like)", SummarizeWarning,
                      stacklevel=2)
    return cleaned, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    bom = bom_encoding(data)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: starts with a {bom} byte-order mark but is not valid {bom}: {exc}") from None
        return text.removeprefix("\ufeff"), bom
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    detected = best.encoding if best is not None else None
    if not (detected and any(k in detected for k in OTHER_SCRIPTS)):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: not Western text
            text = None
        if text is not None:
            warnings.warn(f"{name}: not valid UTF-8; decoded as cp1252 (Windows Western European, the likeliest "
                          f"for Latin text{f'; detection suggested {detected}' if detected else ''}). If letters look "
                          f"wrong, save the file as UTF-8", SummarizeWarning, stacklevel=3)
            return text, "cp1252"
    if best is None:
        raise InputError(f"{name}: not valid UTF-8 and no text encoding could be detected")
    warnings.warn(f"{name}: not valid UTF-8; decoded as {detected}", SummarizeWarning, stacklevel=3)
    return str(best), detected


def read_text_file(path: Path) -> FileText:
    """Read a .txt/.md/.html file as article text; raise ``InputError`` naming the file when unusable."""
    data = read_bytes(path)  # decompressed where the name says it is compressed ("a.txt.gz")
    if not data.strip():
        raise InputError(f"{path}: file is empty" if not data else f"{path}: file contains only whitespace")
    if bom_encoding(data) is None and is_binary(data):  # UTF-16 text is full of NUL bytes: its BOM says so
        raise InputError(f"{path}: looks like a binary file, not text (NUL or control bytes)")
    text, encoding = decode_bytes(data, str(path))
    page: dict[str, str] = {}
    if kind(path) in HTML_SUFFIXES:
        text, page = html_to_text(text, str(path))
    if not text.strip():
        raise InputError(f"{path}: no text left after decoding")
    return FileText(text=text, encoding=encoding, page=page)


def html_to_text(html: str, name: str) -> tuple[str, dict[str, str]]:
    """Main text of an HTML page via trafilatura (navigation and boilerplate removed), and what the page says
    of itself as ``Article`` fields: ``title``, ``published_at`` (its date), ``source`` (the site's name) and
    ``url`` (its canonical address), those it has."""
    trafilatura = require("trafilatura", "pip install trafilatura")
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html)
    page = {field_: str(value).strip() for field_, key in (("title", "title"), ("published_at", "date"),
                                                           ("source", "sitename"), ("url", "url"))
            if meta is not None and (value := getattr(meta, key, None)) and str(value).strip()}
    if not text:
        raise InputError(f"{name}: no article text found in the HTML")
    return text, page
