"""Offline factual consistency: facts and embedding support of each summary sentence against its sources.

For each summary sentence:
- every number, date, entity and gendered pronoun (``summarize.metrics.facts``) is looked up in the
  source sentences; a fact found scores ``0.5 + 0.4 * context + 0.1 * corroboration``, where context is the share of the
  summary sentence's content words outside its facts that the source sentence stating the fact (and,
  with less weight, its neighbours) also has: a fact found where the sentence is drawn from beats one
  found elsewhere, and fact words are left out so that a swapped-in name cannot pull the match its way;
  10% of a found fact's score is corroboration, the share of articles that state it; a fact not found
  scores 0;
- embedding support is the best-matching source sentence (all-MiniLM-L6-v2 by default);
- a number or date missing from the sources while the best-matching source sentence gives another one,
  a flipped negation of a near-identical source sentence, or one side of a cross-source discrepancy
  stated as settled fact makes the sentence ``conflicting``; a missing fact or weak support makes it
  ``unsupported``; otherwise it is ``supported``.

The summary score is the mean sentence score (mean fact support, halved on a negation flip).

Example:
    >>> from summarize.embed import get_embedder
    >>> src = [Article("a", "Putin arrived in Pyongyang on Wednesday. He met Kim Jong Un.")]
    >>> index = SourceIndex.build(src, get_embedder("tfidf"))
    >>> [s.label for s in check_summary("Putin arrived in Pyongyang on Tuesday.", index).sentences]
    ['conflicting']
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

import numpy as np

from summarize.embed import Embedder
from summarize.metrics.conflicts import Discrepancy, find_discrepancies
from summarize.metrics.facts import Fact, extract_facts, is_negated, number_value
from summarize.provenance import SourceSentence, source_sentences
from summarize.sentences import split_sentences
from summarize.types import Article, Cluster

_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "president", "minister", "senator", "sen", "rep", "gov", "judge", "the"}
# Chosen on the first 150 examples of Multi-News and NeuS validation (bench/factuality.py reports the rest
# as held out): the words on each side of a fact in the summary, and in the source sentence; and the
# share of a fact's context score that comes from them rather than from the whole sentence.
WINDOW = (4, 6)
LOCAL_WEIGHT = 0.6  # share of a fact's context score that comes from the words right around it
ANCHOR_PENALTY = 1.0
EMBED_WEIGHT = 0.5  # share from the embedding similarity of that source sentence to the fact-less summary sentence
LABELS = ("supported", "unsupported", "conflicting")
ATTRIBUTION = re.compile(r"\b(?:according to|said|says|reported|reports|claimed|claims|estimated|estimates|"
                         r"citing|figures? (?:from|by)|sources (?:differ|vary))\b", re.IGNORECASE)


@functools.lru_cache(maxsize=200_000)
def _facts(text: str) -> tuple[Fact, ...]:
    return tuple(extract_facts(text))


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip(".-") for w in re.findall(r"[\w’'\-.]+", text.lower().replace("’s", "").replace("'s", "")))


@functools.lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem import porter

    return functools.lru_cache(maxsize=100_000)(porter.PorterStemmer().stem)


def _without_facts(text: str, facts: Sequence[Fact]) -> str:
    """``text`` with every fact's words cut out (what is left is the context the facts sit in)."""
    for f in sorted(facts, key=lambda f: -len(f.text)):
        text = text.replace(f.text, " ")
    return text


