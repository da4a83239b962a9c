import json

import pytest

from summarize import load_articles
from summarize.cluster import cluster_articles, cluster_scores, parse_time
from summarize.cluster.features import names
from summarize.cluster.gold import load_gold
from summarize.cluster.scores import bcubed
from summarize.config import ClusterConfig
from summarize.types import Article


def test_bcubed_known_values():
    assert bcubed({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}) == (1.0, 1.0, 1.0)
    p, r, f = bcubed({"a": 1, "b": 2, "c": 3}, {"a": "x", "b": "x", "c": "x"})
    assert (round(p, 4), round(r, 4)) == (1.0, 0.3333)
    # subset scoring still charges for items of other events merged in
    assert bcubed({"a": 0, "b": 0}, {"a": "x", "b": "y"}, items=["a"])[0] == 0.5


def test_cluster_scores_has_ari_and_nmi():
    s = cluster_scores({"a": 0, "b": 0, "c": 1, "d": 1}, {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert s["ari"] == pytest.approx(1.0) and s["nmi"] == pytest.approx(1.0)


def test_names_and_time():
    assert names("The talks in Pyongyang ended. Defense Minister Andrei Belousov left.") == [
        "pyongyang", "defense_minister_andrei_belousov"]
    assert parse_time("not a date") != parse_time("not a date")  # NaN


def _bbc(shared_data, n=20):
    rows = [json.loads(line) for line in (shared_data / "bbc_news_summary.jsonl").read_text().splitlines()[:400:20]]
    return [Article(r["id"], r["documents"][0]) for r in rows[:n]]


def test_example_is_one_cluster(example_dir):
    result = cluster_articles(load_articles([example_dir]), ClusterConfig(cache_dir=None))
    assert len(result.clusters) == 1 and len(result.clusters[0].articles) == 5 and not result.rejected
    assert result.clusters[0].metadata["centroid_article_id"] in result.clusters[0].article_ids


@pytest.mark.parametrize("method", ["agglomerative", "online"])
def test_example_mixed_with_bbc_stays_one_cluster(example_dir, shared_data, method):
    example = load_articles([example_dir])
    bbc = _bbc(shared_data)
    result = cluster_articles(bbc[:10] + example + bbc[10:], ClusterConfig(method=method, cache_dir=None))
    ids = {a.id for a in example}
    holding = [c for c in result.clusters if ids & set(c.article_ids)]
    assert len(holding) == 1, [c.article_ids for c in holding]
    assert set(holding[0].article_ids) == ids  # all five, and no BBC article joined
    assert "putin" in " ".join(holding[0].metadata["keywords"]).lower() or "Putin" in holding[0].label


def test_event_keywords_read_like_names(example_dir):
    """A phrase replaces its separate words, no word repeats, and names keep the articles' casing."""
    result = cluster_articles(load_articles([example_dir]), ClusterConfig(cache_dir=None))
    words = result.clusters[0].metadata["keywords"]
    assert words[0] == "North Korea" and "Putin" in words and result.clusters[0].label.startswith("North Korea, ")
    flat = [w.lower() for k in words for w in k.split()]
    assert len(flat) == len(set(flat))


def test_junk_is_rejected_with_reason():
    arts = [Article("junk", "Tweet with a location\nYou can add location information to your Tweets, such as your city."),
            Article("short", "Putin landed."),
            Article("real", "Vladimir Putin arrived in Pyongyang on Wednesday for talks with Kim Jong Un about "
                            "a new strategic partnership between Russia and North Korea, officials said.")]
    result = cluster_articles(arts, ClusterConfig(cache_dir=None, embedder="tfidf"))
    reasons = {r["id"]: r["reason"] for r in result.rejected}
    assert reasons["junk"].startswith("empty after cleaning")
    assert reasons["short"].startswith("only 2 words")
    assert result.labels() == {"real": "event-000001"}  # one id form for batch and online runs


def test_online_respects_time_window():
    text = ("Vladimir Putin arrived in Pyongyang for talks with Kim Jong Un on a strategic partnership, "
            "the Kremlin and KCNA said, as Sergei Lavrov and Andrei Belousov joined the delegation. ")
    arts = [Article("a", text * 2, published_at="2024-06-19"), Article("b", text * 2 + "More.", published_at="2024-06-20"),
            Article("c", text * 2 + "Later.", published_at="2024-09-30")]
    res = cluster_articles(arts, ClusterConfig(method="online", cache_dir=None, window_days=3))
    labels = res.labels()
    assert labels["a"] == labels["b"] != labels["c"]


def test_embedding_cache_hits_on_second_run(tmp_path, example_dir):
    from summarize.embed import get_embedder
    from summarize.embed_cache import CachedEmbedder

    texts = [a.text[:200] for a in load_articles([example_dir])]
    first = CachedEmbedder(get_embedder("minilm"), tmp_path)
    v1 = first.encode(texts)
    second = CachedEmbedder(get_embedder("minilm"), tmp_path)
    v2 = second.encode(texts + ["a new text"])
    assert (first.misses, second.hits, second.misses) == (5, 5, 1)
    assert (v1 == v2[:5]).all()


def test_load_gold_formats(tmp_path):
    (tmp_path / "a.json").write_text('{"x": "e1", "y": "e2"}')
    (tmp_path / "b.jsonl").write_text('{"id": "x", "label": "e1"}\n{"id": "y", "label": "e1"}\n')
    assert load_gold(tmp_path / "a.json") == {"x": "e1", "y": "e2"}
    assert load_gold(tmp_path / "b.jsonl") == {"x": "e1", "y": "e1"}
    (tmp_path / "c.jsonl").write_text('{"id": "x"}\n')
    with pytest.raises(ValueError, match=r"c\.jsonl:1: expected"):
        load_gold(tmp_path / "c.jsonl")


def test_duplicate_article_ids_are_an_input_error():
    from summarize import InputError

    arts = [Article("x", "Putin met Kim in Pyongyang " * 5), Article("x", "Another text about the summit " * 5)]
    with pytest.raises(InputError, match="duplicate article id 'x'"):
        cluster_articles(arts, ClusterConfig(cache_dir=None, embedder="tfidf"))


def test_persisted_online_state_adds_tomorrows_articles_to_todays_clusters(example_dir, shared_data, tmp_path):
    from summarize.cluster.stream import StreamClusterer

    example, bbc = load_articles([example_dir]), _bbc(shared_data)
    cfg = ClusterConfig(method="online", cache_dir=None)
    state = tmp_path / "events.state"
    day1 = StreamClusterer.load_or_new(state, cfg)
    first = day1.add(bbc[:10] + example[:3])
    day1.save(state)
    (event,) = [c for c in first.clusters if example[0].id in c.article_ids]
    assert set(event.article_ids) == {a.id for a in example[:3]}

    day2 = StreamClusterer.load_or_new(state, ClusterConfig(method="online", threshold=0.99))  # the state's config wins
    assert len(day2) == 13 and day2.config.threshold == cfg.threshold
    second = day2.add(example[3:] + bbc[10:] + example[:1])  # example[0] again: skipped
    assert second.skipped == 1 and len(day2) == 25
    (same,) = [c for c in second.clusters if example[0].id in c.article_ids]
    assert same.id == event.id  # stable id across runs
    assert set(same.article_ids) == {a.id for a in example}  # yesterday's three plus today's two, no BBC
    assert same.metadata["new_article_ids"] == [a.id for a in example[3:]]
    assert sum(len(c.articles) for c in second.clusters) == 25


def test_cluster_cli_state_round_trip(example_dir, tmp_path):
    import shutil

    from typer.testing import CliRunner

    from summarize.cli import app

    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    day1.mkdir(), day2.mkdir()
    files = sorted(example_dir.glob("0*.txt"))
    for f in files[:3]:
        shutil.copy(f, day1)
    for f in files[3:]:
        shutil.copy(f, day2)
    state = tmp_path / "s" / "events.state"
    args = ["--set", "cluster.cache_dir=", "--state", str(state), "-o"]
    r1 = CliRunner().invoke(app, ["cluster", str(day1), *args, str(tmp_path / "c1.json")])
    assert r1.exit_code == 0, r1.output
    assert "0 -> 3 articles" in r1.output
    r2 = CliRunner().invoke(app, ["cluster", str(day2), *args, str(tmp_path / "c2.json")])
    assert r2.exit_code == 0, r2.output
    assert "other settings" not in r2.output  # 26.11: default settings said dedupe_sentences differed
    clusters = json.loads((tmp_path / "c2.json").read_text())["clusters"]
    assert len(clusters) == 1 and clusters[0]["size"] == 5 and len(clusters[0]["new_article_ids"]) == 2
    # each event names its stories (title, date) for a reader without the input, also the state's older ones
    assert [(a["id"][:3], a["title"][:28]) for a in clusters[0]["articles"]] == [
        ("000", "Putin’s Unprecedented Visit "), ("003", "Russian President Vladimir P")]

    state.write_bytes(b"not a state")
    r3 = CliRunner().invoke(app, ["cluster", str(day2), *args, str(tmp_path / "c3.json")])
    assert r3.exit_code == 2 and "events.state: not a readable clustering state" in r3.output


class _NoModel:
    name = "no-model"

    def encode(self, texts):
        raise AssertionError("signal_weights emb: 0 must not embed anything")


def test_clustering_without_the_embedding_signal_loads_no_model(example_dir, shared_data):
    example, bbc = load_articles([example_dir]), _bbc(shared_data)
    cfg = ClusterConfig(signal_weights={"emb": 0}, cache_dir=None)
    assert cfg.signal_weights == {"emb": 0.0, "lex": 1.0, "ent": 1.0}  # keys left out keep weight 1
    result = cluster_articles(bbc[:10] + example + bbc[10:], cfg, embedder=_NoModel())
    holding = [c for c in result.clusters if {a.id for a in example} & set(c.article_ids)]
    assert len(holding) == 1 and set(holding[0].article_ids) == {a.id for a in example}


def test_signal_weights_change_the_similarity():
    import numpy as np

    from summarize.cluster.features import Background, event_similarity

    rng = np.random.default_rng(0)
    sims = {s: rng.uniform(0, 0.5, (3, 4)).astype(np.float32) for s in ("emb", "lex", "ent")}
    bg = Background(4)
    bg.add(np.arange(4), {s: rng.uniform(0, 0.3, (4, 20)).astype(np.float32) for s in sims}, np.full(4, 20))
    rows, cols = np.arange(3), np.arange(4)
    equal = event_similarity(sims, bg, rows, cols)
    assert np.allclose(equal, event_similarity(sims, bg, rows, cols, {"emb": 2.0, "lex": 2.0, "ent": 2.0}))
    lex_only = event_similarity(sims, bg, rows, cols, {"emb": 0.0, "lex": 1.0, "ent": 0.0})
    m, s = bg.stats("lex", rows)
    mc, sc = bg.stats("lex", cols)
    z = 0.5 * ((sims["lex"] - m[:, None]) / s[:, None] + (sims["lex"] - mc[None, :]) / sc[None, :])
    assert np.allclose(lex_only, np.tanh(np.maximum(z, 0) / 8.0), atol=1e-6) and not np.allclose(lex_only, equal)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"signal_weights": {"title": 1}}, "unknown signal 'title'"),
        ({"signal_weights": {"emb": -1}}, "weights must be >= 0"),
        ({"signal_weights": {"emb": 0, "lex": 0, "ent": 0}}, "at least one > 0"),
        ({"linkage": "ward"}, "cluster.linkage must be average|complete|single|weighted"),
    ],
)
def test_cluster_config_errors_name_the_field(overrides, message):
    from summarize.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        ClusterConfig(**overrides)


