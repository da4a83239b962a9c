"""News feeds: an RSS 2.0, RSS 1.0 (RDF) or Atom file read as the articles it carries.

Each item becomes an article: its full text where the feed has it (``content:encoded``, Atom ``content``), else
its description or summary, HTML made text; its title, link, date and the feed's title as ``title``, ``url``,
``published_at`` and ``source``. Its id is the item's guid (or link), so a feed read again tomorrow gives the
same story the same id (an online clustering state knows it); an item with neither is named by a hash of its
title and text. An XML file that is not a feed is an error
naming its root element; a feed that declares entities is refused (no feed needs them, and they are how an
XML file expands to gigabytes).

Example:
    >>> xml = b'''<rss version="2.0"><channel><title>Wire</title><item><title>Putin lands</title>
    ... <link>https://x.org/1</link><pubDate>Wed, 19 Jun 2024 02:00:00 GMT</pubDate>
    ... <description>&lt;p&gt;Putin landed in Pyongyang.&lt;/p&gt;&lt;p&gt;Kim met him.&lt;/p&gt;</description>
    ... </item></channel></rss>'''
    >>> [a] = feed_articles(xml, "wire.xml")
    >>> a.id, a.title, a.source, a.text
    ('https://x.org/1', 'Putin lands', 'Wire', 'Putin landed in Pyongyang.\\nKim met him.')
"""

from __future__ import annotations

import hashlib
import re
import warnings
from html.parser import HTMLParser
from xml.etree import ElementTree

from summarize.errors import InputError, SummarizeWarning
from summarize.types import Article

FEED_SUFFIXES = {".xml", ".rss", ".atom"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def looks_like_feed(head: str) -> bool:
    """Whether text (stdin's) opens as an RSS or Atom document.

    Example:
        >>> looks_like_feed('<?xml version="1.0"?>\\n<rss version="2.0">'), looks_like_feed("Putin landed.")
        (True, False)
    """
    return bool(re.match(r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", head, re.DOTALL))


class _Text(HTMLParser):
    """The text of an HTML fragment, a line per block (paragraph, list item, line break); scripts and styles out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def fragment_text(html: str) -> str:
    """An item's HTML as text: a line per paragraph, spaces collapsed.

    Example:
        >>> fragment_text("<p>Putin &amp; Kim <b>met</b>.</p><p>Talks  followed.</p>")
        'Putin & Kim met.\\nTalks followed.'
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(node: ElementTree.Element, *names: str) -> ElementTree.Element | None:
    """The first child whose local name is one of ``names``, in the order given."""
    for name in names:
        for child in node:
            if _local(child.tag) == name:
                return child
    return None


def _text(node: ElementTree.Element, *names: str) -> str | None:
    child = _child(node, *names)
    if child is None:
        return None
    if child.get("type") == "xhtml":  # Atom content as XHTML elements
        return ElementTree.tostring(child, encoding="unicode", method="html")
    return (child.text or "").strip() or None


def _link(item: ElementTree.Element) -> str | None:
    for child in item:
        if _local(child.tag) == "link":
            href = child.get("href")  # Atom: <link rel="alternate" href="...">
            if href and child.get("rel", "alternate") == "alternate":
                return href.strip()
            if not href and (child.text or "").strip():
                return child.text.strip()
    return None


def _digest(title: str | None, text: str) -> str:
    return hashlib.sha1(f"{title or ''}\n{text}".encode("utf-8")).hexdigest()[:12]


def feed_articles(data: bytes | str, name: str) -> list[Article]:
    """The articles of the feed in ``data`` (the bytes of ``name``, which errors and warnings name; text where
    it was read as text, stdin's)."""
    if re.search(rb"<!ENTITY", (data.encode("utf-8", "replace") if isinstance(data, str) else data)[:65536]):
        raise InputError(f"{name}: the XML declares entities; a news feed needs none (refused: entities can "
                         f"expand a small file to gigabytes)")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"{name}: not well-formed XML ({exc})") from None
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        source, items = (_text(channel, "title"), [n for n in channel if _local(n.tag) == "item"]) \
            if channel is not None else (None, [])
    elif kind == "feed":
        source, items = _text(root, "title"), [n for n in root if _local(n.tag) == "entry"]
    elif kind == "RDF":
        channel = _child(root, "channel")
        source = _text(channel, "title") if channel is not None else None
        items = [n for n in root if _local(n.tag) == "item"]
    else:
        raise InputError(f"{name}: an XML file whose root is <{kind}>, not an RSS or Atom feed (<rss>, <feed>)")
    articles: list[Article] = []
    no_text, seen = 0, set()
    for i, item in enumerate(items):
        body = _text(item, "encoded", "content", "description", "summary")
        text = fragment_text(body) if body else ""
        if not text:
            no_text += 1
            continue
        link = _link(item)
        title = _text(item, "title")
        key = _text(item, "guid", "id") or link or f"item-{_digest(title, text)}"  # by its words: stable too
        while key in seen:  # a feed that repeats a guid: the copies stay apart (cleaning drops true duplicates)
            key += "+"
        seen.add(key)
        articles.append(Article(id=key, text=text, title=title, source=source, url=link,
                                published_at=_text(item, "pubDate", "published", "updated", "date"),
                                metadata={"path": name, "feed_item": i}))
    if no_text:
        warnings.warn(f"{name}: {no_text} of {len(items)} feed items have no text (no description or content), "
                      f"skipped", SummarizeWarning, stacklevel=2)
    if not articles:
        raise InputError(f"{name}: a feed with no item that has text ({len(items)} items)")
    return articles
