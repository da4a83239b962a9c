"""``embed_precision``: one setting reaches every stage's embedder, and vectors or summaries made in one
precision are never mixed with another's (cache, the vectors a stage hands on, a resumed batch).

Under ``auto`` a CPU with native bfloat16 embeds in bfloat16 and another in float32; extracts differ between
the two in 7 of 250 Multi-News clusters (bench/embed_precision.py)."""

import json
from dataclasses import replace

import numpy as np
import pytest
from typer.testing import CliRunner

from summarize.config import load_config
from summarize.embed import MINILM, MeanPoolingEmbedder, get_embedder
from summarize.embed_cache import CachedEmbedder


class _Fixed:
    """A model that gives every text the same vector: which one shows whose vectors the cache served."""

    name = "m"

    def __init__(self, precision: str, value: float) -> None:
        self.precision, self.value = precision, value

    def encode(self, texts):
        return np.full((len(texts), 2), self.value, dtype=np.float32)


def test_the_cache_serves_no_vector_of_another_precision(tmp_path):
    """The cache was keyed by model name alone: vectors a bfloat16 machine left in a shared cache were served
    to a float32 run (and the other way round)."""
    bf16 = CachedEmbedder(_Fixed("bf16", 1.0), tmp_path)
    assert bf16.encode(["Putin landed."])[0, 0] == 1.0
    fp32 = CachedEmbedder(_Fixed("fp32", 2.0), tmp_path)
    assert fp32.encode(["Putin landed."])[0, 0] == 2.0 and (fp32.hits, fp32.misses) == (0, 1)
    again = CachedEmbedder(_Fixed("bf16", 3.0), tmp_path)
    assert again.encode(["Putin landed."])[0, 0] == 1.0 and again.hits == 1  # its own precision's: kept


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_one_setting_reaches_the_embedder_of_every_stage(precision, monkeypatch, tmp_path):
    from summarize.cluster import features
    from summarize.pipeline import group_into_events
    from summarize.stages import WriteUp
    from summarize.summarizers.extractive import ExtractiveSummarizer
    from summarize.types import Article, Cluster

    config = load_config(overrides=["summarizer=extractive", f"embed_precision={precision}", "cluster.enabled=true",
                                    f"cluster.cache_dir={tmp_path}"])
    summarizer = ExtractiveSummarizer(config)
    assert summarizer.embedder.precision == precision
    assert WriteUp(config, summarizer).attributor.embedder.precision == precision
    asked = []

    def recording(name, precision="auto"):
        asked.append(precision)
        return get_embedder(name, precision)

    monkeypatch.setattr(features, "get_embedder", recording)
    text = ("The city council approved the new budget on Monday evening after a long debate about roads, schools, "
            "parks and the police.")
    group_into_events([Cluster("c", [Article(f"a{i}", text, title=f"Budget {i}") for i in range(2)])], config)
    assert asked == [precision]  # clustering embedded, in the run's precision


def test_attribution_reuses_no_vector_of_another_precision(shared_data):
    """Attribution reused a summarizer's vectors whenever the model's name matched: an extract embedded in
    bfloat16 was traced with those vectors by an attributor set to float32."""
    from summarize.attribution import Attributor
    from summarize.config import AttributionConfig
    from summarize.io import load_clusters
    from summarize.stages import prepare
    from summarize.summarizers.extractive import ExtractiveSummarizer

    config = load_config(overrides=["summarizer=extractive"])
    cluster = prepare(load_clusters([str(shared_data / "multinews_validation.jsonl")])[0], config)
    draft = ExtractiveSummarizer(config, embedder=MeanPoolingEmbedder(MINILM, precision="bf16")).draft(cluster)
    assert draft.embedded is not None
    attributor = Attributor(AttributionConfig(), embedder=MeanPoolingEmbedder(MINILM, precision="fp32"))
    handed, fresh = attributor(draft, cluster), attributor(replace(draft, embedded=None), cluster)
    assert [s.evidence for s in handed.sentences] == [s.evidence for s in fresh.sentences]


