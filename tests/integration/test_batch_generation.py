"""Abstractive batches: generation batched across clusters, identical to one cluster at a time; OOM halving;
seeded sampling; kill-and-resume; a config change refused; ``-n 2`` byte-identical; names checked at load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

import pytest
from typer.testing import CliRunner

from summarize import ConfigError, SummarizeWarning, load_config
from summarize.cli import app
from summarize.pipeline import run
from summarize.summarizers import AbstractiveSummarizer

TINY = ["abstractive.device=cpu", "generation.num_beams=1", "generation.min_new_tokens=6",
        "generation.max_new_tokens=10", "generation.no_repeat_ngram_size=2"]


@pytest.fixture(scope="module")
def batch_file(tmp_path_factory, example_dir):
    """12 clusters of 1-3 example articles cut to 2-14 sentences: inputs of many lengths."""
    from summarize.text.sentences import split_sentences

    arts = [split_sentences(p.read_text(encoding="utf-8")) for p in sorted(example_dir.glob("0*.txt"))]
    rows = []
    for i in range(12):
        docs = [" ".join(arts[(i + k) % 5][2 : 4 + (i * 3 + k) % 12]) for k in range(1 + i % 3)]
        rows.append({"id": f"c{i:02d}", "documents": docs, "summary": "x"})
    path = tmp_path_factory.mktemp("batch") / "clusters.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _summarizer(model_dir, *extra):
    return AbstractiveSummarizer.from_config(load_config(overrides=[f"model={model_dir}", *TINY, *extra]))


def test_batched_generation_equals_one_cluster_at_a_time(tiny_model_dir, batch_file):
    s = _summarizer(tiny_model_dir("bart"), "generation.max_batch_tokens=1200")
    from summarize.generation import plan_batches
    from summarize.io import load_clusters
    from summarize.pipeline import prepare

    clusters = [prepare(c, s.config) for c in load_clusters([str(batch_file)])]
    inputs = s.encode([s.build_input(c)[0].text for c in clusters])
    plan = plan_batches([len(x) for x in inputs], 1200, 64)
    assert max(map(len, plan)) >= 3 and len({len(x) for x in inputs}) >= 6  # real batches of unequal lengths
    assert s.engine.generate_ids(inputs) == [s.engine.generate_ids([x])[0] for x in inputs]


@pytest.mark.parametrize("family", ["bart", "t5"])
def test_static_cache_gives_the_same_tokens(tiny_model_dir, batch_file, family):
    """generation.static_cache (transformers' fixed-size cache, compiled on a GPU) changes speed, not tokens."""
    from summarize.io import load_clusters
    from summarize.pipeline import prepare

    plain = _summarizer(tiny_model_dir(family), "generation.max_batch_tokens=1200")
    static = AbstractiveSummarizer(load_config(overrides=[f"model={tiny_model_dir(family)}", *TINY,
                                                          "generation.max_batch_tokens=1200",
                                                          "generation.static_cache=true"]),
                                   plain.model, plain.tokenizer)
    clusters = [prepare(c, plain.config) for c in load_clusters([str(batch_file)])]
    inputs = plain.encode([plain.build_input(c)[0].text for c in clusters])
    expected = plain.engine.generate_ids(inputs)
    calls = []
    inner = static.model.generate
    static.model.generate = lambda **kw: calls.append(kw.get("cache_implementation")) or inner(**kw)
    assert static.engine.generate_ids(inputs) == expected
    assert calls and set(calls) == {"static"}


def test_token_budget_follows_the_configuration_or_the_device(tiny_model_dir, monkeypatch):
    """Null max_batch_tokens: what half of the device's free memory holds (a GPU's, or on a CPU the host's
    available memory within its cgroup limit), at least 16,384, and 16,384 where the free memory is unknown; a
    set one is used as given."""
    from types import SimpleNamespace

    from summarize.generation import batching
    from summarize.generation.batching import batch_token_budget, bytes_per_input_token

    assert _summarizer(tiny_model_dir("bart"), "generation.max_batch_tokens=900").engine.batch_tokens() == 900
    bart = SimpleNamespace(d_model=1024, decoder_layers=12, encoder_ffn_dim=4096, vocab_size=50264)
    led = SimpleNamespace(**vars(bart), attention_window=[512] * 12, encoder_attention_heads=16)
    assert bytes_per_input_token(led) > bytes_per_input_token(bart)  # the banded scores
    assert bytes_per_input_token(bart, beams=4) > 3 * bytes_per_input_token(bart, beams=1)
    per_token = bytes_per_input_token(bart, 1, 256, 4)
    monkeypatch.setattr(batching, "host_free_memory", lambda: 20 * 2**30)  # a 24 GiB machine, mostly free
    assert batch_token_budget(None, bart, "cpu", 1, 256, 4) == int(10 * 2**30 / per_token) > 2 * 16384
    monkeypatch.setattr(batching, "host_free_memory", lambda: 2**30)  # a busy laptop: the old floor
    assert batch_token_budget(None, bart, "cpu", 1, 256, 4) == 16384
    monkeypatch.setattr(batching, "host_free_memory", lambda: None)  # not Linux
    assert batch_token_budget(None, bart, "cpu") == 16384
    monkeypatch.setattr(batching, "host_free_memory", lambda: 20 * 2**30)
    tiny = _summarizer(tiny_model_dir("bart")).engine  # the engine sizes its batches from the host's memory
    assert tiny.batch_tokens() == batch_token_budget(None, tiny.model.config, "cpu", tiny.gen.num_beams,
                                                     tiny.gen.max_new_tokens, 4) > 16384


def test_host_free_memory_reads_the_kernel_and_the_cgroup_limit(tmp_path):
    from summarize.host import host_free_memory

    (tmp_path / "meminfo").write_text("MemTotal:       32000000 kB\nMemAvailable:   20000000 kB\n")
    assert host_free_memory(str(tmp_path / "meminfo"), str(tmp_path)) == 20000000 * 1024
    (tmp_path / "memory.max").write_text("max\n")  # a cgroup without a limit
    assert host_free_memory(str(tmp_path / "meminfo"), str(tmp_path)) == 20000000 * 1024
    (tmp_path / "memory.max").write_text(f"{8 * 2**30}\n")  # a container's 8 GiB, 6 GiB of it in use
    (tmp_path / "memory.current").write_text(f"{6 * 2**30}\n")
    assert host_free_memory(str(tmp_path / "meminfo"), str(tmp_path)) == 2 * 2**30
    assert host_free_memory(str(tmp_path / "none"), str(tmp_path / "none")) is None


def test_pipeline_sends_a_window_of_clusters_to_the_engine_at_once(tiny_model_dir, batch_file, tmp_path):
    s = _summarizer(tiny_model_dir("bart"), "generation.window=5")
    calls = []
    inner = s.engine.generate_ids
    s.engine.generate_ids = lambda inputs: calls.append(len(inputs)) or inner(inputs)
    from summarize.io import load_clusters
    from summarize.pipeline import summarize_clusters

    out = list(summarize_clusters(load_clusters([str(batch_file)]), s.config, summarizer=s, skip_empty=True))
    assert calls == [5, 5, 2]  # the old path made 12 calls of 1
    assert [x.cluster_id for x in out] == [f"c{i:02d}" for i in range(12)]
    assert all(x.sentences and all(sent.sources for sent in x.sentences) for x in out)


def test_out_of_memory_halves_the_batch_and_retries(tiny_model_dir, batch_file):
    import torch

    s = _summarizer(tiny_model_dir("bart"))
    from summarize.io import load_clusters

    inputs = s.encode([" ".join(a.text for a in c.articles) for c in load_clusters([str(batch_file)])])
    expected = s.engine.generate_ids(inputs)
    real, sizes = s.engine._generate, []

    def fake(rows):  # a device allocator that cannot hold more than 3 inputs at once
        sizes.append(len(rows))
        if len(rows) > 3:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 8.00 GiB")
        return real(rows)

    s.engine._generate = fake
    with pytest.warns(SummarizeWarning, match="ran out of device memory; retrying as batches of"):
        assert s.engine.generate_ids(inputs) == expected
    assert sizes[0] == 12 and max(sizes[1:]) <= 6 and s.engine.splits >= 2


def test_other_errors_are_not_mistaken_for_out_of_memory(tiny_model_dir):
    s = _summarizer(tiny_model_dir("bart"))
    s.engine._generate = lambda rows: (_ for _ in ()).throw(RuntimeError("shape mismatch"))
    with pytest.raises(RuntimeError, match="shape mismatch"):
        s.engine.generate_ids([[1, 2, 3], [1, 2]])


def test_sampling_is_seeded(tiny_model_dir):
    sample = ["generation.do_sample=true", "generation.top_k=0", "generation.temperature=2.0"]
    inputs = [[0, 5, 6, 7, 8, 9, 2], [0, 11, 12, 2]]
    a = _summarizer(tiny_model_dir("bart"), *sample, "generation.seed=1").engine.generate_ids(inputs)
    b = _summarizer(tiny_model_dir("bart"), *sample, "generation.seed=1").engine.generate_ids(inputs)
    c = _summarizer(tiny_model_dir("bart"), *sample, "generation.seed=2").engine.generate_ids(inputs)
    assert a == b and a != c


class Interrupt(KeyboardInterrupt):
    pass


def test_kill_and_resume_a_multi_batch_run(tiny_model_dir, batch_file, tmp_path):
    cfg = load_config(overrides=[f"model={tiny_model_dir('bart')}", *TINY, "generation.window=4"])
    whole = tmp_path / "whole.jsonl"
    run([str(batch_file)], cfg, output=whole)
    out = tmp_path / "resumed.jsonl"

    def stop_after_five(done, total):  # progress moves inside a window too: stop at the first report past 4
        if done >= 5:
            raise Interrupt

    with pytest.raises(Interrupt):
        run([str(batch_file)], cfg, output=out, progress=stop_after_five)
    partial = out.with_name(out.name + ".partial")
    kept = len(partial.read_text().splitlines())
    assert not out.exists() and 4 <= kept < 12
    # a different config must not be mixed into the same file
    other = load_config(overrides=[f"model={tiny_model_dir('bart')}", *TINY, "generation.window=4",
                                   "generation.max_new_tokens=12"])
    with pytest.raises(ConfigError, match=rf"made with config {cfg.hash()}, but this run's config is {other.hash()}.*--restart"):
        run([str(batch_file)], other, output=out)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summaries, _ = run([str(batch_file)], cfg, output=out)
    assert any(f"resuming, {kept} of 12 clusters already done" in str(w.message) for w in caught)
    assert len(summaries) == 12 - kept  # only the rest was generated
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids == [f"c{i:02d}" for i in range(12)]
    assert out.read_bytes() == whole.read_bytes() and not partial.exists()


def test_restart_discards_another_configs_partial(tiny_model_dir, batch_file, tmp_path):
    cfg = load_config(overrides=[f"model={tiny_model_dir('bart')}", *TINY, "generation.window=4"])
    out = tmp_path / "out.jsonl"
    partial = out.with_name(out.name + ".partial")
    partial.write_text(json.dumps({"id": "c00", "config_hash": "0123456789ab", "summary": "old"}) + "\n")
    res = CliRunner().invoke(app, ["run", str(batch_file), "-o", str(out), "-q", "--set", f"model={tiny_model_dir('bart')}",
                                   *sum((["--set", x] for x in TINY), [])])
    assert res.exit_code == 2 and "0123456789ab" in res.output and "--restart" in res.output
    run([str(batch_file)], cfg, output=out, restart=True)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 12 and {r["config_hash"] for r in rows} == {cfg.hash()}


def test_a_checkpoint_retrained_or_downloaded_at_the_same_path_is_not_taken_as_done(tiny_model_dir, batch_file,
                                                                                      tmp_path):
    """Rows were matched by config alone, and ``model=PATH`` is the same config whatever PATH holds: after
    retraining into the same folder (``summarize train`` rewrites OUTPUT/best), or after a first run had fallen
    back because the folder did not exist yet, a re-run said "nothing was redone" over the old model's rows.
    Rows now keep ``model_hash``; another checkpoint redoes a finished batch and refuses an unfinished one."""
    import shutil

    import torch
    from transformers import AutoModelForSeq2SeqLM

    model_dir, out = tmp_path / "best", tmp_path / "out.jsonl"
    sets = sum((["--set", x] for x in [f"model={model_dir}", "fallback=extractive", *TINY]), [])
    args = ["run", str(batch_file), "-o", str(out), "-q", *sets]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = CliRunner().invoke(app, args)  # no checkpoint there yet: the extractive fallback
        assert res.exit_code == 0, res.output
        assert {json.loads(line)["method"] for line in out.read_text().splitlines()} == {"extractive-fallback"}
        shutil.copytree(tiny_model_dir("bart"), model_dir)  # the checkpoint arrives
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0 and "already holds" not in res.output, res.output
        assert "12 of its summaries were made without the model (it could not be loaded then)" in res.output
        first = [json.loads(line) for line in out.read_text().splitlines()]
        assert {r["method"] for r in first} == {"abstractive"} and len({r["model_hash"] for r in first}) == 1
        assert "already holds" in CliRunner().invoke(app, args).output  # the same checkpoint: nothing to redo
        model = AutoModelForSeq2SeqLM.from_pretrained(model_dir)
        with torch.no_grad():
            for p in model.parameters():
                p.add_(0.05 * torch.randn_like(p))
        model.save_pretrained(model_dir)  # retrained in place: the same files, the same sizes
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0 and "already holds" not in res.output, res.output
        assert "were made by another checkpoint of the model; they are redone" in res.output
        again = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["model_hash"] for r in again} != {r["model_hash"] for r in first}
    assert [r["summary"] for r in again] != [r["summary"] for r in first]
    partial = out.with_name(out.name + ".partial")  # an interrupted run of the checkpoint before
    partial.write_text("".join(json.dumps(r) + "\n" for r in first[:3]))
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 2 and "by another checkpoint of" in res.output and first[0]["model_hash"] in res.output
    assert "discard its 3 finished rows" in res.output


