"""Lexical alignment of a summary sentence to the one source sentence it is drawn from.

A sentence a source supports says its words in the order and company the source says them: its
unigrams, bigrams and trigrams are found together in one source sentence. ``LexicalAligner.align``
returns that source sentence (the *anchor*) and the sentence's support: the mean, over n = 1, 2, 3,
of the share of its n-grams the anchor contains (clipped, as BLEU clips: an n-gram said three times is
supported as often as the anchor says it) (n-gram precision against one sentence, not against
the whole article: words scattered across an article, "michelle, june and andy" each somewhere, are not
support for a claim that joins them). The words are read through ``surface.tokens`` (case, PTB spacing,
number words and placeholders do not matter; an n-gram holding a placeholder is no evidence either way).

A sentence copied from one source sentence has support 1.0 exactly; nothing is weighted or fitted.

Example:
    >>> aligner = LexicalAligner(["Putin arrived in Pyongyang on Wednesday.", "He met Kim Jong Un."])
    >>> a = aligner.align("putin arrived in pyongyang on wednesday .")
    >>> a.anchor, a.support
    (0, 1.0)
    >>> round(aligner.align("Kim arrived in Pyongyang on Wednesday.").support, 3)
    0.794
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from summarize.metrics.surface import tokens

ORDERS = (1, 2, 3)
# Sentences a scrape glued together ("at 11:00 BST.Ninety-six fans"): each half is a sentence of its own.
GLUED = re.compile(r"(?:(?<=[a-z0-9)\]]{2})|(?<=[A-Z]{3}))[.!?](?=[A-Z][a-z])")


def ngrams(words: Sequence[str | None], n: int) -> list[tuple[str, ...]]:
    """The n-grams of ``words`` that hold no placeholder (``None``)."""
    return [g for g in zip(*(words[i:] for i in range(n))) if None not in g]  # type: ignore[misc]


@dataclass(frozen=True)
class Alignment:
    """``anchor``: the source sentence index (None without sources or words); ``support``: mean n-gram
    precision against it; ``precision``: per order; ``missing``: the summary words the anchor lacks."""

    anchor: int | None
    support: float
    precision: tuple[float, ...]
    missing: tuple[str, ...] = ()

    @property
    def copied(self) -> bool:
        """Every word, pair and triple of the sentence is in its anchor: a (near-)verbatim copy."""
        return self.anchor is not None and self.support >= 1.0


class LexicalAligner:
    """Posting lists of every source sentence's n-grams (n = 1..3), for ``align``."""

    def __init__(self, sentences: Sequence[str]) -> None:
        # n -> n-gram -> {source sentence: how often it says the n-gram}
        self._postings: dict[int, dict[tuple[str, ...], dict[int, int]]] = {n: defaultdict(dict) for n in ORDERS}
        self._words: list[frozenset[str]] = []
        self._parent: list[int] = []
        for parent, sentence in enumerate(sentences):
            for text in GLUED.split(sentence):
                j = len(self._words)
                words = tokens(text)
                self._words.append(frozenset(w for w in words if w is not None))
                self._parent.append(parent)
                for n in ORDERS:
                    for g, count in Counter(ngrams(words, n)).items():
                        self._postings[n][g][j] = count

    def __len__(self) -> int:
        return len(self._words)

    def _precisions(self, words: Sequence[str | None], among: set[int] | None):
        """The orders ``words`` has n-grams of, and per source sentence piece sharing one of them the
        share of its n-grams of each order the piece holds (clipped, as BLEU clips)."""
        grams = {n: ngrams(words, n) for n in ORDERS}
        orders = [n for n in ORDERS if grams[n]]
        hits: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for n in orders:
            postings = self._postings[n]
            for g, want in Counter(grams[n]).items():
                for j, have in postings.get(g, {}).items():
                    if among is None or self._parent[j] in among:
                        hits[j][n] += min(want, have)  # clipped: a repeat is supported as often as the source says it
        return orders, {j: tuple(hits[j][n] / len(grams[n]) for n in orders) for j in hits}

    def align(self, sentence: str, among: set[int] | None = None) -> Alignment:
        """The anchor of ``sentence`` and its support (ties go to the earlier source sentence); ``among``:
        only these source sentences may be the anchor (those that state a fact of it, say)."""
        words = tokens(sentence)
        orders, precisions = self._precisions(words, among)
        if not orders or not self._words:
            # Nothing checkable (only placeholders) is no evidence against the sentence; no sources is.
            return Alignment(None, 1.0 if not orders and self._words else 0.0, ())
        if not precisions:
            return Alignment(0, 0.0, tuple(0.0 for _ in orders), tuple(w for w in words if w is not None))
        anchor = max(sorted(precisions), key=lambda j: sum(precisions[j]))
        prec = precisions[anchor]
        missing = tuple(w for w in words if w is not None and w not in self._words[anchor])
        return Alignment(self._parent[anchor], sum(prec) / len(prec), prec, missing)

    def candidates(self, sentence: str, k: int) -> set[int]:
        """The source sentences of the ``k`` pieces ``sentence`` is most drawn from (by the support
        ``align`` computes; ties to the earlier); empty where none shares an n-gram with it."""
        _, precisions = self._precisions(tokens(sentence), None)
        ranked = sorted(precisions, key=lambda j: (-sum(precisions[j]), j))
        return {self._parent[j] for j in ranked[:k]}


NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without"})
SCOPE = 3  # words after a negation that it governs


def _negated(words: Sequence[str | None]) -> tuple[set[str], set[str]]:
    """The stems of ``words``' content words split by polarity: (negated, affirmed). The first content
    word within ``SCOPE`` words after a negation is negated ("did not arrive", "no evidence")."""
    from summarize.text.lexicon import content_stems

    negated, affirmed = set(), set()
    pending = None  # index of a negation still looking for its word
    for i, w in enumerate(words):
        if w is None:
            continue
        if w in NEGATIONS:
            pending = i
            continue
        stems = content_stems(w)
        if stems and pending is not None and i - pending <= SCOPE:
            negated |= stems
            pending = None
        else:
            affirmed |= stems
    return negated, affirmed


def _span_negations(words: Sequence[str | None], shared: set[str]) -> int:
    """How many negations ``words`` has from SCOPE words before its first shared content word to its last
    (the part of a source sentence a summary sentence repeats)."""
    from summarize.text.lexicon import content_stems

    at = [i for i, w in enumerate(words) if w is not None and content_stems(w) & shared]
    if not at:
        return 0
    return sum(w in NEGATIONS for w in words[max(0, at[0] - SCOPE) : at[-1] + 1])


def polarity_flips(sentence: str, anchor: str) -> list[str]:
    """Content words whose polarity differs between ``sentence`` and the ``anchor`` it is drawn from:
    negated in one and only affirmed in the other ("did not arrive" against "arrived"), where the two
    also differ in the parity of their negations over the part of the anchor the sentence repeats ("an
    official cause is not known" says what "no cause is known" says). A negation elsewhere in the anchor,
    about words the sentence does not repeat, is no flip ("pleaded not guilty" against "is accused of
    marrying 10 men").

    Example:
        >>> polarity_flips("Putin did not arrive on Wednesday.", "Putin arrived on Wednesday.")
        ['arriv']
        >>> polarity_flips("She is accused of fraud.", "She pleaded not guilty to fraud.")
        []
        >>> polarity_flips("He was not the type to quit.", "He was certainly not the type to quit, nor lazy.")
        []
        >>> polarity_flips("An official cause of death is not known.", "No cause of death is known.")
        []
    """
    s_words, a_words = tokens(sentence), tokens(anchor)
    s_neg, s_aff = _negated(s_words)
    a_neg, a_aff = _negated(a_words)
    added = {w for w in s_neg if w in a_aff and w not in a_neg}
    dropped = {w for w in a_neg if w in s_aff and w not in s_neg}
    if not added | dropped:
        return []
    shared = (s_neg | s_aff) & (a_neg | a_aff)
    if sum(w in NEGATIONS for w in s_words) % 2 == _span_negations(a_words, shared) % 2:
        return []
    return sorted(added | dropped)
