"""Article representations for event clustering and the similarity they define.

Three signals, each a cosine similarity between articles:
- ``emb``: sentence embedding (MiniLM by default) of the title and the first ``embed_words`` words;
- ``lex``: TF-IDF of unigrams and bigrams over the whole cleaned text;
- ``ent``: TF-IDF of capitalised name sequences (people, places, organisations).

Raw cosines are not comparable across articles (a generic story is mildly similar to everything), so
each signal is turned into a z-score against the article's own background: the mean and spread of its
similarities to the other articles, shrunk toward a fixed prior so that a pool of five articles about
one event still clusters. The event similarity is ``tanh(max(mean z, 0) / 8)`` in [0, 1).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
from scipy import sparse

from summarize.config import CLUSTER_SIGNALS, ClusterConfig, RunConfig
from summarize.embed import Embedder, get_embedder, loaded
from summarize.embed_cache import cached
from summarize.types import Article

SIGNALS = tuple(CLUSTER_SIGNALS)  # ("emb", "lex", "ent")
# Background prior (mean, std) of each signal's cosine between articles of different events; measured on
# the pooled Multi-News validation sample (64 embedded words) and rounded.
PRIOR = {"emb": (0.07, 0.10), "lex": (0.02, 0.016), "ent": (0.006, 0.014)}
PRIOR_WEIGHT = 50  # pseudo-articles of prior in each background estimate
TRIM = 10  # an article's most similar neighbours are left out of its background (they may be its event)
Z_SCALE = 8.0

_NAME = re.compile(r"\b(?:[A-Z][\w'’\-]+|[A-Z]{2,})(?:\s+(?:[A-Z][\w'’\-]+|[A-Z]{2,}|of|de|al))*(?<![ ,])")


def names(text: str) -> list[str]:
    """Capitalised name sequences, sentence-initial single words left out.

    Example:
        >>> names("Vladimir Putin met Kim Jong Un. The talks were long.")
        ['vladimir_putin', 'kim_jong_un']
    """
    out = []
    for sent in re.split(r"(?<=[.!?])\s+|\n", text):
        for m in _NAME.finditer(sent):
            token = m.group(0)
            if m.start() == 0 and " " not in token:
                continue
            out.append(token.lower().replace(" ", "_"))
    return out


@dataclass
class Features:
    """Per-article vectors of each signal (rows L2-normalised)."""

    emb: np.ndarray
    lex: sparse.csr_matrix
    ent: sparse.csr_matrix

    def __len__(self) -> int:
        return self.emb.shape[0]

    def rows(self, idx) -> "Features":
        return Features(self.emb[idx], self.lex[idx], self.ent[idx])


def configured_embedder(config: ClusterConfig, precision: str = "auto") -> Embedder:
    """The embedder ``config`` names, computing in ``precision`` (``RunConfig.embed_precision``), behind the
    on-disk cache in ``config.cache_dir``."""
    return cached(get_embedder(config.embedder, precision), config.cache_dir)


def run_embedder(config: RunConfig) -> Callable[[], Embedder]:
    """What loads a run's clustering embedder (``config.cluster``'s, in ``config.embed_precision``) when
    articles are first embedded: none is loaded where the similarity leaves embeddings out."""
    return functools.partial(configured_embedder, config.cluster, config.embed_precision)


class FeatureBuilder:
    """Fits the lexical vocabularies on a batch and turns articles into ``Features``.

    A fitted builder (kept in an online clustering state) transforms later batches the same way.
    """

    def __init__(self, config: ClusterConfig, embedder: Embedder | Callable[[], Embedder] | None = None) -> None:
        """``embedder`` (or a function that loads it, called only when articles are embedded): by default
        ``configured_embedder(config)``."""
        self.config = config
        self._embedder = embedder
        self.lex_vec = self.ent_vec = None

    @property
    def embedder(self) -> Embedder:
        self._embedder = loaded(self._embedder) or configured_embedder(self.config)
        return self._embedder

    def fit(self, texts: list[str]) -> "FeatureBuilder":
        big = len(texts) >= 50
        self.kinds = {"lex": "lex", "ent": "ent"}
        self.lex_vec, self.ent_vec = make_vectorizer("lex", big), make_vectorizer("ent", big)
        try:
            self.lex_vec.fit(texts)
        except ValueError:  # no term survives (tiny or empty pool)
            self.kinds["lex"], self.lex_vec = "lex_plain", make_vectorizer("lex_plain").fit(texts + ["placeholder"])
        try:
            self.ent_vec.fit(texts)
        except ValueError:
            self.kinds["ent"], self.ent_vec = "ent_none", make_vectorizer("ent_none").fit(["x"])
        return self

    def restore(self, kinds: dict[str, str], vocabularies: dict[str, list[str]], idf: dict[str, np.ndarray]) -> None:
        """Rebuild fitted vectorizers from their kinds, vocabularies and idf weights (a saved state)."""
        self.kinds = dict(kinds)
        for signal in ("lex", "ent"):
            vec = make_vectorizer(kinds[signal], vocabulary={t: i for i, t in enumerate(vocabularies[signal])})
            vec.idf_ = idf[signal]
            setattr(self, f"{signal}_vec", vec)

    def features(self, articles: Sequence[Article], fit: bool = False) -> Features:
        """``articles``' features (fitting the vocabularies on them first with ``fit``)."""
        texts = [a.text for a in articles]
        if fit:
            self.fit(texts)
        return self.transform(texts, [embed_text(a, self.config) for a in articles])

    def transform(self, texts: list[str], embed_texts: list[str]) -> Features:
        from sklearn.preprocessing import normalize

        if self.config.signal_weights.get("emb", 1.0):
            emb = self.embedder.encode(embed_texts).astype(np.float32)
        else:  # embedding left out of the similarity: nothing to embed, no model loaded
            emb = np.zeros((len(texts), 1), dtype=np.float32)
        lex = normalize(self.lex_vec.transform(texts)).tocsr()
        ent = normalize(self.ent_vec.transform(texts)).tocsr()
        return Features(emb, lex, ent)


