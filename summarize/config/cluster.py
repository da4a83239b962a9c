"""``cluster``: grouping articles into events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from summarize.config.schema import check_choices
from summarize.errors import ConfigError

CLUSTER_SIGNALS = {"emb": 1.0, "lex": 1.0, "ent": 1.0}


@dataclass
class ClusterConfig:
    """Grouping articles into events (``summarize cluster``, or ``summarize run`` with ``enabled``)."""

    enabled: bool = False
    """In `summarize run`: cluster loose articles into events and summarize each event."""
    method: str = "agglomerative"
    """agglomerative (average linkage, distance threshold) | hdbscan | online (streams)."""
    threshold: float = 0.72
    """Event similarity (0-1) at which articles join: the average-linkage cut and the online join
    level. Chosen on the dev fifth of the pooled Multi-News benchmark (bench/clustering.py)."""
    signal_weights: dict[str, float] = field(default_factory=lambda: dict(CLUSTER_SIGNALS))
    """Weight of each signal in the event similarity: emb (embedding of the title and lead), lex (TF-IDF
    of the whole text), ent (TF-IDF of names). A key left out keeps weight 1; emb: 0 embeds nothing (no
    model needed). bench/clustering.py --ablation compares them."""
    linkage: Literal["average", "complete", "single", "weighted"] = "average"
    """Agglomerative linkage: average | complete | single | weighted."""
    embedder: str = "minilm"
    """minilm (offline all-MiniLM-L6-v2) | tfidf | any sentence-transformers model name or path."""
    embed_words: int = 64
    """Words of each article (after its title) that are embedded."""
    cache_dir: str | None = "~/.cache/summarize/embeddings"
    """On-disk embedding cache (keyed by model and text hash); null turns it off."""
    min_words: int = 20
    """Articles with fewer words after cleaning are rejected (reported, not forced into an event)."""
    window_days: float | None = 3.0
    """Online: an article joins only clusters with a member this close in time (when dates are known)."""
    min_cluster_size: int = 2
    """HDBSCAN's smallest cluster; smaller groups become singletons."""
    block_size: int = 2048
    """Rows per block when building the similarity matrix (memory vs. speed)."""
    index: Literal["auto", "exact", "ann"] = "auto"
    """exact (every pair compared: n x n similarity, memory grows with n^2; the reference) | ann (a
    nearest-neighbour index proposes candidate pairs, the three signals are computed for those only, and
    average linkage runs on that sparse graph: memory linear in n) | auto (ann from ``ann_above`` articles).
    HDBSCAN always compares every pair."""
    ann_above: int = 5000
    """With index=auto: the article count from which the ann path is taken (bench/scale.py)."""
    ann_backend: Literal["faiss", "usearch"] = "faiss"
    """The nearest-neighbour index: faiss (HNSW, faiss-cpu) | usearch (HNSW); `pip install "summarize[scale]"`."""
    neighbours: int = 50
    """ann: candidate pairs per article (its nearest by embedding; rare shared names add more, and the
    groups that can become events get every pair: summarize/cluster/graph.py)."""
    background_sample: int = 1000
    """ann: articles each article's similarity background is estimated against (a fixed random sample;
    all of them when there are fewer)."""

    def __post_init__(self) -> None:
        check_choices(self, "cluster.")
        if self.neighbours < 1 or self.background_sample < 10 or self.ann_above < 2:
            raise ConfigError("cluster: neighbours >= 1, background_sample >= 10, ann_above >= 2")
        from summarize.registry import CLUSTERERS  # the method names, declared once (nothing imported)

        try:
            CLUSTERERS.check(self.method)
        except ConfigError as exc:
            raise ConfigError(f"cluster.method: {exc}") from None
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError("cluster.threshold must be in (0, 1)")
        if self.min_cluster_size < 2 or self.embed_words < 1 or self.block_size < 1:
            raise ConfigError("cluster: min_cluster_size >= 2, embed_words >= 1, block_size >= 1")
        unknown = sorted(set(self.signal_weights) - set(CLUSTER_SIGNALS))
        if unknown:
            raise ConfigError(f"cluster.signal_weights: unknown signal {unknown[0]!r} (signals: emb, lex, ent)")
        self.signal_weights = {**CLUSTER_SIGNALS, **{k: float(v) for k, v in self.signal_weights.items()}}
        if any(w < 0 for w in self.signal_weights.values()) or not sum(self.signal_weights.values()) > 0:
            raise ConfigError("cluster.signal_weights: weights must be >= 0 with at least one > 0")
