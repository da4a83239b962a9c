"""The ``summarize`` command line: a thin Typer wrapper over the Python API, one module per group of
commands (``run``: run, cluster, conflicts; ``evaluate``; ``train``: train, validate, keys, ls).

Only this package prints, parses argv or sets exit codes.
"""

from __future__ import annotations

from summarize.cli import evaluate, run, train  # noqa: F401  (each module registers its commands)
from summarize.cli.common import app, plural

__all__ = ["app", "main", "plural"]


def main() -> None:  # console-script entry point
    app()
