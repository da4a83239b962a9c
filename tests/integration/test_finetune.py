"""training/finetune.py on tiny models built from configs: it learns, saves a model `summarize run` loads,
and an interrupted run resumes to exactly the weights of an uninterrupted one."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from summarize.checkpoints import STATE_FILE
from summarize.config.train import load_train_config
from summarize.errors import ConfigError, InputError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def finetune():
    spec = importlib.util.spec_from_file_location("finetune", ROOT / "training" / "finetune.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["finetune"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data(tmp_path_factory, example_dir):
    """Six examples in the shared schema made from the example articles (two documents each)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("0*.txt"))]
    rows = []
    for i in range(6):
        docs = [" ".join(texts[(i + k) % 5].split()[:60]) for k in range(2)]
        rows.append({"id": f"ex{i}", "documents": docs, "summary": " ".join(docs[0].split()[:12])})
    out = tmp_path_factory.mktemp("finetune-data")
    (out / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[:4]))
    (out / "val.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[4:]))
    return out


def _config(model_dir, data, out, *overrides):
    return load_train_config(overrides=[
        f"model={model_dir}", f"train_file={data / 'train.jsonl'}", f"validation_file={data / 'val.jsonl'}",
        f"output_dir={out}", "batch_size=2", "log_every=2", "save_every=100", "eval_every=100",
        "generation={num_beams: 1, max_new_tokens: 12}", *overrides,
    ])


def _metrics(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]


def test_finetuning_lowers_the_loss_and_saves_a_model_summarize_run_loads(finetune, tiny_model_dir, data, tmp_path,
                                                                            example_dir):
    from typer.testing import CliRunner

    from summarize.cli import app

    out = tmp_path / "run"
    recipe = finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, out, "max_steps=16", "learning_rate=0.01"))
    final = recipe.setup().train()
    losses = [m["loss"] for m in _metrics(out) if "loss" in m]
    assert len(losses) == 8 and losses[-1] < losses[0] - 1.0, losses  # it fits the four examples
    rouge = [m for m in _metrics(out) if "validation_rouge1" in m]
    assert [m["step"] for m in rouge] == [16] and 0.0 <= rouge[0]["validation_rougeLsum"] <= 1.0
    assert (final / "config.json").is_file() and (final / "tokenizer.json").is_file()
    assert not list(out.glob("*.tmp")) and not list((out / "checkpoints").glob("*.tmp"))
    summary = tmp_path / "summary.jsonl"
    res = CliRunner().invoke(app, ["run", str(example_dir), "-o", str(summary), "--set", f"model={final}",
                                   "--set", "generation.num_beams=1", "--set", "generation.max_new_tokens=12"])
    assert res.exit_code == 0, res.output
    written = json.loads(summary.read_text().splitlines()[0])
    assert (written["method"], written["model"]) == ("abstractive", str(final)) and "fallback_reason" not in written


