"""Inputs named by address: ``summarize run https://example.org/rss`` reads a feed, a page or a JSONL file
over HTTP(S).

What comes back is read by what it is, not by the address's ending: an RSS or Atom document is a feed
(``io.feeds``), an HTML page one article (trafilatura, its address as ``url``), JSON or JSONL rows a table, anything
else text. A download stops at ``MAX_BYTES`` and after ``TIMEOUT`` seconds without data; a failure is an error
naming the address and what to do offline.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import warnings
from dataclasses import replace
from pathlib import Path

from summarize.errors import InputError, SummarizeWarning
from summarize.types import Article

MAX_BYTES = 64 * 2**20  # a feed or a page; a bigger download is a dataset, better fetched first
TIMEOUT = 30.0  # seconds without data


def is_address(raw: str) -> bool:
    """Whether an input is an http(s) address.

    Example:
        >>> is_address("https://feeds.example.org/world.rss"), is_address("news/today.xml")
        (True, False)
    """
    return bool(re.match(r"https?://[^\s/]+", raw, re.IGNORECASE))


def fetch(address: str) -> tuple[bytes, str]:
    """The body at ``address`` and its content type ("" when the server gives none)."""
    request = urllib.request.Request(address, headers={"User-Agent": "summarize (news summarization toolkit)",
                                                       "Accept": "application/rss+xml, application/atom+xml, "
                                                                 "text/html, application/json, text/*;q=0.8"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (http and https only)
            data = response.read(MAX_BYTES + 1)
            kind = response.headers.get_content_type() if response.headers else ""
    except urllib.error.HTTPError as exc:
        raise InputError(f"{address}: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{address}: could not be fetched ({reason}); without a network, download it "
                         f"elsewhere and give the file") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{address}: more than {MAX_BYTES // 2**20} MiB; download it first and give the file")
    if not data.strip():
        raise InputError(f"{address}: the server sent nothing")
    return data, kind


def kind_of(data: bytes | str, content_type: str) -> str:
    """What a download (or stdin's text) is: "feed", "html", "table" (JSON lines, one object or an array of
    objects, not "[Updated] ...") or "text".

    Example:
        >>> kind_of(b'<?xml version="1.0"?><rss version="2.0">', "text/xml"), kind_of(b"<!DOCTYPE html><p>x", "")
        ('feed', 'html')
        >>> kind_of(b'{"id": "a", "text": "x"}', "application/json"), kind_of(b"Putin landed.", "text/plain")
        ('table', 'text')
    """
    from summarize.io.feeds import looks_like_feed

    head = (data[:4096].decode("utf-8", "replace") if isinstance(data, bytes) else data[:4096]).lstrip("\ufeff")
    if looks_like_feed(head):
        return "feed"
    if content_type == "text/html" or re.match(r"\s*(?:<!doctype html|<html)", head, re.IGNORECASE):
        return "html"
    if re.match(r"\s*(?:\{|\[\s*\{)", head):
        return "table"
    return "text"


def address_name(address: str) -> str:
    """A name for what an address holds (a cluster's id): its last path part without the suffix, else the host.

    Example:
        >>> address_name("https://feeds.example.org/news/world.rss?x=1"), address_name("https://example.org/")
        ('world', 'example.org')
    """
    path = urllib.request.urlparse(address)
    return Path(path.path).stem or path.netloc


PAGE_THREADS = 8  # feed items' pages fetched at once


def with_pages(articles: list[Article], name: str) -> list[Article]:
    """Feed items with the text of the pages they link to (``load.feed_pages``), fetched ``PAGE_THREADS`` at a
    time; an item whose page cannot be fetched or holds no article text keeps its description, and one warning
    naming ``name`` (the feed) counts them."""
    from concurrent.futures import ThreadPoolExecutor

    from summarize.io.decode import decode_bytes, html_to_text

    def page(article: Article) -> tuple[str, dict[str, str]] | None:
        try:
            data, _ = fetch(article.url or "")
            return html_to_text(decode_bytes(data, article.url or "")[0], article.url or "")
        except InputError:
            return None

    linked = [a for a in articles if a.url and is_address(a.url)]
    with ThreadPoolExecutor(PAGE_THREADS) as pool:
        pages = dict(zip((a.id for a in linked), pool.map(page, linked)))
    failed = sum(pages[a.id] is None for a in linked)
    if failed or len(linked) < len(articles):
        warnings.warn(f"{name}: {failed + len(articles) - len(linked)} of {len(articles)} items' pages could not be "
                      f"read (or they link to none): their descriptions stand in", SummarizeWarning, stacklevel=2)
    return [a if pages.get(a.id) is None else
            replace(a, text=pages[a.id][0], published_at=a.published_at or pages[a.id][1].get("published_at"),
                    metadata={**a.metadata, "page": a.url}) for a in articles]
