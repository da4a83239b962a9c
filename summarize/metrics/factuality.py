"""Offline factual consistency: facts and embedding support of each summary sentence against its sources.

For each summary sentence:
- every number, date, entity and gendered pronoun (``summarize.metrics.facts``) is looked up in the
  source sentences. A fact found scores ``0.5 + 0.4 * context + 0.1 * corroboration`` for the source
  sentence where its context is best: context mixes (a) how much of the summary sentence's words (the
  fact's own left out) that source sentence and its neighbours repeat, (b) how many of the words just
  before and just after the fact in the summary stand on the same side of it in the source sentence,
  and (c) the embedding similarity of the source sentence to the summary sentence with its facts cut
  out; corroboration is the share of articles stating the fact. So a fact found where the sentence is
  drawn from beats the same kind of fact found elsewhere (an entity swapped for another name of the
  sources scores lower), and a fact not found scores 0;
- embedding support is the best-matching source sentence (all-MiniLM-L6-v2 by default);
- a number or date missing from the sources while the source sentence this one is drawn from gives
  another one, a flipped negation of a near-identical source sentence, or one side of a cross-source
  discrepancy stated as settled fact makes the sentence ``conflicting``; a missing fact or weak support
  makes it ``unsupported``; otherwise it is ``supported``.

A sentence's score is 0.95 of its mean fact support plus 0.05 of its embedding support (its embedding
support alone when it states no fact), halved on a negation flip; the summary score is their mean.

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

from summarize.metrics.conflicts import Discrepancy, reconciled, side_value
from summarize.metrics.facts import is_negated
from summarize.metrics.source_index import SourceIndex, content_stems, fact_windows, sentence_facts, without_facts
from summarize.sentences import split_sentences
from summarize.types import Article  # noqa: F401  (doctest)

# Chosen on the first 150 examples of Multi-News and NeuS validation, by the worst corruption type
# (bench/factuality.py reports the other examples as held out): the words on each side of a fact in the
# summary and in the source sentence; the share of a fact's context score that comes from them rather
# than from the whole sentence; the share from the embedding similarity of the source sentence to the
# summary sentence with its facts cut out; and the share of a sentence's score from its embedding support
# (grid 0-0.5: 0.05 is best by the worst of number/date/entity there, and breaks negation ties).
WINDOW = (4, 6)
LOCAL_WEIGHT = 0.4  # share of a fact's context score that comes from the words right around it
CORROBORATION = 0.1  # share of a found fact's score from the share of articles stating it
EMBED_WEIGHT = 0.3  # share from the embedding similarity of that source sentence to the fact-less summary sentence
SUPPORT_WEIGHT = 0.05  # share of a sentence's score from its embedding support (chosen like the others)
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
    facts = sentence_facts(sentence)
    numbers = {f.value for f in facts if f.value is not None}
    lowered = sentence.lower()
    for d in discrepancies:
        stated = []
        for side in d.sides:
            if d.kind == "quantity":
                hit = side_value(side) in numbers and d.key.rstrip("s") in lowered
            else:
                names = [n.split()[-1].lower() for n in side.value.split(" / ")]
                hit = any(n in lowered for n in names) and d.key.split()[-1] in lowered
            if hit:
                stated.append(side)
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


def check_summary(
    summary: str | list[str], index: SourceIndex, support_threshold: float = 0.5, top_evidence: int = 3
) -> ConsistencyResult:
    """Check every sentence of ``summary`` against the sources in ``index``."""
    sentences = split_sentences(summary) if isinstance(summary, str) else list(summary)
    sims = index.similarities(sentences)
    # The sentences with their facts cut out: what a fact's source sentence should say around it.
    masked = (
        index.similarities([without_facts(t, sentence_facts(t)) for t in sentences])
        if EMBED_WEIGHT
        else sims
    )
    checks = []
    for i, text in enumerate(sentences):
        row = sims[i] if sims.shape[1] else np.zeros(1)
        order = np.argsort(-row)[:top_evidence] if sims.shape[1] else []
        best_sim = float(row.max()) if sims.shape[1] else 0.0
        reasons, facts, conflicting = [], [], False
        checkable = [f for f in sentence_facts(text) if index.checkable(f)]
        rest = content_stems(without_facts(text, checkable))
        anchor = index.anchor(rest, row)
        for fact in checkable:
            matches = {j: m for j in range(len(index.sentences)) if (m := index.match(fact, j)) is not None}
            if matches:
                own = content_stems(fact.text)
                found = fact_windows(text, fact.text, WINDOW[0])
                window = tuple(side - own for side in found[0]) if found else (frozenset(), frozenset())
                around = content_stems(text.replace(fact.text, " ")) - own  # other facts count as context
                context = {}
                for j, surface in matches.items():
                    near = index.local(window, j, surface, WINDOW[1])
                    ctx = index.context(around, j)
                    lexical = ctx if near is None else (1 - LOCAL_WEIGHT) * ctx + LOCAL_WEIGHT * near
                    context[j] = (1 - EMBED_WEIGHT) * lexical + EMBED_WEIGHT * max(float(masked[i, j]), 0.0)
                j = max(matches, key=lambda k: (context[k], row[k]))
                stated_by = len({index.sentences[k].doc_index for k in matches}) / index.n_articles
                facts.append(
                    FactCheck(
                        fact.kind,
                        fact.text,
                        0.5 + (0.5 - CORROBORATION) * context[j] + CORROBORATION * stated_by,
                        "supported",
                        _evidence(index, j, row[j]),
                    )
                )
                continue
            status = "unsupported"
            rivals = index.rivals(fact, anchor) if fact.kind in ("number", "date") and anchor is not None else []
            if rivals:
                status, conflicting = "conflicting", True
                reasons.append(
                    f"{fact.kind} '{fact.text}' not in the sources; "
                    f"the closest source sentence says {', '.join(rivals)}"
                )
            else:
                reasons.append(f"{fact.kind} '{fact.text}' not found in the sources")
            facts.append(FactCheck(fact.kind, fact.text, 0.0, status))
        score = float(np.mean([f.support for f in facts])) if facts else max(best_sim, 0.0)
        if facts:  # the embedding of the whole sentence notices what its facts' lookups do not
            score = (1 - SUPPORT_WEIGHT) * score + SUPPORT_WEIGHT * max(best_sim, 0.0)
        if (
            anchor is not None
            and not index.verbatim(text)
            and is_negated(text) != is_negated(index.sentences[anchor].text)
        ):
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
        checks.append(
            SentenceCheck(
                text,
                label,
                round(score, 6),
                round(best_sim, 6),
                [_evidence(index, int(j), row[j]) for j in order],
                facts,
                reasons,
            )
        )
    score = float(np.mean([c.score for c in checks])) if checks else 0.0
    support = float(np.mean([c.support for c in checks])) if checks else 0.0
    return ConsistencyResult(score, support, checks)