def test_an_interrupted_run_resumes_to_exactly_the_same_weights(finetune, tiny_model_dir, data, tmp_path):
    from safetensors.torch import load_file

    class Interrupted(Exception):
        pass

    class CrashAfterStep3(finetune.FinetuneRecipe):
        def save_checkpoint(self):
            path = super().save_checkpoint()
            if self.step == 3:
                raise Interrupted(path)
            return path

    # dropout is on, gradients accumulate over 2 batches, and step 3 ends in the middle of an epoch
    args = ("max_steps=8", "batch_size=1", "grad_accum=2", "save_every=3", "keep_checkpoints=1", "learning_rate=0.003")
    model = tiny_model_dir("bart")
    whole = finetune.FinetuneRecipe(_config(model, data, tmp_path / "whole", *args)).setup().train()
    with pytest.raises(Interrupted):
        CrashAfterStep3(_config(model, data, tmp_path / "cut", *args)).setup().train()
    half = tmp_path / "cut" / "checkpoints" / "step-0000006.tmp"  # a half-written checkpoint is never resumed,
    half.mkdir()  # not even once its state file is there (the rename had not happened)
    (half / STATE_FILE).write_text(json.dumps({"step": 6, "epoch": 1, "batch_in_epoch": 0}))
    resumed = finetune.FinetuneRecipe(_config(model, data, tmp_path / "cut", *args, "resume=latest")).setup()
    assert (resumed.step, resumed.epoch, resumed.batch_in_epoch) == (3, 1, 2)
    again = resumed.train()
    a, b = load_file(whole / "model.safetensors"), load_file(again / "model.safetensors")
    assert a.keys() == b.keys() and all((a[k] == b[k]).all() for k in a)
    timeless = [[{k: v for k, v in m.items() if k != "seconds"} for m in _metrics(tmp_path / run)]
                for run in ("whole", "cut")]
    assert timeless[0] == timeless[1] and [m["step"] for m in timeless[0]] == [2, 3, 4, 6, 8, 8]
    assert [p.name for p in (tmp_path / "cut" / "checkpoints").glob("step-*[0-9]")] == ["step-0000006"]


def test_summarize_train_runs_the_recipe_and_launches_through_accelerate(tiny_model_dir, data, tmp_path,
                                                                        monkeypatch):
    """`summarize train FILE` checks the config, then runs training/finetune.py in this process; with
    --num-processes/--accelerate-config it builds the `accelerate launch` command (shown by --dry-run)."""
    import yaml
    from typer.testing import CliRunner

    from summarize.cli import app

    out = tmp_path / "run"
    config = tmp_path / "tiny.yaml"
    config.write_text(yaml.safe_dump({
        "model": str(tiny_model_dir("bart")), "train_file": str(data / "train.jsonl"), "validation_file": None,
        "output_dir": str(out), "batch_size": 2, "max_steps": 4, "log_every": 2, "save_every": 2,
        "best_metric": None, "load": {"documents_field": "documents"}}))
    runner = CliRunner()
    res = runner.invoke(app, ["train", str(config), "--set", "learning_rate=0.003"])
    assert res.exit_code == 0, res.output
    assert "trained 4 steps" in res.output and f"running: {sys.executable} " in res.output
    assert (out / "final" / "model.safetensors").is_file()
    assert [m["step"] for m in _metrics(out)] == [2, 4]  # a loss line every log_every steps
    state = json.loads((out / "checkpoints" / "step-0000004" / "recipe_state.json").read_text())
    assert state["config"]["learning_rate"] == 0.003  # the override reached the recipe

    accel = ROOT / "configs" / "accelerate" / "multi-gpu-bf16.yaml"
    res = runner.invoke(app, ["train", str(config), "-n", "2", "--accelerate-config", str(accel), "--dry-run",
                              "--set", "max_steps=9", "--set", "resume=latest"])  # output_dir holds the run above
    assert res.exit_code == 0, res.output
    shown = res.output.split("would run: ", 1)[1].split()
    recipe = str(ROOT / "training" / "finetune.py")
    assert shown == [sys.executable, "-m", "accelerate.commands.launch", "--config_file", str(accel),
                     "--num_processes", "2", recipe, "--config", str(config), "--set", "max_steps=9",
                     "--set", "resume=latest"]
    res = runner.invoke(app, ["train", str(config), "-n", "2", "--dry-run", "--set", "overwrite=true"],
                        env={"ACCELERATE_USE_CPU": "true"})  # no config: a data-parallel launch (CPU processes here)
    assert res.output.split("would run: ", 1)[1].split()[3:6] == ["--multi_gpu", "--num_processes", "2"]
    assert not (tmp_path / "run" / "checkpoints" / "step-0000009").exists()
    launched = []  # the launch itself: on a CPU each process gets its share of the cores (accelerate gives 1)
    monkeypatch.setattr(subprocess, "call", lambda cmd, env=None: launched.append(env) or 0)
    monkeypatch.setattr("summarize.host.cores", lambda: 8)
    res = runner.invoke(app, ["train", str(config), "-n", "2", "--set", "overwrite=true"],
                        env={"ACCELERATE_USE_CPU": "true", "OMP_NUM_THREADS": None})
    assert res.exit_code == 0, res.output
    assert launched[0]["OMP_NUM_THREADS"] == "4" and launched[0]["ACCELERATE_USE_CPU"] == "true"

    res = runner.invoke(app, ["train", str(config), "--set", "batch_size=0"])  # checked before anything starts
    assert res.exit_code == 2 and "batch_size" in res.output and "running:" not in res.output
    res = runner.invoke(app, ["train", str(config), "--accelerate-config", str(tmp_path / "none.yaml")])
    assert res.exit_code == 2 and "accelerate config not found" in res.output and "none.yaml" in res.output


