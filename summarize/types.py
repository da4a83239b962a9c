"""The few dataclasses passed between pipeline stages.

load -> ``Article`` -> clean -> ``Cluster`` -> summarize -> ``Draft`` -> attribute -> ``Summary`` (with
per-sentence provenance).
Stages exchange these objects, never ad-hoc dicts; ``to_dict()`` gives the JSON form used in outputs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from summarize.text.sentences import count_words


@dataclass
class Article:
    """One news article.

    Example:
        >>> Article(id="a1", text="Putin arrived in Pyongyang.", source="ap.org").id
        'a1'
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_at: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def about(self) -> dict[str, str]:
        """Its id with whichever of title, source, url and published_at it has: what names it to a reader.

        Example:
            >>> Article("a1", "Putin arrived.", title="Putin in Pyongyang", url="https://x.org/a").about()
            {'id': 'a1', 'title': 'Putin in Pyongyang', 'url': 'https://x.org/a'}
        """
        return {"id": self.id, **{k: str(v) for k in ("title", "source", "url", "published_at")
                                  if (v := getattr(self, k)) not in (None, "")}}

    @staticmethod
    def named(articles: Sequence[Article]) -> list[dict[str, str]]:
        """``about()`` of those of ``articles`` that have more than an id (what outputs list as ``articles``).

        Example:
            >>> Article.named([Article("a1", "x", title="Putin in Pyongyang"), Article("a2", "y")])
            [{'id': 'a1', 'title': 'Putin in Pyongyang'}]
        """
        return [about for a in articles if len(about := a.about()) > 1]

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"Article.id must be a non-empty string, got {self.id!r}")
        if not isinstance(self.text, str):
            raise TypeError(f"Article {self.id!r}: text must be a string, got {type(self.text).__name__}")


@dataclass(frozen=True)
class SourceSentence:
    """A sentence of a cluster's article, with its position."""

    article_id: str
    doc_index: int
    index: int
    text: str

    @property
    def n_words(self) -> int:
        return count_words(self.text)


@dataclass
class Cluster:
    """A group of articles about one event; the unit that gets one summary.

    ``reference`` holds a gold summary when the input carried one (shared JSONL schema).

    Example:
        >>> c = Cluster(id="c1", articles=[Article("a", "x"), Article("b", "y")])
        >>> c.article_ids
        ['a', 'b']
    """

    id: str
    articles: list[Article]
    label: str | None = None
    reference: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    split: tuple[tuple, list[SourceSentence]] | None = field(default=None, repr=False, compare=False)
    """Its articles' sentences, split once (``provenance.source_sentences``) with the ``(id, text)`` pairs
    they come from (not a ``hash()``: that differs between processes, and the split travels to Ray actors
    with the cluster from the clean stage to attribution)."""
    people: tuple[list[SourceSentence], Any] | None = field(default=None, repr=False, compare=False)
    """The people its sources name (``polish.people.NameTable``), learned once from ``split``'s sentences
    (``polish.people.people_of``) for the extractive summarizer and the polish stage alike."""

    @property
    def article_ids(self) -> list[str]:
        return [a.id for a in self.articles]


@dataclass
class Evidence:
    """A source sentence that a summary sentence draws on."""

    article_id: str
    sentence_index: int
    text: str
    score: float


@dataclass
class SummarySentence:
    """One summary sentence and the articles (and sentences) it draws on.

    Example:
        >>> SummarySentence("Putin visited.", sources=["a1"]).sources
        ['a1']
    """

    text: str
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    edits: list[dict[str, str]] = field(default_factory=list)  # {"from", "to", "why"}: rewrites of the source text
    discrepancies: list[dict[str, Any]] = field(default_factory=list)  # the sides of a disagreement it states


@dataclass
class RunInfo:
    """How a summary was made: enough to reproduce it."""

    method: str
    model: str | None = None
    config_hash: str | None = None
    versions: dict[str, str] = field(default_factory=dict)
    fallback_reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    input_hash: str | None = None  # how the input was read and cleaned (``RunConfig.input_hash``)
    code_hash: str | None = None  # the code that made it (``fingerprints.run_code_hash``)
    model_hash: str | None = None  # the checkpoint that made it (``fingerprints.checkpoint_fingerprint``)
    embed_precision: str | None = None  # what the sentence embedder computed in here: fp32 | bf16


