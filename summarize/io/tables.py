"""Rows of JSONL/CSV files and datasets as articles or clusters: the shared schema's documents, ids, fields."""

from __future__ import annotations

import csv
import io
import json
import sys
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator

from summarize.config import LoadConfig
from summarize.errors import InputError, SummarizeWarning
from summarize.io.compressed import kind, read_bytes, stem
from summarize.io.decode import decode_bytes, json_text
from summarize.types import Article, Cluster


def jsonl_rows(path: Path, text: str | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line; a malformed line is an error naming it.

    Example:
        >>> list(jsonl_rows(Path("x.jsonl"), '{"id": 1}\\n\\n{"id": 2}'))
        [(1, {'id': 1}), (3, {'id': 2})]
    """
    if text is None:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        text, _ = decode_bytes(read_bytes(path), str(path))  # compressed or not, UTF-8 or another encoding
    for lineno, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield lineno, _row(_parse(line, f"{path}:{lineno}", "line"), f"{path}:{lineno}")


def json_file_rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of a ``.json`` file, which holds one of three things: an array of objects (``(item number,
    object)``, numbered from 1 as the error messages name them), one object however it is laid out (a
    cluster or an article written with ``indent``), or JSON lines (what ``datasets``' ``to_json`` writes);
    the same checks and text cleaning as ``jsonl_rows``' lines.

    Example:
        >>> list(json_file_rows(Path("x.json"), '[{"id": 1}, {"id": 2}]'))
        [(1, {'id': 1}), (2, {'id': 2})]
        >>> list(json_file_rows(Path("x.json"), '{\\n  "id": 1\\n}'))
        [(1, {'id': 1})]
    """
    if text.lstrip().startswith("["):
        items = _parse(text, str(path), "file")
        if not isinstance(items, list):
            raise InputError(f"{path}: expected a JSON array of objects, got {type(items).__name__}")
        for n, item in enumerate(items, start=1):
            yield n, _row(item, f"{path}:{n}")
        return
    try:
        whole = json.loads(text)
    except (ValueError, RecursionError):  # JSON lines (or malformed: jsonl_rows names the line)
        yield from jsonl_rows(path, text)
        return
    yield 1, _row(whole, f"{path}:1")


def csv_rows(path: Path, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, row)`` for each record of a CSV file (its header names the columns), with JSONL's text
    cleaning. The delimiter is the one of ``,`` ``;`` tab ``|`` that the header line holds most of (a
    spreadsheet in a European locale writes ``;``; a ``.tsv`` file is tab-separated); a record with more
    fields than the header is an error naming its line (an unquoted delimiter inside a text).

    Example:
        >>> list(csv_rows(Path("x.csv"), 'id;text\\n1;"Kim met Putin; they hugged."\\n'))
        [(2, {'id': '1', 'text': 'Kim met Putin; they hugged.'})]
    """
    csv.field_size_limit(sys.maxsize)
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = "\t" if kind(path) == ".tsv" else max(",;\t|", key=header.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            where = f"{path}:{reader.line_num}"
            if None in row:
                columns = len(reader.fieldnames or [])
                raise InputError(f"{where}: {columns + len(row[None])} fields where the header has {columns} "
                                 f"({delimiter!r} inside a text needs the text in quotes)")
            yield reader.line_num, _row(row, where)
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: unreadable CSV ({exc})") from None


def _parse(text: str, where: str, what: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno} column {exc.colno}" if what == "file" else f"column {exc.colno}"
        raise InputError(f"{where}: malformed JSON {what} ({exc.msg} at {at})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to read") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts (4,300)
        raise InputError(f"{where}: unreadable JSON {what} ({exc})") from None


def _row(row: Any, where: str) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(row).__name__}")
    return json_text(row, where)


def load_table(path: Path, config: LoadConfig, text: str | None = None) -> tuple[list[Cluster], list[Article]]:
    if text is None:
        data = read_bytes(path)
        if not data.strip():
            raise InputError(f"{path}: file is empty")
        text, _ = decode_bytes(data, str(path))
    suffix = kind(path)
    if suffix in (".csv", ".tsv"):
        rows: Iterable[tuple[int, dict[str, Any]]] = csv_rows(path, text)
    elif suffix == ".json":
        rows = json_file_rows(path, text)
    else:
        rows = jsonl_rows(path, text)
    return rows_to_clusters(rows, config, where=str(path), default_cluster=stem(path))


def documents_of(docs: Any, separator: str = "|||||") -> list[tuple[int, str]] | None:
    """A row's documents as ``(index, text)`` pairs, empty ones left out (the index is kept, so article
    ``ID:i`` is the i-th document as written): a list of strings, or a Multi-News string joined with
    ``separator``; ``None`` when ``docs`` is neither.

    Example:
        >>> documents_of("First story. ||||| ||||| Second story.")
        [(0, 'First story.'), (2, 'Second story.')]
    """
    if isinstance(docs, str):
        docs = docs.split(separator)
    if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
        return None
    return [(i, d.strip()) for i, d in enumerate(docs) if d.strip()]


def row_id(value: Any) -> str | None:
    """A row's id as text: every JSON value is an id (``0`` is "0", ``false`` is "false"); only a missing,
    null or empty one is none.

    Example:
        >>> row_id(0), row_id(False), row_id("a"), row_id(None), row_id("")
        ('0', 'false', 'a', None, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def rows_to_clusters(
    rows: Iterable[tuple[int, dict[str, Any]]], config: LoadConfig, where: str, default_cluster: str
) -> tuple[list[Cluster], list[Article]]:
    """Rows with a documents column become clusters; rows with a text column become articles."""
    clusters: list[Cluster] = []
    loose: list[Article] = []
    for lineno, row in rows:
        loc = f"{where}:{lineno}"
        rid = row_id(row.get(config.id_field)) or f"{default_cluster}-{lineno}"
        # the configured column, else the shared schema's "documents" or Multi-News' "document"
        docs = next((row[k] for k in (config.documents_field, "documents", "document") if row.get(k) is not None), None)
        if docs is not None:
            pairs = documents_of(docs, config.doc_separator)
            if pairs is None:
                raise InputError(f"{loc}: field '{config.documents_field}' must be a list of strings")
            articles = [Article(id=f"{rid}:{i}", text=d) for i, d in pairs]
            if not articles:
                raise InputError(f"{loc}: cluster {rid!r} has no non-empty documents")
            summary = row.get(config.summary_field)
            clusters.append(Cluster(id=rid, articles=articles, reference=summary if isinstance(summary, str) else None,
                                    metadata={"file": where, "line": lineno}))
            continue
        text = row.get(config.text_field)
        if text is not None and not isinstance(text, str):
            raise InputError(f"{loc}: field '{config.text_field}' must be a string, got {type(text).__name__}")
        if not isinstance(text, str):
            cols = ", ".join(sorted(map(str, row)))
            raise InputError(
                f"{loc}: no '{config.text_field}' text field and no '{config.documents_field}' list "
                f"(columns: {cols}); set load.text_field or load.documents_field"
            )
        if not text.strip():
            warnings.warn(f"skipping {loc}: article {rid!r} has empty text", SummarizeWarning, stacklevel=3)
            continue
        loose.append(
            Article(
                id=rid,
                text=text,
                title=_opt(row.get(config.title_field)),
                source=_opt(row.get(config.source_field)),
                url=_opt(row.get(config.url_field)),
                published_at=_opt(row.get(config.date_field)),
                metadata={"line": lineno, "file": where},
            )
        )
    with_titles(clusters, loose, config.title_line)
    return clusters, loose


TITLE_WORDS = 25  # the longest first line taken for a headline
TITLE_SHARE, TITLE_MIN = 0.95, 10  # ``auto``: the share of a file's documents that must open with one, and how many


def title_line(text: str) -> tuple[str, str] | None:
    """``(first line, the rest)`` when ``text`` opens with a line of its own of at most ``TITLE_WORDS`` words and
    goes on after it with more words than it has.

    Example:
        >>> title_line("Trudeau clings to power.\\nJustin Trudeau narrowly survived Canada's election on Monday.")
        ('Trudeau clings to power.', "Justin Trudeau narrowly survived Canada's election on Monday.")
        >>> title_line("One paragraph only.") is None
        True
    """
    first, sep, rest = text.strip().partition("\n")
    words = len(first.split())
    if not sep or not 0 < words <= TITLE_WORDS or len(rest.split()) <= words:
        return None
    return first.strip(), rest.strip()


def with_titles(clusters: list[Cluster], loose: list[Article], setting: str) -> None:
    """Each article's first line made its title (``load.title_line``): ``always``, or ``auto`` where at least
    ``TITLE_SHARE`` of the file's articles (and ``TITLE_MIN`` of them) open with one (``title_line``). NeuS
    gives each headline a line of its own, with a full stop the paragraph rule for headlines lets through:
    lead summaries opened with them. An article with a title already keeps its text."""
    articles = [a for c in clusters for a in c.articles] + [a for a in loose if not a.title]
    if setting == "never" or not articles:
        return
    split = [title_line(a.text) for a in articles]
    found = sum(s is not None for s in split)
    if setting == "auto" and (found < TITLE_MIN or found < TITLE_SHARE * len(articles)):
        return
    for article, parts in zip(articles, split):
        if parts is not None:
            article.title, article.text = parts
            article.metadata["title_line"] = True


def _opt(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None