@pytest.mark.parametrize("family", ["t5", "pegasus", "led"])
def test_other_families_train_through_the_same_recipe(finetune, tiny_model_dir, data, tmp_path, family):
    out = tmp_path / family
    final = finetune.FinetuneRecipe(_config(tiny_model_dir(family), data, out, "max_steps=2")).setup().train()
    losses = [m["loss"] for m in _metrics(out) if "loss" in m]
    assert len(losses) == 1 and 0 < losses[0] < 20 and (final / "model.safetensors").is_file()


def test_bad_training_input_names_the_file_or_field(finetune, tiny_model_dir, data, tmp_path):
    bad = tmp_path / "no_summary.jsonl"
    bad.write_text(json.dumps({"id": "x", "documents": ["Putin visited Pyongyang on Wednesday for talks."]}) + "\n")
    cfg = _config(tiny_model_dir("bart"), data, tmp_path / "r", f"train_file={bad}")
    with pytest.raises(InputError, match=r"no_summary.jsonl: example x has no reference summary \(field 'summary'\)"):
        finetune.FinetuneRecipe(cfg).setup()
    with pytest.raises(ConfigError, match="resume=latest: no complete checkpoint"):
        finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, tmp_path / "r", "resume=latest")).setup()
    with pytest.raises(ConfigError, match="model is not set"):
        finetune.FinetuneRecipe(load_train_config(overrides=[f"train_file={bad}"])).setup()
    assert finetune.main(["--config", str(ROOT / "configs/train/bart-base/multinews.yaml"), "--set", "batch_size=0"]) == 2


def test_two_processes_share_the_work_and_resume_exactly(tiny_model_dir, data, tmp_path):
    """Data-parallel on CPU (`summarize train -n 2`: accelerate launch, gloo): one log, per-rank RNG states, and a run resumed from the
    step-4 checkpoint into another folder ends with the same weights."""
    import os
    import subprocess

    from safetensors.torch import load_file

    def launch(out, *extra):  # `summarize train -n 2`: accelerate launch --multi_gpu, CPU processes here
        cmd = [sys.executable, "-m", "summarize.cli", "train", str(ROOT / "configs/train/bart-base/multinews.yaml"),
               "--num-processes", "2"]
        sets = [f"model={tiny_model_dir('bart')}", f"train_file={data / 'train.jsonl'}", "validation_file=null",
                f"output_dir={out}", "load.documents_field=documents", "best_metric=null", "batch_size=1", "grad_accum=1",
                "max_steps=8", "save_every=4", "log_every=2", "learning_rate=0.003", "warmup_steps=0",
                "abstractive.max_input_tokens=128", *extra]
        env = {**os.environ, "ACCELERATE_USE_CPU": "true", "OMP_NUM_THREADS": "1"}
        res = subprocess.run(cmd + [x for s in sets for x in ("--set", s)], capture_output=True, text=True,
                             env=env, timeout=300)
        assert res.returncode == 0, res.stderr[-3000:]
        assert res.stdout.count("trained 8 steps") == 1  # only the main process reports
        return out

    whole = launch(tmp_path / "whole")
    assert [m["step"] for m in _metrics(whole)] == [2, 4, 6, 8]  # one line per step, not one per process
    step4 = whole / "checkpoints" / "step-0000004"
    assert (step4 / "random_states_0.pkl").is_file() and (step4 / "random_states_1.pkl").is_file()
    resumed = launch(tmp_path / "resumed", f"resume={step4}")
    a, b = load_file(whole / "final" / "model.safetensors"), load_file(resumed / "final" / "model.safetensors")
    assert all((a[k] == b[k]).all() for k in a)


