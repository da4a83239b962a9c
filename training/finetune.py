"""Fine-tune any AutoModelForSeq2SeqLM (BART, PEGASUS, T5/Flan-T5, LED/PRIMERA) for multi-document
summarization: a stand-alone recipe driven by one YAML file in configs/train/.

    python training/finetune.py --config configs/train/bart-base/multinews.yaml
    accelerate launch --config_file configs/accelerate/1gpu-bf16.yaml training/finetune.py \\
        --config configs/train/primera/multinews.yaml
    python training/finetune.py --config ... --set resume=latest      # go on after an interruption

setup: the model through summarize's ``load_model`` (hub name or path), the data through summarize's
loader, cleaning and input builder (the model trains on exactly the input ``summarize run`` gives it),
AdamW with linear warm-up/decay, accelerate. train: gradient accumulation, clipping, a loss line in
OUTPUT/metrics.jsonl every ``log_every`` steps and at each checkpoint. evaluate: ROUGE on the validation file every
``eval_every`` steps and at the end. save: a resumable checkpoint every ``save_every`` steps
(OUTPUT/checkpoints/step-N: model, optimizer, scheduler, RNG states and the data position, written to a
temporary folder and renamed when complete), the final model in OUTPUT/final, which
``summarize run --set model=OUTPUT/final`` loads, and with ``best_metric`` the best-scoring one in OUTPUT/best.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from summarize import checkpoints as ckpt
from summarize.config import RunConfig
from summarize.config.train import TrainConfig, load_train_config
from summarize.errors import InputError, ModelUnavailableError, SummarizeError
from summarize.generation.models import for_training
from summarize.io.atomic import atomic_write_text
from summarize.metrics.rouge import corpus_rouge
from summarize.optim import adamw
from summarize.summarizers.abstractive import AbstractiveSummarizer, load_model
from summarize.train_data import EpochOrder, InputEncoder, clean_examples, encode_examples, load_examples

if TYPE_CHECKING:
    import torch

class FinetuneRecipe:
    """setup() -> train() (evaluates and saves on the way) -> the final model in ``output_dir/final``."""

    def __init__(self, cfg: TrainConfig) -> None:
        self.cfg = cfg
        self.out = Path(cfg.output_dir)
        self.step = self.epoch = self.batch_in_epoch = 0
        self.best: float | None = None  # the best ``best_metric`` so far
        self.tokens = 0  # non-pad tokens (inputs and labels) this process has trained on, counted on the host
        self.step_hooks: list[Callable[[FinetuneRecipe], None]] = []  # called after every optimizer step

    # ---- setup ----------------------------------------------------------------------------------
    def setup(self) -> "FinetuneRecipe":
        import torch
        from accelerate import Accelerator
        from accelerate.utils import set_seed
        from transformers import DataCollatorForSeq2Seq, get_linear_schedule_with_warmup

        cfg = self.cfg
        cfg.check_ready()
        if cfg.overwrite and not cfg.resume and cfg.earlier_run():  # the user asked to replace the earlier run
            for name in ("checkpoints", "final", "best", "metrics.jsonl", "best.json"):
                target = self.out / name
                shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
        self.acc = Accelerator(gradient_accumulation_steps=cfg.grad_accum, mixed_precision=cfg.mixed_precision)
        torch.backends.cuda.enable_cudnn_sdp(cfg.cudnn_attention)  # a process setting: the recipe owns its process
        set_seed(cfg.seed)
        try:
            model, tokenizer = load_model(cfg.model, replace(cfg.abstractive, device="cpu", dtype="float32"))
        except ModelUnavailableError as exc:
            raise for_training(exc) from None
        model.train()
        if cfg.gradient_checkpointing:  # transformers turns the decoder cache off while training with it
            model.gradient_checkpointing_enable()
        if cfg.compile:
            model.compile()  # in place: the module (its state dict, save_pretrained) stays the same object
        run = RunConfig(model=cfg.model, abstractive=cfg.abstractive, generation=cfg.generation, clean=cfg.clean)
        self.builder = AbstractiveSummarizer(run, model, tokenizer)  # input building and generation, as at inference
        self.tokenizer = tokenizer
        encoder = InputEncoder(tokenizer, cfg, self.builder.budget, self.builder.separator, self.builder.prefix)
        self.features_path = self.out / "features" / f"train-{encoder.key(cfg.train_file)}.npz"
        with self.acc.main_process_first():  # the main process encodes and caches, the others read the cache
            features = encode_examples(lambda: load_examples(cfg.train_file, cfg, cfg.max_train_examples), encoder,
                                       self.features_path, cfg.preprocess_workers)
        if not features:
            raise InputError(f"{cfg.train_file}: no example has an article left after cleaning")
        self.validation = (clean_examples(load_examples(cfg.validation_file, cfg, cfg.max_validation_examples), cfg)
                           if cfg.validation_file else [])
        self.data = EpochOrder(features, cfg.seed, cfg.batch_size if cfg.group_by_length else 0)
        collate = DataCollatorForSeq2Seq(tokenizer, model=model, label_pad_token_id=-100,
                                         pad_to_multiple_of=64 if cfg.compile else None)
        # its own generator: starting an iteration (a resumed one included) leaves the global RNG to dropout
        loader = torch.utils.data.DataLoader(self.data, batch_size=cfg.batch_size, shuffle=False,
                                             generator=torch.Generator().manual_seed(cfg.seed),
                                             collate_fn=lambda rows: self._collate(rows, collate))
        optimizer = adamw(model, cfg.learning_rate, cfg.weight_decay, cfg.optimizer)
        # accelerate steps a prepared scheduler once per process per optimizer step
        n = self.acc.num_processes
        scheduler = get_linear_schedule_with_warmup(optimizer, cfg.warmup_steps * n, cfg.max_steps * n)
        self.model, self.optimizer, self.loader, self.scheduler = self.acc.prepare(model, optimizer, loader, scheduler)
        if cfg.resume:
            self.load_checkpoint(ckpt.find_checkpoint(self.out, cfg.resume))
        return self

    def _collate(self, rows, collate):
        """Pad a batch; count its real tokens here, on the host, so that the step never waits for the device."""
        self.tokens += sum(len(r["input_ids"]) + len(r["labels"]) for r in rows)
        return self._with_global_attention(collate(rows))

    def _with_global_attention(self, batch):
        if self.builder.is_led:
            batch["global_attention_mask"] = self.builder.global_attention(batch["input_ids"])
        return batch

    # ---- train ----------------------------------------------------------------------------------
    def train(self) -> Path:
        """Run to ``max_steps``; returns the folder of the final model."""
        import torch

        cfg, acc = self.cfg, self.acc
        losses: list[torch.Tensor] = []
        t0, first_step = time.time(), self.step
        while self.step < cfg.max_steps:
            self.data.use_epoch(self.epoch)
            loader = acc.skip_first_batches(self.loader, self.batch_in_epoch) if self.batch_in_epoch else self.loader
            for batch in loader:
                with acc.accumulate(self.model):
                    loss = self.loss(batch)
                    acc.backward(loss)
                    if acc.sync_gradients:
                        acc.clip_grad_norm_(self.model.parameters(), cfg.max_grad_norm)
                    self.optimizer.step()
                    self.scheduler.step()
                    self.optimizer.zero_grad()
                self.batch_in_epoch += 1
                losses.append(loss.detach().float())
                if not acc.sync_gradients:
                    continue
                self.step += 1
                for hook in self.step_hooks:
                    hook(self)
                saving = self.step % cfg.save_every == 0
                if self.step % cfg.log_every == 0 or self.step == cfg.max_steps or saving:  # a resumed run logs alike
                    mean = acc.reduce(torch.stack(losses).mean(), reduction="mean").item()
                    record = {"step": self.step, "epoch": self.epoch, "loss": round(mean, 6),
                              "lr": self.scheduler.get_last_lr()[0], "seconds": round(time.time() - t0, 1)}
                    self.log(record)
                    self.report(record, first_step, t0)
                    losses.clear()
                if self.validation and self.step % cfg.eval_every == 0:
                    self.validate()
                if saving:
                    self.save_checkpoint()
                if self.step >= cfg.max_steps:
                    break
            else:  # the epoch ran out before max_steps
                self.epoch += 1
                self.batch_in_epoch = 0
        if self.validation and self.step % cfg.eval_every:
            self.validate()
        return self.save_model("final")

    def loss(self, batch) -> torch.Tensor:
        """The model's token cross-entropy, with ``label_smoothing`` when set (padding, -100, ignored)."""
        import torch

        if not self.cfg.label_smoothing:  # use_cache=False: training never reads a decoder cache, so build none
            return self.model(**batch, use_cache=False).loss
        labels = batch["labels"]
        logits = self.model(**{k: v for k, v in batch.items() if k != "labels"}, use_cache=False).logits
        return torch.nn.functional.cross_entropy(logits.flatten(0, 1).float(), labels.flatten(), ignore_index=-100,
                                                 label_smoothing=self.cfg.label_smoothing)

    def validate(self) -> None:
        """Score the validation set, log it, and keep the model as best/ when ``best_metric`` improved."""
        from accelerate.utils import broadcast_object_list

        scores = self.evaluate()
        self.log({"step": self.step, **scores})
        metric = self.cfg.best_metric
        if not metric:
            return
        improved = [bool(scores) and (self.best is None or scores[metric] > self.best)]
        broadcast_object_list(improved)  # the main process scored; every process takes its decision
        if improved[0]:
            self.best = scores.get(metric, self.best)
            self.save_model("best", {"step": self.step, **scores})

    def evaluate(self) -> dict[str, float]:
        """Mean ROUGE F1 (rouge-score, stemmed) of the model's summaries of the validation examples."""
        preds: list[str] = []
        if self.acc.is_main_process:
            self.model.eval()
            size = self.cfg.batch_size
            with self.acc.autocast():
                for start in range(0, len(self.validation), size):
                    chunk = self.validation[start : start + size]
                    preds.extend(self.builder.generate([self.builder.build_input(c)[0].text for c in chunk]))
            self.model.train()
        self.acc.wait_for_everyone()
        if not preds:
            return {}
        scores = corpus_rouge([" ".join(p.split()) for p in preds], [c.reference for c in self.validation])
        return {f"validation_{k}": round(float(np.mean(v)), 6) for k, v in scores.items()}

    def report(self, record: dict[str, Any], first_step: int, t0: float) -> None:
        """One progress line on stderr (main process), as the Trainer prints its logs: step, loss, learning
        rate, seconds per step and the time left at that pace."""
        if not self.acc.is_main_process:
            return
        done = self.step - first_step
        pace = (time.time() - t0) / max(done, 1)
        left = int(pace * (self.cfg.max_steps - self.step))
        eta = f"{left // 3600}h{left % 3600 // 60:02d}m" if left >= 3600 else f"{left // 60}m{left % 60:02d}s"
        print(f"step {self.step}/{self.cfg.max_steps} ({100 * self.step / self.cfg.max_steps:.0f}%)  loss "
              f"{record['loss']:.4f}  lr {record['lr']:.2e}  {pace:.2f} s/step  ETA {eta}", file=sys.stderr, flush=True)

    def log(self, record: dict[str, Any]) -> None:
        """Append one whole line to metrics.jsonl (main process)."""
        if record and self.acc.is_main_process:
            ckpt.append_metrics(self.out / "metrics.jsonl", record)

    # ---- save / resume (the files: summarize.checkpoints) ---------------------------------------
    def save_checkpoint(self) -> Path:
        """A complete, resumable checkpoint (never a half-written one: written aside, then renamed), with a
        sha256 of every file in it that resume verifies."""
        final = self.out / "checkpoints" / f"step-{self.step:07d}"
        tmp = final.with_name(final.name + ".tmp")
        with ckpt.whole_or_removed(tmp, f"checkpoint {final.name}"):
            self.acc.save_state(str(tmp))
        self.acc.wait_for_everyone()  # every process's RNG state is written before the checksums are taken
        if self.acc.is_main_process:
            epoch, batch = self.epoch, self.batch_in_epoch
            if batch >= len(self.loader):  # the epoch is complete: resume at the next one
                epoch, batch = epoch + 1, 0
            ckpt.write_state(tmp, {"step": self.step, "epoch": epoch, "batch_in_epoch": batch, "best": self.best,
                                   "config": self.cfg.to_dict()})
            ckpt.publish(tmp, final)
            for old in ckpt.checkpoints(self.out)[: -self.cfg.keep_checkpoints]:
                shutil.rmtree(old)
        self.acc.wait_for_everyone()
        return final

    def load_checkpoint(self, path: Path) -> None:
        """Model, optimizer, scheduler and RNG states, and where in the data the run was; a checkpoint of a
        run with other settings is refused, naming them."""
        state = ckpt.read_state(path, self.cfg.to_dict())
        self.acc.load_state(str(path))
        self.step, self.epoch, self.batch_in_epoch = state["step"], state["epoch"], state["batch_in_epoch"]
        self.best = state.get("best")
        if self.acc.is_main_process:  # lines logged after the checkpoint happen again
            ckpt.keep_metrics_until(self.out / "metrics.jsonl", self.step)

    def save_model(self, name: str, info: dict[str, Any] | None = None) -> Path:
        """The model and its tokenizer in ``output_dir/name`` (``info`` as ``name.json`` beside them),
        loadable by path (``summarize run --set model=...``); written aside and renamed."""
        final = self.out / name
        tmp = final.with_name(name + ".tmp")
        model = self.acc.unwrap_model(self.model)
        if self.acc.is_main_process:
            if tmp.exists():
                shutil.rmtree(tmp)
            with ckpt.whole_or_removed(tmp, f"the {name} model"):
                model.save_pretrained(tmp, save_function=self.acc.save)
                self.tokenizer.save_pretrained(tmp)
                if info is not None:
                    atomic_write_text(tmp / f"{name}.json", json.dumps(info, indent=1))
            ckpt.publish(tmp, final)
        self.acc.wait_for_everyone()
        return final


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", required=True, help="a YAML file in configs/train/")
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    args = ap.parse_args(argv)
    try:
        recipe = FinetuneRecipe(load_train_config(args.config, args.overrides)).setup()
        final = recipe.train()
    except SummarizeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if recipe.acc.is_main_process:
        print(f"trained {recipe.step} steps; final model in {final}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
