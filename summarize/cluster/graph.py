"""Index-backed clustering: memory and time that grow with n, not n^2.

The exact path compares every pair of articles. Here a nearest-neighbour index (``cluster.ann``)
proposes each article's ``neighbours`` nearest by embedding; the three signals (embedding, TF-IDF,
names) are computed for those candidate pairs only, and their z-scores use backgrounds estimated
against a fixed random sample of ``background_sample`` articles (all of them when there are fewer)
with each article's highest similarities, which the exact path trims, taken from its candidates.
Average linkage then runs on the sparse graph: two clusters merge while the mean event similarity
of all their cross pairs reaches the threshold, a pair that is no candidate counting as the mean of
random non-candidate pairs. On a complete graph this is scipy's average linkage cut at the same threshold.
"""

from __future__ import annotations

import heapq
from typing import Sequence

import numpy as np

from summarize.cluster.features import SIGNALS, TRIM, Background, Features, raw_similarities
from summarize.config import ClusterConfig

PAIR_CHUNK = 20000  # candidate pairs whose sparse dot products are taken at once
RARE_DF = 20  # a name at most this many articles share proposes them as candidates ...
RARE_TERMS = 8  # ... when it is among an article's most weighted names
COMPLETE_UP_TO = 256  # groups of candidates up to this size get every pair compared


def candidate_pairs(feats: Features, config: ClusterConfig) -> tuple[np.ndarray, np.ndarray]:
    """Undirected pairs ``(i, j)``, ``i < j``: each article with its ``neighbours`` nearest by embedding."""
    from summarize.cluster.ann import knn

    n = len(feats)
    k = min(config.neighbours, n - 1)
    if k < 1:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    neighbours = knn(feats.emb, k + 1, config.ann_backend)  # n x (k + 1): itself among them
    rows = np.repeat(np.arange(n), neighbours.shape[1])
    cols = neighbours.ravel()
    name_rows, name_cols = shared_rare_terms(feats.ent)
    rows, cols = np.concatenate([rows, name_rows]), np.concatenate([cols, name_cols])
    keep = (cols >= 0) & (cols != rows)
    a, b = np.minimum(rows[keep], cols[keep]), np.maximum(rows[keep], cols[keep])
    pairs = np.unique(a.astype(np.int64) * n + b)
    return pairs // n, pairs % n


def shared_rare_terms(matrix, max_df: int = RARE_DF, per_article: int = RARE_TERMS) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of articles that share one of their ``per_article`` highest-weighted terms when at most
    ``max_df`` articles have it (a rare name two stories share): candidates the embedding may miss."""
    from scipy import sparse

    m = sparse.csr_matrix(matrix)
    n = m.shape[0]
    df = np.bincount(m.indices, minlength=m.shape[1])
    chosen_rows, chosen_terms = [], []
    for i in range(n):
        lo, hi = m.indptr[i], m.indptr[i + 1]
        terms, weights = m.indices[lo:hi], m.data[lo:hi]
        rare = (df[terms] >= 2) & (df[terms] <= max_df)
        terms, weights = terms[rare], weights[rare]
        top = terms[np.argsort(-weights)[:per_article]]
        chosen_rows.append(np.full(len(top), i))
        chosen_terms.append(top)
    if not chosen_rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    r, t = np.concatenate(chosen_rows), np.concatenate(chosen_terms)
    postings = sparse.csr_matrix((np.ones(len(t), dtype=np.int32), (t, r)), shape=(m.shape[1], n))
    pairs_r, pairs_c = [], []
    for term in np.unique(t):
        items = postings.indices[postings.indptr[term]:postings.indptr[term + 1]]
        if len(items) > 1:
            a, b = np.triu_indices(len(items), 1)
            pairs_r.append(items[a])
            pairs_c.append(items[b])
    if not pairs_r:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(pairs_r).astype(np.int64), np.concatenate(pairs_c).astype(np.int64)


def pair_similarities(feats: Features, rows: np.ndarray, cols: np.ndarray) -> dict[str, np.ndarray]:
    """Each signal's cosine for the pairs ``(rows[p], cols[p])``, computed chunk by chunk."""
    out = {s: np.zeros(len(rows), dtype=np.float32) for s in SIGNALS}
    for start in range(0, len(rows), PAIR_CHUNK):
        r, c = rows[start:start + PAIR_CHUNK], cols[start:start + PAIR_CHUNK]
        out["emb"][start:start + len(r)] = np.einsum("ij,ij->i", feats.emb[r], feats.emb[c])
        for s in ("lex", "ent"):
            m = getattr(feats, s)
            out[s][start:start + len(r)] = np.asarray(m[r].multiply(m[c]).sum(axis=1)).ravel()
    return out


