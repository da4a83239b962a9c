"""Online event clustering with a persisted state, for nightly jobs.

A ``StreamClusterer`` keeps what online clustering needs between runs (the fitted vocabularies, every
article's features, labels, times and background statistics, and a short record of each article) in
one state file; tomorrow's run loads it, adds the new articles to yesterday's clusters (or opens new
ones) and saves it again, without re-clustering or re-embedding what it has seen. Cluster ids are
stable across runs (``event-000001`` stays that event); articles already in the state are skipped.

The state file (``summarize.cluster.state_file``) is an ``.npz`` archive of plain arrays and a JSON
header, written atomically and read without unpickling: a state file is data, it cannot run code.

Example:
    >>> stream = StreamClusterer.load_or_new("events.state", ClusterConfig(method="online"))  # doctest: +SKIP
    >>> result = stream.add(load_articles(["today/"]))  # doctest: +SKIP
    >>> stream.save("events.state")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from summarize.clean import BoilerplateFilter
from summarize.cluster.features import FeatureBuilder
from summarize.cluster.methods import OnlineState
from summarize.config import CleanConfig, ClusterConfig
from summarize.embed import Embedder, embedder_key
from summarize.errors import ConfigError, InputError
from summarize.types import Article

_KEEP_CHARS = 400  # text kept per article in the state, for labels


class StreamClusterer:
    """Online clustering whose state outlives the process."""

    def __init__(
        self, config: ClusterConfig, clean: CleanConfig | None = None, embedder: Embedder | None = None
    ) -> None:
        if config.method != "online":
            raise ConfigError(f"a persisted clustering state needs cluster.method=online, got {config.method!r}")
        self.config, self.clean = config, self.clean_settings(clean)
        self.source: Path | None = None  # the state file it was read from
        self.builder = FeatureBuilder(config, embedder)
        self.state = OnlineState(config)
        self.articles: list[Article] = []  # in arrival order, text shortened
        self.rejected: list[dict[str, str]] = []
        self.embedded_with: str | None = None  # embed.embedder_key of the model that made the state's vectors

    @staticmethod
    def clean_settings(clean: CleanConfig | None) -> CleanConfig:
        """The cleaning a stream applies: the run's, with sentence de-duplication and furniture left to
        summaries (as in cluster_articles)."""
        from dataclasses import replace

        return replace(clean or CleanConfig(), dedupe_sentences=False, furniture=[], extra_furniture=[])

    @classmethod
    def load(cls, path: str | Path, embedder: Embedder | None = None, config: ClusterConfig | None = None,
             clean: CleanConfig | None = None) -> "StreamClusterer":
        """Read a state file written by ``save``; errors name the file. With ``config`` (the run's settings)
        the embedder and cache directory are the run's, and other differences are stated."""
        from summarize.cluster.state_file import read_state

        return read_state(path, embedder, expected=(config, clean) if config is not None else None, cls=cls)

    @classmethod
    def load_or_new(
        cls, path: str | Path, config: ClusterConfig, clean: CleanConfig | None = None, embedder: Embedder | None = None
    ) -> "StreamClusterer":
        """The state at ``path`` if the file exists (its own config wins), else a new one."""
        if Path(path).exists():
            return cls.load(path, embedder, config, clean)
        return cls(config, clean, embedder)

    @classmethod
    def update(cls, path: str | Path, articles: Sequence[Article], config: ClusterConfig,
               clean: CleanConfig | None = None, embedder: Embedder | None = None):
        """Load the state at ``path`` (or start one), add ``articles`` and save it, holding the state's lock
        throughout: two runs on one state file take turns (the second waits, with a warning) instead of the
        last writer dropping the first one's articles. Returns ``(stream, articles before, result)``."""
        from summarize.cluster.state_file import state_lock

        with state_lock(path):
            stream = cls.load_or_new(path, config, clean, embedder)
            before = len(stream)
            result = stream.add(articles)
            stream.save(path)
        return stream, before, result

    def save(self, path: str | Path) -> Path:
        """Write the state atomically (a temporary file renamed over ``path``)."""
        from summarize.cluster.state_file import write_state

        return write_state(path, self)

    def __len__(self) -> int:
        return len(self.articles)

    def add(self, articles: Sequence[Article]):
        """Clean and assign ``articles`` (time order when they carry dates); return every cluster so far,
        with ``metadata['new_article_ids']`` naming this run's additions."""
        from summarize.cluster import ClusteringResult, clean_and_reject, make_clusters, parse_time

        seen = {a.id for a in self.articles} | {r["id"] for r in self.rejected}
        fresh = [a for a in articles if a.id not in seen]
        kept, rejected = clean_and_reject(fresh, self.config, self.clean, BoilerplateFilter(self.clean))
        self.rejected.extend(rejected)
        if kept:
            times = np.array([parse_time(a.published_at) for a in kept])
            order = np.argsort(np.nan_to_num(times, nan=np.inf), kind="stable")
            kept = [kept[i] for i in order]
            feats = self.builder.features(kept, fit=self.builder.lex_vec is None)
            self._check_same_vectors(feats)
            self.state.add(feats, times[order])
            self.articles.extend(_short(a) for a in kept)
        new_ids = {a.id for a in kept}
        clusters = make_clusters(self.articles, self.state.labels, self.state.feats, self.builder, stable_ids=True)
        for c in clusters:
            c.metadata["new_article_ids"] = [a.id for a in c.articles if a.id in new_ids]
        return ClusteringResult(clusters, list(self.rejected), skipped=len(articles) - len(fresh))

    def _check_same_vectors(self, feats) -> None:
        """Refuse new vectors that cannot be compared with the state's: another width (another model, or a
        damaged state) or another embedder key (the same model in another precision: its vectors differ
        in the third decimal, and a state of two precisions is what no single run would have built)."""
        where, held = self.source or "the saved state", self.state.feats
        if held is not None and held.emb.shape[1] != feats.emb.shape[1]:
            raise InputError(f"{where}: field 'emb' has vectors of {held.emb.shape[1]} dimensions and the embedder "
                             f"{self.config.embedder!r} gives {feats.emb.shape[1]}: the state was embedded with "
                             f"another model or is damaged; start a new state file")
        if not self.config.signal_weights.get("emb", 1.0):
            return  # nothing embedded: no model made these vectors
        key = embedder_key(self.builder.embedder)
        if held is not None and len(held) and self.embedded_with not in (None, key):
            was, now = (k.partition("@") for k in (self.embedded_with, key))
            advice = (f"run with --set embed_precision={was[2]} to continue it" if was[0] == now[0] and was[2]
                      else "run with the state's embedder to continue it")
            raise ConfigError(f"{where}: its vectors were computed by {self.embedded_with}, this run computes them "
                              f"with {key}; vectors of two precisions or models are not mixed in one state: "
                              f"{advice}, or start a new state file")
        self.embedded_with = key


def _short(article: Article) -> Article:
    from dataclasses import replace

    return replace(article, text=article.text[:_KEEP_CHARS])
