"""``clean``: boilerplate, page furniture, normalisation and duplicates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from summarize.errors import ConfigError
from summarize.furniture import RULES as FURNITURE_RULES


@dataclass
class CleanConfig:
    """Boilerplate removal, normalisation and de-duplication."""

    default_patterns: bool = True
    """Use the built-in boilerplate patterns (ads, 'Also Read' teasers, share buttons, credits)."""
    extra_patterns: list[str] = field(default_factory=list)
    """More regular expressions; a paragraph matching one (case-insensitive, from its start) is dropped."""
    near_duplicate_threshold: float = 0.8
    """Jaccard similarity of word 5-gram shingles above which a later article is a duplicate."""
    dedupe_sentences: bool = True
    """Drop a sentence repeated inside one article."""
    min_article_words: int = 5
    """Articles with fewer words after cleaning are dropped with a warning."""
    furniture: list[str] = field(default_factory=lambda: list(FURNITURE_RULES))
    """Page-furniture rules in force (summarize/furniture.py): headline, dateline, byline, caption, credit, link,
    publisher_voice, reader_appeal, media_reference, embedded_post (a tweet or Instagram post, by its signature),
    teaser (an index page: other stories' teasers cut off in "...", the whole page goes); ``[]`` for none. Each
    removal is recorded in the article's metadata (``furniture_removed``: what and why)."""
    extra_furniture: list[str] = field(default_factory=list)
    """More regular expressions (case-insensitive, searched in each sentence); a matching sentence is removed."""
    max_article_chars: int = 2_000_000
    """Longer articles are cut to this many characters (at a space), with a warning: one huge input cannot
    stall a batch. Every stage's cost per article is linear in its length up to here (bench/input_scale.py)."""

    def __post_init__(self) -> None:
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("clean.near_duplicate_threshold must be in (0, 1]")
        if self.min_article_words < 0:
            raise ConfigError("clean.min_article_words must be >= 0")
        from summarize.furniture import FurnitureFilter

        FurnitureFilter(self.furniture, self.extra_furniture)  # unknown rules and bad patterns fail here
        if self.max_article_chars < 1000:
            raise ConfigError("clean.max_article_chars must be >= 1000")
        for pattern in self.extra_patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"clean.extra_patterns: invalid regular expression {pattern!r}: {exc}") from None
