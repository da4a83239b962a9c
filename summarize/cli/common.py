"""What every command shares: the Typer app, the error and warning printers, the progress bar, options."""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from typing import Iterator

import typer
from rich.console import Console
from rich.markup import escape

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
    help="Override a config key, e.g. --set summarizer=extractive --set model=PATH --set generation.num_beams=2 "
         "(every key, its default and what it does: summarize keys [SECTION]).",
)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    label = "warning" if issubclass(category, SummarizeWarning) else category.__name__
    err.print(f"[yellow]{label}:[/yellow] {escape(str(message))}", markup=True)


@contextlib.contextmanager
def _cli_errors() -> Iterator[None]:
    """Library errors become one red line and exit code 2; warnings print once, in yellow."""
    warnings.showwarning = _show_warning
    warnings.simplefilter("default")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    if not err.is_terminal:
        _no_library_progress_bars()
    try:
        yield
    except SummarizeError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", markup=True)
        raise typer.Exit(2) from None


def _no_library_progress_bars() -> None:
    """Silence the hub's and transformers' progress bars ("Loading weights: 100%") in logs and pipes."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # read when transformers is imported
    if "transformers" in sys.modules:  # already imported: tell it directly
        sys.modules["transformers"].utils.logging.disable_progress_bar()


@contextlib.contextmanager
def _progress(enabled: bool):
    """A rich progress bar on a terminal; nothing when stderr is piped or ``--quiet``."""
    if not (enabled and err.is_terminal):
        _no_library_progress_bars()
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task("summarizing", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def plural(n: int, one: str, many: str | None = None) -> str:
    """``"1 summary"``, ``"2 summaries"``.

    Example:
        >>> plural(1, "article"), plural(3, "summary", "summaries")
        ('1 article', '3 summaries')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"
