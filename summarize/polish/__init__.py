"""The polish stage, between generate and attribute: every summarizer's draft made readable.

- redundancy (``polish.redundancy``, the one rule): a generated sentence that repeats an earlier one's fact
  is left out; an extract handed over as a ranked list (lead's) is filled to the word budget with sentences
  that repeat no kept one; the extractive summarizer asks the same rule while it selects (keeping the most
  specific version of each fact), so polish has nothing left to drop there;
- order (``polish.order``): an extract's sentences in reading order (timeline or source);
- references (``polish.references``, with ``polish.people``'s table of the sources' people): first mentions
  in full and later ones short (``polish.mentions``), stray pronoun openers resolved, a quotation away from its
  speaker given the speaker's name, each rewrite recorded as an edit in the sentence's provenance.

Disagreements between the sources are marked after attribution (``polish.disagreements``), since they
need each sentence's sources. ``readability`` in the config switches each part.

Example:
    >>> from summarize.config import ReadabilityConfig
    >>> from summarize.embed import get_embedder
    >>> from summarize.types import Article, Cluster, Draft, RunInfo
    >>> c = Cluster("c", [Article("a", "Russian President Vladimir Putin landed. Russian President Vladimir Putin "
    ...                               "met Kim. Putin smiled.")])
    >>> d = Polisher(ReadabilityConfig(), get_embedder("tfidf"))(Draft("c", ["Putin smiled."], RunInfo("x")), c)
    >>> d.sentences, d.edits[0][0]["why"]
    (['Russian President Vladimir Putin smiled.'], 'first mention')
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

import numpy as np

from summarize.config import ReadabilityConfig
from summarize.embed import Embedder, embedder_key, fitted_per_call, loaded
from summarize.polish.order import reading_order
from summarize.polish.people import people_of
from summarize.polish.redundancy import RedundancyIndex, drop_repeats, fill, words_key
from summarize.polish.references import rewrite
from summarize.provenance import source_sentences
from summarize.text.sentences import count_words
from summarize.types import Cluster, Draft

__all__ = ["Polisher", "in_reading_order"]


class Polisher:
    """Draft -> Draft: repeats dropped (generated text), references made to stand alone."""

    def __init__(self, config: ReadabilityConfig | None = None,
                 embedder: Embedder | Callable[[], Embedder] | None = None, budget: int | None = None) -> None:
        """``embedder`` (or a function that loads it, called only for generated drafts) compares sentences;
        ``budget`` is the word budget of extracts, which rewriting must not overrun."""
        self.config = config or ReadabilityConfig()
        self._embedder = embedder
        self.budget = budget

    @property
    def embedder(self) -> Embedder | None:
        self._embedder = loaded(self._embedder)
        return self._embedder

    def __call__(self, draft: Draft, cluster: Cluster) -> Draft:
        if not draft.sentences:
            return draft
        if draft.ranked:
            draft = self._fill(draft)
        draft = in_reading_order(draft, cluster, self.config.order)  # first: what comes first is named in full
        draft = _subset(draft, first_statements(draft.sentences))  # a sentence stated twice (lead's openers), once
        if self.config.redundancy and draft.origins is None and len(draft.sentences) > 1 and self.embedder:
            vectors = self.embedder.encode(list(draft.sentences))
            keep = drop_repeats(draft.sentences, vectors, self.config.paraphrase_threshold, self.embedder)
            draft = replace(_subset(draft, keep), embedded=self._handed_on(vectors, keep))
        if not self.config.resolve_references:
            return draft
        sources = source_sentences(cluster)
        table = people_of(cluster)
        by_article: dict[str, list[str]] = {}
        for s in sources:
            by_article.setdefault(s.article_id, []).append(s.text)
        contexts = []
        for i, text in enumerate(draft.sentences):
            article = draft.origins[i] if draft.origins else None
            own = by_article.get(article or "", [])
            contexts.append(own[: own.index(text)] if text in own else None)
        texts, edits = rewrite(draft.sentences, contexts, table)
        merged = [(old or []) + new for old, new in zip(draft.edits or [[] for _ in texts], edits)]
        embedded = draft.embedded
        if embedded is not None and embedded[1] is None:  # polish's own vectors: rewritten sentences anew
            changed = [i for i, (new, old) in enumerate(zip(texts, draft.sentences)) if new != old]
            if changed:
                vectors = np.array(embedded[2], copy=True)
                vectors[changed] = self.embedder.encode([texts[i] for i in changed])
                embedded = (embedded[0], None, vectors)
        draft = replace(draft, sentences=texts, edits=merged if any(merged) else draft.edits, embedded=embedded)
        if self.budget and draft.origins is not None:  # names written in full cost words: the extract keeps its budget
            keep = list(range(len(texts)))
            while len(keep) > 1 and sum(count_words(texts[i]) for i in keep) > self.budget:
                keep.pop()
            draft = _subset(draft, keep)
        return draft


    def _fill(self, draft: Draft) -> Draft:
        """A ranked extract cut to the word budget, each sentence that repeats a kept one's fact passed over
        for the next (``polish.redundancy.fill``); the kept sentences' vectors go on to attribution."""
        vectors = index = None
        if self.config.redundancy and len(draft.sentences) > 1 and self.embedder:
            vectors = self.embedder.encode(list(draft.sentences))
            index = RedundancyIndex(draft.sentences, vectors, self.config.paraphrase_threshold, self.embedder)
        keep = fill(draft.sentences, self.budget or sum(count_words(t) for t in draft.sentences), index)
        return replace(_take(draft, keep, self._handed_on(vectors, keep)), ranked=False)

    def _handed_on(self, vectors, keep: list[int]):
        """The kept sentences' vectors, for attribution (``embedded`` without source vectors); none from an
        embedder fitted per call (TF-IDF), whose vectors no later call can be compared with."""
        if vectors is None or fitted_per_call(self.embedder):
            return None
        return (embedder_key(self.embedder), None, vectors[keep])


