"""How ``summarize train`` finds and starts a training recipe (``training/*.py`` of the source checkout).

Recipes stay stand-alone scripts (read, copy and edit them; run them with ``python`` or
``accelerate launch``); this module only locates one and builds the command that starts it: in this
process for a single-process run, through ``accelerate launch`` for data-parallel or configured runs.

Example:
    >>> launch_command("configs/train/bart-base/multinews.yaml", ["max_steps=100"], num_processes=2,
    ...                recipe=Path("training/finetune.py"), python="python")  # doctest: +NORMALIZE_WHITESPACE
    ['python', '-m', 'accelerate.commands.launch', '--multi_gpu', '--num_processes', '2', 'training/finetune.py',
     '--config', 'configs/train/bart-base/multinews.yaml', '--set', 'max_steps=100']
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Sequence

from summarize.errors import ConfigError, ModelUnavailableError, SummarizeError

RECIPES_DIR = Path(__file__).resolve().parents[1] / "training"


def recipe_path(name: str = "finetune", root: Path = RECIPES_DIR) -> Path:
    """The recipe script ``root/NAME.py``; a clear error when summarize is not run from a source checkout.

    Example:
        >>> recipe_path().name
        'finetune.py'
    """
    path = root / f"{name}.py"
    if not path.is_file():
        available = sorted(p.stem for p in root.glob("*.py")) if root.is_dir() else []
        hint = (f"available: {', '.join(available)}" if available else
                "recipes ship with the source checkout: `git clone` the repository and `pip install -e .` there")
        raise ConfigError(f"no training recipe '{name}' at {path} ({hint})")
    return path


def recipe_args(config: str | Path, overrides: Sequence[str]) -> list[str]:
    """The recipe's own arguments: ``--config FILE`` and one ``--set KEY=VALUE`` per override."""
    args = ["--config", str(config)]
    for item in overrides:
        args += ["--set", item]
    return args


def launch_command(
    config: str | Path,
    overrides: Sequence[str] = (),
    accelerate_config: str | Path | None = None,
    num_processes: int = 1,
    recipe: Path | None = None,
    python: str = sys.executable,
) -> list[str] | None:
    """The ``accelerate launch`` command for a run with an accelerate config or several processes, or
    None when the recipe runs in this process (one process, no accelerate config). Several processes
    without a config are a data-parallel launch (``--multi_gpu``; on a machine without GPUs, set
    ``ACCELERATE_USE_CPU=true`` for CPU processes that talk through gloo)."""
    if num_processes < 1:
        raise ConfigError(f"--num-processes must be at least 1, got {num_processes}")
    if accelerate_config is None and num_processes == 1:
        return None
    if accelerate_config is not None and not Path(accelerate_config).is_file():
        raise ConfigError(f"accelerate config not found: {accelerate_config} (see configs/accelerate/)")
    cmd = [python, "-m", "accelerate.commands.launch"]
    if accelerate_config is not None:  # the file says how to distribute (multi-GPU, FSDP, DeepSpeed...)
        cmd += ["--config_file", str(accelerate_config)]
    elif num_processes > 1:  # else accelerate starts one process where it sees fewer than two GPUs
        cmd += ["--multi_gpu"]
    if num_processes > 1:
        cmd += ["--num_processes", str(num_processes)]
    return cmd + [str(recipe or recipe_path()), *recipe_args(config, overrides)]


def cpu_requested(environ=os.environ) -> bool:
    """Whether ``ACCELERATE_USE_CPU`` asks accelerate for CPU processes (1, true or yes)."""
    return environ.get("ACCELERATE_USE_CPU", "").lower() in ("1", "true", "yes")


def launch_env(num_processes: int) -> dict[str, str]:
    """The environment of an ``accelerate launch`` of ``num_processes``: on a CPU (no GPU, or
    ``ACCELERATE_USE_CPU``) each process gets its share of the cores (``host.thread_share``), where the launcher
    would give each one thread; on GPUs the launcher's own settings.

    Example:
        >>> launch_env(1) == dict(os.environ)
        True
    """
    from summarize.generation.models import gpu_count
    from summarize.host import thread_share

    env = dict(os.environ)
    cpu = cpu_requested(env) or not gpu_count()
    return env | thread_share(num_processes, env) if cpu and num_processes > 1 else env


def run_recipe(config: str | Path, overrides: Sequence[str] = (), recipe: Path | None = None) -> int:
    """Run the recipe's ``main`` in this process and return its exit status."""
    path = recipe or recipe_path()
    spec = importlib.util.spec_from_file_location(f"summarize_recipe_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return int(module.main(recipe_args(config, overrides)) or 0)


def preflight(config, num_processes: int = 1, accelerate_config: str | Path | None = None) -> list[str]:
    """What would make a training launch fail, checked before any process starts: missing fields or data
    files, a model that cannot be loaded, more processes than GPUs (without ``ACCELERATE_USE_CPU``).

    Example:
        >>> from summarize.config.train import TrainConfig
        >>> preflight(TrainConfig())[0]
        'model is not set: give it in the YAML or with --set model=...'
    """
    from summarize.generation.models import gpu_count

    problems = []
    try:
        config.check_ready()
    except ConfigError as exc:
        problems.append(str(exc))
    if config.model:
        from summarize.generation.models import checkpoint_source, for_training

        try:
            checkpoint_source(config.model)
        except ModelUnavailableError as exc:
            problems.append(str(for_training(exc)))
        except SummarizeError as exc:
            problems.append(str(exc))
    if not problems:
        from summarize.train_data import first_example

        for name in ("train_file", "validation_file"):  # one example read, as the run will read it
            value = getattr(config, name)
            try:
                if value:
                    first_example(value, config)
            except SummarizeError as exc:
                problems.append(f"{name}: {exc}")
    if num_processes > 1 and accelerate_config is None:
        gpus = gpu_count()
        if gpus < num_processes and not cpu_requested():
            problems.append(f"-n {num_processes} starts one process per GPU and this machine has {gpus}: lower -n, "
                            f"or set ACCELERATE_USE_CPU=true for {num_processes} CPU processes (gloo)")
    return problems

