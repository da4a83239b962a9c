"""Training throughput: the fine-tuning recipe (training/finetune.py) against transformers' Seq2SeqTrainer.

Both train the same random-weight model of a real shape (tests/fixtures/checkpoints, BART's real tokenizer)
on the same encoded features: the first ``--examples`` Multi-News validation clusters, cleaned, built and
tokenized once by the recipe's own encoder. The Trainer reads them in the recipe's plain seeded order (the
Trainer's default samples without regard to length); the recipe reads its own order, grouped by length by
default (``group_by_length``), so that its batches pad less: tokens/s counts non-pad tokens only. With
``--recipe-set group_by_length=false`` both train on the same batches. Same batch size (examples per step), AdamW (lr 3e-5, weight decay
0.01, no warm-up, linear decay, clipping at 1.0), precision and step count. Each (system, round) runs in a
fresh process (peak memory is that process's own; no warm kernel or allocator cache carries over), rounds
interleaved in rotated order; the first ``--warmup`` steps are not timed and the device is synchronised at
the two ends of the timed window only.

Reported per system: s/step, tokens/s (non-pad input and label tokens, counted on the host as batches are
collated; a DataLoader that prefetches may shift that window by a batch, so the s/step ratio is reported
beside the tokens/s ratio: a like-for-like one where both train on the same batches), peak memory
(CUDA allocator peak on a GPU, the process's RSS high-water mark on a CPU), MFU on a GPU with a known peak,
and the mean loss of the last ``--log-every`` steps before step N.

    python bench/train_throughput.py                                      # CPU: bart-base shape, a few steps
    python bench/train_throughput.py --recipe-set optimizer=adamw        # a recipe option against the Trainer
    python bench/train_throughput.py --device cuda --shapes bart-large-cnn PRIMERA-multinews \\
        --steps 40 --warmup 10 --batch-size 8                             # GPU (bf16)
    python bench/train_throughput.py --profile recipe                     # torch.profiler table of one run
    python bench/train_throughput.py --variant compile:compile=true       # a recipe variant as a third system
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from bench._common import SHARED_DATA, run_worker, write_result  # noqa: E402
from summarize.config.train import load_train_config  # noqa: E402

# dense bf16 peak of the GPUs this bench has met (MFU is left out for others)
PEAK_FLOPS = {"H200": 989e12, "H100": 989e12, "A100": 312e12}
SYSTEMS = ("recipe", "trainer")


PROFILER = []  # the worker's torch.profiler, started at the warm-up mark and stopped at the last one


def sync(device: str) -> None:
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()


def mark(a: dict, step: int, tokens: int, marks: dict) -> None:
    """Time (and, when profiling, start or stop the profiler) at the warm-up step and the last step."""
    if step not in (a["warmup"], a["steps"]):
        return
    sync(a["device"])
    marks[step] = (time.perf_counter(), tokens)
    if PROFILER:
        (PROFILER[0].start if step == a["warmup"] else PROFILER[0].stop)()


def recipe_overrides(a: dict, model: str, out: str) -> list[str]:
    return [f"model={model}", f"train_file={a['data']}", f"output_dir={out}", "validation_file=null",
            f"batch_size={a['batch_size']}", "grad_accum=1", f"max_steps={a['steps']}", "learning_rate=3e-5",
            "weight_decay=0.01", "warmup_steps=0", "max_grad_norm=1.0", f"log_every={a['log_every']}",
            f"save_every={a['steps'] * 10}", f"eval_every={a['steps'] * 10}", "load.documents_field=documents",
            f"abstractive.max_input_tokens={a['max_input']}", f"max_target_tokens={a['max_target']}",
            f"mixed_precision='{a['precision']}'", "preprocess_workers=0", *a["recipe_set"]]


def run_recipe(a: dict, model: str, work: Path) -> dict:
    """One timed recipe run; features come from the cache the parent filled."""
    import finetune

    out = work / "recipe"
    shutil.copytree(Path(a["features"]).parent, out / "features")
    recipe = finetune.FinetuneRecipe(load_train_config(overrides=recipe_overrides(a, model, str(out)))).setup()
    if recipe.features_path.name != Path(a["features"]).name:  # both systems must train on the same features
        raise SystemExit(f"the recipe encoded other features ({recipe.features_path.name}) than the Trainer reads")
    marks: dict[int, tuple[float, int]] = {}

    recipe.step_hooks.append(lambda r: mark(a, r.step, r.tokens, marks))
    recipe.train()
    losses = [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]
    return {"marks": marks, "loss": [m["loss"] for m in losses if "loss" in m],
            "params": sum(p.numel() for p in recipe.model.parameters()),
            "options": {k: getattr(recipe.cfg, k) for k in SPEED_FIELDS if hasattr(recipe.cfg, k)}}


def _sequential() -> dict:
    """Seq2SeqTrainer's option for reading the dataset in order (its name changed in transformers 5)."""
    import dataclasses

    from transformers import Seq2SeqTrainingArguments

    names = {f.name for f in dataclasses.fields(Seq2SeqTrainingArguments)}
    return {"train_sampling_strategy": "sequential"} if "train_sampling_strategy" in names else {}


