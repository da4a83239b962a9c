"""Fine-tuning settings (``training/finetune.py``), one YAML file per model and dataset in ``configs/train/``.

The model input is built exactly as ``summarize run`` builds it (``abstractive`` and ``clean`` are the
run's own sections), so a fine-tuned checkpoint sees at inference what it saw in training.

Example:
    >>> cfg = load_train_config(overrides=["model=/tmp/ckpt", "train_file=train.jsonl", "max_steps=10"])
    >>> (cfg.max_steps, cfg.abstractive.input_builder)
    (10, 'per_doc_budget')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from summarize.config import AbstractiveConfig, CleanConfig, GenerationConfig, LoadConfig, read_yaml
from summarize.config.schema import check_choices, from_dict
from summarize.errors import ConfigError


@dataclass
class TrainConfig:
    """One fine-tuning run: data, model, optimisation, checkpoints."""

    model: str = ""
    """Hub name or local path of the AutoModelForSeq2SeqLM to start from (loaded as `summarize run` loads it)."""
    train_file: str = ""
    """JSONL in the shared schema, {"id", "documents": [...], "summary"} per example, or any input `summarize run`
    reads whose rows carry a reference summary (hf:NAME:SPLIT, CSV)."""
    validation_file: str | None = None
    """Same format; scored with ROUGE every ``eval_every`` steps and at the end. Null: no evaluation."""
    output_dir: str = "runs/finetune"
    """Checkpoints (``checkpoints/step-N``), ``metrics.jsonl`` and the final model (``final/``)."""
    max_train_examples: int | None = None
    """Use only the first N training examples (null: all)."""
    max_validation_examples: int = 50
    """Validation examples scored at each evaluation."""
    preprocess_workers: int = 0
    """Processes that clean, build and tokenize the training inputs (0: one per CPU, at most 8); the result
    is cached in output_dir/features/."""
    max_target_tokens: int = 256
    """Reference summaries are cut to this many tokens."""
    batch_size: int = 2
    """Examples per device per forward pass."""
    grad_accum: int = 1
    """Forward passes per optimizer step (effective batch = batch_size x grad_accum x devices)."""
    max_steps: int = 1000
    """Optimizer steps in all (the run stops there; epochs follow from the data size)."""
    learning_rate: float = 3e-5
    """Peak learning rate (AdamW), reached after the warm-up."""
    weight_decay: float = 0.01
    """AdamW weight decay (not applied to biases and layer norms)."""
    warmup_steps: int = 0
    """Linear warm-up, then linear decay to 0 at ``max_steps``."""
    max_grad_norm: float = 1.0
    """Gradients are clipped to this global norm (> 0)."""
    label_smoothing: float = 0.0
    """Cross-entropy label smoothing on the target tokens (PRIMERA's recipe uses 0.1)."""
    optimizer: Literal["adamw_fused", "adamw_foreach", "adamw"] = "adamw_fused"
    """AdamW implementation: adamw_fused (one kernel over every parameter, as Seq2SeqTrainer's default
    adamw_torch_fused; the fastest on CPU and GPU) | adamw_foreach (multi-tensor) | adamw (torch's choice: a
    per-tensor loop on a CPU). All three compute the same update."""
    group_by_length: bool = True
    """Batches of examples of similar length (each epoch's seeded order cut into groups of 64 batches, sorted
    by length inside a group, the batches then shuffled): less padding for inputs of mixed lengths, the same
    examples per step. On by default: the same loss within seed noise over 100 steps (3 seeds,
    bench/results/loss_curves_grouped.json) at 1.08x the tokens/s; bart-base at 1,024 tokens 1.11x the
    Trainer's tokens/s (train_throughput_grouped.json). false: the plain seeded shuffle."""
    cudnn_attention: bool = False
    """Let torch pick its cuDNN kernel for scaled-dot-product attention (CUDA). Off: the flash and
    memory-efficient kernels serve instead. In a profile of BART-large training on an H200 (torch 2.11) each
    cuDNN attention call cost ~2.3 ms of host time, half of a step whose GPU work took a sixth of it
    (bench/results/profile_gpu_recipe-bart-large-cnn.txt)."""
    compile: bool = False
    """``torch.compile`` the model (inductor): fused kernels and far fewer launches per step, for a GPU where
    the step is launch-bound. The first steps pay the compilation (about a minute for BART-large), and batch
    lengths are padded to multiples of 64 so that few shapes are compiled. Same loss curve."""
    gradient_checkpointing: bool = False
    """Recompute activations in the backward pass: far less memory for long inputs (LED/PRIMERA), ~30% slower."""
    mixed_precision: Literal["no", "bf16", "fp16"] | None = None
    """null: as `accelerate launch` sets it (none by default); no: float32 whatever the launcher says."""
    save_every: int = 500
    """Steps between resumable checkpoints (model, optimizer, scheduler, RNG states, data position)."""
    keep_checkpoints: int = 2
    """Newest checkpoints kept; older ones are deleted once a newer one is complete."""
    eval_every: int = 500
    """Steps between evaluations on the validation file."""
    best_metric: Literal["validation_rouge1", "validation_rouge2", "validation_rougeL", "validation_rougeLsum"] | None = None
    """Also keep the model that scores highest on this validation ROUGE F1 in output_dir/best (with best.json:
    its step and scores). Null: final/ only."""
    log_every: int = 10
    """Steps between lines of metrics.jsonl (and of the progress line)."""
    seed: int = 0
    """Seed of the data order, dropout and anything else random (accelerate's set_seed): a re-run repeats the run."""
    resume: str | None = None
    """latest (the newest checkpoint in output_dir) | a checkpoint folder | null (start fresh)."""
    overwrite: bool = False
    """Start fresh in an output_dir that holds an earlier run: its checkpoints and metrics.jsonl are removed
    first. Without it (or resume) such an output_dir is refused, never mixed with the new run."""
    load: LoadConfig = field(default_factory=LoadConfig)
    """How the data files map onto examples, as in `summarize run` (``split`` for hf: inputs)."""
    clean: CleanConfig = field(default_factory=CleanConfig)
    abstractive: AbstractiveConfig = field(default_factory=AbstractiveConfig)
    """Input building (builder, separator, prefix, max_input_tokens) as in `summarize run`; device and dtype
    are ignored here: accelerate places the model, ``mixed_precision`` sets the precision."""
    generation: GenerationConfig = field(default_factory=GenerationConfig)
    """Decoding for the validation ROUGE."""

    def __post_init__(self) -> None:
        positive = ("batch_size", "grad_accum", "max_steps", "save_every", "eval_every", "log_every",
                    "max_target_tokens", "keep_checkpoints", "max_validation_examples")
        for name in positive:
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be >= 1, got {getattr(self, name)}")
        if self.preprocess_workers < 0:
            raise ConfigError(f"preprocess_workers must be >= 0, got {self.preprocess_workers}")
        if self.max_train_examples is not None and self.max_train_examples < 1:
            raise ConfigError("max_train_examples must be >= 1 or null")
        if not 0.0 <= self.label_smoothing < 1.0:
            raise ConfigError(f"label_smoothing must be in [0, 1), got {self.label_smoothing}")
        if not self.learning_rate > 0 or self.weight_decay < 0 or self.warmup_steps < 0 or self.max_grad_norm <= 0:
            raise ConfigError("need learning_rate > 0, weight_decay >= 0, warmup_steps >= 0, max_grad_norm > 0")
        check_choices(self)

    def check_ready(self) -> None:
        """The fields a run cannot start without (a YAML may leave them to ``--set``)."""
        for name in ("model", "train_file"):
            if not getattr(self, name):
                raise ConfigError(f"{name} is not set: give it in the YAML or with --set {name}=...")
        if self.best_metric and not self.validation_file:
            raise ConfigError("best_metric needs a validation_file to score the model on")
        for name in ("train_file", "validation_file"):
            value = getattr(self, name)
            if value and not value.startswith("hf:") and not Path(value).exists():
                raise ConfigError(f"{name}: {value} not found")
        earlier = self.earlier_run()
        if earlier and not self.resume and not self.overwrite:
            raise ConfigError(f"output_dir {self.output_dir} holds an earlier run ({earlier}): --set resume=latest to "
                              f"continue it, --set overwrite=true to replace it, or choose another output_dir")

    def earlier_run(self) -> str | None:
        """What of an earlier run ``output_dir`` holds (checkpoints, metrics.jsonl), if anything."""
        out = Path(self.output_dir)
        found = [p.name for p in (out / "checkpoints", out / "metrics.jsonl", out / "final") if p.exists()]
        return ", ".join(found) or None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_train_config(path: str | Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> TrainConfig:
    """A ``TrainConfig`` from a YAML file (or the defaults) with ``key=value`` overrides."""
    data, where = read_yaml(path, overrides)
    return from_dict(TrainConfig, data, where=where)
