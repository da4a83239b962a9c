"""The stages between load and write, for one window of clusters: clean (``clean_stage``), then generate ->
polish -> attribute -> mark where the sources differ (``WriteUp``), with the summarizer ``build_summarizer``
chooses (a visible fallback when a model is unavailable). ``pipeline.summarize_clusters`` runs
them window after window in this process; ``ray_runner`` runs the same two as Ray tasks and actors.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any, Sequence

from summarize.attribution import Attributor
from summarize.clean import clean_cluster
from summarize.config import DEFAULT_MODEL, RunConfig
from summarize.errors import InputError, ModelUnavailableError, SummarizeWarning
from summarize.polish import Polisher
from summarize.polish.disagreements import mark as mark_discrepancies
from summarize.provenance import source_sentences
from summarize.registry import SUMMARIZERS
from summarize.summarizers.base import Summarizer, empty_summary, run_info
from summarize.types import Article, Cluster, Draft, Summary

FALLBACK_METHOD = "extractive-fallback"
FALLBACK_SUMMARIZER = "extractive"


MANY = 100  # articles in one cluster (ten times a Multi-News cluster's most) that may be more than one event


def prepare(cluster: Cluster, config: RunConfig) -> Cluster:
    """Clean one cluster and split its sentences (which travel with it to attribution); error when nothing is
    left, warn when only one article is, and when more than ``MANY`` are read as one event without clustering
    (a feed's day of articles, given as loose files or rows, is one cluster unless grouped into events), or
    when they are more than two of a news feed's items (a feed carries many stories)."""
    feed = sum("feed_item" in a.metadata for a in cluster.articles)
    if (len(cluster.articles) > MANY or feed > 2) and cluster.label is None and not config.cluster.enabled:
        what = ("articles" if feed <= 2 else "items of news feeds" if feed == len(cluster.articles)
                else f"articles ({feed:,} of them news-feed items)")
        warnings.warn(f"cluster {cluster.id}: {len(cluster.articles):,} {what} are summarized as one event; if "
                      f"they tell several stories, group them into events first "
                      f"(--set cluster.enabled=true, or --config configs/run/events.yaml)", SummarizeWarning,
                      stacklevel=2)
    cleaned = clean_cluster(cluster, config.clean)
    if not cleaned.articles:
        reasons = "; ".join(f"{d['id']}: {d['reason']}" for d in cleaned.metadata.get("dropped", []))
        raise InputError(f"cluster {cluster.id}: no article left after cleaning ({reasons})")
    if len(cleaned.articles) == 1 and cluster.label is None:  # (events found by clustering: one note for all)
        warnings.warn(
            f"cluster {cluster.id}: only one article ({cleaned.articles[0].id}); the summary is single-document",
            SummarizeWarning, stacklevel=2,
        )
    source_sentences(cleaned)  # split once, kept in ``cleaned.split``
    return cleaned


Staged = tuple  # (cluster, cleaned cluster or None, warnings caught while cleaning)


def clean_stage(window: Sequence[Cluster], config: RunConfig, skip_empty: bool = False) -> list[Staged]:
    """Clean each cluster of ``window``, keeping the warnings each raised; with ``skip_empty`` a cluster that
    cleaning empties is staged as None (it gets an empty summary) instead of stopping the batch."""
    staged = []
    for cluster in window:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SummarizeWarning)
            try:
                cleaned: Cluster | None = prepare(cluster, config)
            except InputError as exc:
                if not skip_empty:
                    raise
                warnings.warn(f"{exc}; writing an empty summary", SummarizeWarning, stacklevel=2)
                cleaned = None
        staged.append((cluster, cleaned, list(caught)))
    return staged


class WriteUp:
    """generate -> polish -> attribute -> mark where the sources differ, for a window of cleaned clusters:
    the summarizer writes all drafts in one call; each summary keeps the warnings its cluster raised."""

    def __init__(self, config: RunConfig, summarizer: Summarizer) -> None:
        self.config, self.summarizer = config, summarizer
        self.attributor = Attributor(config.attribution, precision=config.embed_precision)
        self.polisher = Polisher(config.readability, lambda: self.attributor.embedder, budget=config.max_words)

    def one(self, draft: Draft, cleaned: Cluster) -> Summary:
        summary = self.attributor(self.polisher(draft, cleaned), cleaned)
        if not self.config.readability.discrepancies:
            return summary
        split: dict[str, list[str]] = {}
        for s in source_sentences(cleaned):  # the clean stage's split, not a second one
            split.setdefault(s.article_id, []).append(s.text)
        return mark_discrepancies(summary, cleaned.articles, split)

    def __call__(self, staged: list[Staged]) -> list[tuple[Summary, list]]:
        ready = [c for _, c, _ in staged if c is not None]
        drafts = iter(self.summarizer.draft_batch(ready) if ready else [])
        out = []
        for cluster, cleaned, caught in staged:
            with warnings.catch_warnings(record=True) as traced:
                warnings.simplefilter("always", SummarizeWarning)
                summary = (self.one(next(drafts), cleaned) if cleaned is not None
                           else empty_summary(cluster, run_info(self.config, self.summarizer.method)))
            caught = caught + list(traced)
            notes = [str(w.message) for w in caught if issubclass(w.category, SummarizeWarning)]
            fallback = [f"fallback: {summary.run.fallback_reason}"] if summary.run.fallback_reason else []
            merged = list(dict.fromkeys(fallback + notes + summary.run.warnings))
            out.append((replace(summary, run=replace(summary.run, method=self.summarizer.method, warnings=merged),
                                article_ids=cluster.article_ids, label=cluster.label,
                                articles=Article.named(as_cleaned(cluster, cleaned)),
                                dropped=list(cleaned.metadata.get("dropped", [])) if cleaned is not None else []),
                        caught))
        return out


def as_cleaned(cluster: Cluster, cleaned: Cluster | None) -> list[Article]:
    """``cluster``'s articles, each as cleaning left it where it kept it (its title normalised: "Tottenham bid
    £8m", not the input's "&#163;8m"), as the input has it where cleaning dropped it: every article the
    summary lists, named as its sentences cite it."""
    kept = {a.id: a for a in cleaned.articles} if cleaned is not None else {}
    return [kept.get(a.id, a) for a in cluster.articles]


def build_summarizer(config: RunConfig, model: Any = None, tokenizer: Any = None) -> Summarizer:
    """The summarizer named in ``config``; an unavailable abstractive model falls back visibly (to the
    registered ``extractive`` summarizer) or raises.

    Example:
        >>> build_summarizer(RunConfig(summarizer="lead")).method
        'lead'
    """
    cls = SUMMARIZERS.get(config.summarizer)
    try:
        return cls.from_config(config, model=model, tokenizer=tokenizer)
    except ModelUnavailableError as exc:
        if config.summarizer != "abstractive" or config.fallback == "error":
            raise
        if config.fallback == "auto" and config.model != DEFAULT_MODEL:  # the user named this model
            raise ModelUnavailableError(f"{exc} (`--set fallback=extractive` writes an extractive summary "
                                        f"instead)") from None
        warnings.warn(
            f"abstractive model unavailable, producing an EXTRACTIVE summary instead (`--set fallback=error` "
            f"stops instead): {exc}",
            SummarizeWarning, stacklevel=2,
        )
        fallback = SUMMARIZERS.get(FALLBACK_SUMMARIZER).from_config(config, fallback_reason=str(exc))
        fallback.method = FALLBACK_METHOD
        return fallback