def first_statements(sentences: Sequence[str]) -> list[int]:
    """Indices of the sentences whose words (case and punctuation aside) no earlier sentence has.

    Example:
        >>> first_statements(["Putin arrived.", "Kim met him.", "putin arrived", "Kim met him!"])
        [0, 1]
    """
    seen, keep = set(), []
    for i, text in enumerate(sentences):
        key = words_key(text)
        if key not in seen or not key:
            keep.append(i)
        seen.add(key)
    return keep


def in_reading_order(draft: Draft, cluster: Cluster, mode: str = "timeline") -> Draft:
    """An extract (a draft with ``positions``) in reading order (``polish.order``); other drafts as they are."""
    if draft.positions is None:
        return draft
    return _reorder(draft, reading_order(draft.positions, draft.origins or [], cluster, mode))


def _reorder(draft: Draft, order: list[int]) -> Draft:
    """``draft`` with its sentences (and all that goes with each, their vectors too) in ``order``."""
    if order == list(range(len(order))):
        return draft
    embedded = draft.embedded and (draft.embedded[0], draft.embedded[1], draft.embedded[2][order])
    return _take(draft, order, embedded)


def _subset(draft: Draft, keep: list[int]) -> Draft:
    """``draft`` with only the sentences at ``keep`` (their vectors are not kept)."""
    return draft if len(keep) == len(draft.sentences) else _take(draft, keep, None)


def _take(draft: Draft, indices: list[int], embedded) -> Draft:
    """``draft`` with the sentences at ``indices``, in that order, and everything kept per sentence."""
    pick = lambda xs: [xs[i] for i in indices] if xs is not None else None  # noqa: E731
    return replace(draft, sentences=pick(draft.sentences), origins=pick(draft.origins), support=pick(draft.support),
                   edits=pick(draft.edits), positions=pick(draft.positions), embedded=embedded)