def test_signal_weights_and_linkage_from_yaml_overrides():
    from summarize.config import load_config
    from summarize.errors import ConfigError

    cfg = load_config(overrides=["cluster.signal_weights={emb: 0, lex: 2}", "cluster.linkage=complete"]).cluster
    assert cfg.signal_weights == {"emb": 0.0, "lex": 2.0, "ent": 1.0} and cfg.linkage == "complete"
    with pytest.raises(ConfigError, match="cluster.signal_weights.lex must be a number"):
        load_config(overrides=["cluster.signal_weights={lex: high}"])


def test_saved_state_reloads_exactly_and_continues_like_the_live_one(example_dir, shared_data, tmp_path):
    import numpy as np

    from summarize.cluster.stream import StreamClusterer

    example, bbc = load_articles([example_dir]), _bbc(shared_data)
    live = StreamClusterer(ClusterConfig(method="online", cache_dir=None, signal_weights={"ent": 0.5}))
    live.add(bbc[:10] + example[:3])
    path = live.save(tmp_path / "events.state")
    loaded = StreamClusterer.load(path)
    assert loaded.config == live.config and loaded.clean == live.clean
    assert [a.id for a in loaded.articles] == [a.id for a in live.articles]
    assert np.array_equal(loaded.state.feats.emb, live.state.feats.emb)
    assert (loaded.state.feats.lex != live.state.feats.lex).nnz == 0
    for s in ("emb", "lex", "ent"):
        assert np.array_equal(loaded.state.bg.top[s], live.state.bg.top[s])
    texts = [a.text for a in example[3:]]
    assert (loaded.builder.lex_vec.transform(texts) != live.builder.lex_vec.transform(texts)).nnz == 0
    assert (loaded.builder.ent_vec.transform(texts) != live.builder.ent_vec.transform(texts)).nnz == 0
    a, b = live.add(example[3:] + bbc[10:]), loaded.add(example[3:] + bbc[10:])
    assert a.to_dict() == b.to_dict()