def embed_text(article: Article, config: ClusterConfig) -> str:
    """What gets embedded: the title and the first ``config.embed_words`` words."""
    return " ".join((((article.title + ". ") if article.title else "") + article.text).split()[: config.embed_words])


def _no_names(text: str) -> list[str]:
    return ["_none_"]


def make_vectorizer(kind: str, big: bool = False, vocabulary: dict[str, int] | None = None):
    """A TF-IDF vectorizer of one kind: ``lex`` (unigrams and bigrams), ``ent`` (names), or the fallbacks
    ``lex_plain`` / ``ent_none`` for pools where no term survives; ``vocabulary`` fixes a fitted one's."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    common = {"sublinear_tf": True, "dtype": np.float32, "vocabulary": vocabulary}
    if kind == "lex":
        return TfidfVectorizer(stop_words="english", ngram_range=(1, 2), min_df=2 if big else 1,
                               max_df=0.3 if big else 1.0, **common)
    if kind == "ent":
        return TfidfVectorizer(analyzer=names, min_df=1, max_df=0.3 if big else 1.0, **common)
    if kind == "lex_plain":
        return TfidfVectorizer(**common)
    if kind == "ent_none":
        return TfidfVectorizer(analyzer=_no_names, **common)
    raise ValueError(f"unknown vectorizer kind {kind!r}")


def raw_similarities(a: Features, b: Features) -> dict[str, np.ndarray]:
    """Cosine of each signal between every row of ``a`` and every row of ``b`` (dense float32)."""
    return {
        "emb": a.emb @ b.emb.T,
        "lex": (a.lex @ b.lex.T).toarray().astype(np.float32),
        "ent": (a.ent @ b.ent.T).toarray().astype(np.float32),
    }


class Background:
    """Running sums of each article's similarities to the others, for shrunk, trimmed z-scores.

    The ``TRIM`` highest similarities of each article are kept aside and left out of its statistics,
    so that the articles of its own event do not inflate its background.
    """

    def __init__(self, n: int = 0) -> None:
        self.count = np.zeros(n)
        self.sums = {s: np.zeros(n) for s in SIGNALS}
        self.squares = {s: np.zeros(n) for s in SIGNALS}
        self.top = {s: np.full((n, TRIM), -np.inf, dtype=np.float32) for s in SIGNALS}

    def grow(self, n: int) -> None:
        extra = n - len(self.count)
        if extra > 0:
            self.count = np.concatenate([self.count, np.zeros(extra)])
            for s in SIGNALS:
                self.sums[s] = np.concatenate([self.sums[s], np.zeros(extra)])
                self.squares[s] = np.concatenate([self.squares[s], np.zeros(extra)])
                self.top[s] = np.vstack([self.top[s], np.full((extra, TRIM), -np.inf, dtype=np.float32)])

    def add(self, rows: np.ndarray, sims: dict[str, np.ndarray], counts: np.ndarray) -> None:
        """Add ``sims`` (rows x others, self-pairs excluded) to the statistics of articles ``rows``."""
        self.count[rows] += counts
        for s in SIGNALS:
            values = sims[s]
            self.sums[s][rows] += values.sum(axis=1)
            self.squares[s][rows] += (values.astype(np.float64) ** 2).sum(axis=1)
            k = min(TRIM, values.shape[1])
            if k:
                best = -np.partition(-values, k - 1, axis=1)[:, :k] if values.shape[1] > k else values
                merged = np.concatenate([self.top[s][rows], best.astype(np.float32)], axis=1)
                self.top[s][rows] = -np.partition(-merged, TRIM - 1, axis=1)[:, :TRIM]

    def add_column(self, rows: np.ndarray, values: dict[str, np.ndarray]) -> None:
        """One new article's similarity to each of ``rows`` (online mode)."""
        self.count[rows] += 1
        for s in SIGNALS:
            v = values[s].astype(np.float32)
            self.sums[s][rows] += v
            self.squares[s][rows] += v.astype(np.float64) ** 2
            top = self.top[s]
            low = top[rows].argmin(axis=1)
            replace = v > top[rows, low]
            top[rows[replace], low[replace]] = v[replace]

    def stats(self, signal: str, rows) -> tuple[np.ndarray, np.ndarray]:
        """Shrunk, trimmed mean and standard deviation of ``signal`` for ``rows``."""
        mu0, sd0 = PRIOR[signal]
        top = self.top[signal][rows]
        finite = np.isfinite(top)
        kept = np.where(finite, top, 0.0).astype(np.float64)
        n = self.count[rows] - finite.sum(axis=1) + PRIOR_WEIGHT
        mean = (self.sums[signal][rows] - kept.sum(axis=1) + PRIOR_WEIGHT * mu0) / n
        second = (self.squares[signal][rows] - (kept**2).sum(axis=1) + PRIOR_WEIGHT * (sd0**2 + mu0**2)) / n
        return mean, np.sqrt(np.maximum(second - mean**2, 1e-8))


def event_similarity(
    sims: dict[str, np.ndarray], bg: Background, rows, cols, weights: dict[str, float] | None = None
) -> np.ndarray:
    """Event similarity in [0, 1) from raw signal cosines and both sides' backgrounds: the weighted mean
    of the signals' z-scores (``weights``, default equal; a signal weighted 0 is left out)."""
    weights = weights or dict.fromkeys(SIGNALS, 1.0)
    z = np.zeros_like(sims["emb"], dtype=np.float32)
    for s in SIGNALS:
        if not weights.get(s, 0.0):
            continue
        mr, sr = bg.stats(s, rows)
        mc, sc = bg.stats(s, cols)
        z += weights[s] * 0.5 * ((sims[s] - mr[:, None]) / sr[:, None] + (sims[s] - mc[None, :]) / sc[None, :])
    return np.tanh(np.maximum(z / sum(weights.values()), 0.0) / Z_SCALE)
