"""Clustering methods over article ``Features``: agglomerative (default), HDBSCAN and online.

Each returns one integer label per article; equal labels form an event.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from summarize.cluster.features import Background, Features, event_similarity, raw_similarities
from summarize.config import ClusterConfig
from summarize.registry import Registry

CLUSTERERS: Registry = Registry("clustering method")
Method = Callable[[Features, ClusterConfig, "np.ndarray | None"], np.ndarray]


def _blocks(n: int, size: int):
    for start in range(0, n, size):
        yield np.arange(start, min(start + size, n))


def background(feats: Features, block: int) -> Background:
    """Every article's similarity statistics against all the others."""
    n = len(feats)
    bg = Background(n)
    for rows in _blocks(n, block):
        sims = raw_similarities(feats.rows(rows), feats)
        for s in sims.values():
            s[np.arange(len(rows)), rows] = 0.0
        bg.add(rows, sims, np.full(len(rows), n - 1))
    return bg


def similarity_matrix(feats: Features, config: ClusterConfig) -> np.ndarray:
    """The n x n event-similarity matrix (float32), built in row blocks."""
    n = len(feats)
    bg = background(feats, config.block_size)
    out = np.empty((n, n), dtype=np.float32)
    cols = np.arange(n)
    for rows in _blocks(n, config.block_size):
        out[rows] = event_similarity(raw_similarities(feats.rows(rows), feats), bg, rows, cols, config.signal_weights)
    np.fill_diagonal(out, 1.0)
    return out


def linkage_tree(feats: Features, config: ClusterConfig) -> np.ndarray:
    """The ``config.linkage`` merge tree (scipy's linkage matrix) over event distance (1 - similarity),
    for two or more articles; cut it at any threshold with ``fcluster``."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = similarity_matrix(feats, config)
    np.subtract(1.0, dist, out=dist)
    np.fill_diagonal(dist, 0.0)
    condensed = squareform(dist, checks=False).astype(np.float64)
    del dist
    return linkage(condensed, method=config.linkage)


@CLUSTERERS.register("agglomerative")
def agglomerative(feats: Features, config: ClusterConfig, times=None) -> np.ndarray:
    """``config.linkage`` (average by default) over event similarity, cut at ``threshold``: no number of
    events needed."""
    from scipy.cluster.hierarchy import fcluster

    if len(feats) == 1:
        return np.zeros(1, dtype=int)
    return fcluster(linkage_tree(feats, config), 1.0 - config.threshold, criterion="distance") - 1


@CLUSTERERS.register("hdbscan")
def hdbscan(feats: Features, config: ClusterConfig, times=None) -> np.ndarray:
    """scikit-learn's HDBSCAN on event distance; noise points become singletons."""
    from sklearn.cluster import HDBSCAN

    n = len(feats)
    if n < config.min_cluster_size:
        return np.arange(n)
    dist = (1.0 - similarity_matrix(feats, config)).astype(np.float64)
    labels = HDBSCAN(min_cluster_size=config.min_cluster_size, min_samples=1, metric="precomputed").fit_predict(dist)
    noise = labels < 0
    labels[noise] = labels.max() + 1 + np.arange(noise.sum())
    return labels


class OnlineState:
    """Members seen so far: features, labels, times and background statistics.

    Each arriving article joins the cluster with the highest average event similarity to its members
    (among clusters active within the time window) when that reaches ``threshold``, else opens one.
    """

    def __init__(self, config: ClusterConfig) -> None:
        self.config = config
        self.feats: Features | None = None
        self.labels = np.zeros(0, dtype=int)
        self.times = np.zeros(0)
        self.bg = Background(0)

    def add(self, feats: Features, times: np.ndarray) -> np.ndarray:
        """Assign ``feats`` (in arrival order) and return their labels."""
        from scipy import sparse

        new_labels = np.empty(len(feats), dtype=int)
        for rows in _blocks(len(feats), 256):
            batch = feats.rows(rows)
            old = 0 if self.feats is None else len(self.feats)
            self.feats = batch if self.feats is None else Features(
                np.vstack([self.feats.emb, batch.emb]), sparse.vstack([self.feats.lex, batch.lex]).tocsr(),
                sparse.vstack([self.feats.ent, batch.ent]).tocsr())
            self.bg.grow(len(self.feats))
            self.times = np.concatenate([self.times, times[rows]])
            sims = raw_similarities(batch, self.feats)  # batch x (old + batch)
            for k, i in enumerate(range(old, old + len(rows))):
                new_labels[rows[k]] = self._assign(i, {s: v[k, : i + 1] for s, v in sims.items()})
        return new_labels

    def _assign(self, i: int, sims: dict[str, np.ndarray]) -> int:
        prev = np.arange(i)
        if i:
            self.bg.add(np.array([i]), {s: v[None, :i] for s, v in sims.items()}, np.array([i]))
            self.bg.add_column(prev, {s: v[:i] for s, v in sims.items()})  # the earlier articles see it too
        label = int(self.labels.max()) + 1 if len(self.labels) else 0
        if i:
            sim = event_similarity({s: v[None, :i] for s, v in sims.items()}, self.bg, np.array([i]), prev,
                                   self.config.signal_weights)[0]
            active = self._active(i)
            totals = np.bincount(self.labels[active], weights=sim[active], minlength=label)
            counts = np.bincount(self.labels[active], minlength=label)
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = np.where(counts > 0, totals / np.maximum(counts, 1), -1.0)
            best = int(np.argmax(mean))
            if mean[best] >= self.config.threshold:
                label = best
        self.labels = np.append(self.labels, label)
        return label

    def _active(self, i: int) -> np.ndarray:
        idx = np.arange(i)
        window = self.config.window_days
        t = self.times[i]
        if window is None or np.isnan(t):
            return idx
        keep = np.isnan(self.times[:i]) | (np.abs(self.times[:i] - t) <= window * 86400.0)
        return idx[keep]


@CLUSTERERS.register("online")
def online(feats: Features, config: ClusterConfig, times=None) -> np.ndarray:
    """Streaming: articles in time (else input) order join the nearest cluster within the window."""
    state = OnlineState(config)
    times = np.full(len(feats), np.nan) if times is None else times
    return state.add(feats, times)
