"""Tracing summary sentences to the source sentences (and articles) they draw on.

Each summary sentence is compared with every source sentence of its cluster by embedding similarity;
the best-matching sentence of each article above a threshold is its evidence, and those articles are
its sources. A sentence always lists at least its best match, so every sentence has a source.
"""

from __future__ import annotations

import numpy as np

from summarize.embed import Embedder, fitted_per_call
from summarize.text.lexicon import overlap
from summarize.text.sentences import split_sentences
from summarize.types import Cluster, Evidence, SourceSentence, SummarySentence


def source_sentences(cluster: Cluster) -> list[SourceSentence]:
    """Every sentence of every article in ``cluster``, in document order: split once and kept with the cluster
    (``Cluster.split``), which every later stage reads; articles changed since are split again.

    Example:
        >>> from summarize.types import Article
        >>> [s.index for s in source_sentences(Cluster("c", [Article("a", "One. Two.")]))]
        [0, 1]
    """
    key = tuple((a.id, a.text) for a in cluster.articles)  # the texts themselves (same objects: compared by identity)
    if cluster.split is None or cluster.split[0] != key:
        cluster.split = (key, [SourceSentence(a.id, d, i, s) for d, a in enumerate(cluster.articles)
                               for i, s in enumerate(split_sentences(a.text))])
    return cluster.split[1]


def attribute(
    sentences: list[str],
    sources: list[SourceSentence],
    embedder: Embedder,
    source_vectors: np.ndarray | None = None,
    threshold: float = 0.6,
    max_evidence: int = 3,
    min_overlap: float = 0.0,
    own: list[str | None] | None = None,
    summary_vectors: np.ndarray | None = None,
    also: list[list[str]] | None = None,
) -> list[SummarySentence]:
    """Attach sources and evidence to each summary sentence.

    ``own[i]`` names the article sentence ``i`` was copied from (extractive), always listed first;
    ``summary_vectors`` saves re-encoding sentences whose vectors the caller already has; ``also[i]`` names
    other articles known to state sentence ``i``'s fact (their best-matching sentence becomes evidence). A
    sentence above ``threshold`` cites its article only when it also shares ``min_overlap`` of the summary
    sentence's content words (``lexicon.overlap``): a similar topic is not support.

    Example:
        >>> from summarize.embed import get_embedder
        >>> src = [SourceSentence("a", 0, 0, "Putin landed in Pyongyang."), SourceSentence("b", 1, 0, "Stocks fell.")]
        >>> attribute(["Putin landed in Pyongyang today."], src, get_embedder("tfidf"))[0].sources
        ['a']
    """
    if not sentences:
        return []
    if not sources:
        return [SummarySentence(text=s, sources=[]) for s in sentences]
    tfidf = fitted_per_call(embedder)
    if source_vectors is None and summary_vectors is not None and not tfidf:
        source_vectors = embedder.encode([s.text for s in sources])  # the sentences' vectors came from polish
    elif source_vectors is None or tfidf:
        # TF-IDF must share one vocabulary between both sides.
        vecs = embedder.encode([s.text for s in sources] + list(sentences))
        source_vectors, summary_vectors = vecs[: len(sources)], vecs[len(sources) :]
    elif summary_vectors is None:
        summary_vectors = embedder.encode(list(sentences))
    sims = summary_vectors @ source_vectors.T
    article_ids = list(dict.fromkeys(s.article_id for s in sources))
    out = []
    for i, text in enumerate(sentences):
        best: dict[str, tuple[float, SourceSentence]] = {}
        for j, src in enumerate(sources):
            score = float(sims[i, j])
            if src.article_id not in best or score > best[src.article_id][0]:
                best[src.article_id] = (score, src)
        ranked = sorted(best.values(), key=lambda t: -t[0])
        supported = [(sc, s) for sc, s in ranked
                     if sc >= threshold and (not min_overlap or overlap(text, s.text) >= min_overlap)]
        chosen = supported[:max_evidence] or ranked[:1]
        ids = [s.article_id for _, s in chosen]
        mine = own[i] if own else None
        if mine is not None and mine in best:
            if mine in ids:
                chosen.insert(0, chosen.pop(ids.index(mine)))
            else:
                chosen.insert(0, best[mine])
        listed = {s.article_id for _, s in chosen}
        chosen += [best[a] for a in (also[i] if also else []) if a in best and a not in listed]
        evidence = [Evidence(s.article_id, s.index, s.text, round(sc, 4)) for sc, s in chosen]
        sources_out = sorted({e.article_id for e in evidence}, key=lambda a: (a != mine, article_ids.index(a)))
        out.append(SummarySentence(text=text, sources=sources_out, evidence=evidence))
    return out