SPEED_FIELDS = ("optimizer", "compile", "cudnn_attention", "mixed_precision", "gradient_checkpointing", "group_by_length")


def run_trainer(a: dict, model: str, work: Path) -> dict:
    """One timed Seq2SeqTrainer run on the recipe's features (its default AdamW, fused where torch has it)."""
    import torch
    from datasets import Dataset
    from transformers import (
        AutoModelForSeq2SeqLM,
        AutoTokenizer,
        DataCollatorForSeq2Seq,
        Seq2SeqTrainer,
        Seq2SeqTrainingArguments,
        TrainerCallback,
    )

    from summarize.train_data import EpochOrder, read_features

    torch.manual_seed(0)
    feats = read_features(Path(a["features"]))
    order = EpochOrder(feats, seed=0).order  # the recipe's first epoch: both systems train on the same batches
    feats = [feats[int(i)] for i in order]
    tok = AutoTokenizer.from_pretrained(model)
    net = AutoModelForSeq2SeqLM.from_pretrained(model, dtype=torch.float32)
    collate = DataCollatorForSeq2Seq(tok, model=net, label_pad_token_id=-100)
    seen = [0]

    separators = recipe_global_tokens(a, model, net, tok) if net.config.model_type == "led" else None

    def counting(rows):
        seen[0] += sum(len(r["input_ids"]) + len(r["labels"]) for r in rows)
        batch = collate(rows)
        if separators is not None:  # the recipe's LED input: global attention on the first token and separators
            from summarize.generation.hf import global_attention

            batch["global_attention_mask"] = global_attention(batch["input_ids"], separators)
        return batch

    marks: dict[int, tuple[float, int]] = {}

    class Clock(TrainerCallback):
        def on_step_end(self, args, state, control, **kw):
            mark(a, state.global_step, seen[0], marks)

    SEQUENTIAL = _sequential()
    args = Seq2SeqTrainingArguments(
        output_dir=str(work / "trainer"), per_device_train_batch_size=a["batch_size"], max_steps=a["steps"],
        learning_rate=3e-5, weight_decay=0.01, warmup_steps=0, max_grad_norm=1.0, lr_scheduler_type="linear",
        logging_steps=a["log_every"], save_strategy="no", report_to=[], disable_tqdm=True, seed=0,
        bf16=a["precision"] == "bf16", use_cpu=a["device"] == "cpu", dataloader_num_workers=0, **SEQUENTIAL)
    ds = Dataset.from_list([{k: v.tolist() for k, v in f.items()} for f in feats])
    trainer = Seq2SeqTrainer(model=net, args=args, train_dataset=ds, data_collator=counting, processing_class=tok,
                             callbacks=[Clock()])
    trainer.train()
    return {"marks": marks, "loss": [h["loss"] for h in trainer.state.log_history if "loss" in h],
            "params": sum(p.numel() for p in net.parameters()), "options": {"optim": str(args.optim)}}


def recipe_global_tokens(a: dict, model: str, net, tok) -> list[int]:
    """The token ids the recipe gives global attention for LED/PRIMERA (its document separators; none for
    other models), from the recipe's own configuration: the Trainer then runs the same model input (PRIMERA's
    scripts do the same; without it LED attends locally only and does less work)."""
    from summarize.config import RunConfig
    from summarize.summarizers.abstractive import AbstractiveSummarizer

    cfg = load_train_config(overrides=recipe_overrides(a, model, "unused"))
    run = RunConfig(model=model, abstractive=cfg.abstractive, generation=cfg.generation, clean=cfg.clean)
    return AbstractiveSummarizer(run, net, tok).global_token_ids()


def worker(spec: str) -> None:
    """Run one (system, shape) in this process and print its measurements as one JSON line."""
    import resource

    import torch

    a = json.loads(Path(spec).read_text())
    torch.set_num_threads(a["threads"])
    if a["device"].startswith("cuda"):
        torch.cuda.reset_peak_memory_stats()
    with tempfile.TemporaryDirectory() as tmp:
        run = run_trainer if a["system"] == "trainer" else run_recipe
        if a.get("profile"):  # the timed steps only (warm-up and setup left out)
            from torch.profiler import ProfilerActivity, profile

            cuda = a["device"].startswith("cuda")
            PROFILER.append(profile(activities=[ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if cuda else [])))
        res = run(a, a["model"], Path(tmp))
        if PROFILER:
            table = PROFILER[0].key_averages()
            text = table.table(sort_by="self_cpu_time_total", row_limit=25)
            if cuda:
                text += "\n" + table.table(sort_by="self_cuda_time_total", row_limit=15)
            Path(a["profile"]).write_text(text)
    print("RESULT " + json.dumps(res | {"peak_memory_gib": peak(a["device"], resource)}))


