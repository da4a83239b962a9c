"""Redundancy by meaning: when two sentences state the same fact.

Embedding cosine alone does not separate them: on the bundled example three reports of Kim greeting Putin
pair at 0.67-0.70 while distinct sentences of the same story reach 0.61-0.66. What the sentences assert
separates them better, so the rule adds to the cosine the share of content-word stems the two have in
common (Jaccard) and vetoes pairs whose numbers differ ("six months" vs "three months" is not a repeat):

    same fact  <=>  cosine + Jaccard(content stems) >= threshold (0.85)  and  no differing numbers

The threshold is the one number here. It was set on the dev half of the hand-labelled pairs in
tests/fixtures/paraphrase_pairs.jsonl (the example's pairs and half of the Multi-News clusters);
bench/readability.py reports the rule and the cosine alone on both halves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from summarize.embed import fitted_per_call

PARAPHRASE_THRESHOLD = 0.85
MIN_COSINE = 0.5  # below this no pair in the labelled set was the same fact: not worth the word comparison
# News events reported with different verbs: stems of one group count as one word ("touched down" = "arrived").
EVENT_VERBS = {stem: group for group, stems in {
    "arriv": ("arriv", "land", "touch"), "greet": ("greet", "welcom", "receiv", "embrac"),
    "kill": ("kill", "die", "dead", "death", "slain"), "injur": ("injur", "wound", "hurt"),
    "arrest": ("arrest", "detain", "custodi"), "charg": ("charg", "indict"), "resign": ("resign", "quit"),
    "sentenc": ("sentenc", "jail", "imprison"), "fire": ("fire", "dismiss", "oust", "sack"),
}.items() for stem in stems}
# Where a sentence's main clause ends: before a participle or a subordinate clause ("..., stating ...").
_CLAUSE_END = re.compile(r",\s+(?=(?:\w+ing|which|who|while|whereas|although|but|as|after|before|according|despite|"
                         r"amid|amidst|where|with)\b)|;\s+|\s+[—–]\s+|\s+--\s+")


def main_clause(sentence: str) -> str:
    """The sentence up to its first subordinate clause, when that leaves five words or more.

    Example:
        >>> main_clause("Just after dawn Wednesday, Putin touched down in North Korea, stating both aims.")
        'Just after dawn Wednesday, Putin touched down in North Korea'
    """
    head = _CLAUSE_END.split(sentence, maxsplit=1)[0]
    return head if len(head.split()) >= 5 and head != sentence else sentence


@dataclass(frozen=True)
class Assertion:
    """What a sentence asserts, as far as redundancy needs: content stems, numbers and dates, names."""

    stems: frozenset[str]
    quantities: frozenset[str]
    names: frozenset[str]
    digits: frozenset[str] = frozenset()  # numbers written in digits


def assertion(sentence: str) -> Assertion:
    """The content stems, quantities and names of ``sentence``.

    Example:
        >>> a = assertion("Putin arrived in Pyongyang on Wednesday with 300 aides.")
        >>> sorted(a.quantities), sorted(a.names)
        ([('date', 'wednesday'), ('number', '300')], ['putin', 'pyongyang'])
    """
    from summarize.text.facts import extract_facts
    from summarize.text.lexicon import content_stems

    facts = extract_facts(sentence)
    return Assertion(frozenset(EVENT_VERBS.get(w, w) for w in content_stems(sentence)),
                     frozenset((f.kind, f.key) for f in facts if f.kind in ("number", "date")),
                     frozenset(f.key for f in facts if f.kind == "entity"),
                     frozenset(re.findall(r"\d[\d,.]*\d|\d", sentence)))


def overlap(a: Assertion, b: Assertion) -> float:
    """Jaccard similarity of the two sentences' content stems."""
    union = len(a.stems | b.stems)
    return len(a.stems & b.stems) / union if union else 0.0


def numbers_differ(a: Assertion, b: Assertion) -> bool:
    """Both state numbers in digits and none of them in common ("two countries" is not a figure)."""
    return bool(a.digits and b.digits and not a.digits & b.digits)


def pair_score(a: Assertion, b: Assertion, cosine: float) -> float:
    """Cosine plus content-word Jaccard, 0 when the two state different figures."""
    return 0.0 if cosine < MIN_COSINE or numbers_differ(a, b) else cosine + overlap(a, b)


def same_fact(a: Assertion, b: Assertion, cosine: float, threshold: float = PARAPHRASE_THRESHOLD,
              heads: tuple[Assertion, Assertion, float] | None = None) -> bool:
    """The paraphrase rule (module docstring), on the whole sentences or, with ``heads`` (their main
    clauses' assertions and cosine), on either.

    Example:
        >>> x = assertion("Kim Jong Un greeted Putin at the airport with a hug.")
        >>> y = assertion("Upon landing, Kim Jong Un greeted Putin with a handshake and a hug.")
        >>> same_fact(x, y, cosine=0.69), same_fact(x, assertion("Kim hosted a banquet for Putin."), cosine=0.55)
        (True, False)
    """
    if numbers_differ(a, b):
        return False
    score = pair_score(a, b, cosine)
    if heads is not None:
        score = max(score, pair_score(heads[0], heads[1], heads[2]))
    return score >= threshold