def test_a_batch_made_in_one_precision_is_not_resumed_in_another(tmp_path, monkeypatch):
    """The same config (``auto``) on a CPU with bfloat16 and on one without: the rows record what each
    computed in, and a batch begun on the one is not finished on the other."""
    import summarize.embed
    from summarize.cli import app

    rows = [{"id": f"ev{i}", "documents": [f"Story {i}: the council approved budget {i} on Monday after a debate.",
                                           f"Report {i}: budget {i} passed the council vote on Monday evening."]}
            for i in range(3)]
    data, out = tmp_path / "batch.jsonl", tmp_path / "out.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    runner, args = CliRunner(), ["run", str(data), "-o", str(out), "--set", "summarizer=lead"]
    monkeypatch.setattr(summarize.embed, "_cpu_has_bf16", lambda: True)
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    lines = out.read_text().splitlines()
    assert {json.loads(x)["embed_precision"] for x in lines} == {"bf16"}  # recorded in every row
    partial = out.with_name(out.name + ".partial")
    partial.write_text("\n".join(lines[:2]) + "\n")  # as an interrupted run leaves it
    out.unlink()
    monkeypatch.setattr(summarize.embed, "_cpu_has_bf16", lambda: False)  # the other machine
    other = runner.invoke(app, args)
    said = " ".join(other.output.split())
    assert other.exit_code != 0 and "with sentence vectors in bf16, but this run computes them in fp32" in said
    assert "Re-run with --set embed_precision=bf16 to resume" in said
    assert partial.exists()
    named = runner.invoke(app, [*args, "--set", "embed_precision=bf16"])  # what the message advises
    assert named.exit_code == 0 and "resuming, 2 of 3 clusters already done" in " ".join(named.output.split())
    assert {json.loads(x)["config_hash"] for x in out.read_text().splitlines()} == {json.loads(lines[0])["config_hash"]}


def test_evaluate_embeds_the_sources_in_the_runs_precision(tmp_path, example_dir):
    """``summarize evaluate --set embed_precision=fp32`` checks the summaries with float32 vectors and says so
    in metrics.json: the factual-consistency scores depend on it, as a run's evidence scores do."""
    from summarize.cli import app

    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps({"id": "putin-north-korea", "summary": "Putin arrived in Pyongyang on Wednesday. "
                                 "Kim Jong Un greeted him with a hug."}) + "\n")
    scores = {}
    for precision in ("fp32", "bf16"):
        out = tmp_path / precision
        res = CliRunner().invoke(app, ["evaluate", str(preds), "--sources", str(example_dir), "--cache-dir", "",
                                       "--no-report", "-o", str(out), "--set", f"embed_precision={precision}"])
        assert res.exit_code == 0, res.output
        data = json.loads((out / "metrics.json").read_text())
        assert data["about"]["embed_precision"] == precision
        scores[precision] = data["embedding_support"]
    assert scores["fp32"] != scores["bf16"] and abs(scores["fp32"] - scores["bf16"]) < 0.01


def test_an_online_state_is_not_continued_in_another_precision(tmp_path, example_dir):
    """A clustering state file recorded its settings but not the precision its vectors were computed in: a
    state begun on a CPU with bfloat16 and continued on one without mixed vectors of two precisions. Now
    the state records the embedder key, a run in the other precision is refused with the setting that
    continues it, and that setting does."""
    import shutil

    from summarize.cli import app

    files = sorted(example_dir.glob("0*.txt"))
    days = [tmp_path / "day1", tmp_path / "day2"]
    for day, part in zip(days, (files[:3], files[3:])):
        day.mkdir()
        for f in part:
            shutil.copy(f, day)
    state, runner = tmp_path / "events.state", CliRunner()

    def cluster(day, precision):
        return runner.invoke(app, ["cluster", str(day), "--state", str(state), "-o", str(tmp_path / "c.json"),
                                   "--set", "cluster.cache_dir=", "--set", f"embed_precision={precision}"])

    assert cluster(days[0], "bf16").exit_code == 0
    refused = cluster(days[1], "fp32")
    said = " ".join(refused.output.split())
    assert refused.exit_code == 2 and "events.state: its vectors were computed by" in said
    assert "@bf16" in said and "@fp32" in said and "run with --set embed_precision=bf16 to continue it" in said
    assert "3 -> 3" not in said  # the state is left as it was: not saved
    continued = cluster(days[1], "bf16")
    assert continued.exit_code == 0 and "3 -> 5 articles" in continued.output
    clusters = json.loads((tmp_path / "c.json").read_text())["clusters"]
    assert len(clusters) == 1 and clusters[0]["size"] == 5


