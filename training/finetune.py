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
import hashlib
import json
import re
import shutil
import sys
import time
import warnings
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from summarize.config import RunConfig
from summarize.config.train import TrainConfig, load_train_config
from summarize.errors import ConfigError, InputError, ModelUnavailableError, SummarizeError, SummarizeWarning
from summarize.generation.models import for_training
from summarize.io.atomic import atomic_write_text
from summarize.metrics.rouge import corpus_rouge
from summarize.summarizers.abstractive import AbstractiveSummarizer, load_model
from summarize.train_data import EpochOrder, InputEncoder, clean_examples, encode_examples, load_examples

if TYPE_CHECKING:
    import torch

STATE_FILE = "recipe_state.json"
# what a resumed run must share with the checkpoint it continues (others, such as max_steps, may change)
RESUME_FIELDS = ("model", "train_file", "batch_size", "grad_accum", "learning_rate", "weight_decay", "warmup_steps",
                 "max_grad_norm", "label_smoothing", "max_target_tokens", "max_train_examples", "seed",
                 "gradient_checkpointing", "group_by_length", "abstractive", "clean", "load")


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
        no_decay = ("bias", "layer_norm", "layernorm", "norm.weight")
        groups = [
            {"params": [p for n, p in model.named_parameters() if not any(k in n.lower() for k in no_decay)],
             "weight_decay": cfg.weight_decay},
            {"params": [p for n, p in model.named_parameters() if any(k in n.lower() for k in no_decay)],
             "weight_decay": 0.0},
        ]
        optimizer = torch.optim.AdamW(groups, lr=cfg.learning_rate, **optimizer_kwargs(cfg.optimizer))
        # accelerate steps a prepared scheduler once per process per optimizer step
        n = self.acc.num_processes
        scheduler = get_linear_schedule_with_warmup(optimizer, cfg.warmup_steps * n, cfg.max_steps * n)
        self.model, self.optimizer, self.loader, self.scheduler = self.acc.prepare(model, optimizer, loader, scheduler)
        if cfg.resume:
            self.load_checkpoint(self.find_checkpoint(cfg.resume))
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
        """Append one whole line to metrics.jsonl (a line a crash cut short is dropped first, never glued to)."""
        if record and self.acc.is_main_process:
            self.out.mkdir(parents=True, exist_ok=True)
            path = self.out / "metrics.jsonl"
            if _ends_cut_short(path):
                atomic_write_text(path, "".join(json.dumps(r) + "\n" for r in read_metrics(path)))
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record) + "\n")
                fh.flush()

    # ---- save / resume --------------------------------------------------------------------------
    def save_checkpoint(self) -> Path:
        """A complete, resumable checkpoint (never a half-written one: written aside, then renamed), with a
        sha256 of every file in it that resume verifies."""
        final = self.out / "checkpoints" / f"step-{self.step:07d}"
        tmp = final.with_name(final.name + ".tmp")
        with _whole_or_removed(tmp, f"checkpoint {final.name}"):
            self.acc.save_state(str(tmp))
        self.acc.wait_for_everyone()  # every process's RNG state is written before the checksums are taken
        if self.acc.is_main_process:
            epoch, batch = self.epoch, self.batch_in_epoch
            if batch >= len(self.loader):  # the epoch is complete: resume at the next one
                epoch, batch = epoch + 1, 0
            state = {"step": self.step, "epoch": epoch, "batch_in_epoch": batch, "best": self.best,
                     "config": self.cfg.to_dict(), "checksums": checksums(tmp)}
            with _whole_or_removed(tmp, f"checkpoint {final.name}"):
                atomic_write_text(tmp / STATE_FILE, json.dumps(state, indent=1))
            _publish(tmp, final)
            for old in self.checkpoints()[: -self.cfg.keep_checkpoints]:
                shutil.rmtree(old)
        self.acc.wait_for_everyone()
        return final

    def checkpoints(self) -> list[Path]:
        """Complete checkpoints, oldest first."""
        root = self.out / "checkpoints"
        if not root.is_dir():
            return []
        # step-N only: a step-N.tmp folder is still being written (or was, when a run crashed)
        return sorted(p for p in root.glob("step-*") if re.fullmatch(r"step-\d+", p.name) and (p / STATE_FILE).is_file())

    def find_checkpoint(self, resume: str) -> Path:
        """The checkpoint to resume: ``latest`` is the newest one whose files match their checksums (a damaged
        newer one is passed over with a warning); a named one must be intact."""
        if resume == "latest":
            found = self.checkpoints()
            if not found:
                raise ConfigError(f"resume=latest: no complete checkpoint in {self.out / 'checkpoints'}")
            for path in reversed(found):
                problem = damaged(path)
                if problem is None:
                    return path
                warnings.warn(f"checkpoint {path} is damaged ({problem}); trying the one before it",
                              SummarizeWarning, stacklevel=2)
            raise ConfigError(f"resume=latest: every checkpoint in {self.out / 'checkpoints'} is damaged")
        path = Path(resume)
        if not (path / STATE_FILE).is_file():
            raise ConfigError(f"resume: {path} is not a checkpoint folder ({STATE_FILE} not found)")
        problem = damaged(path)
        if problem:
            raise ConfigError(f"resume: checkpoint {path} is damaged ({problem})")
        return path

    def load_checkpoint(self, path: Path) -> None:
        """Model, optimizer, scheduler and RNG states, and where in the data the run was; a checkpoint of a
        run with other settings (``RESUME_FIELDS``) is refused, naming them."""
        state = json.loads((path / STATE_FILE).read_text(encoding="utf-8"))
        before, now = state.get("config", {}), self.cfg.to_dict()
        differ = [f"{k}: {before[k]!r} in the checkpoint, {now[k]!r} now" for k in RESUME_FIELDS
                  if k in before and before[k] != now[k]]
        if differ:
            raise ConfigError(f"resume: {path} was trained with other settings ({'; '.join(differ)}); resume with "
                              f"the checkpoint's settings, or start a new run (another output_dir, or overwrite=true)")
        self.acc.load_state(str(path))
        self.step, self.epoch, self.batch_in_epoch = state["step"], state["epoch"], state["batch_in_epoch"]
        self.best = state.get("best")
        metrics = self.out / "metrics.jsonl"
        if self.acc.is_main_process and metrics.is_file():  # lines logged after the checkpoint happen again
            kept = [r for r in read_metrics(metrics) if r.get("step", 0) <= self.step]
            atomic_write_text(metrics, "".join(json.dumps(r) + "\n" for r in kept))

    def save_model(self, name: str, info: dict[str, Any] | None = None) -> Path:
        """The model and its tokenizer in ``output_dir/name`` (``info`` as ``name.json`` beside them),
        loadable by path (``summarize run --set model=...``); written aside and renamed."""
        final = self.out / name
        tmp = final.with_name(name + ".tmp")
        model = self.acc.unwrap_model(self.model)
        if self.acc.is_main_process:
            if tmp.exists():
                shutil.rmtree(tmp)
            with _whole_or_removed(tmp, f"the {name} model"):
                model.save_pretrained(tmp, save_function=self.acc.save)
                self.tokenizer.save_pretrained(tmp)
                if info is not None:
                    atomic_write_text(tmp / f"{name}.json", json.dumps(info, indent=1))
            _publish(tmp, final)
        self.acc.wait_for_everyone()
        return final