def test_a_model_given_in_code_is_known_by_its_weights(tiny_model_dir, batch_file, tmp_path):
    """A notebook passes the model object (``run(..., model=, tokenizer=)``) and the config names none of its
    own: two different fine-tuned models written to one output had the same config, and the second run said
    "nothing was redone". Rows of a model given in code carry its weights' fingerprint."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    path = tiny_model_dir("bart")
    cfg = load_config(overrides=[*TINY])  # the default model name, not downloaded here: the objects are used
    tokenizer, out = AutoTokenizer.from_pretrained(path), tmp_path / "out.jsonl"
    first = AutoModelForSeq2SeqLM.from_pretrained(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run([str(batch_file)], cfg, output=out, model=first, tokenizer=tokenizer)
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        run([str(batch_file)], cfg, output=out, model=first, tokenizer=tokenizer)  # the same weights: done
        assert any("already holds" in str(w.message) for w in caught)
        second = AutoModelForSeq2SeqLM.from_pretrained(path)
        with torch.no_grad():
            for p in second.parameters():
                p.add_(0.05 * torch.randn_like(p))
        caught.clear()
        run([str(batch_file)], cfg, output=out, model=second, tokenizer=tokenizer)
    assert not any("already holds" in str(w.message) for w in caught)
    assert any("made by another checkpoint of the model; they are redone" in str(w.message) for w in caught)
    again = [json.loads(line) for line in out.read_text().splitlines()]
    assert len({r["model_hash"] for r in rows}) == 1 and rows[0]["model_hash"] != again[0]["model_hash"]


def test_two_processes_write_byte_identical_output_and_resume_their_shards(tiny_model_dir, batch_file, tmp_path):
    from summarize.host import cores

    sets = sum((["--set", x] for x in [f"model={tiny_model_dir('bart')}", *TINY, "generation.window=3"]), [])
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"} | {"HF_HUB_OFFLINE": "1"}

    def summarize_run(out, n):
        # each of -n 2's processes gets half the cores: one process on as many threads gives the same sums
        one_env = env | {"OMP_NUM_THREADS": str(max(1, cores() // 2))} if n == 1 else env
        proc = subprocess.run([sys.executable, "-m", "summarize.cli", "run", str(batch_file), "-o", str(out),
                               "-n", str(n), "-q", *sets], capture_output=True, text=True, env=one_env, timeout=600)
        assert proc.returncode == 0, proc.stderr
        assert "wrote 12 summaries" in proc.stderr
        return proc.stderr

    one, two = tmp_path / "n1.jsonl", tmp_path / "n2.jsonl"
    summarize_run(one, 1)
    summarize_run(two, 2)
    assert one.read_bytes() == two.read_bytes()
    assert not list(tmp_path.glob("*.shard-*"))  # shard files merged and removed
    # a killed -n 2 run: shard 0 (clusters 0, 2, 4, ...) had finished two rows
    rows = one.read_text().splitlines(keepends=True)
    (tmp_path / "again.shard-0-of-2.jsonl.partial").write_text(rows[0] + rows[2])
    stderr = summarize_run(tmp_path / "again.jsonl", 2)
    assert "resuming, 2 of 6 clusters already done" in stderr
    assert (tmp_path / "again.jsonl").read_bytes() == one.read_bytes()


@pytest.mark.parametrize("key,value,valid", [("summarizer", "foo", "abstractive, extractive, lead"),
                                             ("engine", "bar", "ctranslate2, hf"),
                                             ("abstractive.input_builder", "baz", "concat, per_doc_budget")])
def test_validate_rejects_unknown_registry_names(key, value, valid):
    res = CliRunner().invoke(app, ["validate", "--set", f"{key}={value}"])
    assert res.exit_code == 2
    assert f"{key}: unknown" in res.output and f"{value!r}" in res.output and valid in res.output


def test_fallback_goes_through_the_registry(monkeypatch):
    from summarize.pipeline import FALLBACK_METHOD, build_summarizer
    from summarize.registry import SUMMARIZERS

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    built = []
    original = SUMMARIZERS.get("extractive").from_config
    monkeypatch.setattr(SUMMARIZERS.get("extractive"), "from_config",
                        classmethod(lambda cls, config, **kw: built.append(kw) or original(config, **kw)))
    with pytest.warns(SummarizeWarning, match="EXTRACTIVE"):
        s = build_summarizer(load_config(overrides=["model=nobody/not-cached", "fallback=extractive"]))
    assert s.method == FALLBACK_METHOD and "not in the local cache" in built[0]["fallback_reason"]


def test_ctranslate2_conversion_is_cached_by_checkpoint_content(tiny_model_dir, tmp_path):
    pytest.importorskip("ctranslate2")
    import shutil

    from summarize.generation.ct2_convert import checkpoint_hash

    src = tmp_path / "ckpt"
    shutil.copytree(tiny_model_dir("bart"), src)
    cache = tmp_path / "ct2"
    opts = [f"model={src}", "engine=ctranslate2", f"ctranslate2.cache_dir={cache}", "ctranslate2.quantization=int8"]
    first = _summarizer(src, *opts).engine.model_dir
    stamp = (first / "model.bin").stat().st_mtime_ns
    assert _summarizer(src, *opts).engine.model_dir == first and (first / "model.bin").stat().st_mtime_ns == stamp
    assert first.name == f"{checkpoint_hash(src)[:20]}-int8"
    config = json.loads((src / "config.json").read_text())  # the same path, another checkpoint
    (src / "config.json").write_text(json.dumps({**config, "dropout": 0.3}))
    assert _summarizer(src, *opts).engine.model_dir != first
    assert _summarizer(src, *opts[:-1], "ctranslate2.quantization=float32").engine.model_dir.name.endswith("-float32")


def test_a_ctranslate2_engine_leaves_torch_threads_alone(tiny_model_dir, tmp_path):
    """28.1: building the engine set the whole process to one torch thread (its translator's intra_threads=1),
    so everything else in the process (the hf engine, embeddings, benchmarks' other systems) ran on one core."""
    pytest.importorskip("ctranslate2")
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(3)
    try:
        src = tiny_model_dir("bart")
        summarizer = _summarizer(src, f"model={src}", "engine=ctranslate2", f"ctranslate2.cache_dir={tmp_path}",
                                 "ctranslate2.quantization=int8")
        assert torch.get_num_threads() == 3
        summarizer.engine.generate_ids(summarizer.encode(["Putin arrived in Pyongyang on Wednesday."]))
        assert torch.get_num_threads() == 3
    finally:
        torch.set_num_threads(before)


def test_progress_knows_the_total_at_once_and_moves_inside_a_window(tiny_model_dir, batch_file, tmp_path):
    """29.2: the bar showed 'summarizing 0/?' for the whole run and jumped to the end: a batch of 64 or fewer
    clusters is one window, whose summaries all arrive at its end."""
    from summarize.pipeline import run

    config = load_config(overrides=[f"model={tiny_model_dir('bart')}", *TINY, "generation.max_batch_tokens=600"])
    for output in (None, tmp_path / "out.jsonl"):  # printed, and a resumable batch
        seen = []
        run([str(batch_file)], config, output=output, progress=lambda done, total: seen.append((done, total)))
        assert seen[0] == (0, 12) and seen[-1] == (12, 12)
        assert {t for _, t in seen} == {12} and [d for d, _ in seen] == sorted(d for d, _ in seen)
        inside = [d for d, _ in seen if 0 < d < 12]
        assert len(set(inside)) >= 3, seen  # the engine's batches move it before the window is written


def test_a_missing_cuda_library_is_named_with_the_ways_out(tiny_model_dir, tmp_path, monkeypatch):
    """25.3: CTranslate2's CUDA 12 wheel on a CUDA 13 machine failed with a bare RuntimeError ("Library
    libcublas.so.12 is not found or cannot be loaded") at the first batch; it is now an error naming the
    library, its CUDA version, the wheel that provides it and `engine=hf`."""
    pytest.importorskip("ctranslate2")
    from summarize.errors import MissingDependencyError

    src = tiny_model_dir("bart")
    summarizer = _summarizer(src, f"model={src}", "engine=ctranslate2", f"ctranslate2.cache_dir={tmp_path}",
                             "ctranslate2.quantization=int8")

    def no_cublas(*_, **__):  # what CTranslate2 raises where CUDA 12's cuBLAS is absent
        raise RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")

    monkeypatch.setattr(summarizer.engine, "translator", type("T", (), {"translate_batch": staticmethod(no_cublas)})())
    with pytest.raises(MissingDependencyError, match=r"needs libcublas\.so\.12 \(the CUDA 12 runtime") as err:
        summarizer.engine.generate_ids(summarizer.encode(["Putin arrived in Pyongyang on Wednesday."]))
    assert "pip install nvidia-cublas-cu12" in str(err.value) and "--set engine=hf" in str(err.value)


@pytest.mark.parametrize("family", ["bart", "t5", "led"])
def test_a_cpu_encodes_each_input_alone_and_decodes_them_in_one_batch(tiny_model_dir, family):
    """On a CPU a batch's encoder did work on every pad position (16 Multi-News inputs at the bart-base shape:
    6.6 s padded to the longest, 4.2 s one by one); the inputs are now encoded alone, then decoded together,
    to the same tokens as the batched encoder."""
    s = _summarizer(tiny_model_dir(family), "generation.max_batch_tokens=100000")
    texts = ["Putin arrived in Pyongyang on Wednesday.",
             "Putin arrived in Pyongyang on Wednesday for talks with Kim Jong Un. " * 3,
             "North Korea hosted the Russian president, who had not visited in 24 years, for two days. " * 6]
    inputs = s.encode(texts)
    assert len({len(x) for x in inputs}) == 3
    engine, shapes, generate_calls = s.engine, [], []
    hook = engine.model.get_encoder().register_forward_pre_hook(
        lambda module, args, kwargs: shapes.append(tuple(kwargs["input_ids"].shape)), with_kwargs=True)
    generate = engine.model.generate
    engine.model.generate = lambda **kw: generate_calls.append(1) or generate(**kw)
    try:
        alone = engine.generate_ids(inputs)
        assert sorted(shapes) == sorted((1, len(x)) for x in inputs) and len(generate_calls) == 1
        shapes.clear()
        engine.encode_alone = False  # the whole padded batch through the encoder, as a GPU runs it
        assert engine.generate_ids(inputs) == alone
        assert shapes == [(3, max(map(len, inputs)))]
    finally:
        hook.remove()
        del engine.model.generate


def test_ctranslate2_on_a_cpu_runs_token_budgeted_batches_on_every_worker(tiny_model_dir, batch_file, tmp_path,
                                                                          monkeypatch):
    """CTranslate2's CPU encoder slows as its batch grows, so the engine plans batches by padded tokens (as the
    hf engine does, ``plan_batches``) and queues them at once for its workers; it used to hand CTranslate2
    every input with a count of examples per batch. Same tokens as one batch, in input order; progress
    moves batch by batch."""
    pytest.importorskip("ctranslate2")
    from summarize.progress import reporting

    monkeypatch.setenv("OMP_NUM_THREADS", "2")  # two workers
    src = tiny_model_dir("bart")
    opts = [f"model={src}", "engine=ctranslate2", f"ctranslate2.cache_dir={tmp_path}", "ctranslate2.quantization=float32"]
    rows = [json.loads(line) for line in batch_file.read_text(encoding="utf-8").splitlines()]
    texts = [" ".join(" ".join(r["documents"]).split()[: 8 + 9 * i]) for i, r in enumerate(rows)]
    whole = _summarizer(src, *opts, "generation.max_batch_tokens=100000")
    inputs = whole.encode(texts)
    expected = whole.engine.generate_ids(inputs)
    planned = _summarizer(src, *opts, "generation.max_batch_tokens=400")
    engine = planned.engine
    assert engine.workers == 2
    calls, translate = [], engine.translator.translate_batch
    monkeypatch.setattr(engine, "translator", type("T", (), {"translate_batch": staticmethod(
        lambda batch, **kw: calls.append((len(batch), max(map(len, batch)), kw)) or translate(batch, **kw))})())
    seen = []
    with reporting(seen.append):
        assert engine.generate_ids(inputs) == expected
    assert len(calls) >= 3 and sum(n for n, _, _ in calls) == len(inputs)
    assert all(n == 1 or n * longest <= 400 for n, longest, _ in calls)  # padded tokens within the budget
    assert all(kw["asynchronous"] and "max_batch_size" not in kw for _, _, kw in calls)  # queued, as planned
    assert seen == [sum(n for n, _, _ in calls[: k + 1]) for k in range(len(calls))]


def test_ctranslate2_sampling_is_seeded(tiny_model_dir, tmp_path, monkeypatch):
    """CTranslate2 seeds each worker thread's generator once, at its first draw, and its two workers take
    batches as they free up: the same seed drew other samples in a second call, or from a fresh engine."""
    pytest.importorskip("ctranslate2")
    monkeypatch.setenv("OMP_NUM_THREADS", "2")  # two workers
    src = tiny_model_dir("bart")
    opts = [f"model={src}", "engine=ctranslate2", f"ctranslate2.cache_dir={tmp_path}", "ctranslate2.quantization=float32",
            "generation.do_sample=true", "generation.top_k=0", "generation.temperature=2.0", "generation.max_batch_tokens=20"]
    inputs = [[0, *range(5, 5 + n), 2] for n in (3, 5, 7, 9, 11, 4)]
    engine = _summarizer(src, *opts, "generation.seed=1").engine
    assert engine.workers == 2
    first = engine.generate_ids(inputs)
    assert engine.generate_ids(inputs) == first
    assert _summarizer(src, *opts, "generation.seed=1").engine.generate_ids(inputs) == first
    assert _summarizer(src, *opts, "generation.seed=2").engine.generate_ids(inputs) != first


def test_ctranslate2_reads_the_whole_input_of_a_long_t5_budget(tiny_model_dir, tmp_path):
    """CTranslate2 cuts every input at 1,024 tokens unless told otherwise: a T5 run with a longer input budget
    (abstractive.max_input_tokens) read less of each cluster than the hf engine did."""
    pytest.importorskip("ctranslate2")
    src = tiny_model_dir("t5")
    opts = [f"model={src}", "abstractive.max_input_tokens=1400", "generation.max_batch_tokens=100000"]
    hf = _summarizer(src, *opts)
    ct2 = _summarizer(src, *opts, "engine=ctranslate2", f"ctranslate2.cache_dir={tmp_path}",
                      "ctranslate2.quantization=float32")
    # inputs whose last 376 tokens change the tiny model's output (hf on the first 1,023 differs)
    inputs = [[5] * 1023 + [80] * 376 + [1], [7] * 1023 + [200] * 376 + [1]]
    expected = hf.engine.generate_ids(inputs)
    assert all(a != b for a, b in zip(expected, hf.engine.generate_ids([x[:1023] + [1] for x in inputs])))
    assert ct2.engine.generate_ids(inputs) == expected


def test_ctranslate2_on_a_gpu_sizes_its_batches_from_free_memory(tiny_model_dir, tmp_path, monkeypatch):
    """On a GPU CTranslate2 took the fixed 16,384-token budget that left the hf engine running 24 PRIMERA
    inputs on an H200 in batches of 4; it now takes the hf engine's rule (half the free memory, for the
    model's shape and the quantization's activation width), read once, and 16,384 where torch cannot read
    the GPU's memory (a CPU build of torch)."""
    pytest.importorskip("ctranslate2")
    import torch

    from summarize.generation.batching import bytes_per_input_token

    src = tiny_model_dir("bart")
    opts = [f"model={src}", "engine=ctranslate2", f"ctranslate2.cache_dir={tmp_path}"]
    reads = []
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda device: reads.append(str(device)) or (40 * 2**30, 80 * 2**30))
    engine = _summarizer(src, *opts, "ctranslate2.quantization=int8").engine
    for quantization, width in (("int8_float16", 2), ("float16", 2), ("float32", 4), ("int8", 4)):
        # built on the CPU (which has no float16), planned as on a GPU
        engine.kind, engine.workers, engine.quantization, engine._budget = "cuda", 1, quantization, None
        per_token = bytes_per_input_token(engine.model_config, 1, engine.gen.max_new_tokens, width)
        assert engine.batch_tokens() == int(20 * 2**30 / per_token) > 16384
        assert engine.batch_tokens() and reads.count("cuda:0") == 1 and reads.pop() == "cuda:0"  # read once
        assert [len(b) for b in engine.plan([[5] * 1000] * 64)] == [64]  # one batch where memory allows
    assert _summarizer(src, *opts, "generation.max_batch_tokens=3000").engine.plan([[5] * 1000] * 8) == \
        [[0, 1, 2], [3, 4, 5], [6, 7]]  # a set budget, as given
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    engine = _summarizer(src, *opts).engine
    engine.kind = "cuda"
    assert engine.batch_tokens() == 16384


def test_ctranslate2_halves_a_batch_that_runs_out_of_memory(tiny_model_dir, batch_file, tmp_path, monkeypatch):
    """A memory-sized batch can still run out of a GPU's memory (CTranslate2: "CUDA failed with error out of
    memory", raised by the queued batch's result): it is halved and retried, as in the hf engine, with the
    same tokens; the run used to stop there."""
    from types import SimpleNamespace

    pytest.importorskip("ctranslate2")
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # one worker: the 12 inputs in one batch
    src = tiny_model_dir("bart")
    s = _summarizer(src, f"model={src}", "engine=ctranslate2", f"ctranslate2.cache_dir={tmp_path}",
                    "ctranslate2.quantization=float32", "generation.max_batch_tokens=100000")
    from summarize.io import load_clusters

    inputs = s.encode([" ".join(a.text for a in c.articles) for c in load_clusters([str(batch_file)])])
    expected = s.engine.generate_ids(inputs)
    real, sizes = s.engine.translate, []

    def fake(tokens, prefix, suppress, translator=None, **batching):  # a GPU that holds 3 inputs at once
        sizes.append(len(tokens))
        if len(tokens) <= 3:
            return real(tokens, prefix, suppress, translator=translator, **batching)
        error = RuntimeError("CUDA failed with error out of memory")
        if not batching.get("asynchronous"):
            raise error
        return [SimpleNamespace(result=lambda: (_ for _ in ()).throw(error))] * len(tokens)

    s.engine.translate = fake
    with pytest.warns(SummarizeWarning, match="batch of 12 ran out of device memory; retrying as batches of 6"):
        assert s.engine.generate_ids(inputs) == expected
    assert sizes == [12, 6, 3, 3, 6, 3, 3] and s.engine.splits == 3
    s.engine.translate = lambda *a, **k: [SimpleNamespace(result=lambda: (_ for _ in ()).throw(RuntimeError("bad")))]
    with pytest.raises(RuntimeError, match="bad"):  # other errors are not retried
        s.engine.generate_ids(inputs[:1])


def test_a_generated_summary_reads_without_the_multinews_dash_and_closing_teaser(tiny_model_dir):
    """Multi-News writes every reference summary as "– Russian President ...", and 54 of the 250 shared ones
    close with another story's teaser or a pointer in parentheses ("(See the video here.)"); a model
    fine-tuned on them (PRIMERA-multinews, the default) writes its summaries so. The sentences of a generated
    summary open without a dash or bullet (a minus sign stays: the doctest of
    ``text.fragments.without_list_mark``; this tiny tokenizer decodes "-5" as "- 5"), and a sentence wholly
    in parentheses is left out."""
    s = _summarizer(tiny_model_dir("bart"))
    text = "– Putin arrived in Pyongyang on Wednesday. The low there was 5 degrees. – Kim met him."
    ids = s.tokenizer(text, add_special_tokens=False)["input_ids"]
    s.engine.generate_ids = lambda inputs: [ids for _ in inputs]
    from summarize.types import Article, Cluster

    draft = s.draft_batch([Cluster("c", [Article("a", "Putin arrived in Pyongyang. Kim met him there.")])])[0]
    assert draft.sentences == ["Putin arrived in Pyongyang on Wednesday.", "The low there was 5 degrees.",
                               "Kim met him."], draft.sentences
    from summarize.summarizers.abstractive import sentences  # what the tiny tokenizer cannot spell: parentheses

    assert sentences(text + " (Doctors are puzzled by a boy who is never hungry.)") == draft.sentences
    assert sentences("Kim met him (in Pyongyang). (See the video here.) Putin left.") == [
        "Kim met him (in Pyongyang).", "Putin left."]
