"""`summarize evaluate` with sources: metrics.json, the HTML report, its plots, and the page in Chromium."""

import html
import json
import os
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from summarize.cli import app

SUMMARY = (
    "Russia's President Vladimir Putin visits North Korea for the first time in 24 years. "
    "Upon landing, Kim Jong Un greeted Putin with a handshake and a hug. "
    "North Korea has shipped over 11,000 containers of munitions to Russia."
)
REFERENCE = (
    "Putin arrived in Pyongyang for his first visit in 24 years and was greeted by Kim Jong Un. "
    "The sources differ on how many containers of munitions North Korea has sent to Russia."
)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory, example_dir):
    tmp = tmp_path_factory.mktemp("eval")
    preds, refs = tmp / "preds.jsonl", tmp / "refs.jsonl"
    preds.write_text(json.dumps({"id": "putin-north-korea", "summary": SUMMARY}) + "\n")
    refs.write_text(json.dumps({"id": "putin-north-korea", "summary": REFERENCE}) + "\n")
    out = tmp / "ev"
    res = CliRunner().invoke(
        app,
        ["evaluate", str(preds), "-r", str(refs), "--sources", str(example_dir), "--embedder", "tfidf", "-o", str(out)],
    )
    assert res.exit_code == 0, res.output
    assert "factuality" in res.output and "1 conflicting" in res.output
    return out


def test_metrics_json_has_rouge_factuality_and_labels(report_dir):
    data = json.loads((report_dir / "metrics.json").read_text())
    for key in ("rouge1", "rouge2", "rougeL", "rougeLsum", "factuality", "embedding_support"):
        assert 0 < data[key] <= 1 and len(data["ci95"][key]) == 2, key
    assert data["labels"] == {"supported": 2, "unsupported": 0, "conflicting": 1}
    sentences = data["details"]["putin-north-korea"]["sentences"]
    assert sentences[2]["label"] == "conflicting" and "6,700" in " ".join(sentences[2]["reasons"])
    assert sentences[1]["evidence"][0]["text"] == "Upon landing, Kim Jong Un greeted Putin with a handshake and a hug."


def test_report_shows_the_summary_next_to_its_reference(report_dir, tmp_path):
    """29.6: the report never showed the reference summaries, nor (without sources) the summaries."""
    html = (report_dir / "report.html").read_text()
    assert "<h4>Reference summary</h4><blockquote>Putin arrived in Pyongyang" in html
    assert "<h4>Summary</h4><blockquote>Russia&#x27;s President Vladimir Putin" in html
    data = json.loads((report_dir / "metrics.json").read_text())["details"]["putin-north-korea"]
    assert data["references"] == [REFERENCE] and data["summary"] == SUMMARY
    preds, refs = tmp_path / "p.jsonl", tmp_path / "r.jsonl"  # ROUGE only: the texts are shown all the same
    preds.write_text(json.dumps({"id": "x", "summary": SUMMARY}) + "\n")
    refs.write_text(json.dumps({"id": "x", "summary": [REFERENCE, "Putin met Kim."]}) + "\n")
    res = CliRunner().invoke(app, ["evaluate", str(preds), "-r", str(refs), "-o", str(tmp_path / "ev")])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "ev" / "report.html").read_text()
    assert "Reference summary 2</h4><blockquote>Putin met Kim." in html and "href='#ex-x'" in html


def test_report_lists_the_discrepancies_with_outlets_and_context(report_dir):
    html = (report_dir / "report.html").read_text()
    for text in (
        "6,700",
        "11,000",
        "approximately",
        "over",
        "between August and February",
        "Manturov",
        "Novak",
        "002_ca6749dc55e0fbbc",
        "004_d90c90617c456517",
        "001_b0dfe862c0761fca",
        "class='sent conflicting'",
    ):
        assert text in html, text


def test_plots_are_non_empty_pngs(report_dir):
    names = sorted(p.name for p in (report_dir / "plots").glob("*.png"))
    assert names == [
        "embedding_support.png",
        "factuality.png",
        "labels.png",
        "rouge1.png",
        "rouge2.png",
        "rougeL.png",
        "rougeLsum.png",
    ]
    for p in (report_dir / "plots").glob("*.png"):
        data = p.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000, p.name


def _chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("SUMMARIZE_REQUIRE_CHROMIUM"):
            pytest.fail("chromium is required here (SUMMARIZE_REQUIRE_CHROMIUM) but not installed")
        pytest.skip("Chromium not installed (Debian: apt-get install chromium)")
    return path


def test_report_opens_in_headless_chromium(report_dir, tmp_path):
    from PIL import Image

    flags = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1200,1600",
    ]
    url = (report_dir / "report.html").as_uri()
    shot = tmp_path / "report.png"
    subprocess.run(flags + [f"--screenshot={shot}", url], check=True, capture_output=True, timeout=120)
    dom = subprocess.run(flags + ["--dump-dom", url], check=True, capture_output=True, timeout=120, text=True).stdout
    assert "Corpus scores" in dom and 'id="corpus-table"' in dom
    assert "ROUGE-1 F1" in dom and "Factual consistency (words, facts, similarity)" in dom and "95% bootstrap CI" in dom
    image = Image.open(shot)
    assert image.size == (1200, 1600)
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, table and plots drawn, not a blank page