def peak(device: str, resource) -> float:
    import torch

    if device.startswith("cuda"):
        return round(torch.cuda.max_memory_allocated() / 2**30, 3)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 3)  # KiB on Linux


def encode_features(a: dict, model: str, cache: Path) -> Path:
    """The recipe's encoded features of the bench data (written once; every run reads them)."""
    import finetune


    cfg = load_train_config(overrides=recipe_overrides(a, model, str(cache)) + ["max_steps=1", "overwrite=true"])
    path = finetune.FinetuneRecipe(cfg).setup().features_path  # read from the cache when these settings made it
    for stale in path.parent.glob("train-*.npz"):  # other settings' features: the runs copy this folder
        if stale != path:
            stale.unlink()
    return path


def launch(a: dict, system: str, profile: str | None = None) -> dict:
    out = run_worker(__file__, a | {"system": system, "profile": profile}, f"{system} run")
    (t0, k0), (t1, k1) = out["marks"][str(a["warmup"])], out["marks"][str(a["steps"])]
    timed = a["steps"] - a["warmup"]
    out.update(s_per_step=(t1 - t0) / timed, tokens_per_s=(k1 - k0) / (t1 - t0), tokens_per_step=(k1 - k0) / timed)
    return out


def device_name(device: str) -> str:
    import torch

    return torch.cuda.get_device_name(0) if device.startswith("cuda") else "cpu"