def optimizer_kwargs(name: str) -> dict[str, bool]:
    """torch AdamW's implementation: ``adamw_fused`` one kernel for all parameters (the Trainer's default; on a
    CPU it is ~4x the per-tensor loop), ``adamw_foreach`` the multi-tensor one, ``adamw`` torch's own choice.

    Example:
        >>> optimizer_kwargs("adamw_fused")
        {'fused': True}
    """
    return {"adamw_fused": {"fused": True}, "adamw_foreach": {"foreach": True}, "adamw": {}}[name]


def _ends_cut_short(path: Path) -> bool:
    """Whether a file's last line lacks its newline (read from its last byte, not the whole file)."""
    if not path.is_file() or not path.stat().st_size:
        return False
    with open(path, "rb") as fh:
        fh.seek(-1, 2)
        return fh.read(1) != b"\n"


def read_metrics(path: Path) -> list[dict[str, Any]]:
    """The records of a metrics.jsonl; a last line cut short (kill -9, a full disk) is dropped with a warning,
    a damaged line before it is an error naming the file and line."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    records = []
    for n, line in enumerate(lines, start=1):
        try:
            records.append(json.loads(line))
        except ValueError:
            if n < len(lines):
                raise InputError(f"{path}:{n}: damaged metrics line; remove it (or the file) to resume") from None
            warnings.warn(f"{path}:{n}: dropped a metrics line cut short by an interrupted run", SummarizeWarning,
                          stacklevel=2)
    return records


def checksums(folder: Path) -> dict[str, str]:
    """sha256 of every file in a checkpoint folder (its state file aside), by relative path."""
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != STATE_FILE):
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 22):
                digest.update(chunk)
        out[path.relative_to(folder).as_posix()] = digest.hexdigest()
    return out


def damaged(folder: Path) -> str | None:
    """What is wrong with a checkpoint (an unreadable state file, a file missing or changed since it was
    written), or None when it is intact. Checkpoints written before checksums existed are trusted."""
    try:
        state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"{STATE_FILE} unreadable: {exc}"
    expected = state.get("checksums")
    if expected is None:
        return None
    found = checksums(folder)
    for name, digest in expected.items():
        if name not in found:
            return f"{name} is missing"
        if found[name] != digest:
            return f"{name} differs from its checksum"
    return None


@contextmanager
def _whole_or_removed(tmp: Path, what: str):
    """Write ``tmp`` whole, or remove what was written of it (a full disk must not stay full of a half
    checkpoint) and say so; the checkpoints already complete are untouched."""
    try:
        yield
    except Exception as exc:  # OSError, safetensors' SafetensorError, torch's RuntimeError: all mean "not written"
        if not isinstance(exc, (OSError, RuntimeError)) and type(exc).__name__ != "SafetensorError":
            raise
        shutil.rmtree(tmp, ignore_errors=True)
        raise SummarizeError(f"could not write {what} to {tmp.parent} ({type(exc).__name__}: {exc}); the partial "
                             f"folder was removed and earlier checkpoints are intact: free space (or choose another "
                             f"output_dir) and resume with --set resume=latest") from exc


def _publish(tmp: Path, final: Path) -> None:
    """Put the completed folder ``tmp`` in place of ``final``: the old one is renamed aside, the new one
    renamed in, then the old one deleted, so a crash at any moment leaves a whole model at ``final`` or
    beside it (``final.old``, put back by the next publish)."""
    old = final.with_name(final.name + ".old")
    if old.exists() and not final.exists():  # a crash between the two renames: the old model is intact
        old.rename(final)
    if final.exists():
        if old.exists():
            shutil.rmtree(old)
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


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