def test_evaluate_modules_load_offline_from_a_path():
    evaluate = pytest.importorskip("evaluate")
    from summarize.evaluate_modules import module_path
    from summarize.metrics import corpus_rouge

    rouge = evaluate.load(module_path("summarize_rouge"))
    preds = ["Putin visited Pyongyang. Kim greeted him.", "Stocks fell."]
    refs = ["Putin visited Pyongyang on Wednesday.", "Stocks fell sharply on Monday."]
    got = rouge.compute(predictions=preds, references=refs, use_aggregator=False)
    assert got == corpus_rouge(preds, refs)
    facts = evaluate.load(module_path("summarize_factuality"))
    out = facts.compute(
        predictions=["Putin arrived in Pyongyang on Tuesday."],
        sources=[["Putin arrived in Pyongyang on Wednesday. He met Kim."]],
        embedder="tfidf",
        use_aggregator=False,
    )
    assert out["labels"] == [["conflicting"]] and 0 < out["factuality"][0] < 1


def test_evaluate_bad_inputs_name_the_problem(tmp_path, example_dir):
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps({"id": "other-event", "summary": SUMMARY}) + "\n")
    runner = CliRunner()
    res = runner.invoke(app, ["evaluate", str(preds), "-o", str(tmp_path / "ev")])
    assert res.exit_code == 2 and "give --references (ROUGE) and/or --sources" in res.output
    res = runner.invoke(
        app, ["evaluate", str(preds), "--sources", str(example_dir), "--embedder", "tfidf", "-o", str(tmp_path / "ev")]
    )
    assert res.exit_code == 2 and "no prediction id matches a source id" in res.output
    assert "other-event" in res.output and "putin-north-korea" in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "summary": "ok"}\n{"id": "y", "text": "no summary"}\n')
    res = runner.invoke(app, ["evaluate", str(bad), "-r", str(bad), "-o", str(tmp_path / "ev")])
    assert res.exit_code == 2 and "bad.jsonl" in res.output and "'summary'" in res.output
    assert not (tmp_path / "ev" / "metrics.json").exists()
    # a broken predictions file fails before the sources are read (no cleaning warnings, no model loaded)
    noisy = tmp_path / "noisy"
    noisy.mkdir()
    (noisy / "a.txt").write_text("Putin met Kim in Pyongyang on Wednesday for talks.")
    (noisy / "b.txt").write_text("Subscribe to our newsletter.")  # cleaning empties it: a warning
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "summary": "ok"}\n{broken\n')
    res = runner.invoke(app, ["evaluate", str(broken), "--sources", str(noisy), "-o", str(tmp_path / "ev")])
    assert res.exit_code == 2 and "broken.jsonl:2: malformed JSON line" in res.output
    assert "warning" not in res.output


def test_pipeline_sentences_are_checked_as_written(tmp_path, example_dir):
    """A headline without a final period stays its own sentence when the prediction lists its sentences."""
    sents = ["Putin Visits North Korea For First Time In 24 Years",
             "Upon landing, Kim Jong Un greeted Putin with a handshake and a hug."]
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps({"id": "putin-north-korea", "summary": " ".join(sents),
                                 "sentences": [{"text": t, "sources": []} for t in sents]}) + "\n")
    res = CliRunner().invoke(app, ["evaluate", str(preds), "--sources", str(example_dir), "--embedder", "tfidf",
                                   "--no-report", "-o", str(tmp_path / "ev")])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "ev" / "metrics.json").read_text())
    assert [s["text"] for s in data["details"]["putin-north-korea"]["sentences"]] == sents
    assert not (tmp_path / "ev" / "report.html").exists()


def test_source_embeddings_are_cached_between_evaluations(tmp_path, example_dir):
    """Scoring a second system on the same sources embeds no source sentence again."""
    import sqlite3

    cache = tmp_path / "cache"
    counts, metrics = [], []
    for n, summary in enumerate([SUMMARY, "Kim Jong Un greeted Putin with a hug."]):
        preds = tmp_path / f"preds{n}.jsonl"
        preds.write_text(json.dumps({"id": "putin-north-korea", "summary": summary}) + "\n")
        res = CliRunner().invoke(app, ["evaluate", str(preds), "--sources", str(example_dir), "--no-report",
                                       "--cache-dir", str(cache), "-o", str(tmp_path / f"ev{n}")])
        assert res.exit_code == 0, res.output
        with sqlite3.connect(cache / "embeddings.sqlite") as db:
            counts.append(db.execute("SELECT COUNT(*) FROM vec").fetchone()[0])
        metrics.append(json.loads((tmp_path / f"ev{n}" / "metrics.json").read_text()))
    # the first run stored every source sentence and its 3 summary sentences (and their fact-less forms);
    # the second added only its own sentence, the fact-less form of it
    assert counts[0] > 100 and 1 <= counts[1] - counts[0] <= 2
    assert metrics[0]["details"]["putin-north-korea"]["sentences"][1]["label"] == "supported"


