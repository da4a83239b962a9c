"""Name -> implementation registries for the swappable parts chosen in YAML.

Example:
    >>> from summarize.registry import SUMMARIZERS
    >>> import summarize.summarizers  # registers the built-in summarizers
    >>> sorted(SUMMARIZERS.names())
    ['abstractive', 'extractive', 'lead']
"""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

from summarize.errors import ConfigError

T = TypeVar("T")


class Registry(Generic[T]):
    """A named collection of implementations of one kind (summarizers, input builders, ...)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}
        self._docs: dict[str, str] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator registering ``obj`` under ``name``; a name can be taken once."""

        def deco(obj: T) -> T:
            if name in self._items:
                raise ValueError(f"{self.kind} {name!r} is already registered")
            self._items[name] = obj
            doc = (getattr(obj, "__doc__", None) or "").strip().splitlines()
            self._docs[name] = doc[0] if doc else ""
            return obj

        return deco

    def get(self, name: str) -> T:
        """The implementation called ``name``; an unknown name lists the valid ones."""
        try:
            return self._items[name]
        except KeyError:
            valid = ", ".join(sorted(self._items)) or "(none registered)"
            raise ConfigError(f"unknown {self.kind} {name!r}; choose one of: {valid}") from None

    def names(self) -> list[str]:
        return list(self._items)

    def describe(self) -> dict[str, str]:
        """Name -> first docstring line, for `summarize ls`."""
        return dict(self._docs)


SUMMARIZERS: Registry = Registry("summarizer")
INPUT_BUILDERS: Registry = Registry("input builder")
ENGINES: Registry = Registry("engine")
