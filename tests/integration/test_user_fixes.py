"""What a new user and an adversarial review broke (issue 15), one test per fixed item."""

from __future__ import annotations

import json
import os
import stat

import pytest
from typer.testing import CliRunner

from summarize import ConfigError, load_config
from summarize.cli import app

LEAD = ["--set", "summarizer=lead"]


@pytest.fixture()
def runner():
    return CliRunner()


def test_outputs_get_the_mode_a_plain_open_gives(runner, example_dir, tmp_path):
    """15.2: mkstemp's 0600 was kept for every output."""
    old = os.umask(0o022)
    try:
        for name in ("out.json", "out.md", "out.txt"):
            res = runner.invoke(app, ["run", str(example_dir), *LEAD, "-o", str(tmp_path / name)])
            assert res.exit_code == 0, res.output
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    finally:
        os.umask(old)


def test_unknown_output_suffix_is_an_error(runner, example_dir, tmp_path):
    """15.5: -o x.csv silently wrote plain text."""
    res = runner.invoke(app, ["run", str(example_dir), *LEAD, "-o", str(tmp_path / "x.csv")])
    assert res.exit_code == 2 and "unknown output suffix '.csv'" in res.output and ".jsonl" in res.output
    assert not (tmp_path / "x.csv").exists()


def test_gold_counts_documents_of_a_joined_string(tmp_path):
    """15.7: a Multi-News '|||||' string's characters were counted as documents."""
    from summarize.cluster.gold import load_gold

    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps({"id": "e1", "documents": "First story here. ||||| Second story here."}) + "\n")
    assert load_gold(p) == {"e1:0": "e1", "e1:1": "e1"}


def test_invalid_extra_pattern_is_a_config_error(runner, example_dir):
    """15.8: a ValueError traceback escaped the CLI."""
    with pytest.raises(ConfigError, match=r"clean.extra_patterns: invalid regular expression '\(unclosed'"):
        load_config(overrides=["clean.extra_patterns=['(unclosed']"])
    res = runner.invoke(app, ["run", str(example_dir), *LEAD, "--set", "clean.extra_patterns=['(unclosed']"])
    assert res.exit_code == 2 and "clean.extra_patterns" in res.output and "(unclosed" in res.output
    assert "Traceback" not in res.output


