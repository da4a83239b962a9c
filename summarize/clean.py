"""Cleaning: boilerplate paragraphs, unicode/whitespace normalisation, duplicate articles and sentences.

Example:
    >>> from summarize.types import Article, Cluster
    >>> c = Cluster("c", [Article("a", "Putin arrived in Pyongyang on Wednesday morning.\\n- Advertisement -\\nKim met him.")])
    >>> clean_cluster(c).articles[0].text
    'Putin arrived in Pyongyang on Wednesday morning.\\nKim met him.'
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections import Counter
from dataclasses import replace
from typing import Sequence

from summarize.config import CleanConfig
from summarize.errors import ConfigError, SummarizeWarning
from summarize.furniture import FurnitureFilter
from summarize.text.normalize import normalize_text
from summarize.text.sentences import count_words, split_sentences
from summarize.types import Article, Cluster

# Each pattern is matched (case-insensitive) against a whole paragraph from its start; a match drops it.
DEFAULT_BOILERPLATE: tuple[str, ...] = (
    r"[-–—\s]*advertisement[-–—\s]*(continue reading the main story)?\s*$",
    r"(also read|read more|read also|see also|related|recommended|more from|you may also like|must read|also)\s*:.*",
    r"(read more|story continued below|continue reading.*|click here.*|watch:.*|related content)\s*$",
    r"(share|tweet|email|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|copy link|play facebook)"
    r"([\s,|/]+(share|tweet|email|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|messenger|this|on|with|link))*\s*$",
    r"share this with\b.*",
    r".*\bthis (web)?site uses cookies\b.*",
    r".*\b(accept|allow) (all )?cookies\b.*",
    r"(sign up|subscribe)\b.{0,80}\b(newsletter|email|alerts)\b.*",
    r"(get|breaking news emails)\b.{0,60}\b(newsletter|by email|alerts)\b.*",
    r"please enable javascript.*",
    # page notices: a copyright line, a player that needs JavaScript, an editor's update note, a newsletter
    # box (with furniture's syndication credit, 26 paragraphs in the shared Multi-News articles)
    r"(?:copyright\b.{0,80}?)?all rights reserved\b.*",
    r".*\b(?:requires|turn on|enable) javascript\b.*|javascript is (?:disabled|required)\b.*",
    r"this (?:post|story|article|report) (?:has been|was) updated\b.*",
    r"newsletter sign[ -]?up\b.*|.*\byou can unsubscribe at any time\b.*",
    r"(photo|image|picture|video|file photo)\s*(credit)?\s*:.*",
    r".{0,600}\((?:[^()]*\b(?:via ap|ap photo|getty images|reuters|afp|photo by|file photo|epa)\b[^()]*)\)\s*$",
    r"[\W_]+$",
    r"text size\s*[-+]?\s*$",
    # who else reported ("Staff writer Paul Walsh contributed to this report."), a note on the page's own
    # update ("Updated at 9:23 a.m. to correct the name of the driver."), a sign-up form's terms, a CNN photo
    # gallery ("Photos: The search for MH370 ... Hide Caption 43 of 43": captions, up to 26,000 characters of
    # them in one paragraph) and the Washington Post's ("1 of 26 Full Screen Autoplay Close Skip Ad × ...")
    r".{0,200}\bcontributed (?:reporting )?to this (?:report|story|article)\b.*",
    r"[-–—\s]*updated at \d{1,2}:\d{2}\s*[ap]\.?\s?m\b.*",
    r"(?:note:\s*)?by submitting this form\b.*",
    r"photos?:.*\bhide caption \d+ of \d+\s*$|\d+ of \d+ full screen autoplay close\b.*",
    r"npr transcripts are created on a rush deadline\b.*",  # the notice under every NPR transcript
    r"the designations employed and the presentation of material\b.*",  # the UN's notice under its maps
)

# Notices that say the page itself was missing when it was scraped: what is left of such an article is the
# site's error page ("If you still have trouble finding what you need, please contact our webmaster").
MISSING_PAGE_NOTICES: tuple[str, ...] = (
    r"sorry, the page you requested could not be found\b.*",
    r"if you are trying to reach a page from a bookmark\b.*",
)

# The Internet Archive's notes on its crawls, which stand in for a missing article in web-scraped corpora (31 of
# Multi-News's articles): an article with one was missing when scraped, and all of it goes.
ARCHIVE_NOTICES: tuple[str, ...] = (
    r".*\balexa internet has been donating\b.*",
    r".*\bthese crawls are part of an effort to archive pages\b.*",
    r"the seed for wide\d+ was\b.*",
    r"-+\s*(slash pages from every domain|a ranking of all urls|up to a maximum of \d+|top ranked pages)\b.*",
    r".*\b(web collections curated by|archive-it service of the internet archive)\b.*",
    r"(the seed (list )?for this crawl was|this crawl was run at a level|crawl of outlinks from)\b.*",
    r".*\b(these files|this data) (are|is) currently not publicly accessible\b.*",
    r"the warc files associated with this crawl\b.*",
    r"web wide crawl with\b.*",
    r"this collection contains\b.{0,60}\bcrawls\b.*",
)
ARCHIVE_NOTICE = re.compile("|".join(ARCHIVE_NOTICES), re.IGNORECASE)

# Scraping notices that stand in for missing articles in web-scraped corpora (Multi-News has them).
SCRAPING_NOTICES: tuple[str, ...] = (
    *ARCHIVE_NOTICES,
    r"tweet with a location\b.*", r".*\byou can add location information to your tweets\b.*",
    r".*\byou always have the option to delete your tweet location history\b.*",
    r".*\bjoin our mailing list\b.*",
    r"rating is available when the video has been rented\.?$",
    r"this (feature|video) is not available right now\..*",
    r"learn more\.?$",
    r"add a location to your tweets\b.*", r"when you tweet with a location, twitter stores that location\b.*",
    *MISSING_PAGE_NOTICES,
    r"you're almost there\W*$",
    r".*\byour custom domain mapping\b.*",
    r"sign in using your? (account|\w+ profile)\b.*",
    r".*\{\* ?loginwidget ?\*\}.*",
    r".*\bthis video is represented by\b.*",
)
# a paragraph cleaning removed that says so (found anywhere in it)
MISSING_PAGE = re.compile("|".join([*MISSING_PAGE_NOTICES, r"the page you (?:are|were|'re) looking for (?:could not|"
                                                            r"cannot|can't) be found"]), re.IGNORECASE)

class BoilerplateFilter:
    """Drops paragraphs that match any boilerplate pattern.

    Example:
        >>> BoilerplateFilter(CleanConfig()).is_boilerplate("Also Read:- Macron dissolves parliament")
        True
    """

    def __init__(self, config: CleanConfig) -> None:
        defaults = list(DEFAULT_BOILERPLATE) + list(SCRAPING_NOTICES) if config.default_patterns else []
        patterns = defaults + list(config.extra_patterns)
        try:
            self._regex = [re.compile(p, re.IGNORECASE) for p in patterns]
        except re.error as exc:
            raise ConfigError(f"clean.extra_patterns: invalid regular expression {exc.pattern!r}: {exc}") from exc
        self.furniture = FurnitureFilter(config.furniture, config.extra_furniture)
        # what normalising and this filter did to a text, as a key: a text marked with it is not filtered again
        self.key = hashlib.sha256(json.dumps([patterns, config.max_article_chars]).encode()).hexdigest()[:12]

    def is_boilerplate(self, paragraph: str) -> bool:
        return any(r.match(paragraph) for r in self._regex)

    def filter(self, text: str) -> tuple[str, list[str]]:
        """``(kept text, dropped paragraphs)`` for normalised ``text``."""
        kept, dropped = [], []
        for para in text.split("\n"):
            (dropped if self.is_boilerplate(para) else kept).append(para)
        return "\n".join(kept), dropped


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """Word n-grams of lower-cased alphanumeric tokens, the unit of near-duplicate detection."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


