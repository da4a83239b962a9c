"""``load``: how input files map onto articles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from summarize.config.schema import check_choices


@dataclass
class LoadConfig:
    """How input files map onto articles (column names for JSONL/CSV/datasets)."""

    text_field: str = "text"
    """Column holding an article's text (JSONL/CSV of articles)."""
    id_field: str = "id"
    """Column holding an article's or cluster's id; row number when absent."""
    title_field: str = "title"
    """Column holding an article's title."""
    source_field: str = "source"
    """Column holding an article's outlet (cited where sources differ)."""
    url_field: str = "url"
    """Column holding an article's URL."""
    date_field: str = "published_at"
    """Column holding an article's publication date (reading order, online clustering, dates)."""
    documents_field: str = "documents"
    """Column holding a cluster's list of documents (shared schema) or a `|||||`-joined string."""
    summary_field: str = "summary"
    """Column holding a gold summary, kept as the cluster's reference."""
    doc_separator: str = "|||||"
    """Separator inside a joined documents string (Multi-News style)."""
    split: str = "validation"
    """Split read from a Hugging Face dataset."""
    title_line: Literal["auto", "always", "never"] = "auto"
    """Whether a JSONL/CSV/dataset document's first line is its headline, moved to the article's title (out of
    the text the summarizers extract from and the model reads): ``auto`` where nearly every document of the
    file opens with a line of its own of at most 25 words (95% of them, 10 or more; NeuS and BBC do,
    Multi-News 40%), ``always``, ``never``. A ``title`` column is used as it is."""

    feed_pages: bool = False
    """Read each news-feed item's page (its link, over HTTP) for the full article, where a feed carries only
    descriptions (most do); an item whose page cannot be read keeps its description, and one warning counts
    them."""

    def __post_init__(self) -> None:
        check_choices(self, "load.")