def test_label_smoothing_and_gradient_checkpointing(finetune, tiny_model_dir, data, tmp_path):
    import torch
    from safetensors.torch import load_file

    model = tiny_model_dir("bart")
    plain = finetune.FinetuneRecipe(_config(model, data, tmp_path / "a", "max_steps=1")).setup()
    smooth = finetune.FinetuneRecipe(_config(model, data, tmp_path / "b", "max_steps=1", "label_smoothing=0.1")).setup()
    batch = next(iter(plain.loader))
    plain.model.eval()
    smooth.model.eval()
    with torch.no_grad():
        assert torch.allclose(plain.loss(batch), plain.model(**batch).loss)
        logp = smooth.model(**batch).logits.log_softmax(-1)
        mask = batch["labels"] != -100
        nll = -logp.gather(-1, batch["labels"].clamp(min=0)[..., None])[..., 0][mask].mean()
        expected = 0.9 * nll + 0.1 * (-logp.mean(-1))[mask].mean()
        assert torch.allclose(smooth.loss(batch), expected, atol=1e-5)
        # smoothing moved the loss by more than float noise (near-uniform random logits keep the move small)
        assert abs(float(smooth.loss(batch) - nll)) > 1e-6
    # checkpointing recomputes activations (dropout included) and changes no number
    finals = []
    for name, checkpointing in (("c0", False), ("c1", True)):  # each seeded in setup, then trained
        recipe = finetune.FinetuneRecipe(_config(model, data, tmp_path / name, "max_steps=4",
                                                 f"gradient_checkpointing={str(checkpointing).lower()}")).setup()
        assert recipe.model.is_gradient_checkpointing == checkpointing
        final = recipe.train()
        assert json.loads((final / "config.json").read_text()).get("use_cache", True)  # inference keeps its cache
        finals.append(load_file(final / "model.safetensors"))
    a, b = finals
    assert all(torch.allclose(a[k], b[k], atol=1e-6) for k in a)


def test_the_best_validation_model_is_kept_and_remembered_across_a_resume(finetune, tiny_model_dir, data, tmp_path):
    from summarize.summarizers.abstractive import load_model

    out = tmp_path / "run"
    args = ("max_steps=8", "eval_every=2", "save_every=4", "learning_rate=0.01", "best_metric=validation_rougeLsum")
    finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, out, *args)).setup().train()
    scored = [m for m in _metrics(out) if "validation_rougeLsum" in m]
    assert [m["step"] for m in scored] == [2, 4, 6, 8]
    # the metrics the recipe scores are the values best_metric allows (one declaration, the config's type)
    from summarize.config.schema import choices
    from summarize.config.train import TrainConfig

    allowed = choices(typing.get_type_hints(TrainConfig)["best_metric"])
    assert {k for k in scored[0] if k != "step"} == set(allowed) - {None}
    top = max(scored, key=lambda m: m["validation_rougeLsum"])  # the first of equals: only a rise replaces it
    best = json.loads((out / "best" / "best.json").read_text())
    assert best == top and load_model(str(out / "best"))[0] is not None
    state = json.loads((out / "checkpoints" / "step-0000008" / "recipe_state.json").read_text())
    assert state["best"] == top["validation_rougeLsum"]
    resumed = finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, out, *args,
                                              f"resume={out / 'checkpoints' / 'step-0000004'}")).setup()
    assert resumed.best == max(m["validation_rougeLsum"] for m in scored if m["step"] <= 4)
    with pytest.raises(ConfigError, match="best_metric must be validation_rouge1|.*got 'bleu'"):
        load_train_config(overrides=["best_metric=bleu"])
    with pytest.raises(ConfigError, match="best_metric must be"):
        TrainConfig(best_metric="bleu")  # built in code, not from YAML
    with pytest.raises(ConfigError, match="best_metric needs a validation_file"):
        finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, out, "validation_file=null",
                                        "best_metric=validation_rouge1")).setup()


