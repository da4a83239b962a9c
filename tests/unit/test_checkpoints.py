"""summarize.checkpoints: checkpoints and models are published whole, verified before a resume, and the
metrics log survives a line cut short."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.checkpoints import (
    STATE_FILE,
    append_metrics,
    checkpoints,
    damaged,
    find_checkpoint,
    keep_metrics_until,
    publish,
    read_metrics,
    write_state,
)
from summarize.errors import ConfigError


def _checkpoint(out: Path, step: int) -> Path:
    tmp = out / "checkpoints" / f"step-{step:07d}.tmp"
    tmp.mkdir(parents=True)
    (tmp / "model.safetensors").write_bytes(b"weights %d" % step)
    write_state(tmp, {"step": step})
    final = tmp.with_name(tmp.name.removesuffix(".tmp"))
    publish(tmp, final)
    return final


def test_latest_passes_over_a_damaged_checkpoint_and_a_named_one_must_be_intact(tmp_path):
    first, second = _checkpoint(tmp_path, 2), _checkpoint(tmp_path, 4)
    (tmp_path / "checkpoints" / "step-0000006.tmp").mkdir()  # a crash while writing: not a checkpoint
    assert checkpoints(tmp_path) == [first, second]
    assert json.loads((second / STATE_FILE).read_text())["checksums"]
    (second / "model.safetensors").write_bytes(b"changed")
    assert damaged(second) == "model.safetensors differs from its checksum" and damaged(first) is None
    with pytest.warns(UserWarning, match="damaged"):
        assert find_checkpoint(tmp_path, "latest") == first
    with pytest.raises(ConfigError, match="damaged"):
        find_checkpoint(tmp_path, str(second))
    with pytest.raises(ConfigError, match="no complete checkpoint"):
        find_checkpoint(tmp_path / "elsewhere", "latest")


def test_the_metrics_log_drops_a_line_cut_short_and_what_a_resume_redoes(tmp_path):
    path = tmp_path / "metrics.jsonl"
    append_metrics(path, {"step": 1, "loss": 2.0})
    with open(path, "a") as fh:
        fh.write('{"step": 2, "lo')  # kill -9 in the middle of a line
    with pytest.warns(UserWarning, match="cut short"):
        append_metrics(path, {"step": 2, "loss": 1.5})
    append_metrics(path, {"step": 3, "loss": 1.0})
    assert [r["step"] for r in read_metrics(path)] == [1, 2, 3]
    keep_metrics_until(path, 2)
    assert [r["step"] for r in read_metrics(path)] == [1, 2]


def test_publish_never_leaves_no_model(tmp_path, monkeypatch):
    """15.9: publish deleted final/ before renaming the new one in."""
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
        publish(new, final)
    monkeypatch.undo()
    survivors = [p for p in (final, tmp_path / "final.old") if (p / "model").is_file()]
    assert survivors and (survivors[0] / "model").read_text() == "old"  # the old code had deleted it
    publish(new, final)  # the next publish puts the old one back first, then swaps
    assert (final / "model").read_text() == "new" and not (tmp_path / "final.old").exists()
