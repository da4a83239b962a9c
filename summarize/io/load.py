"""Loading articles and clusters from files, directories, globs, JSONL/CSV, Hugging Face datasets, stdin.

Loose articles (text files, JSONL/CSV rows of articles) form one cluster per input path; rows of the
shared schema ``{"id", "documents": [...], "summary"}`` are one cluster each (a batch).
"""

from __future__ import annotations

import re
import sys
import warnings
from collections import Counter
from pathlib import Path
from typing import Sequence, TextIO

from summarize.config import LoadConfig
from summarize.errors import InputError, SummarizeWarning
from summarize.io.compressed import kind, read_bytes, stem
from summarize.io.decode import decode_bytes, html_to_text, read_text_file
from summarize.io.feeds import FEED_SUFFIXES, feed_articles
from summarize.io.fetch import address_name, fetch, is_address, kind_of, with_pages
from summarize.io.hub import load_hf
from summarize.io.paths import expand_glob
from summarize.io.tables import TITLE_WORDS, load_table
from summarize.types import Article, Cluster

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".json", ".csv", ".tsv"}
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
        raise InputError("no input given: pass files, directories, globs, addresses, '-' for stdin or hf:DATASET")
    clusters: list[Cluster] = []
    is_loose = [_loose_article(str(raw)) for raw in paths]
    loose = [str(raw) for raw, flag in zip(paths, is_loose) if flag]
    for raw, flag in zip(paths, is_loose):
        if flag and len(loose) > 1:  # article files, feeds and pages named together are one cluster
            if str(raw) == loose[0]:
                clusters.extend(_loose_cluster(loose, config))
            continue
        clusters.extend(_load_one(str(raw), config, stdin))
    seen: dict[str, Cluster] = {}
    for c in clusters:
        if c.id in seen:
            first = _where(seen[c.id]) or "an earlier input"
            raise InputError(f"{_where(c) or 'input'}: duplicate cluster id {c.id!r} (first at {first}): each cluster "
                             f"needs its own id (load.id_field names the column)")
        seen[c.id] = c
    return clusters


def _where(cluster: Cluster) -> str:
    """``FILE:LINE`` of a cluster read from a table row, else nothing."""
    meta = cluster.metadata
    return f"{meta['file']}:{meta['line']}" if "file" in meta and "line" in meta else ""


def _loose_article(raw: str) -> bool:
    """Whether an input argument is an article file (text or HTML), a feed or an address, not a table, folder,
    glob, stdin or hf:."""
    if is_address(raw):
        return True
    if raw == "-" or raw.startswith("hf:") or any(ch in raw for ch in "*?["):
        return False
    path = Path(raw)
    return kind(path) in TEXT_SUFFIXES | FEED_SUFFIXES and path.is_file()


def _loose_cluster(loose: list[str], config: LoadConfig) -> list[Cluster]:
    """The articles of files, feeds and addresses named together, as one cluster (named for their folder when
    they are files of one, else "articles"); an address that holds a table adds its clusters after it."""
    files = [Path(raw) for raw in loose if not is_address(raw)]
    parents = {p.resolve().parent for p in files}
    name = (parents.pop().name if len(parents) == 1 and len(files) == len(loose) else "") or "articles"
    articles: list[Article] = []
    if files:
        articles = _files_cluster(files, cluster_id=name, config=config, where=", ".join(map(str, files)))[0].articles
    tables: list[Cluster] = []
    for raw in (r for r in loose if is_address(r)):
        for c in _load_address(raw, config):
            if "address" in c.metadata:
                articles.extend(_unique(c.articles, {a.id for a in articles}))
            else:
                tables.append(c)
    return ([Cluster(id=name, articles=articles)] if articles else []) + tables


def _load_address(address: str, config: LoadConfig) -> list[Cluster]:
    """What an http(s) address holds (``io.fetch``): a feed's items, a page or a text as one cluster of
    articles, or a JSON/JSONL table's clusters."""
    data, content_type = fetch(address)
    what, name = kind_of(data, content_type), address_name(address)
    if what == "feed":
        return [Cluster(id=name, articles=_feed(data, address, config), metadata={"address": address})]
    text = decode_bytes(data, address)[0]
    if what == "table":
        return _table_clusters(name, Path(f"{name}.json"), text, config)
    if what == "html":
        body, page = html_to_text(text, address)
        article = Article(id=name, text=body, title=page.get("title"), source=page.get("source"), url=address,
                          published_at=page.get("published_at"))
    else:
        title, published, body = split_header(text)
        article = Article(id=name, text=body, title=title, published_at=published, url=address)
    return [Cluster(id=name, articles=[article], metadata={"address": address})]


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
        return load_hf(raw[3:], config)
    if is_address(raw):
        return _load_address(raw, config)
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
                       if kind(p) in TEXT_SUFFIXES | TABLE_SUFFIXES | FEED_SUFFIXES and not SKIPPED_NAMES.match(p.name))
        unread = Counter(p.suffix.lower().lstrip(".").upper() for p in visible if p.suffix.lower() in DOCUMENT_SUFFIXES)
        if unread:
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(unread.items()))
            warnings.warn(f"{path}: skipped {kinds} file{'s' * (sum(unread.values()) != 1)}: summarize reads text, "
                          f"HTML, JSONL, JSON, CSV and RSS/Atom feeds, not {'/'.join(sorted(unread))}; convert them "
                          f"to text first (e.g. `pdftotext FILE.pdf`)", SummarizeWarning, stacklevel=3)
        if not files:
            raise InputError(
                f"{path}: directory has no article files (looked for "
                f"{', '.join(sorted(TEXT_SUFFIXES | TABLE_SUFFIXES | FEED_SUFFIXES))}, "
                f"also compressed: .gz, .bz2, .xz)"
            )
        return _files_cluster(files, cluster_id=path.resolve().name, config=config, where=str(path))
    return _files_cluster([path], cluster_id=stem(path), config=config, where=str(path))


