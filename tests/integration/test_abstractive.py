"""Tiny BART, T5, PEGASUS and LED models built from configs, saved, and loaded by path: the real path."""

from __future__ import annotations

import pytest

from summarize import ModelUnavailableError, SummarizeWarning, load_articles, load_config, summarize
from summarize.pipeline import FALLBACK_METHOD, build_summarizer
from summarize.summarizers import AbstractiveSummarizer, load_model

TINY_GEN = ["generation.num_beams=1", "generation.min_new_tokens=8", "generation.max_new_tokens=16"]


@pytest.mark.parametrize("family", ["bart", "t5", "pegasus", "led"])
def test_tiny_model_loaded_by_path_writes_text(family, tiny_model_dir, example_dir):
    path = tiny_model_dir(family)
    cfg = load_config(overrides=[f"model={path}", "abstractive.device=cpu"] + TINY_GEN)
    summary = summarize(load_articles([example_dir]), cfg)
    assert summary.run.method == "abstractive"
    assert summary.run.model == str(path)
    assert len(summary.text.split()) >= 2 and len(summary.text) >= 8
    assert summary.sentences and all(s.sources for s in summary.sentences)
    ids = {a.id for a in load_articles([example_dir])}
    assert {src for s in summary.sentences for src in s.sources} <= ids


def test_load_model_reports_family_and_device(tiny_model_dir):
    model, tok = load_model(str(tiny_model_dir("bart")))
    assert model.config.model_type == "bart"
    assert str(model.device) == "cpu"
    assert not model.training


def test_led_input_uses_doc_sep_and_keeps_every_document(tiny_model_dir, example_dir):
    cfg = load_config(overrides=[f"model={tiny_model_dir('led')}", "abstractive.max_input_tokens=300"] + TINY_GEN)
    summarizer = AbstractiveSummarizer.from_config(cfg)
    assert summarizer.separator == "<doc-sep>"
    from summarize.clean import clean_cluster
    from summarize.io import load_clusters

    cluster = clean_cluster(load_clusters([example_dir])[0])
    built, notes = summarizer.build_input(cluster)
    assert built.text.count("<doc-sep>") == 4
    assert all(kept > 0 for kept, _ in built.kept.values())
    n_tokens = len(summarizer.tokenizer(built.text)["input_ids"])
    assert n_tokens <= 300
    mask = summarizer.global_attention(summarizer.tokenizer([built.text], return_tensors="pt")["input_ids"])
    assert int(mask.sum()) == 5  # first token + 4 separators


def test_t5_gets_task_prefix(tiny_model_dir):
    cfg = load_config(overrides=[f"model={tiny_model_dir('t5')}"])
    assert AbstractiveSummarizer.from_config(cfg).prefix == "summarize: "


def test_article_longer_than_context_warns_with_its_id(tiny_model_dir, example_dir):
    from summarize.types import Article

    long = Article("very-long", " ".join(f"On day {i} Putin met Kim in Pyongyang to sign a pact." for i in range(120)))
    short = Article("short", "Kim greeted Putin at the airport with a hug and a handshake before the talks.")
    cfg = load_config(overrides=[f"model={tiny_model_dir('bart')}", "abstractive.max_input_tokens=128"] + TINY_GEN)
    with pytest.warns(SummarizeWarning, match=r"article very-long has \d+ tokens, longer than the model's input of 128"):
        summary = summarize([long, short], cfg)
    assert any("very-long" in w for w in summary.run.warnings)
    assert summary.text


def test_missing_local_checkpoint_says_how_to_fix(tmp_path):
    """29.7: a path that does not exist got the same text as an empty folder."""
    with pytest.raises(ModelUnavailableError, match=r"nope' does not exist\. Check the path"):
        load_model(str(tmp_path / "nope"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelUnavailableError, match=r"is not a checkpoint folder \(no config.json in it\)\. Check the path"):
        load_model(str(tmp_path / "empty"))


def test_uncached_hub_model_offline_falls_back_visibly_when_asked(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cfg = load_config(overrides=["model=nobody/not-a-cached-model", "fallback=extractive"])
    with pytest.warns(SummarizeWarning, match="EXTRACTIVE summary instead"):
        summarizer = build_summarizer(cfg)
    assert summarizer.method == FALLBACK_METHOD


def test_default_model_unavailable_falls_back_by_default(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.warns(SummarizeWarning, match="EXTRACTIVE summary instead"):
        assert build_summarizer(load_config()).method == FALLBACK_METHOD


@pytest.mark.parametrize("name", ["/models/bart-large-cnn", "nobody/not-a-cached-model"])
def test_a_named_model_that_cannot_load_is_an_error(name, monkeypatch):
    """Issue 15.3: a typo'd path used to write an extractive summary and exit 0."""
    from typer.testing import CliRunner

    from summarize.cli import app

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    res = CliRunner().invoke(app, ["run", "examples/putin-north-korea", "--set", f"model={name}"])
    assert res.exit_code == 2 and "--set fallback=extractive" in res.output
    if name.startswith("/"):
        assert "Check the path" in res.output and "hf download" not in res.output
    else:
        assert f"hf download {name}" in res.output


def test_uncached_hub_model_with_fallback_error_raises(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cfg = load_config(overrides=["model=nobody/not-a-cached-model", "fallback=error"])
    with pytest.raises(ModelUnavailableError, match=r"hf download nobody/not-a-cached-model"):
        build_summarizer(cfg)


def test_unloadable_checkpoints_exit_2_with_advice(tiny_model_dir, example_dir, tmp_path):
    """26.9: a pickle-only pytorch_model.bin (UnpicklingError, whose text suggested weights_only=False) and an
    auto_map checkpoint (transformers' custom-code ValueError) exited 1 with tracebacks; no code may run."""
    import json
    import shutil

    import torch
    from typer.testing import CliRunner

    from summarize.cli import app

    class Payload:
        def __reduce__(self):
            return (print, ("CODE RAN",))

    pickled = tmp_path / "pickled"
    shutil.copytree(tiny_model_dir("bart"), pickled)
    (pickled / "model.safetensors").unlink()
    torch.save({"model.shared.weight": Payload()}, pickled / "pytorch_model.bin")
    custom = tmp_path / "custom"
    shutil.copytree(tiny_model_dir("bart"), custom)
    config = json.loads((custom / "config.json").read_text())
    config.update(model_type="evil-seq2seq", auto_map={"AutoModelForSeq2SeqLM": "modeling_evil.Evil",
                                                        "AutoConfig": "configuration_evil.EvilConfig"})
    (custom / "config.json").write_text(json.dumps(config))
    (custom / "modeling_evil.py").write_text("print('CODE RAN')\n")
    expected = {pickled: "only pickled weights", custom: "trust_remote_code=true"}
    for path, advice in expected.items():
        res = CliRunner().invoke(app, ["run", str(example_dir), "--set", f"model={path}", "--set", "fallback=error"])
        assert res.exit_code == 2, res.output
        assert advice in res.output and "CODE RAN" not in res.output and "Traceback" not in res.output
