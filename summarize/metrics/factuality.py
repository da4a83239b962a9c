"""Offline factual consistency: how far each summary sentence is supported by the source sentence it
is drawn from, and whether its facts hold there.

Every summary sentence is read one way whatever its case and tokenisation (``surface``: PTB spacing
undone, placeholders such as ``UNK`` blanked, words cased as the sources write them), then:
- its *anchor* is the source sentence it is drawn from, among the three its words outside facts and
  negations are most drawn from, and its *word support* the share of its unigrams, bigrams and
  trigrams the anchor contains (``alignment``:
  words scattered over an article are no support for a claim that joins them); its *similarity* is the
  embedding similarity of its best source sentence (all-MiniLM-L6-v2 by default), for paraphrase;
- every number, date, entity and gendered pronoun (``summarize.text.facts``: ordinals, number words,
  "£1m" and "10, 000" parsed) is looked up in the source sentences. A fact found scores by its context
  in the source sentence where that is best: (a) how much of the summary sentence's other words that
  source sentence and its neighbours repeat, (b) how many of the words just before and after the fact
  stand on the same side of it there, (c) the embedding similarity of that source sentence to the
  summary sentence with its facts cut out; plus a little for the share of articles stating it. A fact
  not found scores 0;
- a number or date missing from the sources while the anchor gives another of the same kind, a content
  word whose polarity the anchor reverses ("did not arrive" against "arrived"), or one side of a
  cross-source discrepancy stated as settled fact makes the sentence ``conflicting``; a missing fact,
  a capitalised name no source writes, or weak support makes it ``unsupported``; else ``supported``.

The sentence score aggregates the evidence (``sentence_score``): ``(1 - m) * words + m * similarity``,
lowered by up to ``f`` by the mean support of its facts (``Weights``: m = 0.25, f = 0.75); a copy of a
source sentence scores 1. The summary score is the mean over its sentences: the share of them that are
supported, as FRANK's human label is the share of sentences free of errors. ``bench/factuality_human.py``
measures the agreement with those labels, ``bench/factuality.py`` the ranking of synthetic corruptions.

Example:
    >>> from summarize.embed import get_embedder
    >>> src = [Article("a", "Putin arrived in Pyongyang on Wednesday. He met Kim Jong Un.")]
    >>> index = SourceIndex.build(src, get_embedder("tfidf"))
    >>> [s.label for s in check_summary("Putin arrived in Pyongyang on Tuesday.", index).sentences]
    ['conflicting']
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

import numpy as np

from summarize.metrics.alignment import polarity_flips
from summarize.metrics.evidence import (  # noqa: F401  (Weights, sentence_score: the API)
    CANDIDATES,
    EMBED_WEIGHT,
    WEIGHTS,
    Weights,
    context_alignment,
    fact_support,
    sentence_score,
)
from summarize.metrics.source_index import SourceIndex, without_facts
from summarize.metrics.surface import detokenize, fold_fragments, summary_sentences, without_placeholders
from summarize.text.conflicts import reconciled, states
from summarize.text.facts import sentence_facts
from summarize.text.lexicon import content_stems
from summarize.types import (
    Article,  # noqa: F401  (doctest)
    Discrepancy,
)

LABELS = ("supported", "unsupported", "conflicting")
ATTRIBUTION = re.compile(
    r"\b(?:according to|said|says|reported|reports|claimed|claims|estimated|estimates|"
    r"citing|figures? (?:from|by)|sources (?:differ|vary))\b",
    re.IGNORECASE,
)


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
    words: float | None = None  # n-gram support from the source sentence it is drawn from (``alignment``)
    copied: bool = False  # a copy of source text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def rescore(self, weights: Weights) -> float:
        """This sentence's score under other ``weights`` (its evidence is kept: nothing is re-checked)."""
        return sentence_score(self.words or 0.0, self.support, [f.support for f in self.facts], self.copied, weights)


@dataclass
class ConsistencyResult:
    """Per-sentence checks and summary-level scores (``score`` from facts, ``support`` from embeddings)."""

    score: float
    support: float
    sentences: list[SentenceCheck]
    nli: float | None = None

    def rescore(self, weights: Weights) -> float:
        """The summary score under other ``weights`` (for cross-validating them)."""
        return float(np.mean([s.rescore(weights) for s in self.sentences])) if self.sentences else 0.0

    @property
    def label_counts(self) -> dict[str, int]:
        return {k: sum(s.label == k for s in self.sentences) for k in LABELS}

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "support": self.support,
            "nli": self.nli,
            "labels": self.label_counts,
            "sentences": [s.to_dict() for s in self.sentences],
        }


def _evidence(index: SourceIndex, j: int, sim: float) -> dict[str, Any]:
    s = index.sentences[j]
    return {"article_id": s.article_id, "sentence_index": s.index, "text": s.text, "similarity": round(float(sim), 4)}


def _discrepancy_reason(sentence: str, discrepancies: Sequence[Discrepancy]) -> str | None:
    """Why ``sentence`` states one side of a discrepancy as settled fact, or None."""
    if ATTRIBUTION.search(sentence):
        return None
    for d in discrepancies:
        if d.kind not in ("quantity", "role"):
            continue  # a day the articles give differently is shown, not checked in summary sentences
        stated = [side for side in d.sides if states(sentence, d, side)]
        if len(stated) == 1:
            # Only the sides the stated one cannot be reconciled with (other time frame, "more than").
            others = [s for s in d.sides
                      if s is not stated[0] and (d.kind != "quantity" or not reconciled(stated[0], s))]
            if not others:
                continue
            listed = "; ".join(f"{s.value} [{', '.join(s.article_ids)}]" for s in others)
            return (
                f"states {stated[0].value} ({d.key}) [{', '.join(stated[0].article_ids)}] as settled, "
                f"but sources differ: {listed}"
            )
    return None


