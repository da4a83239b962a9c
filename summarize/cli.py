"""The ``summarize`` command line: a thin Typer wrapper over the Python API.

Only this module prints, parses argv or sets exit codes.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console

from summarize.errors import SummarizeError, SummarizeWarning

app = typer.Typer(
    help="Multi-document news summarization: clean, summarize and trace every sentence to its sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

CONFIG_OPT = typer.Option(None, "--config", "-c", help="YAML config file (see configs/run/).", exists=False)
SET_OPT = typer.Option(
    None, "--set", "-s", metavar="KEY=VALUE",
    help="Override a config key, e.g. --set summarizer=extractive --set model=PATH --set generation.num_beams=2.",
)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    label = "warning" if issubclass(category, SummarizeWarning) else category.__name__
    err.print(f"[yellow]{label}:[/yellow] {message}", markup=True)


@contextlib.contextmanager
def _cli_errors() -> Iterator[None]:
    """Library errors become one red line and exit code 2; warnings print once, in yellow."""
    warnings.showwarning = _show_warning
    warnings.simplefilter("default")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    try:
        yield
    except SummarizeError as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True)
        raise typer.Exit(2) from None


@contextlib.contextmanager
def _progress(enabled: bool):
    """A rich progress bar on a terminal; nothing when stderr is piped or ``--quiet``."""
    if not (enabled and err.is_terminal):
        import os

        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        with contextlib.suppress(ImportError):
            import transformers

            transformers.utils.logging.disable_progress_bar()
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task("summarizing", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command()
def run(
    paths: List[str] = typer.Argument(..., help="Files, directories, globs, '-' (stdin) or hf:DATASET[:SPLIT]."),
    config: Optional[Path] = CONFIG_OPT,
    set_: Optional[List[str]] = SET_OPT,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (.txt, .json, .jsonl, .md); default stdout."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="text | json | jsonl | md (default: from -o's suffix)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Summarize articles: one consolidated summary per cluster (a JSONL of clusters is a batch)."""
    from summarize.config import load_config
    from summarize.pipeline import run as run_pipeline

    with _cli_errors():
        cfg = load_config(config, set_ or [])
        with _progress(not quiet) as progress:
            summaries, text = run_pipeline(paths, cfg, output=output, fmt=fmt, progress=progress)
        if output is None:
            sys.stdout.write(text)
        else:
            err.print(f"wrote {len(summaries)} summaries to {output}")


@app.command()
def validate(
    config: Optional[Path] = typer.Argument(None, help="YAML config file; default: the built-in defaults."),
    set_: Optional[List[str]] = SET_OPT,
) -> None:
    """Check a config file and print the resolved settings as YAML."""
    import yaml

    from summarize.config import load_config

    with _cli_errors():
        cfg = load_config(config, set_ or [])
        sys.stdout.write(yaml.safe_dump(cfg.to_dict(), sort_keys=False))
        err.print(f"config ok (hash {cfg.hash()})")


@app.command("ls")
def list_components() -> None:
    """List the registered summarizers and input builders."""
    import summarize.inputs  # noqa: F401  (registration)
    import summarize.summarizers  # noqa: F401
    from summarize.registry import INPUT_BUILDERS, SUMMARIZERS

    for registry in (SUMMARIZERS, INPUT_BUILDERS):
        sys.stdout.write(f"{registry.kind}s:\n")
        for name, doc in registry.describe().items():
            sys.stdout.write(f"  {name:<16} {doc}\n")


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":
    main()
