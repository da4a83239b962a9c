"""Extractive multi-document summarizer: centroid relevance + cross-document support + position prior,
MMR selection against redundancy, output in source order.

Sentence vectors come from all-MiniLM-L6-v2 (offline package) by default; when that is unavailable the
summarizer says so in a warning and uses TF-IDF.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple, Sequence

import numpy as np

from summarize.config import ExtractiveConfig, RunConfig
from summarize.embed import Embedder, embedder_key, embedder_or_tfidf, fitted_per_call
from summarize.polish.redundancy import RedundancyIndex, main_clause
from summarize.provenance import SourceSentence, source_sentences
from summarize.registry import SUMMARIZERS
from summarize.summarizers.base import run_info
from summarize.summarizers.openers import run_before, speakerless_quotation, stray_opener, subjects_resolved
from summarize.summarizers.versions import best_versions
from summarize.types import Cluster, Draft

_DANGLING = re.compile(
    r"^[\"“'‘]?(he|she|they|it|this|that|these|those|his|her|their|its|but|however|also|and|so|such|"
    r"yet|still|then|meanwhile|instead|both|there)\b",
    re.IGNORECASE,
)


def is_dangling(text: str) -> bool:
    """Whether a sentence opens with a word that points back to a previous sentence.

    Example:
        >>> is_dangling("Both Moscow and Pyongyang have rejected such allegations."), is_dangling("Kim met Putin.")
        (True, False)
    """
    return bool(_DANGLING.match(text))


def sentence_scores(sources: Sequence[SourceSentence], vectors: np.ndarray, config: ExtractiveConfig) -> np.ndarray:
    """Salience of each sentence: weighted centroid similarity, cross-document support and position.

    - centroid: cosine to the mean of the document centroids, each weighed by how far the other documents
      agree with it (``agreement``: a page off the event, "Articles, lectures, videos ... regarding the history
      of the Church." among four on Nevada's marijuana sales, hardly counts);
    - support: mean over the *other* documents of the best similarity to one of their sentences,
      so facts many sources agree on rank high;
    - position: ``1 / sqrt(1 + index)``, news puts the essentials first: as far as the document is on the event
      (its ``agreement``; the first sentence of an off-event page is no lede of it);
    - minus a penalty for sentences that open by pointing back ("He", "But", "Such").

    Example:
        >>> import numpy as np
        >>> src = [SourceSentence("a", 0, 0, "x"), SourceSentence("b", 1, 0, "y"), SourceSentence("b", 1, 1, "z")]
        >>> vec = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
        >>> s = sentence_scores(src, vec, ExtractiveConfig())
        >>> bool(s[0] > s[2] and s[1] > s[2])
        True
    """
    n = len(sources)
    if n == 0:
        return np.zeros(0)
    docs = np.array([s.doc_index for s in sources])
    doc_ids = sorted(set(docs.tolist()))
    centroids = np.stack([vectors[docs == d].mean(axis=0) for d in doc_ids])
    own = np.searchsorted(doc_ids, docs)  # each sentence's document, as a row of ``centroids``
    weight = agreement(centroids)
    centroid = weight @ centroids
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    relevance = vectors @ centroid
    support = np.zeros(n)
    if len(doc_ids) > 1:
        sims = vectors @ vectors.T
        best_per_doc = np.stack([sims[:, docs == d].max(axis=1) for d in doc_ids], axis=1)
        best_per_doc[np.arange(n), own] = 0.0
        support = best_per_doc.sum(axis=1) / (len(doc_ids) - 1)
    else:
        support = relevance.copy()
    position = weight[own] / np.sqrt(1.0 + np.array([s.index for s in sources], float))
    dangling = np.array([is_dangling(s.text) for s in sources], dtype=float)
    return (config.centroid_weight * relevance + config.support_weight * support
            + config.position_weight * position - config.anaphora_penalty * dangling)


def agreement(centroids: np.ndarray) -> np.ndarray:
    """How far the other documents of a cluster agree with each one, from 0 to 1: its mean cosine to their
    centroids against the median document's. A document with half the median's or more counts in full (1): the
    articles on an event differ in angle, and a summary should not move with that; below half, in proportion, so
    that a page off the event weighs little (in the Multi-News sample a site's "About" text, a video page or
    another story has 0.45 of the median's or less, the articles on their event more than half). With one or
    two documents there is no majority to go by, nor where the median document agrees with none: all 1.

    Example:
        >>> import numpy as np
        >>> on, off = np.array([1.0, 0.0]), np.array([0.0, 1.0])
        >>> agreement(np.stack([on, on, 0.9 * on + 0.1 * off, off])).round(2).tolist()
        [1.0, 1.0, 1.0, 0.11]
    """
    n = len(centroids)
    if n < 3:
        return np.ones(n)
    unit = centroids / np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    sims = unit @ unit.T
    mean = (sims.sum(axis=1) - np.diag(sims)) / (n - 1)
    median = float(np.median(mean))
    return np.clip(2 * mean / median, 0.0, 1.0) if median > 0 else np.ones(n)


def mmr_select(
    scores: np.ndarray, vectors: np.ndarray, lengths: Sequence[int], budget: int, mmr_lambda: float,
    redundancy_threshold: float, candidates: Sequence[int] | None = None,
    repeats: Callable[[int, list[int]], bool] | None = None, chosen: Sequence[int] = (),
) -> list[int]:
    """Maximal marginal relevance within a word budget; near-duplicates of chosen sentences (cosine above
    ``redundancy_threshold``), and candidates that ``repeats(candidate, chosen)`` a chosen fact, are skipped.
    ``chosen``: sentences already taken (an earlier tier's), which the budget and the similarities count.

    Example:
        >>> import numpy as np
        >>> v = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
        >>> mmr_select(np.array([0.9, 0.8, 0.5]), v, [5, 5, 5], budget=10, mmr_lambda=0.7, redundancy_threshold=0.9)
        [0, 2]
        >>> mmr_select(np.array([0.9, 0.8, 0.5]), v, [5, 5, 5], 10, 0.7, 0.9, candidates=[0, 1], chosen=[2])
        [2, 0]
    """
    pool = [i for i in (range(len(scores)) if candidates is None else candidates) if i not in chosen]
    chosen = list(chosen)
    total = sum(lengths[i] for i in chosen)
    max_sim = np.max(vectors[chosen] @ vectors.T, axis=0) if chosen else np.zeros(len(scores))
    while pool:
        gain = {i: mmr_lambda * scores[i] - (1 - mmr_lambda) * max_sim[i] for i in pool}
        best = max(pool, key=lambda i: gain[i])
        pool.remove(best)
        if max_sim[best] > redundancy_threshold or total + lengths[best] > budget:
            continue
        if repeats is not None and repeats(best, chosen):
            continue
        chosen.append(best)
        total += lengths[best]
        max_sim = np.maximum(max_sim, vectors @ vectors[best])
    return chosen


def is_candidate(sentence: SourceSentence, config: ExtractiveConfig) -> bool:
    """Sentences worth extracting: within the length bounds, and able to stand in an extract
    (``polish.standing.extractable``: a statement, mostly words, no lead-in, no rest of a cut sentence, not in
    its writer's first person)."""
    from summarize.polish.standing import extractable

    return in_bounds(sentence, config) and extractable(sentence.text)


def in_bounds(sentence: SourceSentence, config: ExtractiveConfig) -> bool:
    """Whether ``sentence`` is within extractive's length bounds (``min_sentence_words``, ``max_sentence_words``)."""
    return config.min_sentence_words <= sentence.n_words <= config.max_sentence_words


@SUMMARIZERS.register("extractive")
class ExtractiveSummarizer:
    """Centroid + cross-document support + MMR over MiniLM sentence embeddings (TF-IDF fallback)."""

    method = "extractive"

    def __init__(self, config: RunConfig, embedder: Embedder | None = None, fallback_reason: str | None = None) -> None:
        self.config = config
        self.fallback_reason = fallback_reason
        self._embedder = embedder

    @classmethod
    def from_config(cls, config: RunConfig, fallback_reason: str | None = None, **_: object) -> "ExtractiveSummarizer":
        return cls(config, fallback_reason=fallback_reason)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = embedder_or_tfidf(self.config.extractive.embedder, self.config.embed_precision,
                                               "choosing sentences")
        return self._embedder

    def draft_batch(self, clusters: Sequence[Cluster]) -> list[Draft]:
        """Every cluster's sentences (and the main clauses the redundancy rule compares) embedded in one call:
        sorted by length across the whole window, the batches carry less padding than per cluster (2 cores,
        50 Multi-News clusters: 6.5 s against 11.2 s), and the vectors are the same up to float rounding."""
        plans = [self._plan(c) for c in clusters]
        texts = [t for plan in plans if plan for t in plan.texts]
        one_space = not fitted_per_call(self.embedder)  # TF-IDF is fitted per call: per cluster
        vectors = self.embedder.encode(texts) if texts and one_space else None
        drafts, start = [], 0
        for cluster, plan in zip(clusters, plans):
            if not plan:
                drafts.append(Draft(cluster.id, [], run_info(self.config, self.method, fallback_reason=self.fallback_reason)))
                continue
            drafts.append(self._draft(cluster, plan, None if vectors is None else vectors[start:start + len(plan.texts)]))
            start += len(plan.texts)
        return drafts

    def draft(self, cluster: Cluster) -> Draft:
        """The chosen sentences (in the order chosen: polish puts them in reading order), with the article each comes from, the
        other articles that state the same fact, and the vectors
        computed on the way (the attribution stage reuses them)."""
        return self.draft_batch([cluster])[0]

    def _plan(self, cluster: Cluster) -> "Plan | None":
        """What a cluster's draft embeds (None when it has no sentence): its sentences, then the candidates
        whose pronoun subject resolves, as resolved, then the main clauses that are not the whole sentence
        (what ``RedundancyIndex`` compares besides the sentences)."""
        from summarize.polish.people import people_of
        from summarize.polish.standing import tiers

        cfg, readable = self.config.extractive, self.config.readability
        every = source_sentences(cluster)
        sources = [s for s in every if s.index < cfg.max_sentences_per_document]
        if not sources:
            return None
        # the polish stage's table, learned once with the cluster: the referents agree
        table = people_of(cluster) if readable.resolve_references else None
        texts = [s.text for s in sources]
        # as lead's fill takes them (``standing.tiers``): sentences that can stand, within the length bounds,
        # and no pronoun opener the polish stage cannot name; those in their writer's voice only to fill, and
        # so a quotation whose speaker the polish stage cannot give (``openers.speakerless_quotation``)
        first, voiced = tiers(texts, lambda i: in_bounds(sources[i], cfg)
                              and not (table is not None and stray_opener(sources, i, table)))
        quotations: list[int] = []
        if table is not None and readable.quotation_speakers:  # in the writer's voice too: '"...," he told me.'
            quotations = [i for i in sorted(first + voiced) if speakerless_quotation(sources, i, table)]
            first, voiced = [i for i in first if i not in quotations], voiced + [i for i in quotations if i in first]
        after = {i: run_before(sources, i) for i in quotations}
        candidates = sorted(first + voiced)
        if not (readable.redundancy and not fitted_per_call(self.embedder)):
            return Plan(texts, sources, candidates, texts, [], [], voiced, after)
        asserted = subjects_resolved(sources, candidates, table) if table is not None else texts
        resolved = [i for i in candidates if asserted[i] != texts[i]]
        clauses = [i for i in candidates if main_clause(asserted[i]) != asserted[i]]
        embed = texts + [asserted[i] for i in resolved] + [main_clause(asserted[i]) for i in clauses]
        return Plan(embed, sources, candidates, asserted, resolved, clauses, voiced, after)

    def _draft(self, cluster: Cluster, plan: "Plan", embedded: np.ndarray | None) -> Draft:
        cfg, readable = self.config.extractive, self.config.readability
        info = run_info(self.config, self.method, fallback_reason=self.fallback_reason)
        sources, candidates, n = plan.sources, plan.candidates, len(plan.sources)
        if embedded is None:
            embedded = self.embedder.encode(plan.texts)
        vectors = embedded[:n]
        scores = sentence_scores(sources, vectors, cfg)
        lengths = [s.n_words for s in sources]
        index = None
        if readable.redundancy:  # compared as asserted: pronoun subjects resolved, main clauses on their own
            asserted = np.array(vectors, copy=True)
            asserted[plan.resolved] = embedded[n:n + len(plan.resolved)]
            heads = np.array(asserted, copy=True)
            heads[plan.clauses] = embedded[n + len(plan.resolved):]
            index = RedundancyIndex(plan.asserted, asserted, readable.paraphrase_threshold, only=candidates,
                                    head_vectors=heads)
        repeats = (lambda i, ch: index.repeats(i, ch, candidates)) if index else None
        voiced = set(plan.voiced)

        def select(tier: list[int], chosen: list[int]) -> list[int]:
            return mmr_select(scores, vectors, lengths, self.config.max_words, cfg.mmr_lambda,
                              cfg.redundancy_threshold, tier, repeats=repeats, chosen=chosen)

        def ready(i: int) -> bool:  # a quotation without its speaker: once a sentence of its run is chosen
            return i not in tried and (i not in plan.after or any(j in chosen for j in plan.after[i]))

        chosen, tried = select([i for i in candidates if i not in voiced], []), set[int]()
        while tier := [i for i in plan.voiced if ready(i)]:  # the writer's voice only to fill
            chosen = select(tier, chosen)
            tried.update(tier)
        support = None
        if index is not None:  # each chosen fact: its most specific version, citing every article that states it
            chosen, support = best_versions(chosen, candidates, index, sources, lengths, self.config.max_words,
                                            voiced=voiced)
        return Draft(cluster.id, [sources[i].text for i in chosen], info,  # the polish stage orders them
                     origins=[sources[i].article_id for i in chosen], support=support,
                     embedded=(embedder_key(self.embedder), vectors, vectors[chosen]),
                     read=cfg.max_sentences_per_document,
                     positions=[(sources[i].doc_index, sources[i].index) for i in chosen])


class Plan(NamedTuple):
    """What a cluster's draft needs embedded, and where each part sits in that list."""

    texts: list[str]  # to embed: the sentences, then the ``resolved`` ones as asserted, then main clauses
    sources: list[SourceSentence]
    candidates: list[int]
    asserted: list[str]  # each sentence with its pronoun subject resolved (what redundancy compares)
    resolved: list[int]  # sentences whose asserted text differs
    clauses: list[int]  # sentences whose main clause (of the asserted text) is not the whole sentence
    voiced: list[int]  # in their writer's voice, or a quotation without its speaker: only where the others leave room
    after: dict[int, range]  # a quotation without its speaker: the sentences one of which it must follow