def _as_written(surface: str, text: str) -> str:
    """``surface`` as the summary wrote it ("Tuesday", not the case-free reading's "tuesday")."""
    m = re.search(re.escape(surface), text, re.IGNORECASE)
    return m.group(0) if m else surface


def _unsourced_names(text: str, readable: str, index: SourceIndex) -> list[str]:
    """Names the writer capitalised that no source states (a lower-cased text has none to show).

    They label the sentence ``unsupported`` but do not enter its score beyond the word support, which
    already misses their words: so a cased summary and its lower-cased copy score the same."""
    read = {f.key for f in sentence_facts(readable)}
    cased = detokenize(without_placeholders(text))
    return [
        f.text
        for f in sentence_facts(cased)
        if f.kind == "entity" and f.key not in read and index.checkable(f)
        and not any(index.holds(f, j) for j in range(len(index.sentences)))
    ]


def _evidence_order(anchor: int | None, row: np.ndarray, k: int) -> list[int]:
    """The anchor first, then the most similar source sentences."""
    if not len(row) or anchor is None and not row.any():
        return []
    ranked = [int(j) for j in np.argsort(-row) if int(j) != anchor]
    return ([anchor] if anchor is not None else []) + ranked[: k - (anchor is not None)]


def check_summary(
    summary: str | list[str],
    index: SourceIndex,
    support_threshold: float = 0.5,
    top_evidence: int = 3,
    weights: Weights = WEIGHTS,
    anchor_candidates: int = CANDIDATES,
) -> ConsistencyResult:
    """Check every sentence of ``summary`` against the sources in ``index``; ``anchor_candidates``: how
    many of the source sentences a sentence's context is most drawn from may be its anchor."""
    sentences = summary_sentences(summary) if isinstance(summary, str) else fold_fragments(list(summary))
    sims = index.similarities(sentences)
    readables = [index.readable(t) for t in sentences]  # PTB spacing undone, placeholders out, names' capitals back
    # The sentences with their facts cut out: what a fact's source sentence should say around it.
    masked = (
        index.similarities([without_facts(r, sentence_facts(r)) for r in readables])
        if EMBED_WEIGHT
        else sims
    )
    checks = []
    for i, text in enumerate(sentences):
        row = sims[i] if sims.shape[1] else np.zeros(1)
        best_sim = float(row.max()) if sims.shape[1] else 0.0
        reasons, facts, conflicting = [], [], False
        readable = readables[i]
        checkable = [f for f in sentence_facts(readable) if index.checkable(f)]
        aligned = context_alignment(text, readable, checkable, index, anchor_candidates)
        anchor = aligned.anchor
        if anchor is None:
            anchor = index.anchor(content_stems(without_facts(readable, checkable)), row)
        for fact in checkable:
            shown = _as_written(fact.text, text)  # what the summary wrote; ``fact`` is the case-free reading
            matches = {j: m for j in range(len(index.sentences)) if (m := index.match(fact, j)) is not None}
            if anchor is not None and anchor not in matches and (pronoun := index.referred(fact, anchor)):
                matches[anchor] = pronoun  # the anchor says "he" of the name its article just gave
            if matches:
                support, j = fact_support(fact, readable, matches, index, row, masked[i])
                facts.append(FactCheck(fact.kind, shown, support, "supported", _evidence(index, j, row[j])))
                continue
            status = "unsupported"
            rivals = index.rivals(fact, anchor) if fact.kind in ("number", "date") and anchor is not None else []
            if rivals:
                status, conflicting = "conflicting", True
                reasons.append(
                    f"{fact.kind} '{shown}' not in the sources; "
                    f"the closest source sentence says {', '.join(rivals)}"
                )
            else:
                reasons.append(f"{fact.kind} '{shown}' not found in the sources")
            facts.append(FactCheck(fact.kind, shown, 0.0, status))
        unsourced = _unsourced_names(text, readable, index)
        reasons += [f"name '{name}' not found in the sources" for name in unsourced]
        copied = aligned.copied or index.verbatim(text)
        flips = [] if copied or anchor is None else polarity_flips(readable, index.sentences[anchor].text)
        if flips:
            # Drawn from a source sentence that says the opposite of these words: one more fact, against.
            facts.append(FactCheck("negation", ", ".join(flips), 0.0, "conflicting", _evidence(index, anchor, row[anchor])))
            conflicting = True
            reasons.append(f"negation of '{', '.join(flips)}' differs from the source sentence it is drawn from")
        score = sentence_score(aligned.support, best_sim, [f.support for f in facts], copied, weights)
        why = _discrepancy_reason(text, index.discrepancies)
        if why:
            conflicting = True
            reasons.append(why)
        if conflicting:
            label = "conflicting"
        elif (
            unsourced
            or any(f.status == "unsupported" for f in facts)
            or max(best_sim, aligned.support) < support_threshold
        ):
            label = "unsupported"
            if max(best_sim, aligned.support) < support_threshold:
                reasons.append(
                    f"best source sentence similarity {best_sim:.2f} and word support {aligned.support:.2f} "
                    f"< {support_threshold}"
                )
        else:
            label = "supported"
        checks.append(
            SentenceCheck(
                text,
                label,
                round(score, 6),
                round(best_sim, 6),
                [_evidence(index, int(j), row[j]) for j in _evidence_order(anchor, row, top_evidence)],
                facts,
                reasons,
                words=round(aligned.support, 6),
                copied=copied,
            )
        )
    score = float(np.mean([c.score for c in checks])) if checks else 0.0
    support = float(np.mean([c.support for c in checks])) if checks else 0.0
    return ConsistencyResult(score, support, checks)
