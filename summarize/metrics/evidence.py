"""A summary sentence's evidence and how it adds up into its score (``summarize.metrics.factuality``
gathers the evidence and labels the sentence).

- ``context_alignment``: the word support of the sentence against the source sentence it is drawn
  from, among those its context is drawn from (``alignment``);
- ``fact_support``: how well the source sentence stating a fact matches what the summary says around it;
- ``sentence_score``: the two, and the embedding similarity, added up with ``Weights``.

Example:
    >>> round(sentence_score(words=0.8, similarity=0.6, facts=[1.0, 0.5]), 4)  # 0.75 * (0.25 + 0.75 * 0.75)
    0.6094
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from summarize.metrics.alignment import Alignment
from summarize.metrics.source_index import SourceIndex, fact_windows, without_facts
from summarize.text.facts import NEGATION, Fact
from summarize.text.lexicon import content_stems

# Chosen on the first 150 examples of Multi-News and NeuS validation, by the worst corruption type
# (bench/factuality.py reports the other examples as held out): the words on each side of a fact in the
# summary and in the source sentence; the share of a fact's context score that comes from them rather
# than from the whole sentence; the share from the embedding similarity of the source sentence to the
# summary sentence with its facts cut out.
WINDOW = (4, 6)
LOCAL_WEIGHT = 0.4  # share of a fact's context score that comes from the words right around it
CORROBORATION = 0.1  # share of a found fact's score from the share of articles stating it
EMBED_WEIGHT = 0.3  # share from the embedding similarity of that source sentence to the fact-less summary sentence
# The anchor is one of the source sentences a summary sentence's context is most drawn from: as many as
# the evidence the report shows and the source sentences a corruption benchmark counts as its grounds.
CANDIDATES = 3


@dataclass(frozen=True)
class Weights:
    """How a sentence's evidence adds up (``sentence_score``).

    Chosen on a trade-off table, not fitted to one number: every pair of a grid (facts 0-1, meaning
    0-0.5) scored against FRANK's human labels (``bench/factuality_human.py``, which also cross-validates
    the choice and reports the folds) and against the synthetic corruptions (``bench/factuality.py``);
    among the pairs that keep every corruption type's share within 0.02 of the previous checker, these
    have the best partial Pearson (0.378 pooled). Balanced accuracy differs over the grid by less than
    one 5-fold split moves it (0.78-0.80 against +-0.015), so it does not pick the weights.
    ``facts`` below 1 keeps one missing fact from zeroing its sentence."""

    facts: float = 0.75  # how far its facts can lower a sentence (all of them unsupported: by three quarters)
    meaning: float = 0.25  # share of the support from the embedding similarity (paraphrase) instead of the words


WEIGHTS = Weights()


def sentence_score(
    words: float, similarity: float, facts: Sequence[float], copied: bool = False, weights: Weights = WEIGHTS
) -> float:
    """A summary sentence's score: aggregate evidence, never the minimum of its checks.

    ``words``: the n-gram support of its anchor (``alignment``); ``similarity``: the embedding similarity
    of its best source sentence; ``facts``: the support of each of its facts (found: 0-1 by how well
    the source sentence stating it matches its context, ``fact_support``; nowhere or contradicted: 0). The support is
    ``(1 - meaning) * words + meaning * similarity``; a fact found is no evidence that the sentence's
    claim about it holds, so facts only lower the support, by up to ``weights.facts`` (with every fact
    unsupported): one fact not found among four lowers it by 3/16, it does not zero it. A copy of a
    source sentence scores 1.

    Example:
        >>> w = Weights(facts=0.5, meaning=0.0)
        >>> sentence_score(0.8, 0.9, [], False, w), round(sentence_score(0.8, 0.9, [0.0, 1.0], False, w), 6)
        (0.8, 0.6)
        >>> sentence_score(0.2, 0.9, [], True)
        1.0
    """
    if copied:
        return 1.0
    support = (1 - weights.meaning) * words + weights.meaning * max(similarity, 0.0)
    if facts:
        support *= (1 - weights.facts) + weights.facts * float(np.mean(facts))
    return support


def context_alignment(
    text: str, readable: str, facts: Sequence[Fact], index: SourceIndex, candidates: int = CANDIDATES
) -> Alignment:
    """The sentence's word support against the source sentence it is drawn from: of the
    ``candidates`` source sentences its context (its words outside facts and negations) is most drawn
    from, the one the whole sentence is most drawn from. The context alone decides which sentences may
    be the anchor, so a swapped name or an added "not" cannot pull the sentence towards another; the
    whole sentence decides among them, as a context of a few common words ("and his wife were at the
    race") is drawn from many."""
    among = index.candidates(NEGATION.sub(" ", without_facts(readable, facts)), candidates)
    return index.align(text, among=among or None)


def fact_support(
    fact: Fact, text: str, matches: dict[int, str], index: SourceIndex, row: np.ndarray, masked: np.ndarray
) -> tuple[float, int]:
    """The support of a fact that some source sentences (``matches``: index -> the words stating it)
    state, and the source sentence it is taken from: ``0.9 * context + 0.1 * corroboration`` for the
    source sentence where its context (the words right around it, the rest of the sentence, the
    embedding of the fact-less sentence) is best. Being found is not support by itself: a name the sources state in
    another company than the summary's (two names of one sentence swapped, the victim for the accused)
    gets little context, and so little support. That is the relational evidence."""
    own = content_stems(fact.text)
    found = fact_windows(text, fact.text, WINDOW[0])
    window = tuple(side - own for side in found[0]) if found else (frozenset(), frozenset())
    around = content_stems(without_facts(text, [fact])) - own  # other facts count as context
    context = {}
    for j, surface in matches.items():
        near = index.local(window, j, surface, WINDOW[1])
        ctx = index.context(around, j)
        lexical = ctx if near is None else (1 - LOCAL_WEIGHT) * ctx + LOCAL_WEIGHT * near
        context[j] = (1 - EMBED_WEIGHT) * lexical + EMBED_WEIGHT * max(float(masked[j]), 0.0)
    j = max(matches, key=lambda k: (context[k], row[k]))
    stated_by = len({index.sentences[k].doc_index for k in matches}) / index.n_articles
    return (1 - CORROBORATION) * context[j] + CORROBORATION * stated_by, j