@dataclass
class Draft:
    """A summarizer's sentences before the attribution stage traces them to their sources.

    ``origins[i]`` names the article sentence ``i`` was copied from (extracts), ``positions[i]`` where it
    stands there (the polish stage puts extracts in reading order by them); ``embedded`` holds
    ``(embedder name, source-sentence vectors, sentence vectors)`` a summarizer already computed, which
    attribution reuses when it uses the same embedder; ``read`` is how many sentences of each article those
    source vectors cover (the summarizer read each article's first ones; None: all), and attribution then
    traces to those sentences. ``ranked`` marks an extract handed over as a ranked list longer than the word
    budget: the polish stage keeps, in that order, the sentences that fit and repeat no kept one.

    Example:
        >>> Draft("c1", ["Putin visited."], RunInfo(method="abstractive")).origins is None
        True
    """

    cluster_id: str
    sentences: list[str]
    run: RunInfo
    origins: list[str | None] | None = None
    embedded: tuple[str, Any, Any] | None = None
    support: list[list[str]] | None = None  # per sentence: other articles that state the same fact
    edits: list[list[dict[str, str]]] | None = None  # per sentence: rewrites ({"from", "to", "why"})
    read: int | None = None  # sentences of each article that ``embedded``'s source vectors cover
    positions: list[tuple[int, int]] | None = None  # an extract's sentences: (article's place, sentence index)
    ranked: bool = False  # sentences in rank order, more than the budget holds: polish chooses among them


@dataclass
class Summary:
    """The consolidated summary of one cluster.

    Example:
        >>> s = Summary("c1", "A. B.", [SummarySentence("A.", ["x"]), SummarySentence("B.", ["y"])],
        ...             RunInfo(method="lead"))
        >>> s.to_dict()["method"], s.word_count
        ('lead', 2)
    """

    cluster_id: str
    text: str
    sentences: list[SummarySentence]
    run: RunInfo
    reference: str | None = None
    article_ids: list[str] = field(default_factory=list)  # the cluster's articles (cited or not)
    label: str | None = None  # the event's name, for clusters found by clustering
    discrepancies: list[dict[str, Any]] = field(default_factory=list)  # where the cluster's sources differ
    articles: list[dict[str, str]] = field(default_factory=list)  # ``Article.about`` of those with a title, url...
    dropped: list[dict[str, str]] = field(default_factory=list)  # ``{"id", "reason"}`` of articles cleaning dropped

    @property
    def word_count(self) -> int:
        return count_words(self.text)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written by ``summarize run -o``: one object per cluster."""
        out: dict[str, Any] = {
            "id": self.cluster_id,
            "summary": self.text,
            "sentences": [
                {"text": s.text, "sources": list(s.sources), "evidence": [asdict(e) for e in s.evidence],
                 **({"edits": list(s.edits)} if s.edits else {}),
                 **({"discrepancies": list(s.discrepancies)} if s.discrepancies else {})}
                for s in self.sentences
            ],
            "discrepancies": list(self.discrepancies),
            "method": self.run.method,
            "model": self.run.model,
            "config_hash": self.run.config_hash,
            "input_hash": self.run.input_hash,
            "code_hash": self.run.code_hash,
            "model_hash": self.run.model_hash,
            "embed_precision": self.run.embed_precision,
            "versions": dict(self.run.versions),
            "warnings": list(self.run.warnings),
        }
        if self.label is not None:
            out["label"] = self.label
        if self.article_ids:
            out["article_ids"] = list(self.article_ids)
        if self.articles:
            out["articles"] = [dict(a) for a in self.articles]
        if self.dropped:
            out["dropped"] = [dict(d) for d in self.dropped]
        if self.run.fallback_reason:
            out["fallback_reason"] = self.run.fallback_reason
        if self.reference is not None:
            out["reference"] = self.reference
        return out


@dataclass
class Side:
    """One version of a fact and where it is stated."""

    value: str
    article_ids: list[str]
    qualifiers: list[str] = field(default_factory=list)
    time_frames: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


@dataclass
class Discrepancy:
    """Where the articles of one event state different facts (``text.conflicts``): a ``kind`` (quantity, role,
    date), what differs (``key``: "containers", "deputy prime minister", "day") and each version."""

    kind: str
    key: str
    sides: list[Side]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
