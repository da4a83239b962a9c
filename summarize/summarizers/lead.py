"""The lead baseline: first sentences of each document, round-robin, within the word budget (those that can
stand in an extract first, those in their writer's voice after them; the polish stage passes over a sentence
that repeats a kept one's fact and takes the next in the round)."""

from __future__ import annotations

from itertools import zip_longest
from typing import Sequence

from summarize.config import RunConfig
from summarize.polish.standing import tiers
from summarize.provenance import source_sentences
from summarize.registry import SUMMARIZERS
from summarize.summarizers.base import run_info, select_within_budget
from summarize.types import Cluster, Draft


def round_robin_order(doc_of: Sequence[int]) -> list[int]:
    """Sentence indices visiting documents in turn: 1st of each, then 2nd of each, ...

    Example:
        >>> round_robin_order([0, 0, 1, 1, 1])
        [0, 2, 1, 3, 4]
    """
    per_doc: dict[int, list[int]] = {}
    for i, d in enumerate(doc_of):
        per_doc.setdefault(d, []).append(i)
    order = []
    for row in zip_longest(*per_doc.values()):
        order.extend(i for i in row if i is not None)
    return order


@SUMMARIZERS.register("lead")
class LeadSummarizer:
    """Lead baseline: round-robin over documents' first sentences up to max_words."""

    method = "lead"

    def __init__(self, config: RunConfig) -> None:
        self.config = config

    @classmethod
    def from_config(cls, config: RunConfig, **_: object) -> "LeadSummarizer":
        return cls(config)

    def draft_batch(self, clusters: Sequence[Cluster]) -> list[Draft]:
        return [self.draft(c) for c in clusters]

    def draft(self, cluster: Cluster) -> Draft:
        info = run_info(self.config, self.method)
        sources = source_sentences(cluster)
        # the round-robin over the sentences polish's fill takes first (``standing.tiers``), then over those in
        # their writer's voice, then the rest: the budget and the spares count sentences it can take
        first, voiced = tiers([s.text for s in sources])
        taken = set(first) | set(voiced)
        order = [tier[k] for tier in (first, voiced, [i for i in range(len(sources)) if i not in taken])
                 for k in round_robin_order([sources[i].doc_index for i in tier])]
        chosen = set(select_within_budget(order, [s.n_words for s in sources], self.config.max_words))
        # the ranked list polish fills the budget from: what fits, and as many sentences again that come after
        # in the round-robin (to stand in for repeats polish passes over)
        spare = [i for i in order if i not in chosen][: len(chosen)]
        ranked = [i for i in order if i in chosen or i in spare]
        return Draft(cluster.id, [sources[i].text for i in ranked], info, ranked=True,  # polish chooses, orders
                     origins=[sources[i].article_id for i in ranked],
                     positions=[(sources[i].doc_index, sources[i].index) for i in ranked])
