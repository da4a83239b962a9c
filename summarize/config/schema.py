"""Turning plain dicts (YAML, ``--set``) into typed config dataclasses, with errors that name the key."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any, TypeVar

from summarize.errors import ConfigError

T = TypeVar("T")


def valid_keys(cls: type) -> list[str]:
    """Every dotted key a config dataclass accepts.

    Example:
        >>> from summarize.config import GenerationConfig
        >>> valid_keys(GenerationConfig)[:2]
        ['num_beams', 'max_new_tokens']
    """
    hints = typing.get_type_hints(cls)
    keys: list[str] = []
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        if dataclasses.is_dataclass(tp):
            keys.extend(f"{f.name}.{sub}" for sub in valid_keys(tp))
        else:
            keys.append(f.name)
    return keys


def from_dict(cls: type[T], data: dict[str, Any], where: str = "config", prefix: str = "") -> T:
    """Build ``cls`` from ``data``, checking every key and value type.

    Example:
        >>> from summarize.config import GenerationConfig
        >>> from_dict(GenerationConfig, {"num_beams": 2}).num_beams
        2
    """
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: '{prefix.rstrip('.') or 'top level'}' must be a mapping, got {quoted(data)}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(unknown_key_message(cls, prefix, unknown[0], where))
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        tp = hints[name]
        if dataclasses.is_dataclass(tp):
            kwargs[name] = from_dict(tp, value or {}, where, prefix=f"{prefix}{name}.")
        else:
            kwargs[name] = _coerce(value, tp, at_key(where, f"{prefix}{name}"))
    try:
        return cls(**kwargs)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def at_key(where: str, key: str) -> str:
    """How an error about ``key`` names its place: ``where: key``, or just ``where`` when that is the
    one ``--set`` key the user typed (not "--set summarizer: summarizer: ...").

    Example:
        >>> at_key("run.yaml", "cluster.threshold"), at_key("--set cluster.threshold", "cluster.threshold")
        ('run.yaml: cluster.threshold', '--set cluster.threshold')
    """
    return where if where.endswith(f"--set {key}") else f"{where}: {key}"


def set_dotted(data: dict[str, Any], key: str, value: Any) -> None:
    """Set ``data['a']['b'] = value`` for ``key='a.b'``, creating mappings on the way."""
    parts = key.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ConfigError(f"--set {key}: '{part}' is not a section")
    node[parts[-1]] = value


def quoted(value: Any, limit: int = 120) -> str:
    """``repr(value)`` cut to ``limit`` characters: an error message never quotes a huge value whole.

    Example:
        >>> quoted("x" * 500, limit=12)
        "'xxxxxxxx... (502 characters)"
    """
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 3]}... ({len(text)} characters)"


# a number in exponent notation without a dot (3e-5, 1E4): YAML 1.1, which PyYAML follows, reads it as a string
_EXPONENT = re.compile(r"[-+]?\d+(\.\d*)?[eE][-+]?\d+")


def unknown_key_message(cls: type, prefix: str, key: str, where: str) -> str:
    """An unknown key: the closest valid one ("did you mean", also a key of another section), and the keys
    of its own section, sections shown as ``name.*`` (not all ~90 keys of the config).

    Example:
        >>> from summarize.config import GenerationConfig, RunConfig
        >>> unknown_key_message(GenerationConfig, "generation.", "num_beam", "config").split("?")[0]
        "config: unknown config key 'generation.num_beam'; did you mean 'generation.num_beams'"
        >>> unknown_key_message(RunConfig, "", "num_beams", "config").split("?")[0]
        "config: unknown config key 'num_beams'; did you mean 'generation.num_beams'"
    """
    import difflib

    hints = typing.get_type_hints(cls)
    here = {f.name: f.name + (".*" if dataclasses.is_dataclass(hints.get(f.name)) else "") for f in dataclasses.fields(cls)}
    close = [prefix + k for k in difflib.get_close_matches(key, list(here), n=1, cutoff=0.7)]
    if not close:  # a key of another section: compare the last part of every dotted key
        everything = {k.rsplit(".", 1)[-1]: prefix + k for k in reversed(valid_keys(cls))}
        close = [everything[k] for k in difflib.get_close_matches(key, list(everything), n=1, cutoff=0.8)]
        close = close or [v for k, v in everything.items() if len(key) >= 4 and key in k][:1]  # beams: num_beams
    guess = f"; did you mean {close[0]!r}?" if close else "."
    section = f" of {prefix.rstrip('.')}" if prefix else ""
    return (f"{where}: unknown config key '{prefix}{key}'{guess} Keys{section}: "
            f"{', '.join(prefix + k for k in here.values())}")


def choices(tp: Any) -> tuple | None:
    """The values a ``Literal`` field allows (its one declaration), else None.

    Example:
        >>> choices(typing.Literal["a", "b"]), choices(typing.Literal["a"] | None), choices(str)
        (('a', 'b'), ('a', None), None)
    """
    if typing.get_origin(tp) in (typing.Union, types.UnionType):  # Literal[...] | None
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        found = choices(inner[0]) if len(inner) == 1 else None
        return None if found is None else (*found, None)
    return typing.get_args(tp) if typing.get_origin(tp) is typing.Literal else None


def check_choices(obj: Any, section: str = "") -> None:
    """A ``ConfigError`` when a ``Literal`` field of the dataclass ``obj`` holds another value: the check for
    configs built in code, which ``from_dict`` does not see (``section``: "cluster." for the message)."""
    for name, tp in typing.get_type_hints(type(obj)).items():
        allowed = choices(tp)
        if allowed is not None and getattr(obj, name) not in allowed:
            raise ConfigError(f"{section}{name} must be {_alternatives(allowed)}, got {quoted(getattr(obj, name))}")


def _alternatives(allowed: tuple) -> str:
    return "|".join("null" if a is None else str(a) for a in allowed)


def _coerce(value: Any, tp: Any, what: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    allowed = choices(tp)
    if allowed is not None:  # Literal[...], or Literal[...] | None
        if value in allowed and not isinstance(value, bool):
            return value
        raise ConfigError(f"{what} must be {_alternatives(allowed)}, got {quoted(value)}" + _yaml_bool_hint(value, what))
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(value, inner[0], what)
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{what} must be a mapping, got {quoted(value)}")
        if not args:
            return value
        return {_coerce(k, args[0], what): _coerce(v, args[1], f"{what}.{k}") for k, v in value.items()}
    if origin is list:
        if not isinstance(value, list):
            raise ConfigError(f"{what} must be a list, got {quoted(value)}")
        return [_coerce(v, args[0], what) for v in value] if args else value
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{what} must be true or false, got {quoted(value)}")
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ConfigError(f"{what} must be an integer, got {quoted(value)}")
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str) and _EXPONENT.fullmatch(value.strip()):  # YAML 1.1 reads 3e-5 as a string
            return float(value)
        raise ConfigError(f"{what} must be a number, got {quoted(value)}")
    if tp is str:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        raise ConfigError(f"{what} must be a string, got {quoted(value)}" + _yaml_bool_hint(value, what))
    return value


def _yaml_bool_hint(value: Any, what: str) -> str:
    """What to do when YAML 1.1 read a word (no, yes, off, on) as a boolean."""
    if not isinstance(value, bool):
        return ""
    return (f" (YAML reads no, yes, off and on as true/false: quote the word, e.g. "
            f"{what.rsplit(': ', 1)[-1]}='\"no\"')")


def field_docs(cls: type) -> dict[str, str]:
    """The docstring written under each field of a config dataclass (what ``summarize keys`` shows).

    Example:
        >>> from summarize.config import GenerationConfig
        >>> field_docs(GenerationConfig)["num_beams"].split(";")[0]
        'Beam width (1 = greedy)'
    """
    import ast
    import inspect
    import textwrap

    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0].body
    docs = {}
    for node, after in zip(body, body[1:]):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and isinstance(after, ast.Expr) \
                and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str):
            docs[node.target.id] = " ".join(after.value.value.split())
    return docs


def describe_keys(cls: type, prefix: str = "") -> list[tuple[str, str, str]]:
    """``(dotted key, default, doc)`` for every key of ``cls``, sections expanded.

    Example:
        >>> from summarize.config import RunConfig
        >>> next(row for row in describe_keys(RunConfig) if row[0] == "generation.num_beams")[:2]
        ('generation.num_beams', '4')
    """
    hints = typing.get_type_hints(cls)
    docs = field_docs(cls)
    default = cls()
    rows: list[tuple[str, str, str]] = []
    for f in dataclasses.fields(cls):
        if dataclasses.is_dataclass(hints[f.name]):
            rows += describe_keys(hints[f.name], f"{prefix}{f.name}.")
        else:
            value = getattr(default, f.name)
            allowed = choices(hints[f.name])
            shown = ("null" if value is None else quoted(value, 60)) + (f"  [{_alternatives(allowed)}]" if allowed else "")
            rows.append((prefix + f.name, shown, docs.get(f.name, "")))
    return rows