def _window(text: str, needle: str, width: int) -> tuple[frozenset[str], frozenset[str]]:
    """Content stems within ``width`` words before and after the first occurrence of ``needle`` in ``text``.

    Example:
        >>> [sorted(side) for side in _window("Missiles flew over the Pacific Ocean near Japan on Friday", "Pacific Ocean", 3)]
        [['flew'], ['japan', 'near']]
    """
    words = re.findall(r"[a-z0-9]+", text.lower())
    target = re.findall(r"[a-z0-9]+", needle.lower())
    if not target:
        return frozenset(), frozenset()
    n = len(target)
    start = next((i for i in range(len(words) - n + 1) if words[i:i + n] == target), None)
    if start is None:
        start = next((i for i, w in enumerate(words) if w == target[-1]), None)
        n = 1
    if start is None:
        return frozenset(), frozenset()
    return (content_stems(" ".join(words[max(0, start - width):start])),
            content_stems(" ".join(words[start + n:start + n + width])))


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words of ``text`` that are not stop words (the context a fact sits in).

    Example:
        >>> sorted(content_stems("The containers were shipped to Russia"))
        ['contain', 'russia', 'ship']
    """
    from summarize.metrics.facts import _stop_words

    stem = _stemmer()
    return frozenset(stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _stop_words())


@dataclass
class SourceIndex:
    """The sentences of one example's sources with their facts, words and vectors."""

    sentences: list[SourceSentence]
    vectors: np.ndarray | None
    embedder: Embedder
    discrepancies: list[Discrepancy] = field(default_factory=list)

    @classmethod
    def build(cls, articles: Sequence[Article], embedder: Embedder, discrepancies: bool = True) -> "SourceIndex":
        sents = source_sentences(Cluster("sources", list(articles)))
        tfidf = getattr(embedder, "name", "") == "tfidf"
        vectors = None if tfidf else embedder.encode([s.text for s in sents])
        found = find_discrepancies(list(articles)) if discrepancies and len(articles) > 1 else []
        index = cls(sents, vectors, embedder, found)
        index._facts = [_facts(s.text) for s in sents]
        index._words = [_words(s.text) for s in sents]
        index._stems = [content_stems(s.text) for s in sents]
        index._all_words = frozenset().union(*index._words) if sents else frozenset()
        index.n_articles = max(len(articles), 1)
        index._lowercase = frozenset(w for s in sents for w in re.findall(r"(?<![\w.!?] )\b[a-z][a-z\-]+\b", s.text))
        return index

    def similarities(self, sentences: list[str]) -> np.ndarray:
        """Cosine similarity of each summary sentence (rows) to each source sentence (columns)."""
        if not self.sentences or not sentences:
            return np.zeros((len(sentences), len(self.sentences)), dtype=np.float32)
        if self.vectors is None:  # TF-IDF: one vocabulary for both sides
            vecs = self.embedder.encode([s.text for s in self.sentences] + sentences)
            return vecs[len(self.sentences):] @ vecs[: len(self.sentences)].T
        return self.embedder.encode(sentences) @ self.vectors.T

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
                for m in re.finditer(rf"(?:(\S+)\s+)?\b{re.escape(tokens[-1])}\b", self.sentences[j].text, re.IGNORECASE):
                    before = (m.group(1) or "").strip("“\"'(")
                    if not before[:1].isupper() or before.lower() == tokens[-2] or before.lower() in _TITLE_WORDS:
                        return tokens[-1]
            return None
        for other in self._facts[j]:
            if other.kind != fact.kind:
                continue
            if (other.key == fact.key
                    or (fact.kind == "date" and other.key.startswith(fact.key + " "))  # "June" in "June 19"
                    or (fact.kind == "number" and (fact.approximate or other.approximate) and _close(fact.key, other.key))):
                return other.text
        return None

    def _has_phrase(self, phrase: str) -> bool:
        if not hasattr(self, "_joined"):
            self._joined = " ".join(re.sub(r"[’']s\b", "", s.text.lower()) for s in self.sentences)
        return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", self._joined) is not None

    def local(self, window: tuple[frozenset[str], frozenset[str]], j: int, surface: str) -> float | None:
        """Share of ``window`` (stems before and after a fact in the summary) found on the same side of
        ``surface`` in source sentence ``j``: "ruling that X" matches "ruling that would kill Obamacare",
        not "Trump administration backs ruling"."""
        before, after = window
        if not before and not after:
            return None
        src_before, src_after = _window(self.sentences[j].text, surface, WINDOW[1])
        return (len(before & src_before) + len(after & src_after)) / (len(before) + len(after))

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
        rest = content_stems(_without_facts(sentence, _facts(sentence)))
        ranked = sorted(range(len(self.sentences)), key=lambda j: -self.context(rest, j))
        return [j for j in ranked[:k] if self.context(rest, j) > 0]

    def grounded(self, fact: Fact, sentence: str, k: int = 3) -> bool:
        """Whether ``fact`` is stated by one of the sentences ``sentence`` is drawn from (``drawn_from``)."""
        return self.checkable(fact) and any(self.holds(fact, j) for j in self.drawn_from(sentence, k))

    def rivals(self, fact: Fact, j: int) -> list[str]:
        """Other values of the same kind in source sentence ``j`` (what a missing number/date conflicts with)."""
        return [o.text for o in self._facts[j] if o.kind == fact.kind and o.key != fact.key and self.checkable(o)]


