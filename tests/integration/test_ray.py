"""runner=ray (issue 18): a local Ray cluster, started and stopped by the run, writes the single-process
run's bytes, and resumes after its driver is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("ray", reason="runner=ray needs Ray Data: pip install 'summarize[ray]'")

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "multinews_validation.jsonl"
SETTINGS = ["--set", "summarizer=extractive", "--set", "generation.window=1", "--set", "ray.workers=2", "-q"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    if not SHARED.is_file():
        pytest.skip("../shared/data/multinews_validation.jsonl is absent")
    path = tmp_path_factory.mktemp("ray") / "batch.jsonl"
    path.write_text("".join(SHARED.read_text(encoding="utf-8").splitlines(keepends=True)[:8]), encoding="utf-8")
    return path


def _run(batch: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "summarize.cli", "run", str(batch), "-o", str(out), *SETTINGS, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_ray_run_writes_the_local_runs_bytes_and_resumes_after_the_driver_is_killed(batch, tmp_path):
    local, ray_out = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    proc = _run(batch, local)
    assert proc.wait(300) == 0, proc.stderr.read()

    proc = _run(batch, ray_out, "--runner", "ray")
    assert proc.wait(300) == 0, proc.stderr.read()
    assert ray_out.read_bytes() == local.read_bytes()
    assert not (tmp_path / "ray.jsonl.partial").exists()  # the sink's partial file is gone once finished

    resumed = tmp_path / "resumed.jsonl"
    partial = tmp_path / "resumed.jsonl.partial"  # the one resume format of local, -n N and Ray runs

    def finished_rows() -> int:
        if not partial.exists():
            return 0
        lines = partial.read_text(encoding="utf-8").splitlines()
        return sum(1 for line in lines if line.endswith("}"))

    proc = _run(batch, resumed, "--runner", "ray")
    deadline = time.time() + 240
    while time.time() < deadline and finished_rows() < 2 and proc.poll() is None:
        time.sleep(0.2)
    from summarize.ray_watchdog import descendants, processes

    started = descendants({proc.pid}, processes())  # the local cluster the driver started (GCS, raylet, agents)
    assert started, "the driver was to have started a local Ray cluster"
    os.kill(proc.pid, signal.SIGKILL)  # 26.10: the driver alone; its Ray processes outlived it
    proc.wait()
    deadline = time.time() + 30
    while time.time() < deadline and any(processes().get(p, (0, None))[1] == t for p, t in started.items()):
        time.sleep(0.5)
    left = {p: t for p, t in started.items() if processes().get(p, (0, None))[1] == t}
    assert not left, f"Ray processes outlived the killed driver: {left}"
    kept = finished_rows()
    assert kept and not resumed.exists(), "the driver was to be killed mid-run"
    proc = _run(batch, resumed, "--runner", "ray")
    assert proc.wait(300) == 0
    assert f"resuming, {kept} of 8 clusters already done" in proc.stderr.read()  # not redone
    assert resumed.read_bytes() == local.read_bytes()
    assert not partial.exists()


def test_ray_runner_needs_a_jsonl_output(batch, tmp_path):
    proc = _run(batch, tmp_path / "out.md", "--runner", "ray")
    assert proc.wait(120) == 2
    assert "runner=ray writes a JSONL batch" in proc.stderr.read()


def test_cluster_embedding_stage_on_ray_gives_the_local_clusters(batch, tmp_path):
    import json

    arts = tmp_path / "articles.jsonl"
    rows = [json.loads(line) for line in batch.read_text(encoding="utf-8").splitlines()]
    arts.write_text("".join(json.dumps({"id": f"{r['id']}:{i}", "text": d}) + "\n"
                            for r in rows for i, d in enumerate(r["documents"])), encoding="utf-8")
    outs = {}
    for name, extra in (("local", []), ("ray", ["--set", "runner=ray"])):
        outs[name] = tmp_path / f"{name}.json"
        proc = subprocess.run([sys.executable, "-m", "summarize.cli", "cluster", str(arts), "-o", str(outs[name]),
                               "--set", "cluster.cache_dir=null", *extra], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
    assert outs["ray"].read_bytes() == outs["local"].read_bytes()


class _LocalData:
    """Ray Data's from_items/map/iter_rows run in this process: the runner's bookkeeping without a cluster."""

    def __init__(self, items):
        self.items = list(items)

    def map(self, fn, fn_constructor_kwargs=None, **_):
        fn = fn(**fn_constructor_kwargs) if fn_constructor_kwargs is not None else fn
        return _LocalData(fn(row) for row in self.items)

    def iter_rows(self):
        return iter(self.items)


class _LocalRay:
    data = type("data", (), {"from_items": staticmethod(_LocalData), "ActorPoolStrategy": staticmethod(lambda size: size)})

    @staticmethod
    def is_initialized():
        return True

    @staticmethod
    def cluster_resources():
        return {}


def _clusters(batch, start):
    from summarize.io import load_clusters

    return load_clusters([str(batch)])[start:start + 4]


def test_a_resume_never_takes_another_inputs_rows(batch, tmp_path, monkeypatch):
    """26.2: a killed run's finished work was counted as done for another input; rows now carry their input's
    key in the sink's partial file, so a cluster of the same id but other texts is redone."""
    import json

    from summarize import ray_runner
    from summarize.config import load_config
    from summarize.io.write import ResumableJsonl, input_key, made_by
    from summarize.types import Cluster

    monkeypatch.setattr(ray_runner, "import_ray", lambda: _LocalRay)
    config = load_config(overrides=["summarizer=lead", "generation.window=1"])
    first, out = _clusters(batch, 0), tmp_path / "out.jsonl"
    ray_runner.run_on_ray(first, config, out)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    edited = [Cluster(c.id, [type(a)(a.id, "This edited version of the story was filed on Monday morning. " + a.text)
                         for a in c.articles]) for c in first]
    killed = ResumableJsonl(out, made_by(config), inputs={c.id: input_key(c) for c in first})
    for row in rows[:2]:  # what a killed run of the first input leaves: two finished rows
        killed.append(row)
    out.unlink()
    ray_runner.run_on_ray(edited, config, out)
    again = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    fresh = tmp_path / "fresh.jsonl"
    ray_runner.run_on_ray(edited, config, fresh)
    assert out.read_bytes() == fresh.read_bytes()  # none taken from the other input
    assert [r["id"] for r in again] == [c.id for c in edited] and rows[0]["summary"] != again[0]["summary"]
    assert again[0]["articles_hash"] == input_key(edited[0]) and not (tmp_path / "out.jsonl.partial").exists()


