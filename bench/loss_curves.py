"""Does a recipe speed option train to the same loss? Loss curves of the fine-tuning recipe (training/finetune.py)
with and without an option, over several seeds, so that a difference can be set against the seed noise.

A small BART (the bart-base configuration cut to ``--d-model`` and ``--layers``, BART's real tokenizer, random
weights: small enough for a CPU to run 100 steps in a minute) learns the first ``--examples`` Multi-News
validation clusters, built by the recipe's own encoder at 1,024 input tokens (their lengths vary, which is
what length grouping acts on). Every (variant, seed) is one fresh process; seeds and variants interleave.

For each variant: the loss logged every ``--log-every`` steps per seed, the mean of the last ``--tail`` logged
losses per seed ("final loss"), tokens/s (non-pad tokens), and the verdict: the variant's mean final loss lies
within the baseline's seed spread widened by the variant's own (``|mean_v - mean_base| <= (range_base +
range_v) / 2``, ranges over seeds), i.e. the option's effect is no larger than changing the seed.

    python bench/loss_curves.py --base-set group_by_length=false --variant grouped:group_by_length=true
    python bench/loss_curves.py --variant fused:optimizer=adamw_fused --base-set optimizer=adamw

The baseline is the recipe's defaults with ``--base-set`` applied: name the option's other value there.
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

CACHE = Path(__file__).resolve().parent / ".cache" / "loss_curves"


def small_model(d_model: int, layers: int) -> Path:
    """The bart-base configuration at ``d_model`` wide and ``layers`` deep (each side), random weights, saved
    once with BART's real tokenizer."""
    out = CACHE / f"bart-{d_model}x{layers}"
    if (out / "config.json").is_file():
        return out
    import torch
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    from bench.generation import CHECKPOINTS, TOKENIZERS

    data = json.loads((CHECKPOINTS / "bart-base.json").read_text())
    heads = max(1, d_model // 64)
    data |= {"d_model": d_model, "encoder_layers": layers, "decoder_layers": layers, "encoder_attention_heads": heads,
             "decoder_attention_heads": heads, "encoder_ffn_dim": 4 * d_model, "decoder_ffn_dim": 4 * d_model}
    torch.manual_seed(0)
    AutoModelForSeq2SeqLM.from_config(AutoConfig.for_model(**data)).save_pretrained(out)
    AutoTokenizer.from_pretrained(TOKENIZERS / "bart").save_pretrained(out)
    return out


def worker(spec: str) -> None:
    """One recipe run in this process; prints its loss log and tokens/s as one JSON line."""
    import finetune
    import torch

    from summarize.config.train import load_train_config

    a = json.loads(Path(spec).read_text())
    torch.set_num_threads(a["threads"])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run"
        features = Path(a["features"])  # the encoded inputs, made by the first run: every run trains on them
        if any(features.glob("*.npz")):
            shutil.copytree(features, out / "features")
        overrides = [f"model={a['model']}", f"train_file={a['data']}", f"output_dir={out}", "validation_file=null",
                     f"batch_size={a['batch_size']}", f"max_steps={a['steps']}", f"learning_rate={a['lr']}",
                     f"log_every={a['log_every']}", f"save_every={a['steps'] * 10}", f"eval_every={a['steps'] * 10}",
                     "load.documents_field=documents", "abstractive.max_input_tokens=1024", "max_target_tokens=128",
                     "mixed_precision='no'", "preprocess_workers=0", f"seed={a['seed']}", *a["overrides"]]
        recipe = finetune.FinetuneRecipe(load_train_config(overrides=overrides)).setup()
        start = time.perf_counter()
        recipe.train()
        seconds = time.perf_counter() - start
        if not any(features.glob("*.npz")):
            features.mkdir(parents=True, exist_ok=True)
            shutil.copy(recipe.features_path, features / recipe.features_path.name)
        log = [json.loads(x) for x in (out / "metrics.jsonl").read_text().splitlines()]
    losses = [(m["step"], m["loss"]) for m in log if "loss" in m]
    print("RESULT " + json.dumps({"losses": losses, "tokens_per_s": recipe.tokens / seconds, "seconds": seconds}))


def verdict(base: list[float], other: list[float]) -> dict:
    """Whether ``other``'s mean final loss is within the seed noise of ``base``'s.

    Example:
        >>> verdict([5.0, 5.2, 5.1], [5.15, 5.05, 5.25])["within_seed_noise"]
        True
        >>> verdict([5.0, 5.2, 5.1], [5.6, 5.7, 5.65])["within_seed_noise"]
        False
    """
    diff = statistics.mean(other) - statistics.mean(base)
    noise = ((max(base) - min(base)) + (max(other) - min(other))) / 2
    return {"mean_difference": round(diff, 4), "seed_noise": round(noise, 4), "within_seed_noise": abs(diff) <= noise}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--variant", action="append", default=[], metavar="NAME:KEY=VALUE[,KEY=VALUE]", required=False)
    ap.add_argument("--base-set", action="append", default=[], metavar="KEY=VALUE", help="the baseline's overrides")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--log-every", type=int, default=10)
    ap.add_argument("--tail", type=int, default=3, help="logged losses averaged into the final loss")
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--examples", type=int, default=256)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", default="loss_curves")
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    if not args.variant:
        ap.error("give at least one --variant NAME:KEY=VALUE")
    model = small_model(args.d_model, args.layers)
    rows = (SHARED_DATA / "multinews_validation.jsonl").read_text().splitlines()[:args.examples]
    CACHE.mkdir(parents=True, exist_ok=True)
    data = CACHE / f"multinews-{args.examples}.jsonl"
    data.write_text("\n".join(rows) + "\n")
    features = CACHE / f"features-{model.name}-{args.examples}"
    shutil.rmtree(features, ignore_errors=True)  # made by the first run, read by the others
    variants = {"base": args.base_set} | {v.split(":", 1)[0]: args.base_set + v.split(":", 1)[1].split(",")
                                          for v in args.variant}
    from dataclasses import asdict

    from summarize.config.train import load_train_config

    def resolved(overrides: list[str]) -> dict:
        return asdict(load_train_config(overrides=["model=m", "train_file=t", *overrides]))

    for name in list(variants)[1:]:
        if resolved(variants[name]) == resolved(variants["base"]):
            ap.error(f"variant {name} trains exactly as the baseline does (the recipe's default?): give the baseline "
                     f"the option's other value with --base-set")
    names = list(variants)
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for seed in range(args.seeds):
        for name in names[seed % len(names):] + names[:seed % len(names)]:
            a = {"model": str(model), "data": str(data), "features": str(features), "steps": args.steps,
                 "log_every": args.log_every, "batch_size": args.batch_size, "lr": args.lr, "seed": seed,
                 "threads": args.threads, "overrides": variants[name]}
            res = run_worker(__file__, a, f"{name} run, seed {seed}")
            res["final_loss"] = statistics.mean(loss for _, loss in res["losses"][-args.tail:])
            runs[name].append(res)
            print(f"  seed {seed} {name:<10} final loss {res['final_loss']:.4f}  {res['tokens_per_s']:7.0f} tokens/s  "
                  f"curve {[round(x, 2) for _, x in res['losses']]}", flush=True)
    base = [r["final_loss"] for r in runs["base"]]
    result = {}
    print(f"\n{'variant':<12}{'final loss (seeds)':<32}{'tokens/s':>10}{'x base':>8}  verdict")
    for name, rs in runs.items():
        finals = [r["final_loss"] for r in rs]
        speed = statistics.median(r["tokens_per_s"] for r in rs)
        entry = {"overrides": variants[name], "final_loss": [round(x, 4) for x in finals],
                 "curves": [r["losses"] for r in rs], "tokens_per_s": [round(r["tokens_per_s"]) for r in rs],
                 "speed_vs_base": round(speed / statistics.median(r["tokens_per_s"] for r in runs["base"]), 3)}
        if name != "base":
            entry |= verdict(base, finals)
        result[name] = entry
        note = "" if name == "base" else (
            f"{'within' if entry['within_seed_noise'] else 'OUTSIDE'} seed noise (difference "
            f"{entry['mean_difference']:+.4f}, noise {entry['seed_noise']:.4f})")
        print(f"{name:<12}{str(entry['final_loss']):<32}{speed:10.0f}{entry['speed_vs_base']:8.3f}  {note}")
    path = write_result(args.out, {"summary": {"device": "cpu", **{n: {k: e[k] for k in ("speed_vs_base",
                                   "within_seed_noise", "mean_difference", "seed_noise") if k in e}
                                                                   for n, e in result.items() if n != "base"}},
                                   "settings": {k: v for k, v in vars(args).items() if k != "worker"},
                                   "model": model.name, "variants": result})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
