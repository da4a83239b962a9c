"""The stages hand their work on (issue 27.1): a cluster is split once, by the clean stage, and every later
stage reads that split; each sentence is embedded once, from the summarizer or polish to attribution."""

from __future__ import annotations

from collections import Counter

import numpy as np

from summarize.config import RunConfig
from summarize.stages import WriteUp, prepare
from summarize.types import Article, Cluster, Draft, RunInfo

ARTICLES = [
    Article("a", "Russian President Vladimir Putin arrived in Pyongyang on Wednesday. He was greeted by Kim Jong Un. "
                 "The two leaders signed a partnership treaty."),
    Article("b", "Putin landed in Pyongyang on Wednesday for his first visit in 24 years. Kim Jong Un met him at "
                 "the airport. North Korea supplied 6,700 containers of munitions, officials said."),
    Article("c", "Officials in Seoul said North Korea shipped over 11,000 containers of munitions to Russia. "
                 "Putin thanked Kim for his support."),
]


class CountingEmbedder:
    """A deterministic stand-in for MiniLM that counts every text it embeds."""

    name = "counting"

    def __init__(self) -> None:
        self.seen: Counter = Counter()

    def encode(self, texts):
        self.seen.update(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, hash(word) % 64] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


class GeneratedSummarizer:
    method = "generated"

    def draft_batch(self, clusters):
        text = ["Putin arrived in Pyongyang on Wednesday.", "Kim Jong Un met Putin at the airport.",
                "Officials said 6,700 containers were shipped."]
        return [Draft(c.id, list(text), RunInfo("generated")) for c in clusters]


def test_the_clean_stage_splits_once_and_the_others_read_that_split(monkeypatch):
    import summarize.text.sentences as sentences

    cleaned = prepare(Cluster("c", list(ARTICLES)), RunConfig())
    assert cleaned.split is not None and len(cleaned.split[1]) == 8
    calls = Counter()
    real = sentences.split_sentences
    monkeypatch.setattr(sentences, "split_sentences", lambda text: calls.update([text]) or real(text))
    import sys

    for module in [m for name, m in sys.modules.items() if name.startswith("summarize.")]:
        if getattr(module, "split_sentences", None) is real:  # every module that holds its own name for it
            monkeypatch.setattr(module, "split_sentences", sentences.split_sentences)
    writer = WriteUp(RunConfig(), GeneratedSummarizer())
    writer.attributor._embedder = CountingEmbedder()
    summary, _ = writer([(Cluster("c", list(ARTICLES)), cleaned, [])])[0]
    assert summary.sentences and summary.discrepancies  # polish, attribution and the discrepancies all ran
    assert not any(calls[a.text] for a in cleaned.articles), calls  # no article text split again


def test_generated_sentences_are_embedded_once_from_polish_to_attribution():
    cleaned = prepare(Cluster("c", list(ARTICLES)), RunConfig())
    writer = WriteUp(RunConfig(), GeneratedSummarizer())
    embedder = CountingEmbedder()
    writer.attributor._embedder = embedder
    summary, _ = writer([(Cluster("c", list(ARTICLES)), cleaned, [])])[0]
    assert [s.text for s in summary.sentences]
    for s in summary.sentences:
        assert embedder.seen[s.text] == 1, (s.text, embedder.seen[s.text])
    sources = [t for t, n in embedder.seen.items() if t not in {s.text for s in summary.sentences}]
    assert sources and all(embedder.seen[t] == 1 for t in sources)


def test_articles_clustered_into_events_are_not_filtered_again(monkeypatch):
    """27.1: ``summarize run`` with ``cluster.enabled`` cleaned every article for clustering and then again
    for its summary; the clean stage now only adds what clustering leaves out (page furniture, repeated
    sentences), with the same result."""
    from summarize.clean import BoilerplateFilter, clean_cluster
    from summarize.cluster import cluster_articles
    from summarize.config import ClusterConfig

    filtered = Counter()
    real = BoilerplateFilter.filter
    monkeypatch.setattr(BoilerplateFilter, "filter", lambda self, text: filtered.update([text[:40]]) or real(self, text))
    config = RunConfig(cluster=ClusterConfig(enabled=True, min_words=5, signal_weights={"emb": 0}))
    events = cluster_articles(ARTICLES, config.cluster, config.clean).clusters
    once = sum(filtered.values())
    staged = [prepare(c, config) for c in events]
    assert once == len(ARTICLES) and sum(filtered.values()) == once  # no article filtered twice
    direct = [clean_cluster(Cluster(c.id, [a for a in ARTICLES if a.id in c.article_ids]), config.clean) for c in events]
    assert [[a.text for a in c.articles] for c in staged] == [[a.text for a in c.articles] for c in direct]


def test_a_pile_read_as_one_event_gets_a_hint_to_cluster(recwarn):
    """1,000 loose BBC articles (business, politics, entertainment) were summarized as one "event" without a
    word: a cluster of more than ``stages.MANY`` articles read without clustering now says how to group it."""
    import warnings as w

    from summarize.config import load_config
    from summarize.errors import SummarizeWarning
    from summarize.stages import MANY, prepare
    from summarize.types import Article, Cluster

    pile = Cluster("feed", [Article(f"a{i}", f"Story {i}: the council of town {i} approved budget {i} on Monday after "
                                             f"a debate about road {i}.") for i in range(MANY + 1)])
    with w.catch_warnings(record=True) as caught:
        w.simplefilter("always")
        prepare(pile, load_config())
        prepare(Cluster("event", pile.articles[:MANY]), load_config())  # a big event: no hint
        prepare(pile, load_config(overrides=["cluster.enabled=true"]))  # grouped already
    said = [str(x.message) for x in caught if issubclass(x.category, SummarizeWarning) and "one event" in str(x.message)]
    assert said == [f"cluster feed: {MANY + 1} articles are summarized as one event; if they tell several stories, "
                    f"group them into events first (--set cluster.enabled=true, or --config configs/run/events.yaml)"]
    # a news feed's items: many stories, whatever their number
    items = [Article(a.id, a.text, metadata={"feed_item": i}) for i, a in enumerate(pile.articles[:3])]
    with w.catch_warnings(record=True) as caught:
        w.simplefilter("always")
        prepare(Cluster("wire", items), load_config())
        prepare(Cluster("wire", items[:2]), load_config())
    said = [str(x.message) for x in caught
            if issubclass(x.category, SummarizeWarning) and "one event" in str(x.message)]
    assert said == ["cluster wire: 3 items of news feeds are summarized as one event; if they tell several stories, "
                    "group them into events first (--set cluster.enabled=true, or --config configs/run/events.yaml)"]
