"""One test per bad input of the pipeline issue, asserting the message, plus the loaders' formats."""

import io
import json
from pathlib import Path

import pytest

from summarize import ConfigError, InputError, SummarizeWarning, load_articles, load_clusters
from summarize.config import LoadConfig
from summarize.io.load import split_header


def test_example_directory_loads_five_articles_without_readme(example_dir):
    clusters = load_clusters([example_dir])
    assert len(clusters) == 1
    arts = clusters[0].articles
    assert [a.id for a in arts] == [p.stem for p in sorted(example_dir.glob("0*.txt"))]
    assert arts[0].title.startswith("Putin’s Unprecedented Visit")
    assert arts[3].published_at == "June 18, 2024"
    assert not any("Example cluster" in a.text for a in arts)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file or directory"):
        load_clusters([tmp_path / "nope.txt"])


def test_empty_directory(tmp_path):
    with pytest.raises(InputError, match=r"directory has no article files \(looked for"):
        load_clusters([tmp_path])


def test_empty_file(tmp_path):
    (tmp_path / "a.txt").write_text("")
    with pytest.warns(SummarizeWarning, match=r"a\.txt: file is empty"):
        with pytest.raises(InputError, match=r"no usable articles .*a\.txt: file is empty"):
            load_clusters([tmp_path / "a.txt"])


def test_whitespace_only_file_skipped_with_warning(tmp_path):
    (tmp_path / "blank.txt").write_text("  \n\t\n ")
    (tmp_path / "good.txt").write_text("Kim met Putin at the airport in Pyongyang on Wednesday.")
    with pytest.warns(SummarizeWarning, match=r"blank\.txt: file contains only whitespace"):
        arts = load_articles([tmp_path])
    assert [a.id for a in arts] == ["good"]


def test_binary_file(tmp_path):
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "good.txt").write_text("Kim met Putin at the airport in Pyongyang on Wednesday.")
    with pytest.warns(SummarizeWarning, match=r"img\.txt: looks like a binary file"):
        arts = load_articles([tmp_path])
    assert [a.id for a in arts] == ["good"]


def test_non_utf8_file_is_decoded_with_a_warning(tmp_path):
    text = "Café owners in Zürich said the naïve plan would fail, according to Müller’s report."
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    with pytest.warns(SummarizeWarning, match=r"latin\.txt: not valid UTF-8; decoded as"):
        arts = load_articles([tmp_path / "latin.txt"])
    assert "Café" in arts[0].text and "Zürich" in arts[0].text and "Müller’s" in arts[0].text


def test_malformed_jsonl_line_names_the_line(tmp_path):
    p = tmp_path / "data.jsonl"
    p.write_text('{"id": "a", "documents": ["x y z"]}\n{"id": "b", "documents": [\n')
    with pytest.raises(InputError, match=r"data\.jsonl:2: malformed JSON line"):
        load_clusters([p])


def test_shared_schema_jsonl_is_a_batch(tmp_path):
    p = tmp_path / "data.jsonl"
    rows = [{"id": f"c{i}", "documents": [f"Doc one of {i}.", f"Doc two of {i}."], "summary": f"S{i}"} for i in range(3)]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    clusters = load_clusters([p])
    assert [c.id for c in clusters] == ["c0", "c1", "c2"]
    assert clusters[1].article_ids == ["c1:0", "c1:1"] and clusters[1].reference == "S1"


def test_multinews_separator_string(tmp_path):
    p = tmp_path / "mn.jsonl"
    p.write_text(json.dumps({"id": "m", "document": "First story. ||||| Second story.", "summary": "x"}) + "\n")
    assert [a.text for a in load_clusters([p])[0].articles] == ["First story.", "Second story."]


def test_csv_with_column_mapping(tmp_path):
    p = tmp_path / "arts.csv"
    p.write_text("key,body,outlet\nk1,Putin landed in Pyongyang.,AP\nk2,Kim hugged Putin.,BBC\n")
    arts = load_articles([p], LoadConfig(id_field="key", text_field="body", source_field="outlet"))
    assert [(a.id, a.source) for a in arts] == [("k1", "AP"), ("k2", "BBC")]


def test_csv_missing_text_column_lists_columns(tmp_path):
    p = tmp_path / "arts.csv"
    p.write_text("key,body\nk1,Putin landed.\n")
    with pytest.raises(InputError, match=r"arts\.csv:2: no 'text' text field .*columns: body, key"):
        load_clusters([p])


