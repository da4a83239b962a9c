"""Inputs named by an http(s) address, served by a local server (no network needed)."""

import functools
import http.server
import threading
from pathlib import Path

import pytest

from summarize import InputError, load_clusters

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(FIXTURES))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


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