def test_resume_refuses_other_settings_and_passes_over_damaged_checkpoints(finetune, tiny_model_dir, data, tmp_path):
    """19.7: resuming with another batch size or learning rate was accepted silently; a corrupt newest
    checkpoint gave a traceback; a replaced RNG state file was used silently."""
    from summarize.errors import SummarizeWarning

    args = ("batch_size=1", "save_every=2", "keep_checkpoints=2", "learning_rate=0.003")
    model, out = tiny_model_dir("bart"), tmp_path / "run"
    finetune.FinetuneRecipe(_config(model, data, out, "max_steps=4", *args)).setup().train()
    first, newest = sorted((out / "checkpoints").glob("step-*"))
    with pytest.raises(ConfigError, match=r"trained with other settings \(batch_size: 1 in the checkpoint, 2 now; "
                                          r"learning_rate: 0.003 in the checkpoint, 0.01 now\)"):
        finetune.FinetuneRecipe(_config(model, data, out, "max_steps=6", *args, "batch_size=2",
                                        "learning_rate=0.01", "resume=latest")).setup()
    weights = next(newest.glob("*.safetensors"))
    weights.write_bytes(weights.read_bytes()[:200])  # a crash mid-write, a bad disk
    with pytest.warns(SummarizeWarning, match=rf"{newest.name} is damaged \({weights.name} differs from its checksum\)"):
        resumed = finetune.FinetuneRecipe(_config(model, data, out, "max_steps=6", *args, "resume=latest")).setup()
    assert resumed.step == 2  # the checkpoint before it
    rng = next(first.glob("random_states*.pkl"))
    rng.write_bytes(rng.read_bytes()[::-1])
    with pytest.raises(ConfigError, match=rf"checkpoint {first} is damaged \({rng.name} differs from its checksum\)"):
        finetune.FinetuneRecipe(_config(model, data, out, "max_steps=6", *args, f"resume={first}")).setup()


def test_feature_cache_key_follows_the_tokenizer_not_its_path(tiny_tokenizer_dir, tmp_path):
    """19.7: a swapped tokenizer at the same path reused the stale feature cache (training on the old ids)."""
    import shutil

    from transformers import AutoTokenizer

    from summarize.train_data import InputEncoder

    path = tmp_path / "tok"
    shutil.copytree(tiny_tokenizer_dir, path)
    cfg = load_train_config(overrides=["model=x", "train_file=t.jsonl"])

    def key():
        return InputEncoder(AutoTokenizer.from_pretrained(path), cfg, 256, " ||||| ", "").key("t.jsonl")

    first = key()
    assert key() == first  # the same tokenizer, loaded again
    spec = json.loads((path / "tokenizer.json").read_text())
    vocab = spec["model"]["vocab"]
    a, b = sorted(vocab, key=vocab.get)[100:102]
    vocab[a], vocab[b] = vocab[b], vocab[a]  # same path, same size, other ids
    (path / "tokenizer.json").write_text(json.dumps(spec))
    assert len(AutoTokenizer.from_pretrained(path)) == len(AutoTokenizer.from_pretrained(tiny_tokenizer_dir))
    assert key() != first