def test_stdin_plain_text_and_jsonl():
    c = load_clusters(["-"], stdin=io.StringIO("Putin landed in Pyongyang. Kim met him."))
    assert c[0].articles[0].text == "Putin landed in Pyongyang. Kim met him."
    c = load_clusters(["-"], stdin=io.StringIO('{"id": "x", "text": "Putin landed."}\n'))
    assert c[0].articles[0].id == "x"
    # an array of articles, or one object laid out over lines, was read as an article's plain text
    rows = [{"id": "a", "text": "Putin landed in Pyongyang."}, {"id": "b", "text": "Kim met him at the airport."}]
    for text in (json.dumps(rows, indent=2), json.dumps({"id": "ev", "documents": [r["text"] for r in rows]}, indent=2)):
        (c,) = load_clusters(["-"], stdin=io.StringIO(text))
        assert [a.text for a in c.articles] == [r["text"] for r in rows]
    c = load_clusters(["-"], stdin=io.StringIO("[Updated] Putin landed in Pyongyang."))  # text that opens with "["
    assert c[0].articles[0].text == "[Updated] Putin landed in Pyongyang."
    with pytest.raises(InputError, match="stdin was empty"):
        load_clusters(["-"], stdin=io.StringIO("  "))


def test_html_file_is_converted_to_text(tmp_path):
    body = "".join(f"<p>Paragraph {i}: Putin and Kim signed a strategic partnership pact in Pyongyang today.</p>"
                   for i in range(6))
    html = f"<html><head><title>Putin in Pyongyang</title></head><body><nav>Home | World</nav><article>{body}</article></body></html>"
    (tmp_path / "page.html").write_text(html)
    art = load_articles([tmp_path / "page.html"])[0]
    assert "strategic partnership pact" in art.text and "<p>" not in art.text
    assert art.title == "Putin in Pyongyang"


def test_glob_without_matches(tmp_path):
    with pytest.raises(InputError, match="the pattern matched no files"):
        load_clusters([str(tmp_path / "*.txt")])


def test_hf_dataset_from_local_file(tmp_path):
    p = tmp_path / "mn.jsonl"
    p.write_text(json.dumps({"id": "m", "document": "A story. ||||| B story.", "summary": "x"}) + "\n")
    clusters = load_clusters([f"hf:{p}"])
    assert clusters[0].id == "m" and len(clusters[0].articles) == 2


def test_a_hub_dataset_with_a_loading_script_is_read_from_its_parquet_export(monkeypatch):
    import datasets

    calls = []

    def fake_load(name, split=None, revision=None):
        calls.append((name, split, revision))
        if revision is None:
            raise RuntimeError("Dataset scripts are no longer supported, but found multi_news.py")
        return datasets.Dataset.from_list([{"id": "m1", "document": "A story. ||||| B story.", "summary": "x"}])

    monkeypatch.setattr(datasets, "load_dataset", fake_load)
    clusters = load_clusters(["hf:alexfabbri/multi_news:validation"], LoadConfig(documents_field="document"))
    assert calls == [("alexfabbri/multi_news", "validation", None),
                     ("alexfabbri/multi_news", "validation", "refs/convert/parquet")]
    assert clusters[0].id == "m1" and len(clusters[0].articles) == 2 and clusters[0].reference == "x"

    def other_error(name, split=None, revision=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(datasets, "load_dataset", other_error)
    with pytest.raises(InputError, match="hf:alexfabbri/multi_news:validation: cannot load dataset: disk full"):
        load_clusters(["hf:alexfabbri/multi_news:validation"])


def test_split_header_keeps_sentences_as_body():
    assert split_header("This is a sentence. And another.") == (None, None, "This is a sentence. And another.")


def test_relative_parent_path_and_hidden_files(example_dir, monkeypatch, tmp_path):
    monkeypatch.chdir(example_dir)
    assert len(load_articles(["../putin-north-korea"])) == 5
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "a.txt").write_text("Hidden folder text that should not be read at all.")
    (tmp_path / "b.txt").write_text("Visible article text about the summit in Pyongyang.")
    assert [a.id for a in load_articles([tmp_path])] == ["b"]