def test_a_state_file_is_never_unpickled(tmp_path):
    import pickle

    from summarize.cluster.stream import StreamClusterer
    from summarize.errors import InputError

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    bad = tmp_path / "events.state"
    bad.write_bytes(pickle.dumps({"version": 1, "stream": Payload()}))
    with pytest.raises(InputError, match="events.state: not a readable clustering state"):
        StreamClusterer.load(bad)
    assert not marker.exists()  # the pickle's code did not run


def test_a_state_of_another_format_version_is_refused(tmp_path):
    import json as _json

    import numpy as np

    from summarize.cluster.stream import StreamClusterer
    from summarize.errors import InputError

    path = tmp_path / "old.state"
    with path.open("wb") as fh:
        np.savez(fh, header=np.frombuffer(_json.dumps({"format": "summarize-cluster-state", "version": 1}).encode(), np.uint8))
    with pytest.raises(InputError, match="old.state: not a clustering state of version 2"):
        StreamClusterer.load(path)


def test_a_big_pile_of_rejects_gets_one_line_by_reason(example_dir, recwarn):
    from summarize.config import RunConfig
    from summarize.pipeline import group_into_events
    from summarize.types import Cluster

    junk = [Article(f"junk{i}", "Subscribe to our newsletter.") for i in range(7)]
    events = group_into_events([Cluster("all", load_articles([example_dir]) + junk)],
                               RunConfig(cluster=ClusterConfig(enabled=True, cache_dir=None)))
    assert len(events) == 1 and len(events[0].articles) == 5
    lines = [str(w.message) for w in recwarn if "not clustered" in str(w.message)]
    assert lines == ["7 articles not clustered (7 empty after cleaning), "
                     "e.g. junk0, junk1, junk2, junk3, junk4"]


