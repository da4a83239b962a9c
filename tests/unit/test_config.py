from pathlib import Path

import pytest
import yaml

from summarize.config import RunConfig, load_config
from summarize.config.schema import valid_keys
from summarize.errors import ConfigError

CONFIGS = sorted((Path(__file__).resolve().parents[2] / "configs").rglob("*.yaml"))


def test_the_default_yaml_is_the_default_run():
    """27.3: configs/run/default.yaml says what `summarize run` does without --config, value for value."""
    from dataclasses import asdict

    path = next(p for p in CONFIGS if p.name == "default.yaml" and p.parent.name == "run")
    assert asdict(load_config(path)) == asdict(load_config(None))


def test_there_are_configs():
    assert len(CONFIGS) >= 4


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_every_yaml_loads_and_says_how_to_launch(path):
    text = path.read_text()
    assert "# Launch:" in text or "# launch:" in text.lower()
    data = yaml.safe_load(text)
    if path.parts[-3] == "train":
        from summarize.config.train import TrainConfig, load_train_config

        cfg = load_train_config(path)
        assert isinstance(cfg, TrainConfig) and cfg.model and cfg.train_file
        for key, value in data.items():
            if not isinstance(value, dict):
                assert getattr(cfg, key) == value
            else:
                for sub, v in value.items():
                    assert getattr(getattr(cfg, key), sub) == v
    elif path.parts[-2] == "accelerate":
        assert data["compute_environment"] == "LOCAL_MACHINE" and data["mixed_precision"] in ("no", "bf16", "fp16")
    elif path.parts[-2] == "run":
        cfg = load_config(path)
        assert isinstance(cfg, RunConfig)
        # every key in the file is reflected in the dataclass
        for key, value in data.items():
            if not isinstance(value, dict):
                assert getattr(cfg, key) == value


def test_unknown_key_suggests_the_closest_and_lists_its_section(tmp_path):
    """29.7: an unknown key listed ~90 valid keys and no "did you mean"."""
    p = tmp_path / "bad.yaml"
    p.write_text("summariser: lead\n")
    with pytest.raises(ConfigError) as info:
        load_config(p)
    msg = str(info.value)
    assert str(p) in msg and "unknown config key 'summariser'; did you mean 'summarizer'?" in msg
    assert "generation.*" in msg and "generation.num_beams" not in msg and len(msg) < 400
    with pytest.raises(ConfigError, match=r"'max_new_token'; did you mean 'generation.max_new_tokens'\?"):
        load_config(overrides=["max_new_token=3"])  # a key of another section


def test_unknown_nested_key_from_cli(tmp_path):
    with pytest.raises(ConfigError, match=r"^--set generation.beams: unknown config key 'generation.beams'.*"
                                          r"generation.num_beams"):
        load_config(overrides=["generation.beams=3"])
    # a mistake typed after --set was blamed on the file, where the user then looked for it in vain
    p = tmp_path / "ok.yaml"
    p.write_text("summarizer: lead\n")
    with pytest.raises(ConfigError, match=r"ok.yaml with --set max_words, cluster.threshold: cluster.threshold must "
                                          r"be a number, got 'abc'"):
        load_config(p, ["max_words=90", "cluster.threshold=abc"])
    # the one key typed is named once, not "--set summarizer: summarizer: ..."
    with pytest.raises(ConfigError, match=r"^--set cluster.threshold must be a number, got 'abc'$"):
        load_config(overrides=["cluster.threshold=abc"])
    with pytest.raises(ConfigError, match=r"^--set summarizer: unknown summarizer 'nope'; choose one of"):
        load_config(overrides=["summarizer=nope"])


def test_overrides_are_typed():
    cfg = load_config(overrides=["summarizer=extractive", "max_words=150", "generation.length_penalty=2",
                                 "abstractive.max_input_tokens=null", "clean.extra_patterns=['^Foo']"])
    assert cfg.summarizer == "extractive" and cfg.max_words == 150
    assert cfg.generation.length_penalty == 2.0 and isinstance(cfg.generation.length_penalty, float)
    assert cfg.abstractive.max_input_tokens is None
    assert cfg.clean.extra_patterns == ["^Foo"]


@pytest.mark.parametrize("override, message", [
    ("max_words=many", "max_words must be an integer, got 'many'"),
    ("max_words=0", "max_words must be in .1, 100000., got 0"),
    ("fallback=maybe", "fallback must be auto|extractive|error, got 'maybe'"),
    ("abstractive.dtype=int8", "abstractive.dtype must be"),
    ("clean.dedupe_sentences=3", "clean.dedupe_sentences must be true or false"),
    ("nonsense", "--set expects key=value"),
])
def test_bad_values_name_the_key(override, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("|", r"\|")):
        load_config(overrides=[override])


