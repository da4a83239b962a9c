"""``attribution`` and ``readability``: the stages after generation (polish, attribute)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from summarize.config.schema import check_choices
from summarize.errors import ConfigError


@dataclass
class AttributionConfig:
    """Tracing each summary sentence to its source sentences: one stage, the same for every summarizer."""

    embedder: str = "minilm"
    """minilm (offline all-MiniLM-L6-v2) | tfidf | any sentence-transformers model name or path."""
    threshold: float = 0.6
    """Cosine at which a source sentence counts as evidence (the best match always does)."""
    min_overlap: float = 0.12
    """Content-word (stem) Jaccard overlap a source sentence must also reach to cite its article: a similar
    topic is not support. Set on the dev half of tests/fixtures/citation_labels.jsonl (85 hand-labelled
    citations): precision 0.77 -> 0.85 there, 0.58 -> 0.70 on the other half (recall 0.84). 0: cosine only."""
    max_evidence: int = 3
    """Most source sentences listed as a summary sentence's evidence."""

    def __post_init__(self) -> None:
        if not -1.0 <= self.threshold <= 1.0 or self.max_evidence < 1 or not 0.0 <= self.min_overlap <= 1.0:
            raise ConfigError("attribution: need -1 <= threshold <= 1, 0 <= min_overlap <= 1 and max_evidence >= 1")


@dataclass
class ReadabilityConfig:
    """What makes a summary read well and say where its sources differ (summarize/polish/), each part
    switchable. The one threshold was set on the dev half of tests/fixtures/paraphrase_pairs.jsonl
    (hand-labelled pairs; bench/readability.py reports the test half)."""

    redundancy: bool = True
    """Two sentences that state the same fact are one: the summary keeps the most specific version and
    cites every article that states it."""
    paraphrase_threshold: float = 0.85
    """Same fact when embedding cosine + Jaccard overlap of content-word stems reaches this, and no number
    differs between them (0.85: cosine 0.70 needs 15% of the content words shared)."""
    resolve_references: bool = True
    """Rewrite a pronoun opener whose referent is not the previous sentence's subject ("He" -> "Putin") and a
    bare surname at its first mention ("Putin" -> "Russian President Vladimir Putin"), recorded as edits."""
    quotation_speakers: bool = True
    """An extract takes a quotation that is all a sentence says where the sentence before it in its article
    names the speaker (the polish stage then attributes it: '"They were gone fast," Leon Thomas said.'),
    others only to fill the word budget; false ranks them as any sentence (Multi-News extractive: 28 more
    quotations no one is named for, ROUGE-2 +0.30; bench/results/summary_faults_speakerless_ext_mn.json)."""
    order: Literal["timeline", "source"] = "timeline"
    """timeline (by the articles' publication times where every cited article has one, else source order) |
    source (sentence position, then article order)."""
    discrepancies: bool = True
    """Find where the sources differ (figures, office holders) and carry it in the output."""
    annotate_discrepancies: bool = True
    """In text and Markdown, follow a sentence that states one side of a discrepancy with the other sides."""

    def __post_init__(self) -> None:
        check_choices(self, "readability.")
        if not 0.0 < self.paraphrase_threshold <= 2.0:
            raise ConfigError("readability.paraphrase_threshold must be in (0, 2]")