def bench_shape(shape: str, args) -> dict:
    from bench.generation import checkpoint

    model = str(checkpoint(shape))
    a = {"data": str(args.data_file), "model": model, "device": args.device, "steps": args.steps,
         "warmup": args.warmup, "log_every": args.log_every or args.warmup, "batch_size": args.batch_size,
         "max_input": args.max_input or (4096 if "PRIMERA" in shape else 1024), "max_target": args.max_target,
         "precision": args.precision or ("bf16" if args.device.startswith("cuda") else "no"),
         "threads": args.threads, "recipe_set": args.recipe_set}
    cache = Path(args.cache) / f"{shape}-{a['max_input']}-{args.examples}"
    a["features"] = str(encode_features(a, model, cache))
    for system in args.profile:
        path = Path(args.profile_dir or args.cache) / f"profile-{system}-{shape}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        launch(a | {"steps": min(a["steps"], a["warmup"] + a["log_every"])}, system, str(path))
        print(f"--- {system}, {shape}: steps {a['warmup']}..{a['steps']} ---\n" + path.read_text()[:6000])
    variants = dict(v.split(":", 1) for v in args.variant)  # name -> KEY=VALUE[,KEY=VALUE]
    systems_here = ("recipe", *[f"recipe-{v}" for v in variants], "trainer")
    runs: dict[str, list[dict]] = {s: [] for s in systems_here}
    for r in range(args.rounds):
        k = r % len(systems_here)
        for system in systems_here[k:] + systems_here[:k]:
            extra = variants[system[len("recipe-"):]].split(",") if system.startswith("recipe-") else []
            out = launch(a | {"recipe_set": a["recipe_set"] + extra}, system)
            runs[system].append(out)
            print(f"  {shape} round {r + 1} {system:<8} {out['s_per_step']:7.3f} s/step {out['tokens_per_s']:9.0f} "
                  f"tokens/s  loss {out['loss'][-1]:.4f}  peak {out['peak_memory_gib']:.2f} GiB", flush=True)
    name = device_name(args.device)
    flops = next((v for k, v in PEAK_FLOPS.items() if k in name), None)
    systems = {}
    for system, rs in runs.items():
        tps = statistics.median(x["tokens_per_s"] for x in rs)
        systems[system] = {
            "s_per_step": [round(x["s_per_step"], 4) for x in rs], "tokens_per_s": [round(x["tokens_per_s"]) for x in rs],
            "tokens_per_step": round(statistics.mean(x["tokens_per_step"] for x in rs), 1),
            "peak_memory_gib": max(x["peak_memory_gib"] for x in rs), "loss_curve": rs[0]["loss"],
            "loss_at_n": [x["loss"][-1] for x in rs], "options": rs[0]["options"],
            "mfu": round(6 * rs[0]["params"] * tps / flops, 4) if flops else None, "params": rs[0]["params"]}
    ratios = [r["tokens_per_s"] / t["tokens_per_s"] for r, t in zip(runs["recipe"], runs["trainer"])]
    steps = [t["s_per_step"] / r["s_per_step"] for r, t in zip(runs["recipe"], runs["trainer"])]
    for name in variants:
        mine = runs[f"recipe-{name}"]
        systems[f"recipe-{name}"]["vs_trainer"] = round(statistics.median(
            r["tokens_per_s"] / t["tokens_per_s"] for r, t in zip(mine, runs["trainer"])), 3)
    return {"shape": shape, "settings": {k: v for k, v in a.items() if k not in ("features",)}, "systems": systems,
            "recipe_vs_trainer": round(statistics.median(ratios), 3),
            "recipe_vs_trainer_per_round": [round(x, 3) for x in ratios],
            "recipe_vs_trainer_by_s_per_step": round(statistics.median(steps), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--shapes", nargs="+", default=None, help="default: bart-base on CPU, bart-large-cnn on a GPU")
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--warmup", type=int, default=2, help="steps not timed")
    ap.add_argument("--log-every", type=int, default=None, help="loss window (default: --warmup)")
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--max-input", type=int, default=None, help="input tokens (default 1024; PRIMERA 4096)")
    ap.add_argument("--max-target", type=int, default=256)
    ap.add_argument("--examples", type=int, default=64, help="Multi-News validation rows to train on")
    ap.add_argument("--precision", default=None, help="no | bf16 (default: bf16 on cuda, no on cpu)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="torch threads of every run")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--recipe-set", action="append", default=[], metavar="KEY=VALUE", help="a recipe override")
    ap.add_argument("--profile", nargs="*", choices=SYSTEMS, default=[], help="first, a torch.profiler table of "
                    "the timed steps of one short run of each system named")
    ap.add_argument("--profile-dir", default=None, help="where the profile tables go (default: --cache)")
    ap.add_argument("--variant", action="append", default=[], metavar="NAME:KEY=VALUE[,KEY=VALUE]",
                    help="a recipe run with these overrides, timed as one more system (recipe-NAME)")
    ap.add_argument("--cache", default=str(Path(__file__).resolve().parent / ".cache" / "train_throughput"))
    ap.add_argument("--out", default=None, help="result name (default train_throughput[_DEVICE])")
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    if args.warmup < 1 or args.steps <= args.warmup or (args.steps - args.warmup) % (args.log_every or args.warmup):
        ap.error("need 1 <= --warmup < --steps, with --steps - --warmup a multiple of --log-every")
    args.shapes = args.shapes or (["bart-large-cnn"] if args.device.startswith("cuda") else ["bart-base"])
    rows = [json.loads(x) for x in (SHARED_DATA / "multinews_validation.jsonl").read_text().splitlines()[:args.examples]]
    Path(args.cache).mkdir(parents=True, exist_ok=True)
    args.data_file = Path(args.cache) / f"multinews-{args.examples}.jsonl"
    if not args.data_file.is_file():
        args.data_file.write_text("".join(json.dumps(r) + "\n" for r in rows))
    shapes = [bench_shape(s, args) for s in args.shapes]
    print(f"\n{'shape':<20}{'system':<9}{'s/step':>8}{'tokens/s':>10}{'peak GiB':>10}{'loss@N':>9}{'MFU':>7}")
    for res in shapes:
        for system, e in res["systems"].items():
            mfu = f"{e['mfu']:.3f}" if e["mfu"] is not None else "-"
            print(f"{res['shape']:<20}{system:<9}{statistics.median(e['s_per_step']):8.3f}"
                  f"{statistics.median(e['tokens_per_s']):10.0f}{e['peak_memory_gib']:10.2f}"
                  f"{statistics.median(e['loss_at_n']):9.4f}{mfu:>7}")
        print(f"{res['shape']:<20}recipe / trainer tokens/s: {res['recipe_vs_trainer']:.3f} "
              f"(per round {res['recipe_vs_trainer_per_round']}); by s/step: "
              f"{res['recipe_vs_trainer_by_s_per_step']:.3f}")
    summary = {"device": device_name(args.device), "threads": args.threads,
               "recipe_vs_trainer": {r["shape"]: r["recipe_vs_trainer"] for r in shapes}}
    for res in shapes:
        for system, e in res["systems"].items():
            if "vs_trainer" in e:
                summary.setdefault(f"{system}_vs_trainer", {})[res["shape"]] = e["vs_trainer"]
    if not args.device.startswith("cuda"):
        summary["gpu"] = "not measured here: run with --device cuda on a GPU machine"
    load = os.getloadavg()
    name = args.out or ("train_throughput" if args.device == "cpu" else f"train_throughput_{args.device.split(':')[0]}")
    path = write_result(name, {"summary": summary, "load_average": [round(x, 2) for x in load],
                               "settings": {k: v for k, v in vars(args).items() if k != "data_file"},
                               "shapes": shapes})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