def test_hostile_jsonl_lines_get_an_error_naming_the_file_and_line(tmp_path):
    """26.5: a line nested 100,000 deep (RecursionError), an id of 5,000 digits (ValueError) and a lone
    surrogate in the text (a tokenizer TypeError 25 s later) gave tracebacks."""
    from summarize.errors import InputError
    from summarize.io import load_clusters

    good = json.dumps({"id": "a", "text": "Putin arrived in Pyongyang."})
    cases = {"deep": "[" * 100_000 + "]" * 100_000, "digits": '{"id": ' + "9" * 5000 + ', "text": "x"}',
             "surrogate": '{"id": "s", "text": "bad \\ud800 text"}'}
    expected = {"deep": "JSON nested too deeply", "digits": "unreadable JSON line", "surrogate": "field 'text' holds a lone surrogate"}
    for name, line in cases.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text(good + "\n" + line + "\n")
        with pytest.raises(InputError, match=rf"{name}.jsonl:2: {expected[name]}"):
            load_clusters([str(path)])


def test_bidirectional_overrides_are_removed_from_text(tmp_path):
    """26.12: U+202E/U+202C passed into the text and the Markdown output (they reorder what a reader sees)."""
    from summarize.io import load_clusters

    raw = tmp_path / "a.txt"
    raw.write_text("Putin arrived \u202egnaygnoyP\u202c in Pyongyang on Wednesday for talks with Kim Jong Un.",
                   encoding="utf-8")
    row = tmp_path / "b.jsonl"
    row.write_text(json.dumps({"id": "b", "text": "Kim met Putin \u2066at the airport\u2069 on Wednesday."}) + "\n")
    texts = [a.text for c in load_clusters([str(raw)]) + load_clusters([str(row)]) for a in c.articles]
    assert texts and not any(ch in t for t in texts for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "at the airport on Wednesday" in texts[-1]


def test_article_files_named_together_are_one_cluster(example_dir, tmp_path):
    """29.1: `summarize run examples/putin-north-korea/*.txt` (the shell's expansion) and `run a.txt b.txt`
    gave one single-document summary per file, where the README says loose articles form one cluster."""
    files = sorted(example_dir.glob("0*.txt"))
    clusters = load_clusters([str(f) for f in files])
    assert len(clusters) == 1 and len(clusters[0].articles) == len(files) == 5
    assert clusters[0].id == example_dir.name  # as for the folder itself
    assert [a.id for a in clusters[0].articles] == [a.id for a in load_clusters([str(example_dir)])[0].articles]
    other = tmp_path / "b.txt"
    other.write_text("Kim Jong Un met Vladimir Putin at the airport in Pyongyang on Wednesday.", encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"id": "r1", "text": "A separate event entirely, reported on Monday."}) + "\n")
    mixed = load_clusters([str(files[0]), str(rows), str(other)])  # tables keep their own clusters
    assert [c.id for c in mixed] == ["articles", "rows"] and len(mixed[0].articles) == 2
    assert [c.id for c in load_clusters([str(other)])] == ["b"]  # one file alone: its own name


def test_sentences_are_pysbds_own_when_they_repeat():
    """The string search that replaced pysbd's per-sentence regular expressions finds each sentence after
    the one before it, also when a sentence occurs twice or inside another."""
    import pysbd

    from summarize.text.sentences import _WS, _segmenter

    for text in ("Stop. Stop. Go on now. Stop.", "He said no. No. He said no again... No.  Fine.",
                 "U.S. officials met. The U.S. said it would respond. Officials met."):
        ours = _segmenter("en").segment(text)
        theirs = pysbd.Segmenter(language="en", clean=False).segment(text)
        assert [_WS.sub(" ", s).strip() for s in ours] == [_WS.sub(" ", s).strip() for s in theirs]
        assert "".join(ours) == text  # pieces of the text, in order, nothing lost


def test_a_pdf_in_a_folder_is_named_not_skipped_in_silence(example_dir, tmp_path):
    """29.7: a PDF inside a folder was ignored silently."""
    import shutil

    folder = tmp_path / "event"
    shutil.copytree(example_dir, folder)
    (folder / "statement.pdf").write_bytes(b"%PDF-1.7\n")
    with pytest.warns(SummarizeWarning, match=r"skipped 1 PDF file: summarize reads text.*not PDF; convert"):
        clusters = load_clusters([str(folder)])
    assert len(clusters[0].articles) == 5


