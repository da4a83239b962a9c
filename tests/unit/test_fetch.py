"""Inputs named by an http(s) address, served by a local server (no network needed)."""

import contextlib
import functools
import http.server
import threading
from pathlib import Path

import pytest

from summarize import InputError, SummarizeWarning, load_clusters
from summarize.config import LoadConfig

FIXTURES = Path(__file__).parents[1] / "fixtures"


@contextlib.contextmanager
def serving(directory: Path):
    """A local HTTP server for ``directory``; yields its address."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server():
    with serving(FIXTURES) as address:
        yield address


def test_a_feed_a_page_and_several_addresses_are_read_by_what_they_hold(server):
    # an address was looked for as a file: "https:/example.org/rss: no such file or directory"
    [feed] = load_clusters([f"{server}/feeds/wire.xml"])
    assert feed.id == "wire" and [a.id for a in feed.articles] == ["wire-a1", "https://wire.example/a2"]
    [page] = load_clusters([f"{server}/html/putin-visit.html"])
    [article] = page.articles
    assert article.url == f"{server}/html/putin-visit.html" and article.title and "Pyongyang" in article.text
    # named together, like files: one cluster of their articles
    [both] = load_clusters([f"{server}/html/putin-visit.html", f"{server}/feeds/wire.xml"])
    assert both.id == "articles"
    assert [a.id for a in both.articles] == ["putin-visit", "wire-a1", "https://wire.example/a2"]


def test_an_address_that_fails_is_an_error_naming_it(server):
    with pytest.raises(InputError, match=r"/feeds/missing.xml: the server answered 404"):
        load_clusters([f"{server}/feeds/missing.xml"])
    with pytest.raises(InputError, match=r"http://127.0.0.1:9/x.rss: could not be fetched .*download it elsewhere"):
        load_clusters(["http://127.0.0.1:9/x.rss"])


def test_a_feed_s_items_can_be_read_from_their_pages(tmp_path):
    # most feeds carry a sentence or two per item: load.feed_pages reads the article each item links to
    (tmp_path / "story.html").write_text((FIXTURES / "html" / "putin-visit.html").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    with serving(tmp_path) as base:
        (tmp_path / "feed.xml").write_text(
            f'<rss version="2.0"><channel><title>Wire</title>'
            f"<item><title>Putin lands</title><link>{base}/story.html</link><description>Putin landed.</description>"
            f"</item><item><title>Gone</title><link>{base}/gone.html</link><description>A story removed since."
            f"</description></item></channel></rss>", encoding="utf-8")
        [plain] = load_clusters([f"{base}/feed.xml"])
        with pytest.warns(SummarizeWarning, match=r"feed.xml: 1 of 2 items' pages could not be read .*descriptions"):
            [paged] = load_clusters([tmp_path / "feed.xml"], LoadConfig(feed_pages=True))
    assert [a.text for a in plain.articles] == ["Putin landed.", "A story removed since."]
    story, gone = paged.articles
    assert "Kim" in story.text and len(story.text.split()) > 40 and story.published_at == "2024-06-19"
    assert story.title == "Putin lands" and story.metadata["page"] == f"{base}/story.html"
    assert gone.text == "A story removed since."
