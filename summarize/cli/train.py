"""``summarize train``, ``validate`` and ``ls``: fine-tuning and what a config may hold."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape

from summarize.cli.common import SET_OPT, _cli_errors, app, err
from summarize.errors import SummarizeError

TRAIN_SET_OPT = typer.Option(
    None, "--set", "-s", metavar="KEY=VALUE",
    help="Override a fine-tuning key, e.g. --set max_steps=100 --set learning_rate=3e-5 --set train_file=PATH "
         "--set output_dir=runs/x (all keys: summarize validate FILE).",
)


@app.command()
def train(
    config: Path = typer.Argument(..., help="Fine-tuning YAML (configs/train/<model>/<dataset>.yaml)."),
    set_: Optional[List[str]] = TRAIN_SET_OPT,
    accelerate_config: Optional[Path] = typer.Option(
        None, "--accelerate-config", help="Launch through `accelerate launch --config_file FILE` (configs/accelerate/)."
    ),
    num_processes: int = typer.Option(1, "--num-processes", "-n", help="Data-parallel processes (accelerate launch)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check the config and print the command; do not train."),
) -> None:
    """Fine-tune a seq2seq model with training/finetune.py, here or through accelerate launch.

    --accelerate-config or --num-processes launches it through accelerate launch. The config is checked before
    anything starts."""
    import shlex
    import subprocess

    from summarize import recipes
    from summarize.config.train import load_train_config

    overrides = list(set_ or [])
    with _cli_errors():
        cfg = load_train_config(config, overrides)
        recipe = recipes.recipe_path()
        cmd = recipes.launch_command(config, overrides, accelerate_config, num_processes, recipe)
        shown = cmd or [sys.executable, str(recipe), *recipes.recipe_args(config, overrides)]
        problems = recipes.preflight(cfg, num_processes, accelerate_config)  # before any process starts
        if problems:
            for problem in problems:
                err.print(f"[red]{'would fail' if dry_run else 'error'}:[/red] {escape(problem)}", markup=True)
            if dry_run:
                err.print(f"command: {shlex.join(shown)}")
            raise typer.Exit(2)
        err.print(f"{'would run' if dry_run else 'running'}: {shlex.join(shown)}")
        if dry_run:
            return
        code = subprocess.call(cmd, env=recipes.launch_env(num_processes)) if cmd else \
            recipes.run_recipe(config, overrides, recipe)
    if code:
        raise typer.Exit(code)


@app.command()
def validate(
    config: Optional[Path] = typer.Argument(None, help="YAML config file; default: the built-in defaults."),
    set_: Optional[List[str]] = SET_OPT,
) -> None:
    """Check a config file and print the resolved settings as YAML.

    A run config, or a fine-tuning one (it has train_file)."""
    import yaml

    from summarize.config import RunConfig, check_names, read_yaml
    from summarize.config.schema import from_dict

    with _cli_errors():
        data, where = read_yaml(config, set_ or [])
        if "train_file" in data:
            from summarize.config.train import TrainConfig

            train = from_dict(TrainConfig, data, where=where)
            sys.stdout.write(yaml.safe_dump(train.to_dict(), sort_keys=False))
            err.print("fine-tuning config ok (launch: summarize train FILE)")
            return
        cfg = check_names(from_dict(RunConfig, data, where=where), where)
        sys.stdout.write(yaml.safe_dump(cfg.to_dict(), sort_keys=False))
        err.print(f"config ok (hash {cfg.hash()})")


@app.command("ls")
def list_components() -> None:
    """List the registered summarizers, generation engines, input builders and clustering methods."""
    from summarize.registry import CLUSTERERS, ENGINES, INPUT_BUILDERS, SUMMARIZERS

    for registry in (SUMMARIZERS, ENGINES, INPUT_BUILDERS, CLUSTERERS):
        sys.stdout.write(f"{registry.kind}s:\n")
        for name, doc in registry.describe().items():
            sys.stdout.write(f"  {name:<16} {doc}\n")


@app.command()
def keys(
    section: Optional[str] = typer.Argument(None, help="A section (generation, clean, ...) or a key prefix; "
                                            "default: every key of a run config."),
    train_keys: bool = typer.Option(False, "--train", help="The keys of a fine-tuning config instead."),
) -> None:
    """List config keys with their defaults and what each does (the docs of the config dataclasses)."""
    from summarize.config import RunConfig
    from summarize.config.schema import describe_keys

    with _cli_errors():
        if train_keys:
            from summarize.config.train import TrainConfig

            every = describe_keys(TrainConfig)
        else:
            every = describe_keys(RunConfig)
        rows = every
        if section:
            prefix = section.rstrip(".*")
            rows = [r for r in every if r[0] == prefix or r[0].startswith(prefix + ".")]
            if not rows:
                sections = sorted({r[0].split(".")[0] for r in every if "." in r[0]})
                raise SummarizeError(f"no config key starts with {section!r}; sections: {', '.join(sections)}")
        for key, default, doc in rows:
            sys.stdout.write(f"{key} = {default}\n")
            if doc:
                sys.stdout.write("".join(f"    {line}\n" for line in _wrap(doc)))


def _wrap(text: str, width: int = 100) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]
