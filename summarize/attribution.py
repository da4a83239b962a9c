"""The attribute stage: every summarizer's sentences traced to the source sentences and articles they
draw on, by one embedder and one threshold (``attribution`` config), once per summary.

Example:
    >>> from summarize.config import AttributionConfig
    >>> from summarize.types import Article, Cluster, Draft, RunInfo
    >>> c = Cluster("c", [Article("a", "Putin landed in Pyongyang."), Article("b", "Stocks fell sharply.")])
    >>> s = Attributor(AttributionConfig(embedder="tfidf"))(Draft("c", ["Putin landed in Pyongyang today."], RunInfo("x")), c)
    >>> s.sentences[0].sources, s.text
    (['a'], 'Putin landed in Pyongyang today.')
"""

from __future__ import annotations

from dataclasses import replace

from summarize.config import AttributionConfig
from summarize.embed import Embedder, embedder_key, embedder_or_tfidf
from summarize.provenance import attribute, source_sentences
from summarize.types import Cluster, Draft, Summary


class Attributor:
    """Turns a ``Draft`` into a ``Summary`` whose sentences carry their sources and evidence."""

    def __init__(self, config: AttributionConfig | None = None, embedder: Embedder | None = None,
                 precision: str = "auto") -> None:
        """``precision``: the configured embedder's (``RunConfig.embed_precision``), when none is given."""
        self.config, self.precision = config or AttributionConfig(), precision
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        """The configured embedder, loaded once; TF-IDF (with a warning) when its package is missing."""
        if self._embedder is None:
            self._embedder = embedder_or_tfidf(self.config.embedder, self.precision, "tracing sources")
        return self._embedder

    def __call__(self, draft: Draft, cluster: Cluster) -> Summary:
        sources = source_sentences(cluster)
        keep = [i for i, t in enumerate(draft.sentences) if t.strip()]
        texts = [draft.sentences[i] for i in keep]
        if not texts or not sources:
            return Summary(cluster.id, "", [], draft.run, reference=cluster.reference)
        origins = [draft.origins[i] for i in keep] if draft.origins else None
        source_vectors = summary_vectors = None
        read = [s for s in sources if s.index < draft.read] if draft.read is not None else sources
        if draft.embedded and draft.embedded[0] == embedder_key(self.embedder) and len(texts) == len(draft.sentences):
            _, read_vectors, sentence_vectors = draft.embedded
            if read_vectors is None:  # polish embedded the sentences (a generated draft): not the sources
                summary_vectors = sentence_vectors
            elif len(read_vectors) == len(read):  # the summarizer embedded these very sentences and its sources
                source_vectors, summary_vectors = read_vectors, sentence_vectors
                sources = read  # the sentences it read: what its sentences are traced to
        sentences = attribute(texts, sources, self.embedder, source_vectors=source_vectors,
                              threshold=self.config.threshold, max_evidence=self.config.max_evidence,
                              min_overlap=self.config.min_overlap,
                              own=origins, summary_vectors=summary_vectors,
                              also=[draft.support[i] for i in keep] if draft.support else None)
        if draft.edits:
            sentences = [replace(s, edits=list(draft.edits[i])) if draft.edits[i] else s for s, i in zip(sentences, keep)]
        return Summary(cluster.id, " ".join(texts), sentences, draft.run, reference=cluster.reference)