def test_publish_never_leaves_no_model(tmp_path, monkeypatch):
    """15.9: _publish deleted final/ before renaming the new one in."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("finetune", Path(__file__).parents[2] / "training" / "finetune.py")
    finetune = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(finetune)
    final, new = tmp_path / "final", tmp_path / "final.tmp"
    final.mkdir(); (final / "model").write_text("old")
    new.mkdir(); (new / "model").write_text("new")
    real_rename = Path.rename

    def crash(self, target):  # the crash: the new folder never gets renamed in
        if Path(self) == new:
            raise OSError("crash")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", crash)
    with pytest.raises(OSError):
        finetune._publish(new, final)
    monkeypatch.undo()
    survivors = [p for p in (final, tmp_path / "final.old") if (p / "model").is_file()]
    assert survivors and (survivors[0] / "model").read_text() == "old"  # the old code had deleted it
    finetune._publish(new, final)  # the next publish puts the old one back first, then swaps
    assert (final / "model").read_text() == "new" and not (tmp_path / "final.old").exists()


def test_messages_count_right(runner, example_dir, tmp_path):
    """15.10: 'wrote 170 summaries' for a 200-row file, '1 summaries'; event ids in three formats."""
    from summarize.cli import plural

    rows = [{"id": f"c{i}", "documents": [f"Story {i}: the council approved budget {i} on Monday after a long debate."]}
            for i in range(3)]
    data = tmp_path / "b.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "p.jsonl"
    partial = out.with_name(out.name + ".partial")
    first = runner.invoke(app, ["run", str(data), *LEAD, "-o", str(out)])
    assert first.exit_code == 0 and "wrote 3 summaries" in first.output
    lines = out.read_text().splitlines()
    partial.write_text("\n".join(lines[:2]) + "\n")  # as an interrupted run leaves it
    out.unlink()
    again = runner.invoke(app, ["run", str(data), *LEAD, "-o", str(out)])
    assert "wrote 3 summaries" in again.output  # the file's rows, not the 1 this run made
    one = runner.invoke(app, ["run", str(example_dir), *LEAD, "-o", str(tmp_path / "one.json")])
    assert "wrote 1 summary " in one.output
    assert plural(1, "article") == "1 article"
    from summarize.cluster import event_id

    assert event_id(1) == "event-000001"


def test_ctrl_c_says_that_rerunning_resumes(runner, tmp_path, monkeypatch):
    """15.10: Ctrl-C exited 130 without saying what was kept."""
    import summarize.pipeline

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(summarize.pipeline, "run", interrupted)
    res = runner.invoke(app, ["run", "x.jsonl", *LEAD, "-o", str(tmp_path / "p.jsonl")])
    assert res.exit_code == 130 and "re-run the same command to resume" in res.output


def test_html_input_reads_the_article(runner, tmp_path):
    """15.1: HTML failed on a core install (lxml_html_clean missing) with a message blaming trafilatura."""
    from pathlib import Path

    page = Path(__file__).parents[1] / "fixtures" / "html" / "putin-visit.html"
    res = runner.invoke(app, ["run", str(page), *LEAD])
    assert res.exit_code == 0, res.output
    assert "Vladimir Putin arrived in Pyongyang" in res.stdout and "Subscribe" not in res.stdout


def test_a_package_that_fails_on_its_own_import_is_named(monkeypatch, tmp_path):
    """15.1: `require` said 'run pip install trafilatura' for an installed trafilatura missing a dependency."""
    import sys

    from summarize.errors import MissingDependencyError, require

    pkg = tmp_path / "brokenpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("import not_a_real_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("brokenpkg", None)
    with pytest.raises(MissingDependencyError, match=r"brokenpkg is installed but cannot be imported.*not_a_real_dependency_xyz"):
        require("brokenpkg", "pip install brokenpkg")


def test_train_checks_model_data_and_devices_before_launching(runner, tmp_path, monkeypatch):
    """15.4: -n 2 launched two processes before finding the model missing; --dry-run accepted it all."""
    from pathlib import Path

    config = Path(__file__).parents[2] / "configs" / "train" / "bart-base" / "multinews.yaml"
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("ACCELERATE_USE_CPU", raising=False)
    missing = ["--set", f"model={tmp_path / 'no-model'}", "--set", f"train_file={tmp_path / 'no.jsonl'}",
               "--set", "validation_file=null", "--set", "best_metric=null"]
    res = runner.invoke(app, ["train", str(config), *missing, "-n", "2"])
    assert res.exit_code == 2 and "running:" not in res.output
    assert res.output.count("no-model") == 1 and "Traceback" not in res.output
    dry = runner.invoke(app, ["train", str(config), *missing, "-n", "2", "--dry-run"])
    assert dry.exit_code == 2
    assert "would fail" in dry.output and "no-model" in dry.output and "no.jsonl not found" in dry.output
    assert "this machine has 0" in dry.output and "ACCELERATE_USE_CPU=true" in dry.output
    helptext = runner.invoke(app, ["train", "--help"]).output
    assert "max_steps" in helptext and "generation.num_beams" not in helptext


def test_hf_dataset_offline_fails_fast_with_the_fix(runner, monkeypatch):
    """15.6: 23 s of hub retries before an error when the hub is unreachable."""
    import summarize.generation.models as models

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(models, "hub_reachable", lambda timeout=3.0: False)
    res = runner.invoke(app, ["run", "hf:nobody/not-a-cached-dataset:validation", *LEAD])
    assert res.exit_code == 2
    assert "The Hugging Face hub cannot be reached, so only the local cache was searched" in res.output
    assert "hf:path/to/validation.jsonl" in res.output
