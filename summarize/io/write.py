"""Writing outputs atomically (temp file + rename) as text, JSON, JSONL or Markdown, and resumable batches."""

from __future__ import annotations

import html
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Sequence

from summarize.errors import ConfigError, InputError
from summarize.types import Summary

FORMATS = ("text", "json", "jsonl", "md")


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


def format_for(path: str | Path | None, explicit: str | None = None) -> str:
    """The output format: ``explicit`` if given, else from the suffix, else plain text."""
    if explicit:
        if explicit not in FORMATS:
            raise InputError(f"unknown output format {explicit!r}; choose one of: {', '.join(FORMATS)}")
        return explicit
    if path is None:
        return "text"
    suffix = Path(path).suffix.lower()
    known = {".json": "json", ".jsonl": "jsonl", ".md": "md", ".markdown": "md", ".txt": "text", ".text": "text", "": "text"}
    if suffix not in known:
        raise InputError(f"{path}: unknown output suffix {suffix!r}; use .txt, .json, .jsonl or .md "
                         f"(or --format {'|'.join(FORMATS)})")
    return known[suffix]


def render(summaries: list[Summary], fmt: str, annotate: bool = True) -> str:
    """Summaries in one of ``FORMATS``. In text and Markdown a summary is followed by where its sources
    differ, and with ``annotate`` a sentence that states one side of a discrepancy by the other sides.

    Example:
        >>> from summarize.types import RunInfo
        >>> render([Summary("c", "Text.", [], RunInfo("lead"))], "text")
        'Text.\\n'
    """
    if fmt == "text":
        if len(summaries) == 1:
            return _plain(summaries[0], annotate)
        return "".join(f"## {_title(s)}\n{_plain(s, annotate)}\n" for s in summaries)
    if fmt == "json":
        payload: Any = summaries[0].to_dict() if len(summaries) == 1 else {"summaries": [s.to_dict() for s in summaries]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in summaries)
    if fmt == "md":
        return "".join(_markdown(s, annotate) for s in summaries)
    raise InputError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def _title(s: Summary) -> str:
    """``event-000001: North Korea, Putin, Russia (5 articles)`` for an event, the cluster id otherwise."""
    n = len(s.article_ids)
    return f"{s.cluster_id}: {s.label} ({n} article{'s' * (n != 1)})" if s.label else s.cluster_id


def md_text(text: str) -> str:
    """Article text made inert in Markdown: HTML tags and entities escaped (a renderer shows them as
    text), so an article's ``<script>`` or ``<img onerror=...>`` never reaches a page.

    Example:
        >>> md_text('<img src=x onerror=alert(1)> & "quotes"')
        '&lt;img src=x onerror=alert(1)&gt; &amp; "quotes"'
    """
    return html.escape(text, quote=False)


def _comment(text: str) -> str:
    """Text safe inside an HTML comment: no ``--`` (which could close it)."""
    return md_text(text).replace("--", "- -")


def short_ids(article_ids: Sequence[str]) -> dict[str, str]:
    """How an article is cited in text: the part of its id before the first ``_`` when that is unique in
    the event ("002_ca67..." -> "002"), else the whole id.

    Example:
        >>> short_ids(["002_ca67", "004_d90c"]), short_ids(["a_1", "a_2"])
        ({'002_ca67': '002', '004_d90c': '004'}, {'a_1': 'a_1', 'a_2': 'a_2'})
    """
    heads = [a.split("_", 1)[0] for a in article_ids]
    unique = len(set(heads)) == len(heads)
    return {a: (h if unique and h else a) for a, h in zip(article_ids, heads)}


def _cite(ids: Sequence[str], short: dict[str, str]) -> str:
    return "[" + ", ".join(short.get(a, a) for a in ids) + "]"


def _side_text(value: str, qualifiers: Sequence[str], key: str = "") -> str:
    """A side as read: its qualifier and value; one person's spellings ("Denis Mantrurov / Denis Manturov",
    a source's typo) as one name "also spelled" the other way, so that they do not read as two sides."""
    name, *variants = value.split(" / ")
    if variants:
        value = f"{name} (also spelled {', '.join(v.split()[-1] if v.split()[:-1] == name.split()[:-1] else v for v in variants)})"
    return " ".join(x for x in ((qualifiers[0] if qualifiers else ""), value, key) if x)


def annotation(mark: dict[str, Any], short: dict[str, str]) -> str:
    """The other sides of a discrepancy a sentence states: "(sources differ: approximately 6,700 containers
    [002]; over 11,000 according to [004])"."""
    others = "; ".join(f"{_side_text(o['value'], o['qualifiers'])} according to {_cite(o['article_ids'], short)}"
                       for o in mark["others"])
    key = mark["key"] if mark["kind"] == "quantity" else ""
    return f"(sources differ: {mark['states']} {key} {_cite(mark['article_ids'], short)}; {others})".replace("  ", " ")