def _headlined(tmp_path, n_clusters, layout):
    """A JSONL of ``n_clusters`` clusters of three documents, each written by ``layout(cluster, doc)``."""
    rows = [{"id": f"c{c}", "documents": [layout(c, d) for d in range(3)], "summary": "x"} for c in range(n_clusters)]
    path = tmp_path / "clusters.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_file_whose_documents_open_with_a_headline_line_gets_titles(tmp_path):
    """NeuS writes each document as "<headline>.\\n<article>": the headline's full stop passed the paragraph
    rule for headlines, and lead summaries opened with them. Where nearly every document of a file opens with
    a short line of its own, that line is the article's title (load.title_line: auto), out of its text."""
    from summarize.config import load_config
    from summarize.pipeline import run

    body = ("Officials in Dingwall said on Tuesday that archaeologists had found the site of a Viking parliament "
            "under a car park. The mound was built in the 11th century on a man-made islet, they said.")
    path = _headlined(tmp_path, 4, lambda c, d: f"Viking Parliament Site {c}-{d} found under car park.\n{body}")
    article = load_clusters([path])[0].articles[0]
    assert article.title == "Viking Parliament Site 0-0 found under car park." and article.text == body
    summaries, _ = run([str(path)], load_config(overrides=["summarizer=lead", "max_words=60"]))
    assert summaries[0].sentences and not any("car park." in s.text and "Site" in s.text for s in summaries[0].sentences)
    kept = load_clusters([path], LoadConfig(title_line="never"))[0].articles[0]
    assert kept.title is None and kept.text.startswith("Viking Parliament Site 0-0")


def test_titles_are_inferred_only_where_nearly_every_document_has_a_headline_line(tmp_path):
    """Multi-News opens 40% of its documents with a short line of its own (ledes, captions): under ``auto`` a
    file keeps its text unless 95% of its documents (and 10 at least) open so; ``always`` takes every such
    line; a title column is kept as it is."""
    lede = "Putin arrived in Pyongyang on Wednesday.\nKim Jong Un met him at the airport and the two drove off together."
    prose = "Putin arrived in Pyongyang on Wednesday, and Kim Jong Un met him at the airport before they drove off."
    mixed = _headlined(tmp_path, 6, lambda c, d: lede if d == 0 else prose)  # a third open with a short line
    assert not any(a.title for c in load_clusters([mixed]) for a in c.articles)
    small = tmp_path / "small"
    small.mkdir()
    few = _headlined(small, 3, lambda c, d: lede)  # 9 documents: fewer than 10
    assert not any(a.title for c in load_clusters([few]) for a in c.articles)
    titled = [a for c in load_clusters([few], LoadConfig(title_line="always")) for a in c.articles]
    assert all(a.title == "Putin arrived in Pyongyang on Wednesday." for a in titled)
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"id": f"a{i}", "title": "Given", "text": lede}) + "\n" for i in range(12)))
    assert all(a.title == "Given" and a.text == lede for a in load_articles([table]))
    with pytest.raises(ConfigError, match=r"load\.title_line must be auto\|always\|never"):
        load_clusters([few], LoadConfig(title_line="sometimes"))


def test_a_json_file_holds_an_array_one_laid_out_object_or_json_lines(tmp_path):
    """A ``.json`` file of one object written with ``indent`` was read as JSON lines ("malformed JSON line"),
    an array item that is not an object or a malformed array gave a traceback, and array items skipped the
    text cleaning every JSONL line gets (bidirectional overrides kept)."""
    from summarize.errors import InputError
    from summarize.io import load_clusters

    docs = ["The council approved the budget on Monday after a long debate.",
            "Budget passed: the council voted \u202eon Monday evening."]
    forms = {"object": json.dumps({"id": "ev", "documents": docs}, indent=2),
             "array": json.dumps([{"id": "a1", "text": docs[0]}, {"id": "a2", "text": docs[1]}], indent=2),
             "lines": "".join(json.dumps({"id": f"a{i}", "text": d}) + "\n" for i, d in enumerate(docs, start=1))}
    for name, text in forms.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text)
        (cluster,) = load_clusters([str(path)])
        assert [a.text for a in cluster.articles] == [docs[0], docs[1].replace("\u202e", "")], name
    bad = {"items": ("[1, 2]", r"items.json:1: expected a JSON object, got int"),
           "cut": ('[{"id": 1, "text": "a"},', r"cut.json: malformed JSON file \(Expecting value at line 1"),
           "text": ('[{"id": 1, "text": 5}]', r"text.json:1: field 'text' must be a string, got int"),
           "scalar": ("3", r"scalar.json:1: expected a JSON object, got int")}
    for name, (text, message) in bad.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text)
        with pytest.raises(InputError, match=message):
            load_clusters([str(path)])


