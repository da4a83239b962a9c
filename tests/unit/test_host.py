"""A process's share of the host under ``summarize run -n N``: cores and device memory (summarize/host.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from summarize import host, shards
from summarize.config import load_config


def test_each_process_gets_its_share_of_the_cores_and_of_its_device(monkeypatch):
    monkeypatch.setattr(host, "cores", lambda: 8)
    env = host.child_env(1, 4, gpus=0, environ={"PATH": "/bin"})
    assert env["OMP_NUM_THREADS"] == "2" and env["SUMMARIZE_DEVICE_SHARE"] == "4" and env["WORLD_SIZE"] == "1"
    assert "CUDA_VISIBLE_DEVICES" not in env and env["PATH"] == "/bin"
    assert host.child_env(0, 16, gpus=0, environ={})["OMP_NUM_THREADS"] == "1"  # more processes than cores
    assert host.child_env(0, 4, gpus=0, environ={"OMP_NUM_THREADS": "3"})["OMP_NUM_THREADS"] == "3"  # the user's
    # 3 processes on 2 GPUs: GPU 0 runs processes 0 and 2, GPU 1 process 1
    gpu = [host.child_env(k, 3, gpus=2, environ={}) for k in range(3)]
    assert [e["CUDA_VISIBLE_DEVICES"] for e in gpu] == ["0", "1", "0"]
    assert [e["SUMMARIZE_DEVICE_SHARE"] for e in gpu] == ["2", "1", "2"]
    # GPUs 4 and 5 visible to the parent: the children get those, not physical GPUs 0 and 1
    assert [host.child_env(k, 2, gpus=2, environ={"CUDA_VISIBLE_DEVICES": "4,5"})["CUDA_VISIBLE_DEVICES"]
            for k in range(2)] == ["4", "5"]


def test_threads_and_share_are_read_from_the_environment(monkeypatch):
    monkeypatch.setattr(host, "cores", lambda: 8)
    assert host.cpu_threads({}) == 8 and host.cpu_threads({"OMP_NUM_THREADS": "2"}) == 2
    assert host.cpu_threads({"OMP_NUM_THREADS": "junk"}) == 8
    assert host.device_share("cpu", {}) == 1 and host.device_share("cpu", {"SUMMARIZE_DEVICE_SHARE": "3"}) == 3
    assert host.device_share("cpu", {"LOCAL_WORLD_SIZE": "4"}) == 4  # torchrun / accelerate launch on a CPU
    assert host.device_share("cuda", {"LOCAL_WORLD_SIZE": "4"}) == 1  # there each rank has its own GPU


def test_one_rule_reads_a_thread_count_for_the_process_and_for_its_children(monkeypatch):
    """cpu_threads and thread_share read OMP_NUM_THREADS alike: a value that is no count (``all``) is every
    core for this process and is replaced by the share for -n N's children (it was kept, so each child took
    every core); OpenMP's nested list (``4,2``) is its first entry in both (it was every core here)."""
    monkeypatch.setattr(host, "cores", lambda: 8)
    assert host.cpu_threads({"OMP_NUM_THREADS": "all"}) == 8
    assert host.thread_share(2, {"OMP_NUM_THREADS": "all"}) == {"OMP_NUM_THREADS": "4"}
    assert host.child_env(0, 2, gpus=0, environ={"OMP_NUM_THREADS": "all"})["OMP_NUM_THREADS"] == "4"
    assert host.cpu_threads({"OMP_NUM_THREADS": "4,2"}) == 4 and host.thread_share(2, {"OMP_NUM_THREADS": "4,2"}) == {}
    assert host.device_share("cpu", {"SUMMARIZE_DEVICE_SHARE": "0", "LOCAL_WORLD_SIZE": "3"}) == 3


def test_n_processes_start_with_their_share(monkeypatch, tmp_path):
    """Every -n N process took every core: on 2 cores -n 2 ran 16 bart-base clusters in 222 s against 62 s
    for one process, and each sized its batches from all of the host's free memory."""
    started = []

    class Done:
        returncode = 0

        def __init__(self, cmd, env):
            started.append(env)

        def poll(self):
            return 0

    monkeypatch.setattr(shards.subprocess, "Popen", Done)
    monkeypatch.setattr(shards, "gpu_count", lambda: 0)
    monkeypatch.setattr(shards, "merge", lambda output, n: 0)
    monkeypatch.setattr(host, "cores", lambda: 4)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    shards.run_processes(["in.jsonl"], load_config(), tmp_path / "out.jsonl", 2)
    assert [(e["OMP_NUM_THREADS"], e["SUMMARIZE_DEVICE_SHARE"]) for e in started] == [("2", "2"), ("2", "2")]


def test_generation_batches_are_sized_from_the_processs_share_of_memory(monkeypatch):
    from summarize.generation import batching

    bart = SimpleNamespace(d_model=1024, decoder_layers=12, encoder_ffn_dim=4096, vocab_size=50264)
    per_token = batching.bytes_per_input_token(bart, 1, 256, 4)
    monkeypatch.setattr(batching, "host_free_memory", lambda: 20 * 2**30)
    monkeypatch.delenv("SUMMARIZE_DEVICE_SHARE", raising=False)
    monkeypatch.delenv("LOCAL_WORLD_SIZE", raising=False)
    alone = batching.batch_token_budget(None, bart, "cpu", 1, 256, 4)
    monkeypatch.setenv("SUMMARIZE_DEVICE_SHARE", "2")
    assert batching.batch_token_budget(None, bart, "cpu", 1, 256, 4) == int(10 * 2**30 / 2 / per_token) < alone


def test_ctranslate2_workers_follow_the_processs_threads(tiny_model_dir, tmp_path, monkeypatch):
    pytest.importorskip("ctranslate2")
    from summarize.summarizers import AbstractiveSummarizer

    src = tiny_model_dir("bart")
    config = load_config(overrides=[f"model={src}", "engine=ctranslate2", f"ctranslate2.cache_dir={tmp_path}",
                                    "ctranslate2.quantization=int8", "abstractive.device=cpu"])
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # what -n N gives each process on a machine of N cores
    assert AbstractiveSummarizer.from_config(config).engine.workers == 1


def test_cpu_training_processes_get_their_share_of_the_cores(monkeypatch):
    """accelerate launch (torchrun's launcher) gives every process one thread where OMP_NUM_THREADS is unset:
    on a CPU, summarize train -n N passes each its share instead; on GPUs the launcher's own setting stays."""
    from summarize import recipes

    monkeypatch.setattr(host, "cores", lambda: 8)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setenv("ACCELERATE_USE_CPU", "true")
    assert recipes.launch_env(2)["OMP_NUM_THREADS"] == "4"
    assert "OMP_NUM_THREADS" not in recipes.launch_env(1)  # one process: in this process, torch's own choice
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert recipes.launch_env(2)["OMP_NUM_THREADS"] == "3"  # the user's
    monkeypatch.delenv("OMP_NUM_THREADS")
    monkeypatch.delenv("ACCELERATE_USE_CPU")
    monkeypatch.setattr("summarize.generation.models.gpu_count", lambda: 2)
    assert "OMP_NUM_THREADS" not in recipes.launch_env(2)  # GPU processes