def test_every_optimizer_implementation_trains_to_the_same_weights(finetune, tiny_model_dir, data, tmp_path):
    """optimizer=adamw_fused (the default, one kernel), adamw_foreach and adamw compute one AdamW update."""
    import torch
    from safetensors.torch import load_file

    assert load_train_config().optimizer == "adamw_fused"
    model, finals, losses = tiny_model_dir("bart"), [], []
    for name in ("adamw_fused", "adamw_foreach", "adamw"):
        recipe = finetune.FinetuneRecipe(_config(model, data, tmp_path / name, "max_steps=6", "learning_rate=0.003",
                                                 f"optimizer={name}")).setup()
        assert bool(recipe.optimizer.optimizer.defaults.get("fused")) == (name == "adamw_fused")
        finals.append(load_file(recipe.train() / "model.safetensors"))
        losses.append([m["loss"] for m in _metrics(tmp_path / name) if "loss" in m])
    assert losses[0][-1] < losses[0][0]
    for other, other_losses in zip(finals[1:], losses[1:]):
        assert all(torch.allclose(finals[0][k], other[k], atol=1e-5) for k in other)
        assert other_losses == pytest.approx(losses[0], abs=1e-4)
    with pytest.raises(ConfigError, match="optimizer must be adamw_fused"):
        load_train_config(overrides=["optimizer=sgd"])


def test_length_grouped_batches_train_to_the_same_loss(finetune, tiny_model_dir, data, tmp_path):
    """group_by_length changes which examples share a batch, not what is learned: on the same data the
    loss falls as far as with the seeded shuffle, and each step still holds batch_size examples."""
    model, last = tiny_model_dir("bart"), {}
    for grouped in (False, True):
        out = tmp_path / f"g{int(grouped)}"
        recipe = finetune.FinetuneRecipe(_config(model, data, out, "max_steps=16", "learning_rate=0.01",
                                                 f"group_by_length={str(grouped).lower()}")).setup()
        assert all(len(b["input_ids"]) == 2 for b in recipe.loader)
        recipe.train()
        losses = [m["loss"] for m in _metrics(out) if "loss" in m]
        assert losses[-1] < losses[0] - 1.0, losses
        last[grouped] = losses[-1]
    assert last[True] == pytest.approx(last[False], abs=0.5), last