def test_csv_of_another_delimiter_and_tsv_files(tmp_path):
    """A spreadsheet saved in a European locale (";") failed with "no 'text' field (columns: None, id;text)", a
    .tsv file was summarized as plain text with its header and ids in it, and a row with an unquoted comma gave
    a column named None; CSV text skipped the cleaning JSON strings get."""
    from summarize.errors import InputError
    from summarize.io import load_clusters

    texts = ["Putin arrived in Pyongyang on Wednesday; Kim met him.", "Kim greeted Putin, and they \u202ehugged."]
    (tmp_path / "semi.csv").write_text("\ufeffid;text\n" + "".join(f'{i};"{t}"\n' for i, t in enumerate(texts)))
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "day.tsv").write_text("id\ttext\n" + "".join(f"{i}\t{t}\n" for i, t in enumerate(texts)))
    for path in (tmp_path / "semi.csv", folder):
        (cluster,) = load_clusters([str(path)])
        assert [a.id for a in cluster.articles] == ["0", "1"], path
        assert [a.text for a in cluster.articles] == [texts[0], texts[1].replace("\u202e", "")], path
    (tmp_path / "bad.csv").write_text("id,text\n1,Putin arrived in Pyongyang.\n2,Kim met him, then they left.\n")
    with pytest.raises(InputError, match=r"bad.csv:3: 3 fields where the header has 2 \(',' inside a text needs"):
        load_clusters([str(tmp_path / "bad.csv")])


def test_compressed_inputs_are_read_as_what_they_hold(tmp_path, monkeypatch):
    """A feed kept as day.jsonl.gz was "a binary file, not text", and a folder of them had "no article files"."""
    import bz2
    import gzip
    import lzma

    from summarize.errors import InputError
    from summarize.io import compressed, load_clusters

    rows = [{"id": f"a{i}", "text": f"Putin arrived in Pyongyang on Wednesday for talks number {i} with Kim."}
            for i in range(3)]
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    feed = tmp_path / "feed"
    feed.mkdir()
    for name, pack in (("day.jsonl.gz", gzip.compress), ("day2.jsonl.bz2", bz2.compress), ("note.txt.xz", lzma.compress)):
        (feed / name).write_bytes(pack(data if "jsonl" in name else b"Kim met Putin at the airport on Wednesday."))
    clusters = load_clusters([str(feed)])
    assert sorted(a.id for c in clusters for a in c.articles) == ["a0", "a0", "a1", "a1", "a2", "a2", "note"]
    (single,) = load_clusters([str(feed / "day.jsonl.gz")])
    assert single.id == "day" and [a.text for a in single.articles] == [r["text"] for r in rows]
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(data)[:40])
    with pytest.raises(InputError, match="cut.jsonl.gz: the compressed file is cut short"):
        load_clusters([str(tmp_path / "cut.jsonl.gz")])
    monkeypatch.setattr(compressed, "MAX_BYTES", 100)  # a small file that expands past the cap
    with pytest.raises(InputError, match=r"day.jsonl.gz: expands to more than 100 bytes"):
        load_clusters([str(feed / "day.jsonl.gz")])


def test_prediction_and_reference_files_are_read_like_inputs(tmp_path):
    """A predictions file in Windows-1252 was a UnicodeDecodeError traceback in ``summarize evaluate``; a
    compressed one could not be read at all. JSONL rows are read as input files are: any encoding, any
    compression."""
    import gzip

    from summarize.evaluation import read_prediction_file, read_references

    preds = tmp_path / "preds.jsonl"
    preds.write_bytes('{"id": "a", "summary": "Café owners met Putin."}\n'.encode("cp1252"))
    with pytest.warns(SummarizeWarning, match="not valid UTF-8; decoded as cp1252"):
        assert read_prediction_file(preds)[0] == {"a": "Café owners met Putin."}
    refs = tmp_path / "refs.jsonl.gz"
    refs.write_bytes(gzip.compress(b'{"id": "a", "summary": "Putin met cafe owners."}\n'))
    assert read_references(refs) == {"a": ["Putin met cafe owners."]}


