"""Name -> implementation registries for the swappable parts chosen in YAML.

The built-in parts are declared here as ``"module:object"`` entries (lm-evaluation-harness style): a
configuration's names are checked without importing any implementation, and ``get`` imports the one
asked for. Plug-ins register with the decorator as before.

Example:
    >>> from summarize.registry import SUMMARIZERS
    >>> sorted(SUMMARIZERS.names())  # nothing imported yet
    ['abstractive', 'extractive', 'lead']
    >>> SUMMARIZERS.get("lead").__name__
    'LeadSummarizer'
"""

from __future__ import annotations

import importlib
import re
from typing import Callable, Generic, TypeVar

from summarize.errors import ConfigError

T = TypeVar("T")


class Registry(Generic[T]):
    """A named collection of implementations of one kind (summarizers, input builders, ...)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}
        self._docs: dict[str, str] = {}
        self._lazy: dict[str, str] = {}  # name -> "module:object", imported on first use

    def declare(self, name: str, target: str) -> None:
        """Make ``name`` known without importing it: ``target`` is ``"package.module:object"``."""
        if name in self._items or name in self._lazy:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._lazy[name] = target

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator registering ``obj`` under ``name``; a name can be taken once (the object a declaration
        names fills that declaration)."""

        def deco(obj: T) -> T:
            declared = self._lazy.get(name)
            if name in self._items or (declared and declared != f"{obj.__module__}:{obj.__qualname__}"):
                raise ValueError(f"{self.kind} {name!r} is already registered")
            self._items[name] = obj
            self._docs[name] = first_sentence(getattr(obj, "__doc__", None) or "")
            return obj

        return deco

    def get(self, name: str) -> T:
        """The implementation called ``name`` (imported now if it was only declared); an unknown name lists
        the valid ones."""
        if name not in self._items and name in self._lazy:
            module, _, attr = self._lazy[name].partition(":")
            obj = getattr(importlib.import_module(module), attr)
            if name not in self._items:  # its module registers it; a bare object is taken as it is
                self._items[name] = obj
        try:
            return self._items[name]
        except KeyError:
            raise ConfigError(f"unknown {self.kind} {name!r}; choose one of: {self.valid()}") from None

    def check(self, name: str) -> None:
        """A ``ConfigError`` listing the valid names unless ``name`` is one (nothing is imported)."""
        if name not in self._items and name not in self._lazy:
            raise ConfigError(f"unknown {self.kind} {name!r}; choose one of: {self.valid()}")

    def valid(self) -> str:
        return ", ".join(sorted(self.names())) or "(none registered)"

    def names(self) -> list[str]:
        return list(dict.fromkeys([*self._lazy, *self._items]))

    def describe(self) -> dict[str, str]:
        """Name -> first docstring line, for `summarize ls` (declared parts are imported for it)."""
        for name in self._lazy:
            self.get(name)
        return {name: self._docs.get(name, "") for name in self.names()}


def first_sentence(doc: str) -> str:
    """A docstring's first sentence as plain text, for `summarize ls`: its first paragraph joined onto one line,
    reStructuredText's double backticks dropped, cut after the first full stop that ends a sentence.

    Example:
        >>> first_sentence('''``config.linkage`` over similarity, cut at ``threshold``: no number of
        ...     events needed. Through the index, average linkage.
        ...
        ...     More.''')
        'config.linkage over similarity, cut at threshold: no number of events needed.'
        >>> first_sentence("Articles from the U.S. and e.g. the U.K. stay whole")
        'Articles from the U.S. and e.g. the U.K. stay whole'
    """
    paragraph = " ".join(doc.strip().split("\n\n")[0].split()).replace("``", "")
    return re.split(r"(?<=[a-z0-9)\]]\.)\s+(?=[A-Z])", paragraph, maxsplit=1)[0]


SUMMARIZERS: Registry = Registry("summarizer")
INPUT_BUILDERS: Registry = Registry("input builder")
ENGINES: Registry = Registry("engine")
CLUSTERERS: Registry = Registry("clustering method")

# the built-in parts: declared here, imported when a run uses them
SUMMARIZERS.declare("abstractive", "summarize.summarizers.abstractive:AbstractiveSummarizer")
SUMMARIZERS.declare("extractive", "summarize.summarizers.extractive:ExtractiveSummarizer")
SUMMARIZERS.declare("lead", "summarize.summarizers.lead:LeadSummarizer")
ENGINES.declare("hf", "summarize.generation.hf:HFEngine")
ENGINES.declare("ctranslate2", "summarize.generation.ct2:CTranslate2Engine")
INPUT_BUILDERS.declare("per_doc_budget", "summarize.inputs:per_doc_budget")
INPUT_BUILDERS.declare("concat", "summarize.inputs:concat")
CLUSTERERS.declare("agglomerative", "summarize.cluster.methods:agglomerative")
CLUSTERERS.declare("hdbscan", "summarize.cluster.methods:hdbscan")
CLUSTERERS.declare("online", "summarize.cluster.methods:online")
