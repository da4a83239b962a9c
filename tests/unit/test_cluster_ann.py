"""Index-backed clustering (issue 18): the sparse average linkage is scipy's on a complete graph, the ann
path matches the exact one on the pooled Multi-News benchmark, and a missing index package is named."""

from __future__ import annotations

import builtins
import json
import random
from pathlib import Path

import numpy as np
import pytest

from summarize.cluster.graph import sparse_average_linkage
from summarize.config import ClusterConfig, ConfigError
from summarize.types import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "multinews_validation.jsonl"


def _partition(labels) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), set()).add(i)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("seed", range(5))
def test_sparse_average_linkage_is_scipys_on_a_complete_graph(seed):
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    rng = np.random.default_rng(seed)
    n = 40
    centers = rng.integers(0, 8, n)
    sim = np.clip(0.35 + 0.5 * (centers[:, None] == centers[None, :]) + rng.normal(0, 0.12, (n, n)), 0, 0.99)
    sim = np.triu(sim, 1)
    sim = sim + sim.T
    rows, cols = np.triu_indices(n, 1)
    ours = sparse_average_linkage(n, rows, cols, sim[rows, cols], threshold=0.6)
    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    theirs = fcluster(linkage(squareform(dist, checks=False), method="average"), 1 - 0.6, criterion="distance")
    assert _partition(ours) == _partition(theirs)
    assert len(_partition(ours)) > 1


def test_index_settings_are_checked():
    with pytest.raises(ConfigError, match="cluster.index must be auto|exact|ann"):
        ClusterConfig(index="hnsw")
    with pytest.raises(ConfigError, match="ann_backend"):
        ClusterConfig(ann_backend="annoy")
    from summarize.cluster import cluster_articles

    arts = [Article(f"a{i}", f"Story {i % 3} about the council budget vote number {i % 3} in town hall today " * 3)
            for i in range(6)]
    with pytest.raises(ConfigError, match="linkage='complete' needs cluster.index=exact"):
        cluster_articles(arts, ClusterConfig(index="ann", linkage="complete", embedder="tfidf", cache_dir=None,
                                             signal_weights={"emb": 0.0}))


def test_missing_index_package_names_the_install_command(monkeypatch):
    from summarize.cluster.ann import knn
    from summarize.errors import MissingDependencyError

    real = builtins.__import__

    def no_faiss(name, *args, **kwargs):
        if name == "faiss":
            raise ImportError("No module named 'faiss'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_faiss)
    with pytest.raises(MissingDependencyError, match=r'needs faiss-cpu: pip install "summarize\[scale\]"'):
        knn(np.eye(3, dtype=np.float32), 2)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("embeddings"))


@pytest.fixture(scope="module")
def pooled():
    """The pooled Multi-News benchmark: every document an article, its example's id the gold event."""
    if not SHARED.is_file():
        pytest.skip("../shared/data/multinews_validation.jsonl is absent")
    rows = [json.loads(line) for line in SHARED.read_text(encoding="utf-8").splitlines()]
    arts, gold = [], {}
    for r in rows:
        for i, d in enumerate(r["documents"]):
            arts.append(Article(f"{r['id']}:{i}", d))
            gold[arts[-1].id] = r["id"]
    random.Random(0).shuffle(arts)
    return arts, gold


@pytest.mark.parametrize("backend", ["faiss", "usearch"])
def test_ann_matches_exact_on_pooled_multinews(backend, cache, pooled):
    pytest.importorskip(backend)
    from summarize.cluster import cluster_articles, cluster_scores

    arts, gold = pooled
    scores = {}
    for index in ("exact", "ann"):
        result = cluster_articles(arts, ClusterConfig(index=index, ann_backend=backend, cache_dir=cache))
        scores[index] = cluster_scores(result.labels(), gold)["bcubed_f1"]
    assert abs(scores["ann"] - scores["exact"]) <= 0.005, scores  # measured 0.8778 vs 0.878


def test_online_ann_matches_exact_online_and_survives_a_saved_state(cache, pooled, tmp_path):
    from summarize.cluster import cluster_articles, cluster_scores
    from summarize.cluster.stream import StreamClusterer

    arts, gold = pooled
    scores = {index: cluster_scores(cluster_articles(arts, ClusterConfig(method="online", index=index,
                                                                         cache_dir=cache)).labels(), gold)["bcubed_f1"]
              for index in ("exact", "ann")}
    assert abs(scores["ann"] - scores["exact"]) <= 0.01, scores  # measured 0.8627 vs 0.8632

    cfg = ClusterConfig(method="online", index="ann", cache_dir=cache)
    state = tmp_path / "events.state"
    StreamClusterer.update(state, arts[:400], cfg)
    stream, before, result = StreamClusterer.update(state, arts[400:], cfg)  # the index is rebuilt on load
    assert 0 < before < len(stream)
    joined = [c for c in result.clusters if c.metadata.get("new_article_ids") and
              len(c.articles) > len(c.metadata["new_article_ids"])]
    assert joined, "tomorrow's articles joined today's events through the index"
    assert cluster_scores(result.labels(), gold)["bcubed_f1"] >= scores["ann"] - 0.05