def test_the_default_recipe_batches_examples_of_similar_length(finetune, tiny_model_dir, example_dir, tmp_path):
    """group_by_length is on by default (bench/loss_curves.py: the same loss within seed noise, fewer padded
    tokens): on inputs of mixed lengths an epoch of the default recipe pads less than the plain shuffle."""
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("0*.txt"))).split()
    rows = [{"id": f"m{i}", "documents": [" ".join(words[i * 7:i * 7 + n])], "summary": " ".join(words[:8])}
            for i, n in enumerate((8, 150, 12, 140, 20, 130, 30, 120))]
    (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    model, padded, sizes = tiny_model_dir("bart"), {}, {}
    for name, extra in (("default", []), ("plain", ["group_by_length=false"])):
        cfg = load_train_config(overrides=[f"model={model}", f"train_file={tmp_path / 'mixed.jsonl'}", "batch_size=2",
                                           f"output_dir={tmp_path / name}", "max_steps=4", *extra])
        recipe = finetune.FinetuneRecipe(cfg).setup()
        batches = list(recipe.loader)
        sizes[name] = sorted(len(b["input_ids"]) for b in batches)
        padded[name] = sum(b["input_ids"].numel() for b in batches)
        lengths = sorted((len(f["input_ids"]) for f in recipe.data.features), reverse=True)
    assert sizes["default"] == sizes["plain"] and sizes["plain"][-1] == 2  # the same examples, two a step
    assert load_train_config().group_by_length
    least = sum(2 * n for n in lengths[::2]) - (len(lengths) % 2) * lengths[-1]  # sorted pairs: the least padding
    assert padded["default"] == least < padded["plain"], (padded, least)


def test_a_metrics_line_cut_short_does_not_block_resume(finetune, tiny_model_dir, data, tmp_path):
    """26.4: kill -9 or a full disk mid-write left a torn last line in metrics.jsonl and resume=latest failed
    with a JSONDecodeError; the next line must not be glued to it either."""
    from summarize.errors import SummarizeWarning

    out, model = tmp_path / "run", tiny_model_dir("bart")
    finetune.FinetuneRecipe(_config(model, data, out, "max_steps=4", "save_every=2")).setup().train()
    metrics = out / "metrics.jsonl"
    whole = metrics.read_text()
    metrics.write_text(whole + '{"step": 5, "lo')  # the torn line
    with pytest.warns(SummarizeWarning, match="dropped a metrics line cut short"):
        resumed = finetune.FinetuneRecipe(_config(model, data, out, "max_steps=6", "save_every=2",
                                                  "resume=latest")).setup()
    assert resumed.step == 4
    resumed.train()
    steps = [m["step"] for m in _metrics(out)]  # every line parses
    assert steps[:2] == [2, 4] and steps[-1] == 6
    metrics.write_text(metrics.read_text() + '{"step": 7, "lo')
    with pytest.warns(SummarizeWarning):
        resumed.log({"step": 8, "loss": 1.0})  # appending after a torn line drops it first
    assert _metrics(out)[-1] == {"step": 8, "loss": 1.0}


def test_a_full_disk_during_a_checkpoint_removes_the_partial_folder_and_says_so(finetune, tiny_model_dir, data,
                                                                                 tmp_path):
    """26.8: a raw SafetensorError 'No space left' and a half-written step-N.tmp that kept the disk full."""
    import errno

    from summarize.errors import SummarizeError

    out, model = tmp_path / "run", tiny_model_dir("bart")
    recipe = finetune.FinetuneRecipe(_config(model, data, out, "max_steps=6", "save_every=2")).setup()
    real = recipe.acc.save_state

    def fills_the_disk(folder):
        if recipe.step == 4:
            (Path(folder) / "model.safetensors").parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / "model.safetensors").write_bytes(b"\0" * 1000)  # what was written before the disk filled
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(folder)

    recipe.acc.save_state = fills_the_disk
    with pytest.raises(SummarizeError, match=r"could not write checkpoint step-0000004 .*No space left on device.*"
                                             r"partial folder was removed and earlier checkpoints are intact"):
        recipe.train()
    assert [p.name for p in (out / "checkpoints").iterdir()] == ["step-0000002"]  # no step-0000004.tmp left
    resumed = finetune.FinetuneRecipe(_config(model, data, out, "max_steps=6", "save_every=2", "resume=latest")).setup()
    assert resumed.step == 2 and (resumed.train() / "model.safetensors").is_file()


def test_training_shows_its_progress(finetune, tiny_model_dir, data, tmp_path, capsys):
    """29.2: `summarize train` printed nothing between start and end; now each log step prints the step,
    loss and ETA (metrics.jsonl is still written)."""
    recipe = finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, tmp_path / "run", "max_steps=4",
                                             "validation_file=null"))
    recipe.setup().train()
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("step ")]
    assert [x.split()[1] for x in lines] == ["2/4", "4/4"] and all("loss " in x and "ETA " in x for x in lines)
    assert [m["step"] for m in _metrics(tmp_path / "run")] == [2, 4]


