"""Configuration dataclasses, one per stage, plus ``RunConfig`` that holds them.

YAML keys match the field names one-to-one; unknown keys are errors that list the valid ones.
``--set key=value`` overrides use dotted paths (``generation.num_beams=2``) or, for the common
top-level keys, the bare name (``summarizer=extractive``, ``model=PATH``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from summarize.config.clean import CleanConfig
from summarize.config.cluster import CLUSTER_SIGNALS, ClusterConfig
from summarize.config.generation import (
    CT2_QUANTIZATIONS,
    MAX_BEAMS,
    MAX_NEW_TOKENS,
    CTranslate2Config,
    GenerationConfig,
)
from summarize.config.io import LoadConfig
from summarize.config.output import AttributionConfig, ReadabilityConfig
from summarize.config.runner import RUN_PLACEMENT, RayConfig
from summarize.config.schema import at_key, check_choices, from_dict, set_dotted
from summarize.config.summarizers import AbstractiveConfig, ExtractiveConfig
from summarize.errors import ConfigError

__all__ = ["AbstractiveConfig", "AttributionConfig", "CLUSTER_SIGNALS", "CT2_QUANTIZATIONS", "CTranslate2Config",
           "CleanConfig", "ClusterConfig", "ConfigError", "DEFAULT_MODEL", "ExtractiveConfig", "GenerationConfig",
           "LoadConfig", "MAX_BEAMS", "MAX_NEW_TOKENS", "RUN_PLACEMENT", "RayConfig", "ReadabilityConfig",
           "RunConfig", "check_names", "config_from_dict", "load_config", "read_yaml", "refuse_aliases"]

DEFAULT_MODEL = "allenai/PRIMERA-multinews"


@dataclass
class RunConfig:
    """Everything ``summarize run`` needs; one YAML file in ``configs/run/`` per variant."""

    summarizer: str = "abstractive"
    """abstractive | extractive | lead (see `summarize ls`)."""
    engine: str = "hf"
    """What runs the abstractive model: hf (transformers) | ctranslate2 (BART, PEGASUS, T5; see `summarize ls`)."""
    model: str = DEFAULT_MODEL
    """Hub name or local path of any AutoModelForSeq2SeqLM checkpoint."""
    fallback: Literal["auto", "extractive", "error"] = "auto"
    """When the model cannot be loaded: auto (fall back to extractive, with a warning, only for the default
    model; a model you named is an error) | extractive (always fall back, with a warning) | error."""
    max_words: int = 200
    """Word budget of extractive and lead summaries."""
    runner: Literal["local", "ray"] = "local"
    """local (this process, or -n processes) | ray (a Ray Data pipeline on a local or remote Ray cluster:
    `pip install "summarize[ray]"`; settings in ``ray``)."""
    embed_precision: Literal["auto", "fp32", "bf16"] = "auto"
    """Precision of the sentence embedder of every stage (clustering, extracts, attribution, evaluation):
    auto (bfloat16 on a CPU with native bfloat16, about 2x the texts/s there; float32 elsewhere) | fp32 |
    bf16. Their similarities differ in the third decimal, enough to change which sentences an extract
    picks in 7 of 250 Multi-News clusters: fp32 keeps the output the same whether or not a CPU has
    bfloat16 (bench/embed_precision.py)."""
    load: LoadConfig = field(default_factory=LoadConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    generation: GenerationConfig = field(default_factory=GenerationConfig)
    abstractive: AbstractiveConfig = field(default_factory=AbstractiveConfig)
    extractive: ExtractiveConfig = field(default_factory=ExtractiveConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    ctranslate2: CTranslate2Config = field(default_factory=CTranslate2Config)
    attribution: AttributionConfig = field(default_factory=AttributionConfig)
    readability: ReadabilityConfig = field(default_factory=ReadabilityConfig)
    ray: RayConfig = field(default_factory=RayConfig)

    def __post_init__(self) -> None:
        check_choices(self)
        if not 1 <= self.max_words <= 100_000:
            raise ConfigError(f"max_words must be in [1, 100000], got {self.max_words}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def hash(self) -> str:
        """A short stable hash of every setting that shapes the output, recorded in outputs: where the run
        happens (``runner``, ``ray``) is left out, so a Ray run and a local one write the same rows, and
        ``embed_precision: auto`` counts as the precision it picks on this machine (the same as naming it).

        Example:
            >>> RunConfig().hash() == RunConfig().hash() == RunConfig(runner="ray").hash()
            True
            >>> RunConfig(embed_precision="fp32").hash() == RunConfig(embed_precision="bf16").hash()
            False
        """
        from summarize.embed import resolve_precision

        settings = {k: v for k, v in self.to_dict().items() if k not in RUN_PLACEMENT}
        settings["embed_precision"] = resolve_precision(self.embed_precision)
        blob = json.dumps(settings, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def input_hash(self) -> str:
        """A short hash of how the input was read and cleaned (``load`` and ``clean``), recorded in outputs, so
        that ``summarize evaluate`` can tell whether it reads the sources as the run did.

        Example:
            >>> RunConfig(summarizer="lead").input_hash() == RunConfig().input_hash() != RunConfig(
            ...     clean=CleanConfig(furniture=[])).input_hash()
            True
        """
        blob = json.dumps({"load": asdict(self.load), "clean": asdict(self.clean)}, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


def load_config(path: str | Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> RunConfig:
    """Read a YAML file (or the defaults) and apply ``key=value`` overrides.

    Example:
        >>> load_config(overrides=["summarizer=extractive", "generation.num_beams=2"]).generation.num_beams
        2
    """
    data, where = read_yaml(path, overrides)
    return check_names(from_dict(RunConfig, data, where=where), where)


def config_from_dict(data: dict[str, Any]) -> RunConfig:
    """A ``RunConfig`` from its ``to_dict()`` form (how a config travels to another process).

    Example:
        >>> config_from_dict(RunConfig(max_words=90).to_dict()).max_words
        90
    """
    return check_names(from_dict(RunConfig, data, where="config"))


def check_names(config: RunConfig, where: str = "config") -> RunConfig:
    """``config`` when every registry name in it (summarizer, engine, input builder) is registered;
    else a ``ConfigError`` naming the key and listing the valid names.

    Example:
        >>> check_names(RunConfig(engine="bar"))
        Traceback (most recent call last):
        ...
        summarize.errors.ConfigError: config: engine: unknown engine 'bar'; choose one of: ctranslate2, hf
    """
    from summarize.registry import ENGINES, INPUT_BUILDERS, SUMMARIZERS  # declared names: no implementation imported

    for key, registry, name in (("summarizer", SUMMARIZERS, config.summarizer), ("engine", ENGINES, config.engine),
                                ("abstractive.input_builder", INPUT_BUILDERS, config.abstractive.input_builder)):
        try:
            registry.check(name)
        except ConfigError as exc:
            raise ConfigError(f"{at_key(where, key)}: {exc}") from None
    return config


def refuse_aliases(text: str, where: str | Path) -> None:
    """A config may not use YAML aliases (``*name``): a few hundred bytes of nested aliases expand to
    gigabytes (the "billion laughs"), and no config needs them.

    Example:
        >>> refuse_aliases("a: &x [1]\\nb: *x\\n", "c.yaml")
        Traceback (most recent call last):
        ...
        summarize.errors.ConfigError: c.yaml: YAML aliases (*x) are not allowed in configs; write the value out
    """
    import yaml

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise ConfigError(f"{where}: YAML aliases (*{event.anchor}) are not allowed in configs; write the value out")


def read_yaml(path: str | Path | None, overrides: list[str] | tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    """The mapping in a YAML file (empty without one) with ``key=value`` overrides applied, and the name
    errors should give: the file, and the keys set on the command line (a key a user typed after ``--set``
    is not looked for in the file), else "config".

    Example:
        >>> read_yaml(None, ["cluster.threshold=0.5"])
        ({'cluster': {'threshold': 0.5}}, '--set cluster.threshold')
    """
    import yaml

    data: dict[str, Any] = {}
    where = "config"
    if path is not None:
        p = Path(path)
        where = str(p)
        if not p.is_file():
            raise ConfigError(f"config file not found: {p}")
        text = p.read_text(encoding="utf-8")
        try:
            refuse_aliases(text, p)
            loaded = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{p}: invalid YAML: {exc}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{p}: the top level must be a mapping of config keys")
        data = loaded or {}
    for item in overrides:
        if "=" not in item:
            raise ConfigError(f"--set expects key=value, got {item!r}")
        key, raw = item.split("=", 1)
        if raw.strip():
            refuse_aliases(raw, f"--set {key.strip()}")
        set_dotted(data, key.strip(), yaml.safe_load(raw) if raw.strip() else "")
    if overrides:
        keys = f"--set {', '.join(dict.fromkeys(item.split('=', 1)[0].strip() for item in overrides))}"
        where = keys if path is None else f"{where} with {keys}"
    return data, where