RSS = (Path(__file__).parents[1] / "fixtures" / "feeds" / "wire.xml").read_text(encoding="utf-8")
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>Talks in Pyongyang</title><id>tag:atom.example,2024:1</id>
<link rel="alternate" href="https://atom.example/1"/><updated>2024-06-19T04:00:00Z</updated>
<summary type="html">&lt;p&gt;The two leaders held talks for hours on Wednesday.&lt;/p&gt;</summary></entry>
</feed>"""


def test_rss_and_atom_feeds_are_read_as_their_items(tmp_path):
    # a feed was read as one plain-text article, its XML tags and all; a folder of feeds had "no article files"
    (tmp_path / "wire.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "news.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://x</loc></url></urlset>')
    with pytest.warns(SummarizeWarning) as said:
        [cluster] = load_clusters([tmp_path])
    messages = " | ".join(str(w.message) for w in said)
    assert "sitemap.xml: an XML file whose root is <urlset>, not an RSS or Atom feed" in messages
    assert "wire.xml: 1 of 3 feed items have no text (no description or content), skipped" in messages
    by_id = {a.id: a for a in cluster.articles}
    assert set(by_id) == {"wire-a1", "https://wire.example/a2", "tag:atom.example,2024:1"}
    a1 = by_id["wire-a1"]  # the full text over the description; HTML made text, scripts out
    assert a1.text == "Putin arrived in Pyongyang on Wednesday & Kim met him.\nThey will sign a pact."
    assert (a1.title, a1.source, a1.url) == ("Putin arrives in Pyongyang", "World Wire", "https://wire.example/a1")
    assert a1.published_at == "Wed, 19 Jun 2024 02:00:00 GMT"
    atom = by_id["tag:atom.example,2024:1"]
    assert (atom.text, atom.url, atom.source) == ("The two leaders held talks for hours on Wednesday.",
                                                  "https://atom.example/1", "Atom News")
    # piped: `curl -s https://.../rss | summarize run -`
    [piped] = load_clusters(["-"], stdin=io.TextIOWrapper(io.BytesIO(RSS.encode("utf-8"))))
    assert [a.id for a in piped.articles] == ["wire-a1", "https://wire.example/a2"]


def test_an_xml_file_that_is_no_feed_or_declares_entities_is_an_error_naming_it(tmp_path):
    p = tmp_path / "sitemap.xml"
    p.write_text('<?xml version="1.0"?><urlset><url><loc>https://x</loc></url></urlset>')
    with pytest.raises(InputError, match=r"sitemap.xml: an XML file whose root is <urlset>, not an RSS or Atom feed"):
        load_clusters([p])
    bomb = tmp_path / "bomb.rss"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    '<rss><channel><item><description>&b;</description></item></channel></rss>')
    with pytest.raises(InputError, match=r"bomb.rss: the XML declares entities; a news feed needs none"):
        load_clusters([bomb])
    cut = tmp_path / "cut.rss"
    cut.write_text(RSS[:300])
    with pytest.raises(InputError, match=r"cut.rss: not well-formed XML"):
        load_clusters([cut])


def test_an_rss_1_rdf_feed_is_read_too():
    from summarize.io.feeds import feed_articles

    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>RDF Wire</title></channel>
    <item><title>Quake hits coast</title><link>https://rdf.example/q</link><dc:date>2024-06-19</dc:date>
    <description>A strong earthquake hit the coast on Wednesday.</description></item></rdf:RDF>"""
    [a] = feed_articles(rdf, "wire.rdf.xml")
    assert (a.id, a.source, a.published_at, a.text) == ("https://rdf.example/q", "RDF Wire", "2024-06-19",
                                                        "A strong earthquake hit the coast on Wednesday.")


def test_an_html_page_gives_its_date_site_and_address(tmp_path):
    # only the title was kept: pages could not be ordered by date nor cited by their site
    page = tmp_path / "story.html"
    page.write_text(
        '<html><head><title>Putin lands in Pyongyang</title><meta property="og:site_name" content="Wire News">'
        '<meta property="article:published_time" content="2024-06-19T02:00:00Z">'
        '<link rel="canonical" href="https://wire.example/putin-lands"></head><body><article>'
        "<p>Russian President Vladimir Putin arrived in Pyongyang early on Wednesday for his first visit to North "
        "Korea in 24 years, state media reported.</p><p>North Korean leader Kim Jong Un greeted him at the airport "
        "before a welcome ceremony in the city centre.</p></article></body></html>", encoding="utf-8")
    [cluster] = load_clusters([page])
    [a] = cluster.articles
    assert (a.title, a.source, a.url, a.published_at) == ("Putin lands in Pyongyang", "Wire News",
                                                          "https://wire.example/putin-lands", "2024-06-19")
