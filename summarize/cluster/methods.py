"""Clustering methods over article ``Features``: agglomerative (default), HDBSCAN and online.

Each returns one integer label per article; equal labels form an event.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from summarize.cluster.features import SIGNALS, TRIM, Background, Features, event_similarity, raw_similarities
from summarize.config import ClusterConfig
from summarize.errors import ConfigError
from summarize.registry import CLUSTERERS  # noqa: F401  (declared there, registered here)

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


def use_index(config: ClusterConfig, n: int) -> bool:
    """Whether ``n`` articles go through the nearest-neighbour index (``cluster.index``)."""
    return config.index == "ann" or (config.index == "auto" and n >= config.ann_above)


@CLUSTERERS.register("agglomerative")
def agglomerative(feats: Features, config: ClusterConfig, times=None) -> np.ndarray:
    """``config.linkage`` (average by default) over event similarity, cut at ``threshold``: no number of
    events needed. Through the index (``cluster.index``), average linkage on the candidate graph."""
    from scipy.cluster.hierarchy import fcluster

    if len(feats) == 1:
        return np.zeros(1, dtype=int)
    if use_index(config, len(feats)):
        if config.linkage != "average":
            raise ConfigError(f"cluster.index=ann runs average linkage; linkage={config.linkage!r} needs "
                              f"cluster.index=exact")
        from summarize.cluster.graph import ann_agglomerative

        return ann_agglomerative(feats, config)
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


def _top(values: np.ndarray) -> np.ndarray:
    """Each row's ``TRIM`` highest values, highest first (-inf pads)."""
    values = np.asarray(values, dtype=np.float32)
    if values.shape[1] < TRIM:
        values = np.concatenate([values, np.full((len(values), TRIM - values.shape[1]), -np.inf, np.float32)], axis=1)
    return -np.sort(-values, axis=1)[:, :TRIM]


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
        self._index = None  # index-backed mode: the embeddings seen so far (rebuilt after a load)
        self._members: dict[int, list[int]] = {}

    def add(self, feats: Features, times: np.ndarray) -> np.ndarray:
        """Assign ``feats`` (in arrival order) and return their labels."""
        from scipy import sparse

        new_labels = np.empty(len(feats), dtype=int)
        total = len(feats) + (0 if self.feats is None else len(self.feats))
        indexed = use_index(self.config, total)
        for rows in _blocks(len(feats), 256):
            batch = feats.rows(rows)
            old = 0 if self.feats is None else len(self.feats)
            self.feats = batch if self.feats is None else Features(
                np.vstack([self.feats.emb, batch.emb]), sparse.vstack([self.feats.lex, batch.lex]).tocsr(),
                sparse.vstack([self.feats.ent, batch.ent]).tocsr())
            self.bg.grow(len(self.feats))
            self.times = np.concatenate([self.times, times[rows]])
            if indexed:
                new_labels[rows] = self._add_indexed(old, len(rows))
                continue
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
            label = self._join(self.labels[active], sim[active], label)
        self.labels = np.append(self.labels, label)
        return label

    def _add_indexed(self, old: int, count: int) -> np.ndarray:
        """Index-backed assignment of articles ``old .. old + count - 1``: candidate events come from each
        article's nearest earlier articles (``neighbours``, by embedding) and the earlier ones of its batch;
        the event similarity is computed to the active members of those events only. Backgrounds are
        estimated against ``background_sample`` articles spread over the stream (exactly, while there are
        fewer), each article's own when it arrives, everyone's again whenever the stream doubles."""
        from summarize.cluster.ann import IncrementalIndex

        cfg, n = self.config, old + count
        if old and n.bit_length() > old.bit_length():  # the stream doubled: backgrounds from the larger sample
            self._estimate_background(np.arange(old), n)
        self._estimate_background(np.arange(old, n), n)
        if self._index is None or len(self._index) != old:  # a loaded state: the index is rebuilt, not stored
            self._index = IncrementalIndex(self.feats.emb.shape[1], cfg.ann_backend)
            self._index.add(self.feats.emb[:old])
            self._members = {}
            for j, lab in enumerate(self.labels[:old]):
                self._members.setdefault(int(lab), []).append(j)
        neighbours = self._index.search(self.feats.emb[old:n], min(cfg.neighbours, old)) if old else \
            np.full((count, 0), -1, dtype=np.int64)
        self.labels = np.concatenate([self.labels, np.full(count, -1, dtype=int)])
        next_label = int(self.labels[:old].max()) + 1 if old else 0
        for r in range(count):
            i = old + r
            label = next_label
            cands = np.concatenate([neighbours[r][neighbours[r] >= 0], np.arange(old, i)]).astype(int)
            events = {int(self.labels[j]) for j in cands[self._active_among(i, cands)]}
            members = np.array(sorted(j for e in events for j in self._members.get(e, ())), dtype=int)
            members = members[self._active_among(i, members)] if len(members) else members
            if len(members):
                sims = raw_similarities(self.feats.rows([i]), self.feats.rows(members))
                unsampled = ~np.isin(members, self._sample)
                for s in SIGNALS:  # its highest similarities: the sample's, and its candidate events' other members'
                    self.bg.top[s][i] = _top(np.concatenate([self.bg.top[s][i], sims[s][0][unsampled]])[None, :])[0]
                sim = event_similarity(sims, self.bg, np.array([i]), members, cfg.signal_weights)[0]
                label = self._join(self.labels[members], sim, next_label)
            if label == next_label:
                next_label += 1
            self.labels[i] = label
            self._members.setdefault(label, []).append(i)
        self._index.add(self.feats.emb[old:n])
        return self.labels[old:n].copy()

    def _active_among(self, i: int, idx: np.ndarray) -> np.ndarray:
        """Which of the articles ``idx`` are within the time window of article ``i`` (a mask)."""
        window, t = self.config.window_days, self.times[i]
        if window is None or np.isnan(t) or not len(idx):
            return np.ones(len(idx), dtype=bool)
        ti = self.times[idx]
        return np.isnan(ti) | (np.abs(ti - t) <= window * 86400.0)

    def _estimate_background(self, rows: np.ndarray, n: int) -> None:
        """Statistics of ``rows`` against a sample spread evenly over the first ``n`` articles, scaled to the
        ``n - 1`` others seen so far (as the exact path's backgrounds hold them)."""
        m = min(n, self.config.background_sample)
        sample = self._sample = np.unique(np.linspace(0, n - 1, m).round().astype(int))
        for block in _blocks(len(rows), self.config.block_size):
            idx = rows[block]
            sims = raw_similarities(self.feats.rows(idx), self.feats.rows(sample))
            other = sample[None, :] != idx[:, None]
            scale = (n - 1) / np.maximum(other.sum(axis=1), 1)
            self.bg.count[idx] = n - 1
            for s in SIGNALS:
                v = np.where(other, sims[s], 0.0).astype(np.float64)
                self.bg.sums[s][idx] = scale * v.sum(axis=1)
                self.bg.squares[s][idx] = scale * (v ** 2).sum(axis=1)
                self.bg.top[s][idx] = _top(np.where(other, sims[s], -np.inf))

    def _join(self, labels: np.ndarray, sim: np.ndarray, new: int) -> int:
        """The event with the highest mean similarity over its members ``labels`` (``sim`` to each) when it
        reaches the threshold, else ``new`` (a new event's label)."""
        totals = np.bincount(labels, weights=sim, minlength=new)
        counts = np.bincount(labels, minlength=new)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(counts > 0, totals / np.maximum(counts, 1), -1.0)
        best = int(np.argmax(mean)) if len(mean) else new
        return best if len(mean) and mean[best] >= self.config.threshold else new

    def _active(self, i: int) -> np.ndarray:
        """The earlier articles within article ``i``'s time window."""
        idx = np.arange(i)
        return idx[self._active_among(i, idx)]


@CLUSTERERS.register("online")
def online(feats: Features, config: ClusterConfig, times=None) -> np.ndarray:
    """Streaming: articles in time (else input) order join the nearest cluster within the window."""
    state = OnlineState(config)
    times = np.full(len(feats), np.nan) if times is None else times
    return state.add(feats, times)