def _close(a: str, b: str, tolerance: float = 0.1) -> bool:
    if a.endswith("%") != b.endswith("%"):
        return False
    x, y = float(a.rstrip("%")), float(b.rstrip("%"))
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)


@dataclass
class FactCheck:
    kind: str
    text: str
    support: float
    status: str
    evidence: dict[str, Any] | None = None


@dataclass
class SentenceCheck:
    """One summary sentence: its label, score, best source sentences, facts and the reasons."""

    text: str
    label: str
    score: float
    support: float
    evidence: list[dict[str, Any]]
    facts: list[FactCheck]
    reasons: list[str] = field(default_factory=list)
    nli: float | None = None
    nli_label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ConsistencyResult:
    """Per-sentence checks and summary-level scores (``score`` from facts, ``support`` from embeddings)."""

    score: float
    support: float
    sentences: list[SentenceCheck]
    nli: float | None = None

    @property
    def label_counts(self) -> dict[str, int]:
        return {k: sum(s.label == k for s in self.sentences) for k in LABELS}

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "support": self.support, "nli": self.nli, "labels": self.label_counts,
                "sentences": [s.to_dict() for s in self.sentences]}


def _evidence(index: SourceIndex, j: int, sim: float) -> dict[str, Any]:
    s = index.sentences[j]
    return {"article_id": s.article_id, "sentence_index": s.index, "text": s.text, "similarity": round(float(sim), 4)}


def _discrepancy_reason(sentence: str, discrepancies: Sequence[Discrepancy]) -> str | None:
    """Why ``sentence`` states one side of a discrepancy as settled fact, or None."""
    if ATTRIBUTION.search(sentence):
        return None
    facts = _facts(sentence)
    numbers = {float(f.key) for f in facts if f.kind == "number" and not f.key.endswith("%")}
    lowered = sentence.lower()
    for d in discrepancies:
        stated = []
        for side in d.sides:
            if d.kind == "quantity":
                m = re.match(r"([\d,.]+)\s*(\w+)?", side.value)
                value = number_value(m.group(1), m.group(2)) if m else None
                hit = value in numbers and d.key.rstrip("s") in lowered
            else:
                names = [n.split()[-1].lower() for n in side.value.split(" / ")]
                hit = any(n in lowered for n in names) and d.key.split()[-1] in lowered
            if hit:
                stated.append(side)
        if len(stated) == 1:
            others = "; ".join(f"{s.value} [{', '.join(s.article_ids)}]" for s in d.sides if s is not stated[0])
            return (f"states {stated[0].value} ({d.key}) [{', '.join(stated[0].article_ids)}] as settled, "
                    f"but sources differ: {others}")
    return None