def sampled_background(feats: Features, config: ClusterConfig, rows: np.ndarray, cols: np.ndarray,
                       sims: dict[str, np.ndarray], seed: int = 0) -> Background:
    """Every article's similarity statistics, stratified: its candidate pairs exactly, the other articles
    through a fixed random sample of ``background_sample`` (all of them when there are fewer: then the
    statistics are the exact path's), scaled to their number. The ``TRIM`` highest values, which the
    statistics leave out (they may be the article's own event), come from both."""
    from scipy import sparse

    n = len(feats)
    bg = Background(n)
    sample = np.arange(n) if n <= config.background_sample else \
        np.sort(np.random.default_rng(seed).choice(n, config.background_sample, replace=False))
    ref = feats.rows(sample)
    adjacency = sparse.coo_matrix((np.ones(2 * len(rows), dtype=bool), (np.concatenate([rows, cols]),
                                   np.concatenate([cols, rows]))), shape=(n, n)).tocsr()
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    for s in SIGNALS:  # the candidates' part: exact
        bg.sums[s] = np.bincount(rows, sims[s], n) + np.bincount(cols, sims[s], n)
        squares = sims[s].astype(np.float64) ** 2
        bg.squares[s] = np.bincount(rows, squares, n) + np.bincount(cols, squares, n)
        bg.top[s] = _top_from_pairs(n, rows, cols, sims[s])
    bg.count[:] = n - 1
    for start in range(0, n, config.block_size):
        block = np.arange(start, min(start + config.block_size, n))
        block_sims = raw_similarities(feats.rows(block), ref)
        other = (block[:, None] != sample[None, :]) & ~adjacency[block][:, sample].toarray()
        scale = (n - 1 - degree[block]) / np.maximum(other.sum(axis=1), 1)
        for s in SIGNALS:
            v = np.where(other, block_sims[s], 0.0)
            bg.sums[s][block] += scale * v.sum(axis=1)
            bg.squares[s][block] += scale * (v.astype(np.float64) ** 2).sum(axis=1)
            k = min(TRIM, v.shape[1])
            best = -np.partition(-np.where(other, v, -np.inf), k - 1, axis=1)[:, :k]
            merged = np.concatenate([bg.top[s][block], best.astype(np.float32)], axis=1)
            bg.top[s][block] = -np.partition(-merged, TRIM - 1, axis=1)[:, :TRIM]
    return bg