class RedundancyIndex:
    """Sentences' assertions and vectors (whole and main clause), computed once, for same-fact questions."""

    def __init__(self, texts: Sequence[str], vectors: np.ndarray, threshold: float = PARAPHRASE_THRESHOLD,
                 embedder=None, only: Sequence[int] | None = None, head_vectors: np.ndarray | None = None) -> None:
        """``embedder`` encodes main clauses (else the whole sentence's vector stands for it); ``only`` limits
        that to the sentences that can be asked about; ``head_vectors`` are the main clauses' vectors when the
        caller embedded them already (with its other texts, in one call)."""
        self.texts = list(texts)
        self.vectors = vectors
        self.threshold = threshold
        self.heads = [main_clause(t) for t in self.texts]
        self.head_vectors = vectors if head_vectors is None else head_vectors
        asked = set(range(len(self.texts)) if only is None else only)
        differ = [i for i, (h, t) in enumerate(zip(self.heads, self.texts)) if h != t and i in asked]
        if head_vectors is None and embedder is not None and differ and not fitted_per_call(embedder):
            self.head_vectors = np.array(vectors, copy=True)
            self.head_vectors[differ] = embedder.encode([self.heads[i] for i in differ])
        self._assertions: dict[tuple[int, bool], Assertion] = {}
        self._units: dict[int, list[int]] = {}

    def assertion(self, i: int, head: bool = False) -> Assertion:
        if (i, head) not in self._assertions:
            self._assertions[(i, head)] = assertion(self.heads[i] if head else self.texts[i])
        return self._assertions[(i, head)]

    def same(self, i: int, j: int) -> bool:
        cos = float(self.vectors[i] @ self.vectors[j])
        cos_head = float(self.head_vectors[i] @ self.head_vectors[j])
        if max(cos, cos_head) < MIN_COSINE:
            return False
        return same_fact(self.assertion(i), self.assertion(j), cos, self.threshold,
                         heads=(self.assertion(i, True), self.assertion(j, True), cos_head))

    def unit(self, i: int, pool: Sequence[int]) -> list[int]:
        """The members of ``pool`` that state the same fact as ``i`` (``i`` first)."""
        return [i] + [j for j in pool if j != i and self.same(i, j)]

    def repeats(self, i: int, chosen: Sequence[int], pool: Sequence[int]) -> bool:
        """Whether ``i`` states the fact of a chosen sentence, or of a sentence in that one's unit (one step
        of transitivity: "touched down" = "has arrived" = "visits for the first time")."""
        for c in chosen:
            if self.same(i, c):
                return True
            if c not in self._units:
                self._units[c] = self.unit(c, pool)[1:]
            if any(self.same(i, m) for m in self._units[c] if m != i):
                return True
        return False


def drop_repeats(texts: Sequence[str], vectors: np.ndarray, threshold: float = PARAPHRASE_THRESHOLD,
                 embedder=None) -> list[int]:
    """Indices of ``texts`` to keep: each sentence that repeats an earlier kept one's fact is left out (for
    generated summaries, whose sentences were not chosen against each other).

    Example:
        >>> import numpy as np
        >>> v = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
        >>> drop_repeats(["Kim greeted Putin at the airport.", "Kim greeted Putin at the airport on arrival.",
        ...               "Trade was discussed."], v)
        [0, 2]
    """
    index = RedundancyIndex(texts, vectors, threshold, embedder)
    kept: list[int] = []
    for i in range(len(texts)):
        if not any(index.same(i, k) for k in kept):
            kept.append(i)
    return kept


def words_key(text: str) -> str:
    """A sentence's words, case and punctuation aside: two sentences with the same key say the same words.

    Example:
        >>> words_key("Kim met him!") == words_key("kim met him")
        True
    """
    return " ".join(re.findall(r"\w+", text.lower()))


def fill(texts: Sequence[str], budget: int, index: "RedundancyIndex | None" = None) -> list[int]:
    """Indices of a ranked list to keep: in rank order, each sentence that fits the word budget, states no
    kept sentence's fact (by ``index``; without one, no kept sentence's words) and can stand in an extract
    (``standing.tiers``, as extractive's candidates: a statement, mostly words, no lead-in to what follows
    it, no rest of a cut sentence, where lead's round-robin met section headings, captions, photo credits and
    live-blog times; a sentence in its writer's voice only in the room the others leave). With none of
    those this is the budget rule every extract uses (``select_within_budget``), so such a list keeps the
    same.

    Example:
        >>> fill(["Kim met Putin.", "Putin arrived today.", "kim met putin.", "He said:", "The Visit",
        ...       "Trade rose sharply."], budget=9)
        [0, 1, 5]
        >>> fill(["Were you there?", "What did you see?"], budget=9)
        [0, 1]
    """
    from summarize.polish.standing import tiers
    from summarize.text.sentences import count_words

    chosen, total, seen = [], 0, set()
    for tier in tiers(texts):  # in rank order; the writer's voice only in the room the rest leaves
        for i in tier:
            words = count_words(texts[i])
            key = words_key(texts[i])
            if total + words > budget or (key and key in seen):
                continue
            if index is not None and any(index.same(i, c) for c in chosen):
                continue
            chosen.append(i)
            total += words
            seen.add(key)
    return sorted(chosen)