def differences(s: Summary) -> list[str]:
    """One line per discrepancy of ``s``'s sources: "containers: approximately 6,700 (Between August and
    February) [002]; over 11,000 [004]"."""
    short = cited_names(s, [a for d in s.discrepancies for side in d["sides"] for a in side["article_ids"]])
    lines = []
    for d in s.discrepancies:
        sides = []
        for side in d["sides"]:
            when = f" ({', '.join(side['time_frames'])})" if side.get("time_frames") else ""
            sides.append(f"{_side_text(side['value'], side.get('qualifiers', []))}{when} {_cite(side['article_ids'], short)}")
        note = f" - may both hold: {d['reconciled']}" if d.get("reconciled") else ""
        lines.append(f"{d['key']}: " + "; ".join(sides) + note)
    return lines


def cited_names(s: Summary, article_ids: Sequence[str]) -> dict[str, str]:
    """How the articles of ``s`` are cited where sources differ: the outlet (or title) the discrepancies
    carry, else the short id."""
    names = short_ids(s.article_ids or list(article_ids))
    for d in s.discrepancies:
        names.update(d.get("outlets", {}))
    return names


def _sentence_texts(s: Summary, annotate: bool) -> list[str]:
    short = cited_names(s, [a for sent in s.sentences for a in sent.sources])
    out = []
    for sent in s.sentences:
        notes = [annotation(m, short) for m in sent.discrepancies] if annotate else []
        out.append(" ".join([sent.text] + notes))
    return out


def _plain(s: Summary, annotate: bool) -> str:
    text = " ".join(_sentence_texts(s, annotate)) if s.sentences else s.text
    diff = differences(s)
    return text + "\n" + ("\nWhere the sources differ:\n" + "".join(f"- {line}\n" for line in diff) if diff else "")


def _markdown(s: Summary, annotate: bool = True) -> str:
    lines = [f"# Summary of {md_text(_title(s))}", ""]
    for i, (sent, text) in enumerate(zip(s.sentences, _sentence_texts(s, annotate)), start=1):
        refs = ", ".join(sent.sources)
        lines.append(f"{md_text(text)} [{i}]")
        lines.append(f"  <!-- sources: {_comment(refs)} -->")
    diff = differences(s)
    if diff:
        lines += ["", "**Where the sources differ**", ""] + [f"- {md_text(line)}" for line in diff]
    lines += ["", "**Sources**", ""]
    lines += [f"{i}. {md_text(', '.join(sent.sources))}" for i, sent in enumerate(s.sentences, start=1)]
    note = f"method: {s.run.method}" + (f", model: {s.run.model}" if s.run.model else "")
    if s.run.fallback_reason:
        note += f" (fallback: {s.run.fallback_reason})"
    lines += ["", f"_{md_text(note)}_", "", ""]
    return "\n".join(lines)


class ResumableJsonl:
    """A JSONL batch output that survives interruption.

    Finished records go to ``PATH.partial`` one line at a time (flushed); ``done_ids()`` tells a
    re-run what to skip, and ``finish(order)`` writes ``PATH`` atomically in input order. With
    ``config_hash``, a partial file holding records of another config is refused (``ConfigError`` naming
    both hashes) rather than mixed into one output; ``restart`` discards it instead.

    Example:
        >>> import tempfile, pathlib
        >>> out = ResumableJsonl(pathlib.Path(tempfile.mkdtemp()) / "preds.jsonl")
        >>> out.append({"id": "b"}); out.append({"id": "a"}); out.finish(["a", "b"])
        >>> out.path.read_text().splitlines()
        ['{"id": "a"}', '{"id": "b"}']
    """

    def __init__(self, path: str | Path, config_hash: str | None = None, restart: bool = False) -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self._records: dict[str, dict[str, Any]] = {}
        if restart:
            self.partial.unlink(missing_ok=True)
        if self.partial.exists():
            records = []
            for line in self.partial.read_text(encoding="utf-8").splitlines():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError:
                    continue  # a line cut by a crash: that cluster is redone
            for rec in records:
                if config_hash is not None and rec.get("config_hash") != config_hash:
                    raise ConfigError(
                        f"{self.partial} holds summaries made with config {rec.get('config_hash')}, but this run's "
                        f"config is {config_hash}: re-run with the same config to resume, or add --restart to "
                        f"discard its {len(records)} finished row{'s' * (len(records) != 1)} and start over")
                self._records[str(rec["id"])] = rec

    @staticmethod
    def finished(path: str | Path, config_hash: str, ids: list[str]) -> bool:
        """Whether ``path`` is a finished batch of exactly the clusters ``ids`` by this config (no partial
        file beside it): a re-run has nothing to do."""
        path = Path(path)
        if not path.is_file() or path.with_name(path.name + ".partial").exists():
            return False
        try:
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        except (OSError, ValueError):
            return False
        return [str(r.get("id")) for r in rows] == ids and all(r.get("config_hash") == config_hash for r in rows)

    def done_ids(self) -> set[str]:
        return set(self._records)

    def append(self, record: dict[str, Any]) -> None:
        self.partial.parent.mkdir(parents=True, exist_ok=True)
        with open(self.partial, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        self._records[str(record["id"])] = record

    def finish(self, order: Iterable[str]) -> None:
        lines = [json.dumps(self._records[i], ensure_ascii=False) + "\n" for i in order if i in self._records]
        atomic_write_text(self.path, "".join(lines))
        self.partial.unlink(missing_ok=True)