def test_hash_changes_with_settings():
    assert RunConfig().hash() != load_config(overrides=["max_words=150"]).hash()
    assert len(RunConfig().hash()) == 12


def test_valid_keys_cover_sections():
    keys = valid_keys(RunConfig)
    assert "load.text_field" in keys and "extractive.embedder" in keys and "model" in keys


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "missing.yaml")


def test_exponent_numbers_and_yaml_booleans_in_overrides():
    """`--set learning_rate=3e-5` was refused (YAML 1.1 reads 3e-5 as a string); `mixed_precision=no`
    (YAML's false) said only 'must be a string'."""
    from summarize.config.train import TrainConfig, load_train_config
    from summarize.errors import ConfigError

    assert load_train_config(overrides=["learning_rate=3e-5"]).learning_rate == 3e-5
    assert load_train_config(overrides=["learning_rate=1E-4"]).learning_rate == 1e-4
    with pytest.raises(ConfigError, match="learning_rate must be a number, got 'fast'"):
        load_train_config(overrides=["learning_rate=fast"])
    with pytest.raises(ConfigError, match=r"mixed_precision must be no\|bf16\|fp16\|null, got False \(YAML reads no"):
        load_train_config(overrides=["mixed_precision=no"])
    with pytest.raises(ConfigError, match=r"mixed_precision must be no\|bf16\|fp16\|null, got 'fp8'"):
        TrainConfig(mixed_precision="fp8")  # built in code
    assert load_train_config(overrides=["mixed_precision='no'"]).mixed_precision == "no"


def test_every_config_key_says_what_it_does():
    """Issue 27.3: field docs reach the command line (``summarize keys``); a key without one would print bare."""
    from summarize.config import RunConfig
    from summarize.config.schema import describe_keys
    from summarize.config.train import TrainConfig

    for cls in (RunConfig, TrainConfig):
        bare = [key for key, _, doc in describe_keys(cls) if not doc]
        assert not bare, f"{cls.__name__}: no docstring under {bare}"


def test_keys_command_prints_defaults_and_docs():
    from typer.testing import CliRunner

    from summarize.cli import app

    out = CliRunner().invoke(app, ["keys", "generation"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "generation.num_beams = 4" and "greedy" in lines[1]
    assert all(line.startswith(("generation.", "    ")) for line in lines)
    bad = CliRunner().invoke(app, ["keys", "generatoin"])
    assert bad.exit_code == 2 and "sections: abstractive" in bad.output
    train = CliRunner().invoke(app, ["keys", "--train", "learning_rate"])
    assert train.output.startswith("learning_rate = 3e-05\n    Peak learning rate"), train.output
    every = CliRunner().invoke(app, ["keys", "--train"])  # optional choices (mixed_precision) listed with null
    assert every.exit_code == 0 and "mixed_precision = null  [no|bf16|fp16|null]" in every.output, every.output


def test_clustering_methods_are_checked_by_the_registry_without_importing_them():
    """27.3: the method names were listed in ClusterConfig and again in the registry; the registry now declares
    them once, and a config checks them without importing the clustering code (scipy, scikit-learn)."""
    from conftest import modules_loaded_by

    with pytest.raises(ConfigError, match="cluster.method: unknown clustering method 'kmeans'; choose one of: "
                                          "agglomerative, hdbscan, online"):
        load_config(None, ["cluster.method=kmeans"])
    loaded = modules_loaded_by("from summarize.config import load_config; load_config(None, ['cluster.method=online'])",
                               "summarize.cluster")
    assert loaded == [], loaded


def test_allowed_values_are_declared_once_in_the_field_type():
    """27.3: each enumerated setting's values were written in its check and its docs; they are now its type
    (``Literal``), which YAML, ``--set``, configs built in code and ``summarize keys`` all read."""
    import dataclasses
    import typing

    from summarize.config import ClusterConfig, ReadabilityConfig
    from summarize.config.schema import choices, describe_keys

    assert choices(typing.get_type_hints(ClusterConfig)["linkage"]) == ("average", "complete", "single", "weighted")
    with pytest.raises(ConfigError, match=r"readability.order must be timeline\|source, got 'random'"):
        load_config(overrides=["readability.order=random"])
    with pytest.raises(ConfigError, match=r"cluster.index must be auto\|exact\|ann, got 'faiss'"):
        ClusterConfig(index="faiss")  # built in code: checked by the same declaration
    with pytest.raises(ConfigError, match="readability.order must be"):
        dataclasses.replace(ReadabilityConfig(), order="random")
    shown = dict((k, v) for k, v, _ in describe_keys(RunConfig))
    assert shown["readability.order"] == "'timeline'  [timeline|source]"