def test_labels_are_one_line_and_keywords_are_shared_by_the_events_articles(example_dir):
    """29.6: labels held newlines, and keywords were one article's page furniture ("Index, followed, Good
    Country")."""
    from summarize.types import Article

    two = [Article("a", "Index followed Good Country index followed. Good Country rankings index followed by readers. "
                        "Putin arrived in Pyongyang on Wednesday for talks with Kim Jong Un about the war in Ukraine "
                        "and new sanctions."),
           Article("b", "Putin arrived in Pyongyang on Wednesday for talks with Kim Jong Un. The two leaders "
                        "discussed the war in Ukraine and sanctions at the airport.")]
    result = cluster_articles(two, ClusterConfig(cache_dir=None))  # a short event: one article's junk ranked first
    words = " ".join(result.clusters[0].metadata["keywords"]).lower()
    assert "index" not in words and "followed" not in words and "putin" in words, words
    titled = [Article(a.id, a.text, title="Putin in Pyongyang:\nthe first visit\nin 24 years") for a in two]
    assert cluster_articles(titled, ClusterConfig(cache_dir=None)).clusters[0].label == (
        "Putin in Pyongyang: the first visit in 24 years")


# -- fixed after a new user's and an adversarial review's findings (issue 15) --------------------

def test_gold_counts_documents_of_a_joined_string(tmp_path):
    """15.7: a Multi-News '|||||' string's characters were counted as documents."""
    from summarize.cluster.gold import load_gold

    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps({"id": "e1", "documents": "First story here. ||||| Second story here."}) + "\n")
    assert load_gold(p) == {"e1:0": "e1", "e1:1": "e1"}