class DuplicateIndex:
    """Kept articles' shingles with an inverted index (shingle -> articles), so finding an article's first
    near-duplicate compares it only with the kept articles it shares a shingle with: linear in the
    input for ordinary news, where the pairwise scan of every kept article was quadratic (5,000 files).

    Example:
        >>> index = DuplicateIndex()
        >>> index.add("a", shingles("the council approved the budget on monday"))
        >>> index.first_duplicate(shingles("the council approved the budget on monday night"), 0.5)
        'a'
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.sizes: list[int] = []
        self.postings: dict[tuple[str, ...], list[int]] = {}

    def add(self, article_id: str, sh: set) -> None:
        k = len(self.ids)
        self.ids.append(article_id)
        self.sizes.append(len(sh))
        for item in sh:
            self.postings.setdefault(item, []).append(k)

    def first_duplicate(self, sh: set, threshold: float) -> str | None:
        """The earliest kept article whose Jaccard similarity with ``sh`` reaches ``threshold``."""
        shared: Counter = Counter()
        for item in sh:
            shared.update(self.postings.get(item, ()))
        for k in sorted(shared):
            if shared[k] / (len(sh) + self.sizes[k] - shared[k]) >= threshold:
                return self.ids[k]
        return None


def dedupe_sentences(text: str) -> str:
    """Drop sentences repeated verbatim (ignoring case and spacing) inside one text."""
    seen: set[str] = set()
    paragraphs = []
    for para in text.split("\n"):
        kept = []
        for sent in split_sentences(para):
            key = re.sub(r"\W+", " ", sent.lower()).strip()
            if key and key in seen:
                continue
            seen.add(key)
            kept.append(sent)
        if kept:
            paragraphs.append(" ".join(kept))
    return "\n".join(paragraphs)


def clean_article(article: Article, config: CleanConfig, boilerplate: BoilerplateFilter | None = None) -> Article:
    """Normalised copy of ``article`` without boilerplate paragraphs and page furniture; what was removed goes
    to ``metadata`` (``boilerplate_removed``: paragraphs; ``furniture_removed``: ``{"what", "why"}`` items)."""
    boilerplate = boilerplate or BoilerplateFilter(config)
    raw = article.text
    if article.metadata.get("cleaned") == boilerplate.key:  # cut, normalised and filtered already (clustering)
        text, dropped = raw, []
    else:
        if len(raw) > config.max_article_chars:  # one huge input must not stall a batch: cut, and say so
            cut = raw.rfind(" ", 0, config.max_article_chars)
            raw = raw[: cut if cut > 0 else config.max_article_chars]
            warnings.warn(f"article {article.id}: {len(article.text):,} characters, cut to the first {len(raw):,} "
                          f"(clean.max_article_chars)", SummarizeWarning, stacklevel=3)
        text, dropped = boilerplate.filter(normalize_text(raw))
    furniture: list[dict[str, str]] = []
    if boilerplate.furniture:
        text, furniture = boilerplate.furniture.apply(text)
    if config.dedupe_sentences:
        text = dedupe_sentences(text)
    meta = dict(article.metadata, cleaned=boilerplate.key)
    if dropped:
        meta["boilerplate_removed"] = dropped
    if furniture:
        meta["furniture_removed"] = furniture
    title = normalize_text(article.title) if article.title else article.title
    return replace(article, text=text, title=title, metadata=meta)


LISTED = 5  # dropped or rejected articles named one by one, each on its own line; more get one line


def describe_dropped(items: Sequence[dict[str, str]], listed: int = 3) -> str:
    """Dropped or rejected ``{"id", "reason"}`` items in one line: counts by reason, then the first ids.

    Example:
        >>> describe_dropped([{"id": "a", "reason": "empty after cleaning"}, {"id": "b", "reason": "duplicate of a"}])
        '(1 empty after cleaning; 1 duplicate), e.g. a, b'
    """
    reasons = Counter("duplicate" if d["reason"].startswith("duplicate of")
                      else re.sub(r"^only \d+ words? after cleaning \((.+)\)$", r"shorter than \1", d["reason"])
                      for d in items)  # "only 12 words ... (cluster.min_words=20)": one reason for all counts
    return ("(" + "; ".join(f"{n} {reason}" for reason, n in reasons.most_common())
            + f"), e.g. {', '.join(d['id'] for d in items[:listed])}")


def why_unusable(cleaned: Article, min_words: int, setting: str = "") -> str | None:
    """Why cleaning left ``cleaned`` (``clean_article``'s) no story to use, or None: a page standing in for a missing
    one (a site's "page not found", the Internet Archive's notes on its crawls), a page in its own voice throughout, an
    index page of teasers, or fewer than ``min_words`` words (``setting``: the key that sets it, named).

    Example:
        >>> why_unusable(clean_article(Article("a", "Subscribe to our newsletter."), CleanConfig()), 1)
        'empty after cleaning'
    """
    removed = cleaned.metadata.get("boilerplate_removed", [])
    if any(MISSING_PAGE.search(p) for p in removed):
        return "a 'page not found' page: the article was missing when scraped"
    if any(ARCHIVE_NOTICE.match(p) for p in removed):
        return "an Internet Archive notice: the article was missing when scraped"
    whys = {r["why"] for r in cleaned.metadata.get("furniture_removed", [])}
    if whys & {"page_voice", "teaser"}:
        return ("the page's own voice throughout (a shop's or a promotion's page, not a story)" if "page_voice" in whys
                else "an index page: other stories' teasers cut off in '...', not a story")
    words = count_words(cleaned.text)
    if words >= max(min_words, 1):
        return None
    return "empty after cleaning" if words == 0 else \
        f"only {words} word{'s' * (words != 1)} after cleaning" + (f" ({setting}={min_words})" if setting else "")


def clean_cluster(cluster: Cluster, config: CleanConfig | None = None) -> Cluster:
    """Clean every article; drop near-duplicate and empty articles, and error pages standing in for a missing
    one, with a warning naming them.

    What was dropped is recorded in ``cluster.metadata['dropped']`` as ``{"id", "reason"}`` items.
    """
    config = config or CleanConfig()
    bp = BoilerplateFilter(config)
    kept: list[Article] = []
    index = DuplicateIndex()
    dropped: list[dict[str, str]] = []
    for article in cluster.articles:
        cleaned = clean_article(article, config, bp)
        reason = why_unusable(cleaned, config.min_article_words)
        if reason:
            dropped.append({"id": article.id, "reason": reason})
            continue
        sh = shingles(cleaned.text)
        dup_of = index.first_duplicate(sh, config.near_duplicate_threshold)
        if dup_of is not None:
            dropped.append({"id": article.id, "reason": f"duplicate of {dup_of}"})
            continue
        kept.append(cleaned)
        index.add(article.id, sh)
    if len(dropped) <= LISTED:
        for d in dropped:
            warnings.warn(f"cluster {cluster.id}: dropped article {d['id']} ({d['reason']})", SummarizeWarning,
                          stacklevel=2)
    else:  # a big pile (a feed's reposts): one line, by reason; every one is in metadata['dropped']
        warnings.warn(f"cluster {cluster.id}: dropped {len(dropped)} articles {describe_dropped(dropped, LISTED)}",
                      SummarizeWarning, stacklevel=2)
    meta = dict(cluster.metadata)
    if dropped:
        meta["dropped"] = dropped
    return replace(cluster, articles=kept, metadata=meta)
