"""Untrusted files and faults (issue 19): each item below failed on the earlier main."""

from __future__ import annotations

import errno
import json

import pytest
from typer.testing import CliRunner

from summarize import ConfigError, InputError, load_config
from summarize.cli import app

LEAD = ["--set", "summarizer=lead"]


@pytest.fixture()
def runner():
    return CliRunner()


def test_yaml_aliases_are_refused_and_errors_quote_little(runner, tmp_path):
    """19.3: 500 bytes of nested aliases took 288 s and 18.5 GB in `summarize validate`."""
    bomb = tmp_path / "bomb.yaml"
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)] + ["max_words: *a8"]
    bomb.write_text("\n".join(lines) + "\n")
    res = runner.invoke(app, ["validate", str(bomb)])
    assert res.exit_code == 2 and "YAML aliases (*a0) are not allowed" in res.output
    huge = tmp_path / "huge.yaml"
    huge.write_text("max_words: [" + ", ".join(["1"] * 50000) + "]\n")
    res = runner.invoke(app, ["validate", str(huge)])
    assert res.exit_code == 2 and "max_words must be an integer" in res.output and len(res.output) < 600


def test_an_output_that_is_an_input_is_refused(runner, tmp_path):
    """19.4: `run same.jsonl -o same.jsonl` destroyed the input."""
    data = tmp_path / "same.jsonl"
    data.write_text(json.dumps({"id": "c", "documents": ["The council approved the budget on Monday after a debate."]}) + "\n")
    before = data.read_bytes()
    res = runner.invoke(app, ["run", str(data), *LEAD, "-o", str(data)])
    assert res.exit_code == 2 and "is one of the inputs" in res.output and data.read_bytes() == before
    res = runner.invoke(app, ["run", str(tmp_path), *LEAD, "-o", str(tmp_path / "out.txt")])
    assert res.exit_code == 2 and "inside the input folder" in res.output


def test_train_refuses_an_output_dir_with_an_earlier_run(tmp_path):
    """19.4: training into an existing output_dir mixed both runs' metrics.jsonl and checkpoints."""
    from summarize.train_config import load_train_config

    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "metrics.jsonl").write_text('{"step": 5, "loss": 3.0}\n')
    train = tmp_path / "train.jsonl"
    train.write_text("{}\n")
    base = [f"model={tmp_path}", f"train_file={train}", f"output_dir={tmp_path / 'run'}"]
    with pytest.raises(ConfigError, match=r"holds an earlier run \(metrics.jsonl\).*resume=latest.*overwrite=true"):
        load_train_config(overrides=base).check_ready()
    load_train_config(overrides=base + ["overwrite=true"]).check_ready()
    load_train_config(overrides=base + ["resume=latest"]).check_ready()


@pytest.mark.parametrize("override,message", [
    ("generation.num_beams=1000000000", "generation.num_beams must be in [1, 64]"),
    ("generation.max_new_tokens=99999999999", "max_new_tokens <= 16384"),
    ("extractive.redundancy_threshold=-5", "extractive.redundancy_threshold must be in (0, 1]"),
    ("max_words=0", "max_words must be in [1, 100000]"),
])
def test_settings_out_of_range_fail_at_load(override, message):
    """19.5: these passed `validate` and crashed later (8 GB, a traceback, an empty summary with exit 0)."""
    with pytest.raises(ConfigError) as exc:
        load_config(overrides=[override])
    assert message in str(exc.value)


def test_unwritable_output_fails_before_the_work(runner, example_dir, tmp_path, monkeypatch):
    """19.6: -o on a read-only or full filesystem gave an OSError traceback after all the work was done."""
    import summarize.pipeline

    blocker = tmp_path / "a-file"
    blocker.write_text("")
    started = []
    monkeypatch.setattr(summarize.pipeline, "load_clusters", lambda *a, **k: started.append(1) or [])
    res = runner.invoke(app, ["run", str(example_dir), *LEAD, "-o", str(blocker / "out.json")])
    assert res.exit_code == 2 and "cannot write" in res.output and not started and "Traceback" not in res.output


def test_a_full_disk_keeps_the_previous_output(tmp_path, monkeypatch):
    import os

    from summarize.io.write import atomic_write_text

    out = tmp_path / "out.txt"
    out.write_text("previous")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="cannot write .*No space left on device.*previous out.txt, if any, is kept"):
        atomic_write_text(out, "new")
    assert out.read_text() == "previous" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_unusable_embedding_cache_warns_once_and_goes_on(tmp_path):
    """19.6: a full or read-only cache directory aborted the run with a sqlite traceback."""
    import sqlite3

    import numpy as np

    from summarize import SummarizeWarning
    from summarize.embed import CachedEmbedder

    class Fixed:
        name = "fixed"

        def encode(self, texts):
            return np.ones((len(texts), 3), dtype=np.float32)

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    with pytest.warns(SummarizeWarning, match="embedding cache .* unusable"):
        cache = CachedEmbedder(Fixed(), blocker / "cache")
    assert cache.encode(["a", "b"]).shape == (2, 3)
    ok = CachedEmbedder(Fixed(), tmp_path / "cache")

    class Full:
        def execute(self, *a):
            return []

        def executemany(self, *a):
            raise sqlite3.OperationalError("database or disk is full")

        def close(self):
            pass

    ok._db = Full()
    with pytest.warns(SummarizeWarning, match="disk is full"):
        assert ok.encode(["c"]).shape == (1, 3)
    assert ok._db is None and ok.encode(["d"]).shape == (1, 3)  # no second warning, no crash


def test_falsy_ids_are_ids_and_duplicates_are_errors(tmp_path):
    """19.11: {"id": 0} became 'id0-1' and duplicate ids in evaluate kept the last row silently."""
    from summarize.evaluation import read_prediction_file, read_references
    from summarize.io import load_clusters

    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"id": i, "documents": ["Some text of the story here."]}) + "\n" for i in (0, False)))
    assert [c.id for c in load_clusters([str(data)])] == ["0", "false"]
    preds = tmp_path / "p.jsonl"
    preds.write_text('{"id": 0, "summary": "a"}\n{"id": "x", "summary": "b"}\n{"id": 0, "summary": "c"}\n')
    with pytest.raises(InputError, match=r"id '0' appears twice, on lines 1 and 3"):
        read_prediction_file(preds)
    ok = tmp_path / "ok.jsonl"
    ok.write_text('{"id": 0, "summary": "a"}\n')
    assert read_prediction_file(ok)[0] == {"0": "a"}
    refs = tmp_path / "r.jsonl"
    refs.write_text('{"id": "a", "summary": "x"}\n{"id": "a", "summary": "y"}\n')
    with pytest.raises(InputError, match=r"id 'a' appears twice, on lines 1 and 2"):
        read_references(refs)


def test_markdown_output_escapes_html_from_articles():
    """19.12: raw HTML from article text passed into Markdown, and an id with '-->' broke out of the comment."""
    from summarize.io.write import render
    from summarize.types import RunInfo, Summary, SummarySentence

    s = Summary("c", "x", [SummarySentence("Click <img src=x onerror=alert(1)> now.", sources=["a-->b<script>"])],
                RunInfo("lead"))
    md = render([s], "md")
    assert "<img" not in md and "<script>" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md
    comment = md.split("<!--", 1)[1].split("-->", 1)[0]
    assert "a- -&gt;b" in comment and md.count("-->") == 1