def check_summary(summary: str | list[str], index: SourceIndex, support_threshold: float = 0.5,
                  top_evidence: int = 3) -> ConsistencyResult:
    """Check every sentence of ``summary`` against the sources in ``index``."""
    sentences = split_sentences(summary) if isinstance(summary, str) else list(summary)
    sims = index.similarities(sentences)
    # The sentences with their facts cut out: what a fact's source sentence should say around it.
    masked = index.similarities([_without_facts(t, [f for f in _facts(t)]) for t in sentences]) if EMBED_WEIGHT else sims
    checks = []
    for i, text in enumerate(sentences):
        row = sims[i] if sims.shape[1] else np.zeros(1)
        order = np.argsort(-row)[:top_evidence] if sims.shape[1] else []
        best_sim = float(row.max()) if sims.shape[1] else 0.0
        reasons, facts, conflicting = [], [], False
        sentence_facts = [f for f in _facts(text) if index.checkable(f)]
        rest = content_stems(_without_facts(text, sentence_facts))
        anchor = index.anchor(rest, row)
        for fact in sentence_facts:
            matches = {j: m for j in range(len(index.sentences)) if (m := index.match(fact, j)) is not None}
            if matches:
                own = content_stems(fact.text)
                window = tuple(side - own for side in _window(text, fact.text, WINDOW[0]))
                around = content_stems(text.replace(fact.text, " ")) - own  # other facts count as context
                context = {}
                for j, surface in matches.items():
                    near = index.local(window, j, surface)
                    ctx = index.context(around, j)
                    lexical = ctx if near is None else (1 - LOCAL_WEIGHT) * ctx + LOCAL_WEIGHT * near
                    context[j] = (1 - EMBED_WEIGHT) * lexical + EMBED_WEIGHT * max(float(masked[i, j]), 0.0)
                j = max(matches, key=lambda k: (context[k], row[k]))
                if anchor is not None and anchor not in matches and index.rivals(fact, anchor):
                    # The sentence this one is drawn from gives another value of this kind: a likely swap.
                    context[j] *= ANCHOR_PENALTY
                stated_by = len({index.sentences[k].doc_index for k in matches}) / index.n_articles
                facts.append(FactCheck(fact.kind, fact.text, 0.5 + 0.4 * context[j] + 0.1 * stated_by, "supported",
                                       _evidence(index, j, row[j])))
                continue
            status = "unsupported"
            if fact.kind in ("number", "date") and anchor is not None and index.rivals(fact, anchor):
                status, conflicting = "conflicting", True
                reasons.append(f"{fact.kind} '{fact.text}' not in the sources; the closest source sentence says "
                               f"{', '.join(index.rivals(fact, anchor))}")
            else:
                reasons.append(f"{fact.kind} '{fact.text}' not found in the sources")
            facts.append(FactCheck(fact.kind, fact.text, 0.0, status))
        score = float(np.mean([f.support for f in facts])) if facts else max(best_sim, 0.0)
        if anchor is not None and is_negated(text) != is_negated(index.sentences[anchor].text):
            score *= 0.5
            if float(row[anchor]) >= 0.7:
                conflicting = True
                reasons.append("negation differs from the closest source sentence")
        why = _discrepancy_reason(text, index.discrepancies)
        if why:
            conflicting = True
            reasons.append(why)
        if conflicting:
            label = "conflicting"
        elif any(f.status == "unsupported" for f in facts) or best_sim < support_threshold:
            label = "unsupported"
            if best_sim < support_threshold:
                reasons.append(f"best source sentence similarity {best_sim:.2f} < {support_threshold}")
        else:
            label = "supported"
        checks.append(SentenceCheck(text, label, round(score, 6), round(best_sim, 6),
                                    [_evidence(index, int(j), row[j]) for j in order], facts, reasons))
    score = float(np.mean([c.score for c in checks])) if checks else 0.0
    support = float(np.mean([c.support for c in checks])) if checks else 0.0
    return ConsistencyResult(score, support, checks)
