"""Loading articles and clusters from files, directories, globs, JSONL/CSV, Hugging Face datasets, stdin.

Loose articles (text files, JSONL/CSV rows of articles) form one cluster per input path; rows of the
shared schema ``{"id", "documents": [...], "summary"}`` are one cluster each (a batch).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence, TextIO

from summarize.config import LoadConfig
from summarize.errors import InputError, SummarizeWarning, require
from summarize.io.decode import decode_bytes, json_text, read_text_file
from summarize.io.paths import expand_glob
from summarize.types import Article, Cluster

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".json", ".csv"}
# documents people put beside articles that the loader does not read: said, not skipped in silence
DOCUMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".pages"}
SKIPPED_NAMES = re.compile(r"^(readme|license|licence|changelog)(\.|$)", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}$",
    re.IGNORECASE,
)


def load_clusters(
    paths: Sequence[str | Path], config: LoadConfig | None = None, stdin: TextIO | None = None
) -> list[Cluster]:
    """Load every input path; return the clusters in input order.

    Example:
        >>> clusters = load_clusters(["examples/putin-north-korea"])  # doctest: +SKIP
        >>> len(clusters[0].articles)  # doctest: +SKIP
        5
    """
    config = config or LoadConfig()
    if not paths:
        raise InputError("no input given: pass files, directories, globs, '-' for stdin or hf:DATASET")
    clusters: list[Cluster] = []
    is_loose = [_loose_article(str(raw)) for raw in paths]
    loose = [Path(str(raw)) for raw, flag in zip(paths, is_loose) if flag]
    for raw, flag in zip(paths, is_loose):
        if flag and len(loose) > 1:  # article files named together are one cluster
            if Path(str(raw)) == loose[0]:
                parents = {p.resolve().parent for p in loose}
                name = parents.pop().name if len(parents) == 1 else "articles"
                clusters.extend(_files_cluster(loose, cluster_id=name or "articles", config=config,
                                               where=", ".join(map(str, loose))))
            continue
        clusters.extend(_load_one(str(raw), config, stdin))
    seen: set[str] = set()
    for c in clusters:
        if c.id in seen:
            raise InputError(f"duplicate cluster id {c.id!r} in the input")
        seen.add(c.id)
    return clusters


def _loose_article(raw: str) -> bool:
    """Whether an input argument is one article file (text or HTML, not a table, folder, glob, stdin or hf:)."""
    if raw == "-" or raw.startswith("hf:") or any(ch in raw for ch in "*?["):
        return False
    path = Path(raw)
    return path.suffix.lower() in TEXT_SUFFIXES and path.is_file()


def load_articles(paths: Sequence[str | Path], config: LoadConfig | None = None) -> list[Article]:
    """All articles of all inputs, flattened (for clustering or a single summary).

    Example:
        >>> [a.id for a in load_articles(["examples/putin-north-korea"])][:1]  # doctest: +SKIP
        ['000_a512a153464c2905']
    """
    return [a for c in load_clusters(paths, config) for a in c.articles]


def _load_one(raw: str, config: LoadConfig, stdin: TextIO | None) -> list[Cluster]:
    if raw == "-":
        return _load_stdin(stdin or sys.stdin, config)
    if raw.startswith("hf:"):
        return _load_hf(raw[3:], config)
    if any(ch in raw for ch in "*?["):
        files = expand_glob(raw)
        if not files:
            raise InputError(f"{raw}: the pattern matched no files")
        return _files_cluster(files, cluster_id=Path(raw).parent.name or "cluster", config=config, where=raw)
    path = Path(raw)
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_dir():
        visible = [p for p in path.rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)]
        files = sorted(p for p in visible
                       if p.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES and not SKIPPED_NAMES.match(p.name))
        unread = Counter(p.suffix.lower().lstrip(".").upper() for p in visible if p.suffix.lower() in DOCUMENT_SUFFIXES)
        if unread:
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(unread.items()))
            warnings.warn(f"{path}: skipped {kinds} file{'s' * (sum(unread.values()) != 1)}: summarize reads text, "
                          f"HTML, JSONL, JSON and CSV, not {'/'.join(sorted(unread))}; convert them to text first "
                          f"(e.g. `pdftotext FILE.pdf`)", SummarizeWarning, stacklevel=3)
        if not files:
            raise InputError(
                f"{path}: directory has no article files (looked for {', '.join(sorted(TEXT_SUFFIXES | TABLE_SUFFIXES))})"
            )
        return _files_cluster(files, cluster_id=path.resolve().name, config=config, where=str(path))
    return _files_cluster([path], cluster_id=path.stem, config=config, where=str(path))


def _files_cluster(files: list[Path], cluster_id: str, config: LoadConfig, where: str) -> list[Cluster]:
    """Text files become articles of one cluster; table files contribute clusters or articles."""
    articles: list[Article] = []
    clusters: list[Cluster] = []
    problems: list[str] = []
    for path in files:
        suffix = path.suffix.lower()
        if suffix in TABLE_SUFFIXES:
            found_clusters, found_articles = _load_table(path, config)
            clusters.extend(found_clusters)
            articles.extend(found_articles)
            continue
        try:
            ft = read_text_file(path)
        except InputError as exc:
            problems.append(str(exc))
            warnings.warn(f"skipping {exc}", SummarizeWarning, stacklevel=3)
            continue
        title, published, body = split_header(ft.text)
        articles.append(
            Article(
                id=_unique_id(path.stem, {a.id for a in articles}),
                text=body,
                title=ft.title or title,
                published_at=published,
                metadata={"path": str(path), "encoding": ft.encoding},
            )
        )
    if articles:
        clusters.insert(0, Cluster(id=cluster_id, articles=articles))
    if not clusters:
        reasons = "; ".join(problems) if problems else "no articles"
        raise InputError(f"{where}: no usable articles ({reasons})")
    return clusters


def split_header(text: str) -> tuple[str | None, str | None, str]:
    """Split a headline and a dateline off the top of a plain-text article.

    A first paragraph of at most 25 words without closing punctuation is the title; a following
    paragraph that is only a date is the publication date.

    Example:
        >>> split_header("Big News Today\\n\\nJune 18, 2024\\n\\nBody text here.")
        ('Big News Today', 'June 18, 2024', 'Body text here.')
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    title = published = None
    if len(paragraphs) > 1:
        first = paragraphs[0].lstrip("# ").strip()
        if "\n" not in first and len(first.split()) <= 25 and not re.search(r"[.!?\"”:]$", first):
            title = first
            paragraphs = paragraphs[1:]
    if len(paragraphs) > 1 and _DATE_LINE.match(paragraphs[0]):
        published = paragraphs[0]
        paragraphs = paragraphs[1:]
    return title, published, "\n\n".join(paragraphs)


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def jsonl_rows(path: Path, text: str | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line; a malformed line is an error naming it.

    Example:
        >>> list(jsonl_rows(Path("x.jsonl"), '{"id": 1}\\n\\n{"id": 2}'))
        [(1, {'id': 1}), (3, {'id': 2})]
    """
    if text is None:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        text = path.read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: malformed JSON line ({exc.msg} at column {exc.colno})") from None
        except RecursionError:
            raise InputError(f"{path}:{lineno}: JSON nested too deeply to read") from None
        except ValueError as exc:  # e.g. an integer of more digits than Python converts (4,300)
            raise InputError(f"{path}:{lineno}: unreadable JSON line ({exc})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{lineno}: expected a JSON object, got {type(row).__name__}")
        yield lineno, json_text(row, f"{path}:{lineno}")


def _load_table(path: Path, config: LoadConfig, text: str | None = None) -> tuple[list[Cluster], list[Article]]:
    if text is None:
        data = path.read_bytes()
        if not data.strip():
            raise InputError(f"{path}: file is empty")
        text, _ = decode_bytes(data, str(path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        csv.field_size_limit(sys.maxsize)
        rows: Iterable[tuple[int, dict[str, Any]]] = (
            (n, r) for n, r in enumerate(csv.DictReader(io.StringIO(text)), start=2)
        )
    elif suffix == ".json" and text.lstrip().startswith("["):
        loaded = json.loads(text)
        rows = ((n, r) for n, r in enumerate(loaded, start=1))
    else:
        rows = jsonl_rows(path, text)
    return rows_to_clusters(rows, config, where=str(path), default_cluster=path.stem)


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
            clusters.append(Cluster(id=rid, articles=articles, reference=summary if isinstance(summary, str) else None))
            continue
        text = row.get(config.text_field)
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
    return clusters, loose


def _opt(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _load_stdin(stream: TextIO, config: LoadConfig) -> list[Cluster]:
    raw = getattr(stream, "buffer", None)  # bytes when there are: decoded like a file (BOM, cp1252, ...)
    text = decode_bytes(raw.read(), "<stdin>")[0] if raw is not None else stream.read()
    if not text.strip():
        raise InputError("<stdin>: no input (stdin was empty)")
    if text.lstrip().startswith("{"):
        clusters, articles = _load_table(Path("<stdin>.jsonl"), config, text=text)
        if articles:
            clusters.insert(0, Cluster(id="stdin", articles=articles))
        return clusters
    title, published, body = split_header(text)
    return [Cluster(id="stdin", articles=[Article(id="stdin", text=body, title=title, published_at=published)])]


@contextlib.contextmanager
def _offline_unless_reachable(datasets):
    """Offline mode (the local cache only, no minute of retries) when the hub cannot be reached."""
    import huggingface_hub.constants as hub

    from summarize.generation.models import hub_reachable

    offline = not hub_reachable()
    saved = hub.HF_HUB_OFFLINE, datasets.config.HF_HUB_OFFLINE
    if offline:
        hub.HF_HUB_OFFLINE = datasets.config.HF_HUB_OFFLINE = True
    try:
        yield offline
    finally:
        hub.HF_HUB_OFFLINE, datasets.config.HF_HUB_OFFLINE = saved


def _load_hf(spec: str, config: LoadConfig) -> list[Cluster]:
    """``hf:NAME`` or ``hf:NAME:SPLIT``; NAME is a hub dataset or a local data file/directory."""
    datasets = require("datasets", "pip install datasets")
    name, _, split = spec.partition(":")
    split = split or config.split
    local = Path(name)
    offline = False
    try:
        if local.is_file():
            kind = {".jsonl": "json", ".json": "json", ".csv": "csv", ".parquet": "parquet"}.get(local.suffix, "json")
            ds = datasets.load_dataset(kind, data_files=str(local), split="train")
        else:
            with _offline_unless_reachable(datasets) as offline:
                try:
                    ds = datasets.load_dataset(name, split=split)
                except RuntimeError as exc:  # datasets >= 4 runs no loading scripts (multi_news has one)
                    if "scripts are no longer supported" not in str(exc):
                        raise
                    ds = datasets.load_dataset(name, split=split, revision="refs/convert/parquet")  # the Hub's export
    except Exception as exc:  # datasets raises many types; report them with the name
        hint = (f". The Hugging Face hub cannot be reached, so only the local cache was searched: download "
                f"{name!r} where there is internet (`hf download --repo-type dataset {name}`, then copy the cache), "
                f"or give a local file: hf:path/to/{split}.jsonl (or the path itself)") if offline else ""
        raise InputError(f"hf:{spec}: cannot load dataset: {exc}{hint}") from None
    clusters, articles = rows_to_clusters(enumerate(ds, start=1), config, where=f"hf:{spec}", default_cluster=local.stem or name)
    if articles:
        clusters.insert(0, Cluster(id=local.stem or name, articles=articles))
    return clusters