def _top_from_pairs(n: int, rows: np.ndarray, cols: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Each article's ``TRIM`` highest values among the pairs it is in (-inf where it has fewer)."""
    top = np.full((n, TRIM), -np.inf, dtype=np.float32)
    items = np.concatenate([rows, cols])
    vals = np.concatenate([values, values])
    if not len(items):
        return top
    order = np.lexsort((-vals, items))  # by article, highest first
    items, vals = items[order], vals[order]
    rank = np.arange(len(items)) - np.searchsorted(items, items)
    keep = rank < TRIM
    top[items[keep], rank[keep]] = vals[keep]
    return top


def pair_event_similarity(sims: dict[str, np.ndarray], bg: Background, rows: np.ndarray, cols: np.ndarray,
                          weights: dict[str, float]) -> np.ndarray:
    """``event_similarity`` for aligned pairs (the exact path's formula, elementwise)."""
    z = np.zeros(len(rows), dtype=np.float64)
    for s in SIGNALS:
        w = weights.get(s, 0.0)
        if not w:
            continue
        mr, sr = bg.stats(s, rows)
        mc, sc = bg.stats(s, cols)
        z += w * 0.5 * ((sims[s] - mr) / sr + (sims[s] - mc) / sc)
    return np.tanh(np.maximum(z / sum(weights.values()), 0.0) / 8.0)


def sparse_average_linkage(n: int, rows: Sequence[int], cols: Sequence[int], sims: Sequence[float],
                           threshold: float, unlisted: float = 0.0) -> np.ndarray:
    """Average-linkage clusters of ``n`` items cut at ``threshold``, from the similarities of the listed
    pairs (an unlisted pair counts ``unlisted``). Labels are 0..k-1 in order of each cluster's first item.

    Example:
        >>> sparse_average_linkage(4, [0, 1, 2], [1, 2, 3], [0.9, 0.8, 0.1], threshold=0.5).tolist()
        [0, 0, 1, 2]
    """
    sums: list[dict[int, float]] = [dict() for _ in range(n)]  # per pair of clusters: sum of (sim - unlisted)
    for i, j, s in zip(rows, cols, sims):
        if s > unlisted:
            sums[i][j] = sums[i].get(j, 0.0) + float(s) - unlisted
            sums[j][i] = sums[j].get(i, 0.0) + float(s) - unlisted
    threshold -= unlisted  # averages are compared above the unlisted level
    size = [1] * n
    alive = [True] * n
    heap = [(-s, i, j) for i in range(n) for j, s in sums[i].items() if i < j and s >= threshold]
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        current = sums[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + neg) > 1e-12:
            continue  # stale: a newer entry holds this pair's average
        if len(sums[a]) < len(sums[b]):
            a, b = b, a
        alive[b] = False
        parent[b] = a
        del sums[a][b]
        for c, s in sums[b].items():
            if c == a:
                continue
            del sums[c][b]
            sums[a][c] = sums[c][a] = sums[a].get(c, 0.0) + s
        sums[b] = {}
        size[a] += size[b]
        for c, s in sums[a].items():
            avg = s / (size[a] * size[c])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    root = list(range(n))
    for i in range(n):
        r = i
        while parent[r] != r:
            r = parent[r]
        root[i] = r
    labels, seen = np.empty(n, dtype=int), {}
    for i, r in enumerate(root):
        labels[i] = seen.setdefault(r, len(seen))
    return labels


def ann_agglomerative(feats: Features, config: ClusterConfig) -> np.ndarray:
    """Labels from average linkage on the candidate graph (module docstring)."""
    n = len(feats)
    if n == 1:
        return np.zeros(1, dtype=int)
    rows, cols = candidate_pairs(feats, config)
    sims = pair_similarities(feats, rows, cols)
    bg = sampled_background(feats, config, rows, cols, sims)
    event = pair_event_similarity(sims, bg, rows, cols, config.signal_weights)
    unlisted = unlisted_level(feats, bg, rows, cols, config)
    more_rows, more_cols = completing_pairs(n, rows, cols, event, config.threshold, unlisted)
    if len(more_rows):  # the graph made complete where events can form: those averages are the exact path's
        more = pair_similarities(feats, more_rows, more_cols)
        event = np.concatenate([event, pair_event_similarity(more, bg, more_rows, more_cols, config.signal_weights)])
        rows, cols = np.concatenate([rows, more_rows]), np.concatenate([cols, more_cols])
    return sparse_average_linkage(n, rows, cols, event, config.threshold, unlisted)


def completing_pairs(n: int, rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, threshold: float,
                     unlisted: float, cap: int = COMPLETE_UP_TO) -> tuple[np.ndarray, np.ndarray]:
    """The pairs missing from the groups that could become events: the clusters average linkage forms at
    three quarters of the threshold (they hold the clusters of the real cut, as a lower cut of one tree
    holds the higher one's), of at most ``cap`` articles. Average linkage inside such a group then sees every
    pair, as the exact path does, not only each article's nearest neighbours (near-duplicate copies of a
    story can fill those)."""
    groups = sparse_average_linkage(n, rows, cols, sims, 0.75 * threshold, unlisted)
    sizes = np.bincount(groups)
    listed = set((rows.astype(np.int64) * n + cols).tolist())
    order = np.argsort(groups, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)])
    out_r, out_c = [], []
    for g in np.flatnonzero((sizes >= 3) & (sizes <= cap)):
        members = np.sort(order[starts[g]:starts[g + 1]])
        a, b = np.triu_indices(len(members), 1)
        keys = (members[a].astype(np.int64) * n + members[b]).tolist()
        new = np.fromiter((k not in listed for k in keys), dtype=bool, count=len(keys))
        out_r.append(members[a][new])
        out_c.append(members[b][new])
    if not out_r:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(out_r).astype(np.int64), np.concatenate(out_c).astype(np.int64)


def unlisted_level(feats: Features, bg: Background, rows: np.ndarray, cols: np.ndarray, config: ClusterConfig,
                   pairs: int = 20000, seed: int = 1) -> float:
    """The mean event similarity of pairs that are not candidates, from random pairs: what an unlisted pair
    stands for in the averages (the exact path has every pair's own small value there)."""
    n = len(feats)
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, n, pairs), rng.integers(0, n, pairs)
    keep = a != b
    a, b = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    listed = np.isin(a.astype(np.int64) * n + b, rows.astype(np.int64) * n + cols)
    a, b = a[~listed], b[~listed]
    if not len(a):
        return 0.0
    return float(pair_event_similarity(pair_similarities(feats, a, b), bg, a, b, config.signal_weights).mean())