def test_two_runs_into_one_output_take_turns(batch, tmp_path, monkeypatch):
    """26.3: a second run into the same output failed with FileNotFoundError and left windows behind."""
    import threading

    from summarize import ray_runner
    from summarize.config import load_config
    from summarize.io.lock import file_lock

    monkeypatch.setattr(ray_runner, "import_ray", lambda: _LocalRay)
    config = load_config(overrides=["summarizer=lead", "generation.window=1"])
    out, done = tmp_path / "out.jsonl", []
    with pytest.warns(Warning):  # the waiting run says it waits
        with file_lock(out):  # another run holds the output
            worker = threading.Thread(target=lambda: done.append(ray_runner.run_on_ray(_clusters(batch, 0), config, out)))
            worker.start()
            worker.join(2)
            assert worker.is_alive() and not out.exists()  # waiting its turn
        worker.join(120)
    assert done == [4] and len(out.read_text().splitlines()) == 4


def test_one_ray_run_embeds_in_one_precision_whatever_its_workers_machines(batch, tmp_path, monkeypatch):
    """``embed_precision: auto`` is resolved by the driver: a GPU worker (float32) behind a bfloat16 CPU driver
    wrote rows of another precision and config hash than the driver's, which a resume reads as another run's."""
    import json

    import summarize.embed
    from summarize import ray_runner
    from summarize.config import load_config

    monkeypatch.setattr(ray_runner, "import_ray", lambda: _LocalRay)
    monkeypatch.setattr(summarize.embed, "_cpu_has_bf16", lambda: True)  # the driver's machine
    born = ray_runner._WriteUpActor.__init__

    def on_another_machine(self, *args, **kwargs):
        monkeypatch.setattr(summarize.embed, "_cpu_has_bf16", lambda: False)  # the worker's: float32 under auto
        born(self, *args, **kwargs)

    monkeypatch.setattr(ray_runner._WriteUpActor, "__init__", on_another_machine)
    config, out = load_config(overrides=["summarizer=lead", "generation.window=2"]), tmp_path / "out.jsonl"
    driver_hash = config.hash()
    ray_runner.run_on_ray(_clusters(batch, 0), config, out)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {(r["embed_precision"], r["config_hash"]) for r in rows} == {("bf16", driver_hash)}
