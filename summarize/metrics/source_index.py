"""One example's source sentences, indexed for fact lookups: each sentence's facts, words, content
stems and embedding, and the cross-source discrepancies; used by ``summarize.metrics.factuality``.

Example:
    >>> from summarize.embed import get_embedder
    >>> from summarize.text.facts import extract_facts
    >>> index = SourceIndex.build([Article("a", "Putin met Kim Jong Un in Pyongyang.")], get_embedder("tfidf"))
    >>> [index.holds(f, 0) for f in extract_facts("Kim met Putin.")]
    [True, True]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from summarize.embed import Embedder, fitted_per_call
from summarize.metrics.alignment import Alignment, LexicalAligner
from summarize.metrics.surface import CaseTable, detokenize, tokens, without_placeholders
from summarize.provenance import SourceSentence, source_sentences
from summarize.text.conflicts import find_discrepancies
from summarize.text.facts import POSSESSIVE, WEEKDAYS, Fact, sentence_facts
from summarize.text.lexicon import TITLE_WORDS, content_stems
from summarize.types import Article, Cluster, Discrepancy

_TITLE_WORDS = TITLE_WORDS | {"the"}


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip(".-’'") for w in re.findall(r"[\w’'\-.]+", POSSESSIVE.sub("", text.lower())))


def without_facts(text: str, facts: Sequence[Fact]) -> str:
    """``text`` with every fact's words cut out (what is left is the context the facts sit in)."""
    for f in sorted(facts, key=lambda f: -len(f.text)):
        text = re.sub(rf"(?<!\w){re.escape(f.text)}(?!\w)", " ", text)  # "he", not the "he" of "then"
    return text


