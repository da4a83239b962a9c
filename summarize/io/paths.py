"""Expanding a glob into article files: ``**`` for any depth, symbolic links followed, no directory entered
twice (a link loop neither hangs nor repeats a file), each real file once, sorted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path


def expand_glob(pattern: str) -> list[Path]:
    """The files ``pattern`` matches (``**`` for any depth), sorted, each real file once: symbolic links
    are followed, but no directory is entered twice, so a link loop neither hangs nor repeats files.

    Example:
        >>> import tempfile, os, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "a").mkdir(); _ = (d / "a" / "x.txt").write_text("x")
        >>> os.symlink(d, d / "a" / "loop")  # a loop back to the top
        >>> [p.name for p in expand_glob(str(d / "**" / "*.txt"))]
        ['x.txt']
    """
    parts = Path(pattern).parts
    first = next(i for i, part in enumerate(parts) if any(ch in part for ch in "*?["))
    base = Path(*parts[:first]) if first else Path(".")
    rest = parts[first:]
    regex = re.compile("".join("(?:[^/]+/)*" if part == "**" else _segment(part) + ("/" if k < len(rest) - 1 else "")
                               for k, part in enumerate(rest)) + r"\Z")
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    found: list[Path] = []
    for root, dirs, names in os.walk(base, followlinks=True):
        st = os.stat(root)
        if (st.st_dev, st.st_ino) in seen_dirs:
            dirs[:] = []
            continue
        seen_dirs.add((st.st_dev, st.st_ino))
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            rel = path.relative_to(base).as_posix()
            if not regex.match(rel) or not path.is_file():
                continue
            fst = path.stat()
            if (fst.st_dev, fst.st_ino) not in seen_files:
                seen_files.add((fst.st_dev, fst.st_ino))
                found.append(path)
    return sorted(found)


def _segment(part: str) -> str:
    """One path component of a glob as a regular expression (``*`` and ``?`` never cross a ``/``)."""
    out, i = [], 0
    while i < len(part):
        c = part[i]
        end = part.find("]", i + 2) if c == "[" else -1
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif end != -1:
            body = part[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)