def _files_cluster(files: list[Path], cluster_id: str, config: LoadConfig, where: str) -> list[Cluster]:
    """Text files become articles of one cluster; table files contribute clusters or articles."""
    articles: list[Article] = []
    clusters: list[Cluster] = []
    problems: list[str] = []
    for path in files:
        if kind(path) in TABLE_SUFFIXES:
            found_clusters, found_articles = load_table(path, config)
            clusters.extend(found_clusters)
            articles.extend(found_articles)
            continue
        if kind(path) in FEED_SUFFIXES:
            try:
                articles.extend(_unique(_feed(read_bytes(path), str(path), config), {a.id for a in articles}))
            except InputError as exc:  # a sitemap or another XML file beside the feeds: said, not fatal
                if len(files) == 1:
                    raise
                problems.append(str(exc))
                warnings.warn(f"skipping {exc}", SummarizeWarning, stacklevel=3)
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
                id=_unique_id(stem(path), {a.id for a in articles}),
                text=body,
                title=ft.title or title,
                source=ft.page.get("source"),
                url=ft.page.get("url"),
                published_at=ft.page.get("published_at") or published,
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

    A first paragraph of at most ``TITLE_WORDS`` (25) words without closing punctuation is the title; a following
    paragraph that is only a date is the publication date.

    Example:
        >>> split_header("Big News Today\\n\\nJune 18, 2024\\n\\nBody text here.")
        ('Big News Today', 'June 18, 2024', 'Body text here.')
    """
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    title = published = None
    if len(paragraphs) > 1:
        first = paragraphs[0].lstrip("# ").strip()
        if "\n" not in first and len(first.split()) <= TITLE_WORDS and not re.search(r"[.!?\"”:]$", first):
            title = first
            paragraphs = paragraphs[1:]
    if len(paragraphs) > 1 and _DATE_LINE.match(paragraphs[0]):
        published = paragraphs[0]
        paragraphs = paragraphs[1:]
    return title, published, "\n\n".join(paragraphs)


def _table_clusters(name: str, path: Path, text: str, config: LoadConfig) -> list[Cluster]:
    """The clusters of JSON or JSONL ``text`` read from a stream (stdin, an address; ``path`` names it in
    errors), its rows of loose articles first as one cluster ``name``."""
    clusters, articles = load_table(path, config, text=text)
    return ([Cluster(id=name, articles=articles)] if articles else []) + clusters


def _feed(data: bytes | str, name: str, config: LoadConfig) -> list[Article]:
    """A feed's items as articles, with their pages' text where ``load.feed_pages`` asks for it."""
    articles = feed_articles(data, name)
    return with_pages(articles, name) if config.feed_pages else articles


def _unique(found: list[Article], taken: set[str]) -> list[Article]:
    """``found`` with ids not in ``taken`` (two feeds that carry one story: the second copy gets a suffix)."""
    for article in found:
        article.id = _unique_id(article.id, taken)
        taken.add(article.id)
    return found


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _load_stdin(stream: TextIO, config: LoadConfig) -> list[Cluster]:
    raw = getattr(stream, "buffer", None)  # bytes when there are: decoded like a file (BOM, cp1252, ...)
    data = raw.read() if raw is not None else None
    text = decode_bytes(data, "<stdin>")[0] if data is not None else stream.read()
    if not text.strip():
        raise InputError("<stdin>: no input (stdin was empty)")
    what = kind_of(text, "")  # an HTML page piped in is read as text
    if what == "feed":  # `curl -s https://.../rss | summarize run -`
        return [Cluster(id="stdin", articles=_feed(data if data is not None else text, "<stdin>", config))]
    if what == "table":
        return _table_clusters("stdin", Path("<stdin>.json"), text, config)
    title, published, body = split_header(text)
    return [Cluster(id="stdin", articles=[Article(id="stdin", text=body, title=title, published_at=published)])]