def fact_windows(text: str, needle: str, width: int) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Content stems within ``width`` words before and after each occurrence of ``needle`` in ``text``
    (of its last word when the whole is not there).

    Example:
        >>> [[sorted(side) for side in w] for w in fact_windows("Missiles flew over the Pacific Ocean near Japan", "Pacific Ocean", 3)]
        [[['flew'], ['japan', 'near']]]
    """
    words = re.findall(r"[a-z0-9]+", text.lower())
    target = re.findall(r"[a-z0-9]+", needle.lower())
    if not target:
        return []
    n = len(target)
    starts = [i for i in range(len(words) - n + 1) if words[i : i + n] == target]
    if not starts:
        starts, n = [i for i, w in enumerate(words) if w == target[-1]], 1
    return [
        (content_stems(" ".join(words[max(0, i - width) : i])), content_stems(" ".join(words[i + n : i + n + width])))
        for i in starts
    ]


@dataclass
class SourceIndex:
    """The sentences of one example's sources with their facts, words and vectors.

    ``texts`` are the articles' whole texts (for verbatim copies), ``n_articles`` how many there are;
    the per-sentence lookup tables are derived from ``sentences`` on construction.
    """

    sentences: list[SourceSentence]
    vectors: np.ndarray | None
    embedder: Embedder
    discrepancies: list[Discrepancy] = field(default_factory=list)
    texts: list[str] = field(default_factory=list, repr=False)
    n_articles: int = 1

    def __post_init__(self) -> None:
        texts = [s.text for s in self.sentences]
        self._facts = [sentence_facts(t) for t in texts]
        self._words = [_words(t) for t in texts]
        self._stems = [content_stems(t) for t in texts]
        self._texts = [" " + " ".join(w or "\x00" for w in tokens(t)) + " " for t in self.texts]
        # words the sources write in lower case somewhere (capitalised as a sentence opener, they are no name)
        self._lowercase = frozenset(w for t in texts for w in re.findall(r"\b[a-z][a-z\-]+\b", t))
        self._joined = " ".join(re.sub(r"[’']s\b", "", t.lower()) for t in texts)
        self._aligner = LexicalAligner(texts)
        self._cases = CaseTable(self.texts or texts)

    @classmethod
    def build(cls, articles: Sequence[Article], embedder: Embedder, discrepancies: bool = True) -> "SourceIndex":
        sents = source_sentences(Cluster("sources", list(articles)))
        vectors = None if fitted_per_call(embedder) else embedder.encode([s.text for s in sents])
        found = find_discrepancies(list(articles)) if discrepancies and len(articles) > 1 else []
        return cls(sents, vectors, embedder, found, [a.text for a in articles], max(len(articles), 1))

    def similarities(self, sentences: list[str]) -> np.ndarray:
        """Cosine similarity of each summary sentence (rows) to each source sentence (columns)."""
        if not self.sentences or not sentences:
            return np.zeros((len(sentences), len(self.sentences)), dtype=np.float32)
        if self.vectors is None:  # TF-IDF: one vocabulary for both sides
            vecs = self.embedder.encode([s.text for s in self.sentences] + sentences)
            return vecs[len(self.sentences) :] @ vecs[: len(self.sentences)].T
        return self.embedder.encode(sentences) @ self.vectors.T

    def align(self, sentence: str, among: set[int] | None = None) -> Alignment:
        """The source sentence ``sentence`` is drawn from and its n-gram support (``alignment``)."""
        return self._aligner.align(sentence, among)

    def candidates(self, sentence: str, k: int) -> set[int]:
        """The source sentences ``sentence`` is most drawn from: those of its ``k`` best alignments."""
        return self._aligner.candidates(sentence, k)

    def readable(self, sentence: str) -> str:
        """``sentence`` as the fact rules read it, the same for its cased and lower-cased versions: PTB
        spacing undone, placeholders blanked, and each word cased as the sources write it (``CaseTable``)."""
        return self._cases.restore(detokenize(without_placeholders(sentence)))

    def verbatim(self, sentence: str) -> bool:
        """Whether ``sentence`` is copied word for word from one of the sources."""
        words = tokens(sentence)
        needle = " " + " ".join(w or "\x01" for w in words) + " "  # a placeholder matches nothing
        return bool(words) and any(needle in text for text in self._texts)

    def checkable(self, fact: Fact) -> bool:
        """False for a capitalised sentence opener that the sources use as an ordinary word ("Researchers")."""
        return not (fact.initial and fact.key in self._lowercase)

    def holds(self, fact: Fact, j: int) -> bool:
        """Whether source sentence ``j`` states ``fact``."""
        return self.match(fact, j) is not None

    def match(self, fact: Fact, j: int) -> str | None:
        """The words of source sentence ``j`` that state ``fact``, or None. A several-word name counts
        where the sentence has all its words, or its last word while the full name is in the sources."""
        if fact.kind == "entity":
            tokens = fact.key.split()
            words = self._words[j]
            if all(t in words for t in tokens):
                return tokens[-1]
            if len(tokens) > 1 and tokens[-1] in words and self._has_phrase(fact.key):
                # "Harding" alone states "Kip Harding"; "Mona Lisa Harding" does not.
                for m in re.finditer(
                    rf"(?:(\S+)\s+)?\b{re.escape(tokens[-1])}\b", self.sentences[j].text, re.IGNORECASE
                ):
                    before = (m.group(1) or "").strip("“\"'(")
                    if not before[:1].isupper() or before.lower() == tokens[-2] or before.lower().rstrip(".") in _TITLE_WORDS:
                        return tokens[-1]
            return None
        if fact.kind == "number" and "-" in fact.key:  # "3-1" where the sentence says "3" and "1" ("10 to 12")
            parts, numbers = fact.key.split("-"), [o for o in self._facts[j] if o.kind == "number"]
            if not Counter(parts) - Counter(o.key for o in numbers):
                return next(o.text for o in numbers if o.key in parts)
        for other in self._facts[j]:
            if other.kind != fact.kind:
                continue
            if (
                other.key == fact.key
                or (fact.kind == "date" and other.key.startswith(fact.key + " "))  # "June" in "June 19"
                or (fact.kind == "number" and (fact.approximate or other.approximate) and _close(fact.key, other.key))
            ):
                return other.text
        return None

    def _has_phrase(self, phrase: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", self._joined) is not None

    def local(
        self, window: tuple[frozenset[str], frozenset[str]], j: int, surface: str, width: int = 6
    ) -> float | None:
        """Share of ``window`` (stems before and after a fact in the summary) found on the same side of
        ``surface`` in source sentence ``j`` (its best occurrence): "ruling that X" matches "ruling that
        would kill Obamacare", not "Trump administration backs ruling"."""
        before, after = window
        if not before and not after:
            return None
        return max(
            (len(before & b) + len(after & a) for b, a in fact_windows(self.sentences[j].text, surface, width)),
            default=0,
        ) / (len(before) + len(after))

    def context(self, rest: frozenset[str], j: int) -> float:
        """How much of ``rest`` (a summary sentence's content stems outside its facts) source sentence ``j``
        repeats: 0.7 of the share in the sentence itself plus 0.3 of the share in it and its neighbours."""
        if not rest:
            return 0.0
        near = self._stems[j]
        for k in (j - 1, j + 1):
            if 0 <= k < len(self.sentences) and self.sentences[k].doc_index == self.sentences[j].doc_index:
                near = near | self._stems[k]
        return (0.7 * len(rest & self._stems[j]) + 0.3 * len(rest & near)) / len(rest)

    def anchor(self, rest: frozenset[str], row: np.ndarray) -> int | None:
        """The source sentence a summary sentence is drawn from: most of its non-fact words, then embedding."""
        if not self.sentences:
            return None
        return max(range(len(self.sentences)), key=lambda j: (round(self.context(rest, j), 6), row[j]))

    def drawn_from(self, sentence: str, k: int = 3) -> list[int]:
        """The ``k`` source sentences that repeat most of ``sentence``'s words outside its facts."""
        rest = content_stems(without_facts(sentence, sentence_facts(sentence)))
        ranked = sorted(range(len(self.sentences)), key=lambda j: -self.context(rest, j))
        return [j for j in ranked[:k] if self.context(rest, j) > 0]

    def grounded(self, fact: Fact, sentence: str, k: int = 3) -> bool:
        """Whether ``fact`` is stated by one of the sentences ``sentence`` is drawn from (``drawn_from``)."""
        return self.checkable(fact) and any(self.holds(fact, j) for j in self.drawn_from(sentence, k))

    def referred(self, fact: Fact, j: int, back: int = 3) -> str | None:
        """The pronoun by which source sentence ``j`` refers to the name ``fact``, or None: ``j`` has a
        gendered pronoun and one of the ``back`` sentences before it in its article states the name
        ("Putin arrived. He emphasized ..." states that Putin emphasized). What a summary that names the
        referent writes ("Putin emphasized") is then stated by ``j``."""
        if fact.kind != "entity":
            return None
        m = re.search(r"\b(?:he|she|his|her|him)\b", self.sentences[j].text, re.IGNORECASE)
        if m is None:
            return None
        doc = self.sentences[j].doc_index
        earlier = [k for k in range(max(0, j - back), j) if self.sentences[k].doc_index == doc]
        return m.group(0) if any(self.holds(fact, k) for k in earlier) else None

    def rivals(self, fact: Fact, j: int) -> list[str]:
        """Other values of the same kind in source sentence ``j`` (what a missing number/date conflicts with)."""
        return [
            o.text
            for o in self._facts[j]
            if o.kind == fact.kind and o.key != fact.key and self.checkable(o) and _shape(o) == _shape(fact)
        ]


def _shape(fact: Fact) -> str:
    """What a value is a value of: a year, a weekday, a month, a day of a month, a time of day; a count,
    a percentage, a rank, a scoreline. Only values of one shape contradict each other ("Sunday" is no
    rival of "2015")."""
    key = fact.key
    if fact.kind == "date":
        return "time" if ":" in key else "year" if key.isdigit() else "day" if " " in key else (
            "weekday" if key in WEEKDAYS else "month")
    return "percent" if key.endswith("%") else "rank" if key.endswith("th") else "score" if "-" in key else "count"


def _close(a: str, b: str, tolerance: float = 0.1) -> bool:
    if a.endswith("%") != b.endswith("%") or "-" in a + b or "th" in a + b:  # nor a scoreline, nor a rank
        return False
    x, y = float(a.rstrip("%")), float(b.rstrip("%"))
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)
