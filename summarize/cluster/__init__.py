"""Event clustering: group a stream of articles into stories.

Example:
    >>> import summarize as sm
    >>> from summarize.cluster import cluster_articles
    >>> result = cluster_articles(sm.load_articles(["examples/putin-north-korea"]))  # doctest: +SKIP
    >>> [len(c.articles) for c in result.clusters]  # doctest: +SKIP
    [5]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from summarize.clean import BoilerplateFilter, clean_article, why_unusable
from summarize.cluster.features import FeatureBuilder, embed_text
from summarize.cluster.labels import keywords as name_keywords
from summarize.cluster.methods import CLUSTERERS
from summarize.cluster.scores import bcubed, cluster_scores
from summarize.config import CleanConfig, ClusterConfig
from summarize.embed import Embedder
from summarize.errors import InputError
from summarize.text.dates import parse_time
from summarize.types import Article, Cluster

__all__ = ["ClusteringResult", "bcubed", "clean_and_reject", "cluster_articles", "cluster_scores", "embed_text",
           "make_clusters", "parse_time"]


@dataclass
class ClusteringResult:
    """Events found and articles rejected (with the reason)."""

    clusters: list[Cluster]
    rejected: list[dict[str, str]] = field(default_factory=list)
    skipped: int = 0  # articles already in a persisted state (online mode)

    def labels(self) -> dict[str, str]:
        """Article id -> cluster id (rejected articles left out)."""
        return {a.id: c.id for c in self.clusters for a in c.articles}

    def to_dict(self) -> dict[str, Any]:
        return {
            "clusters": [
                {"id": c.id, "label": c.label, "article_ids": c.article_ids, "size": len(c.articles),
                 "centroid_article_id": c.metadata.get("centroid_article_id"),
                 "keywords": c.metadata.get("keywords", []),
                 **({"articles": named} if (named := Article.named(c.articles)) else {}),
                 **({"new_article_ids": c.metadata["new_article_ids"]} if "new_article_ids" in c.metadata else {})}
                for c in self.clusters
            ],
            "rejected": list(self.rejected),
        }


def cluster_articles(
    articles: Sequence[Article], config: ClusterConfig | None = None, clean: CleanConfig | None = None,
    embedder: Embedder | None = None,
) -> ClusteringResult:
    """Clean ``articles``, reject the empty or boilerplate-only ones, and group the rest into events.

    Clusters come largest first; each has a label (the central article's title, else keywords) and
    ``metadata['centroid_article_id']``. Articles inside a cluster keep their input order.
    """
    from dataclasses import replace

    config = config or ClusterConfig()
    # Sentence de-duplication needs sentence splitting, which clustering does not: leave it to summaries.
    # Page furniture is left too: it weighs little in what makes two articles one event.
    clean = replace(clean or CleanConfig(), dedupe_sentences=False, furniture=[], extra_furniture=[])
    kept, rejected = clean_and_reject(articles, config, clean, BoilerplateFilter(clean))
    if not kept:
        return ClusteringResult([], rejected)
    times = np.array([parse_time(a.published_at) for a in kept])
    order = np.arange(len(kept))
    if config.method == "online" and not np.isnan(times).all():
        order = np.argsort(np.nan_to_num(times, nan=np.inf), kind="stable")
    ordered = [kept[i] for i in order]
    builder = FeatureBuilder(config, embedder)
    feats = builder.features(ordered, fit=True)
    labels = CLUSTERERS.get(config.method)(feats, config, times[order])
    return ClusteringResult(make_clusters(ordered, labels, feats, builder), rejected)


def clean_and_reject(articles: Sequence[Article], config: ClusterConfig, clean: CleanConfig,
                     bp: BoilerplateFilter) -> tuple[list[Article], list[dict[str, str]]]:
    """Cleaned articles with at least ``config.min_words`` words, and the others with the reason."""
    kept: list[Article] = []
    rejected: list[dict[str, str]] = []
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise InputError(f"duplicate article id {article.id!r}: every article needs its own id")
        seen.add(article.id)
        cleaned = clean_article(article, clean, bp)
        reason = why_unusable(cleaned, config.min_words, "cluster.min_words")
        if reason:
            rejected.append({"id": article.id, "reason": reason})
        else:
            kept.append(cleaned)
    return kept, rejected


def too_short_advice(rejected: Sequence[dict[str, str]], total: int, config: ClusterConfig) -> str:
    """Advice when half the articles or more were too short to cluster (a feed that carries only each item's
    description): the ``--set`` that lets them in; "" otherwise.

    Example:
        >>> too_short_advice([{"id": "a", "reason": "only 12 words after cleaning (cluster.min_words=20)"}], 2,
        ...                  ClusterConfig())[:40]
        '1 of 2 articles have fewer than 20 words'
    """
    short = [r for r in rejected if r["reason"].startswith("only ")]
    if not total or 2 * len(short) < total:
        return ""
    return (f"{len(short)} of {total} articles have fewer than {config.min_words} words (a feed of descriptions?): "
            f"--set cluster.min_words=5 clusters them too")


def event_id(n: int) -> str:
    """The one form of an event id, batch or online: ``event-000001``.

    Example:
        >>> event_id(12)
        'event-000012'
    """
    return f"event-{n:06d}"


def make_clusters(articles: list[Article], labels: np.ndarray, feats, builder: FeatureBuilder,
                  stable_ids: bool = False) -> list[Cluster]:
    """Clusters from labels, largest first, each labelled (central title, else keywords). With
    ``stable_ids`` a cluster's id comes from its label, so it survives later runs; ids read ``event-000001``."""
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    ordered = sorted(groups.values(), key=lambda idx: (-len(idx), idx[0]))
    vocab = np.array(builder.lex_vec.get_feature_names_out())
    clusters = []
    for n, idx in enumerate(ordered, start=1):
        sub = feats.rows(idx)
        centroid = sub.emb.mean(axis=0)
        central = idx[int(np.argmax(sub.emb @ centroid + np.asarray(sub.lex @ sub.lex.mean(axis=0).T).ravel()))]
        weights = np.asarray(sub.lex.sum(axis=0)).ravel()
        # a term of one article only (its page furniture: "Index", "followed") does not name an event
        spread = np.asarray((sub.lex > 0).sum(axis=0)).ravel() >= min(2, len(idx))
        ranked = (str(vocab[j]) for j in np.argsort(-weights)[:50] if weights[j] > 0 and spread[j])
        keywords = name_keywords(ranked, [articles[i].text for i in idx])
        label = " ".join((articles[central].title or ", ".join(keywords[:3]) or articles[central].text[:60]).split())
        clusters.append(Cluster(
            id=event_id(int(labels[idx[0]]) + 1 if stable_ids else n),
            articles=[articles[i] for i in sorted(idx)], label=label,
            metadata={"centroid_article_id": articles[central].id, "keywords": keywords},
        ))
    return clusters