def test_report_scores_read_like_the_command_line(report_dir):
    """The page shows scores x100 with two decimals, as `summarize evaluate` prints them."""
    data = json.loads((report_dir / "metrics.json").read_text())
    html = (report_dir / "report.html").read_text()
    for key in ("rouge1", "rougeLsum", "factuality"):
        lo, hi = data["ci95"][key]
        assert f"<td class=num>{100 * data[key]:.2f}</td>" in html
        assert f"[{100 * lo:.2f}, {100 * hi:.2f}]" in html
    assert "metrics.json keeps fractions" in html


def test_dropped_source_articles_are_summed_up_in_one_warning(tmp_path):
    from summarize.evaluation import read_sources

    rows = [{"id": f"ev{i}", "documents": ["Putin met Kim in Pyongyang on Wednesday for talks on defence.",
                                           "Subscribe to our newsletter."], "summary": "x"} for i in range(4)]
    path = tmp_path / "refs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.warns(Warning) as caught:
        sources = read_sources([path])
    assert [len(v) for v in sources.values()] == [1, 1, 1, 1]
    assert [str(w.message) for w in caught] == [
        "sources: cleaning dropped 4 articles (4 empty after cleaning), e.g. ev0:1, ev1:1, ev2:1"]


def test_report_says_what_it_evaluates(tmp_path, example_dir):
    """15.11: the page named no system, model, config hash, predictions or references."""
    preds, refs = tmp_path / "preds.jsonl", tmp_path / "refs.jsonl"
    preds.write_text(json.dumps({"id": "putin-north-korea", "summary": SUMMARY, "method": "abstractive",
                                 "model": "facebook/bart-large-cnn", "config_hash": "3f9a1c0b2d4e"}) + "\n")
    refs.write_text(json.dumps({"id": "putin-north-korea", "summary": REFERENCE}) + "\n")
    out = tmp_path / "ev"
    res = CliRunner().invoke(app, ["evaluate", str(preds), "-r", str(refs), "--no-factuality", "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = (out / "report.html").read_text()
    for text in ("What is evaluated", "abstractive", "facebook/bart-large-cnn", "3f9a1c0b2d4e", str(preds), str(refs)):
        assert text in page, text
    about = json.loads((out / "metrics.json").read_text())["about"]
    assert about["systems"] == [{"method": "abstractive", "model": "facebook/bart-large-cnn",
                                 "config_hash": "3f9a1c0b2d4e", "rows": 1}]


def test_evaluate_reads_the_sources_as_the_run_did(tmp_path, example_dir):
    """27.1: evaluation re-cleaned the sources with the default settings whatever the run used; now the run's
    config (--config/--set) reads them, the rows record how the run read its input, and a mismatch is said."""
    from summarize.config import load_config

    kept = ["summarizer=extractive", "clean.furniture=[]"]  # captions and datelines stay in the text
    preds = tmp_path / "preds.jsonl"
    res = CliRunner().invoke(app, ["run", str(example_dir), "--set", kept[0], "--set", kept[1], "-o", str(preds)])
    assert res.exit_code == 0, res.output
    row = json.loads(preds.read_text())
    assert row["input_hash"] == load_config(None, kept).input_hash() != load_config(None, []).input_hash()

    def evaluate(*extra: str) -> tuple[str, dict]:
        out = tmp_path / f"ev{len(extra)}"
        res = CliRunner().invoke(app, ["evaluate", str(preds), "--sources", str(example_dir), "--embedder", "tfidf",
                                       "--no-report", "-o", str(out), *extra])
        assert res.exit_code == 0, res.output
        return res.output, json.loads((out / "metrics.json").read_text())

    said, default = evaluate()
    assert "read or cleaned their input otherwise" in said and row["input_hash"] in said
    said, matched = evaluate("--set", kept[1])
    assert "otherwise" not in said and matched["about"]["input_hash"] == row["input_hash"]
    from summarize.evaluation import read_sources

    caption = "as shown in video footage of the event"  # kept by the run's cleaning, cut by the default one
    texts = lambda cfg: " ".join(a.text for a in read_sources([example_dir], config=cfg)["putin-north-korea"])  # noqa: E731
    assert caption in texts(load_config(None, kept)) and caption not in texts(load_config(None, []))


def test_report_says_which_evidence_it_shows(report_dir):
    """27.1: the report's evidence is the checker's, the run's citations are attribution's: the page says so."""
    page = (report_dir / "report.html").read_text()
    assert "id=evidence-note" in page and "attribution stage" in page


def test_report_lists_every_kind_of_disagreement_as_the_run_does(report_dir):
    """29.4: the run's output names the day the sources give differently and reads a misspelling as one name;
    the report's list came from the checker's rules without the dates and showed "Mantrurov / Manturov"."""
    page = html.unescape((report_dir / "report.html").read_text())
    assert "date: day" in page and "June 18, 2024" in page and "Wednesday, June 19, 2024" in page
    assert "Denis Mantrurov (also spelled Manturov)" in page and "Mantrurov / Denis Manturov" not in page