def test_a_state_written_before_the_key_was_recorded_is_continued_and_then_records_it(tmp_path, example_dir):
    from summarize.cluster.state_file import read_state, write_state
    from summarize.cluster.stream import StreamClusterer
    from summarize.config import ClusterConfig
    from summarize.io import load_articles

    articles, path = load_articles([example_dir]), tmp_path / "old.state"
    cfg = ClusterConfig(method="online", cache_dir=None)
    day1 = StreamClusterer(cfg, embedder=get_embedder("minilm", "fp32"))
    day1.add(articles[:3])
    assert day1.embedded_with == "minilm@fp32"
    day1.embedded_with = None  # as a state of the previous writer: no key
    write_state(path, day1)
    day2 = read_state(path, get_embedder("minilm", "bf16"), cls=StreamClusterer)
    assert day2.embedded_with is None
    day2.add(articles[3:])  # nothing to check against: continued, and the key recorded from now on
    assert day2.embedded_with == "minilm@bf16" and len(day2) == 5


def test_shards_made_in_two_precisions_are_not_merged(tmp_path, monkeypatch):
    """Under ``accelerate launch`` across machines each process resolves ``auto`` for itself: a bfloat16 CPU's
    shard and a float32 machine's were merged into one output of two configurations. Now the merge is refused
    with the setting to re-run with, and re-running so redoes only the shard made otherwise."""
    import summarize.embed
    from summarize import shards
    from summarize.cli import app
    from summarize.errors import SummarizeError

    rows = [{"id": f"ev{i}", "documents": [f"Story {i}: the council approved budget {i} on Monday after a debate.",
                                           f"Report {i}: budget {i} passed the council vote on Monday evening."]}
            for i in range(4)]
    data, out = tmp_path / "batch.jsonl", tmp_path / "out.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    runner = CliRunner()

    def shard(k, bf16, *extra):
        monkeypatch.setattr(summarize.embed, "_cpu_has_bf16", lambda: bf16)
        res = runner.invoke(app, ["run", str(data), "-o", str(out), "--set", "summarizer=lead", "--shard", f"{k}/2",
                                  *extra])
        assert res.exit_code == 0, res.output
        return res

    shard(0, True), shard(1, False)  # two machines, one config (auto)
    with pytest.raises(SummarizeError) as refused:
        shards.merge(out, 2)
    said = str(refused.value)
    assert "out.shard-1-of-2.jsonl was made with embed_precision fp32, out.shard-0-of-2.jsonl with bf16" in said
    assert "--set embed_precision=bf16" in said and not out.exists()
    kept = shards.shard_path(out, 0, 2).read_text()
    shard(0, True, "--set", "embed_precision=bf16")
    assert shards.shard_path(out, 0, 2).read_text() == kept  # made alike: kept
    redone = shard(1, False, "--set", "embed_precision=bf16")
    assert "were made with sentence vectors in another precision; they are redone" in " ".join(redone.output.split())
    assert shards.merge(out, 2) == 4
    made = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["id"] for r in made] == [f"ev{i}" for i in range(4)] and {r["embed_precision"] for r in made} == {"bf16"}