def test_the_shipped_config_trains_on_the_shared_schema_and_dry_run_reads_a_row(tiny_model_dir, data, tmp_path):
    """29.5: configs/train/bart-base/multinews.yaml (documents_field: document, for the hub's Multi-News) says
    any JSONL in the shared schema works; --dry-run passed, then the run failed ("no 'text' text field and no
    'document' list"). Its offline advice ("or use --set summarizer=extractive") suited summaries only."""
    from typer.testing import CliRunner

    from summarize.cli import app

    shipped = str(ROOT / "configs/train/bart-base/multinews.yaml")
    sets = [f"model={tiny_model_dir('bart')}", f"train_file={data / 'train.jsonl'}", "validation_file=null",
            f"output_dir={tmp_path / 'run'}", "best_metric=null", "batch_size=1", "grad_accum=1", "max_steps=1",
            "warmup_steps=0", "abstractive.max_input_tokens=64"]
    runner = CliRunner()
    res = runner.invoke(app, ["train", shipped, *[x for s in sets for x in ("--set", s)]])
    assert res.exit_code == 0 and "trained 1 steps" in res.output, res.output
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a", "text": "Putin arrived in Pyongyang on Wednesday."}) + "\n")
    res = runner.invoke(app, ["train", shipped, "--dry-run", *[x for s in sets for x in ("--set", s)],
                              "--set", f"train_file={articles}", "--set", "overwrite=true"])
    assert res.exit_code == 2 and "train_file:" in res.output and "not an example" in res.output, res.output
    res = runner.invoke(app, ["train", shipped, "--dry-run", *[x for s in sets for x in ("--set", s)],
                              "--set", "model=nobody/not-cached", "--set", "overwrite=true"],
                        env={"HF_HUB_OFFLINE": "1"})
    assert res.exit_code == 2 and "not in the local cache" in res.output and "summarizer=extractive" not in res.output
    res = runner.invoke(app, ["train", shipped, "--dry-run", *[x for s in sets for x in ("--set", s)],
                              "--set", f"model={tmp_path / 'missing'}", "--set", "overwrite=true"])
    assert res.exit_code == 2 and "does not exist" in res.output  # 29.7: not "no config.json in it"


@pytest.mark.slow
def test_compiled_model_trains_to_the_same_loss(finetune, tiny_model_dir, data, tmp_path):
    """compile=true (torch.compile, batches padded to multiples of 64) is a speed option: the same losses,
    and a saved model with the plain module's weight names. Slow: inductor compiles on the CPU."""
    from safetensors.torch import load_file

    losses, finals = [], []
    for flag in ("false", "true"):
        recipe = finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, tmp_path / flag, "max_steps=4",
                                                 "learning_rate=0.003", "validation_file=null",
                                                 f"compile={flag}")).setup()
        finals.append(load_file(recipe.train() / "model.safetensors"))
        losses.append([m["loss"] for m in _metrics(tmp_path / flag) if "loss" in m])
    # compiled dropout draws its masks from another generator: equal within that noise, not bit for bit
    assert losses[1] == pytest.approx(losses[0], rel=2e-3)
    assert losses[1][-1] < losses[1][0]
    assert finals[0].keys() == finals[1].keys()


def test_the_step_builds_no_decoder_cache(finetune, tiny_model_dir, data, tmp_path):
    """The training forward asks for no decoder cache (transformers would fill one every step)."""
    recipe = finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, tmp_path / "run", "max_steps=1",
                                             "validation_file=null")).setup()
    seen = []
    recipe.model.register_forward_pre_hook(lambda m, args, kwargs: seen.append(kwargs.get("use_cache")),
                                           with_kwargs=True)
    recipe.train()
    assert seen and set(seen) == {False}


def test_cudnn_attention_is_a_setting_off_by_default(finetune, tiny_model_dir, data, tmp_path):
    """torch's cuDNN attention kernel (host-heavy per call in the GPU profile) is used only when asked for."""
    import torch

    before = torch.backends.cuda.cudnn_sdp_enabled()
    try:
        for flag, expected in (("false", False), ("true", True)):
            finetune.FinetuneRecipe(_config(tiny_model_dir("bart"), data, tmp_path / flag, "max_steps=1",
                                            f"cudnn_attention={flag}")).setup()
            assert torch.backends.cuda.cudnn_sdp_enabled() is expected
    finally:
        torch.backends.cuda.enable_cudnn_sdp(before)


# -- fixed after a new user's and an adversarial review's findings (issue 15) --------------------
