"""Exceptions and warnings raised by the library; the CLI turns them into messages and exit codes."""

from __future__ import annotations


class SummarizeError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(SummarizeError, ValueError):
    """Bad input: the message names the file, line or field."""


class ConfigError(SummarizeError, ValueError):
    """Bad configuration: the message names the key and lists the valid ones."""


class ModelUnavailableError(SummarizeError, OSError):
    """A model is neither cached nor downloadable; the message says how to get it."""


class MissingDependencyError(SummarizeError, ImportError):
    """An optional dependency is missing; the message names the install command."""


class SummarizeWarning(UserWarning):
    """Something the user should see that did not stop the run (skipped file, fallback, truncation)."""


def require(module: str, install: str):
    """Import ``module`` or raise ``MissingDependencyError`` naming the install command.

    Example:
        >>> require("json", "pip install json").__name__
        'json'
    """
    import importlib
    import importlib.util

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if importlib.util.find_spec(module.split(".")[0]) is not None:  # installed; something it imports is not
            raise MissingDependencyError(
                f"{module} is installed but cannot be imported: {exc} (missing module: {exc.name or 'see above'})"
            ) from exc
        raise MissingDependencyError(f"{module} is required for this feature: run `{install}`") from exc
