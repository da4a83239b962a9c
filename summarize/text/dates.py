"""Dates: full dates in text, the days the articles of one event give differently (the ``date`` kind of
discrepancy; rule in ``text.conflicts``), and publication times as seconds (``parse_time``)."""

from __future__ import annotations

import datetime
import re
from typing import Sequence

from summarize.text.sentences import Split, sentences_of
from summarize.types import Article, Discrepancy, Side

_FULL_DATE = re.compile(
    r"\b(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?:(?P<m1>[A-Z][a-z]{2,8})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>[A-Z][a-z]{2,8})\.?)"
    r",?\s+(?P<y>(?:19|20)\d\d)\b|\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b")


_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def full_dates(text: str) -> list[tuple[datetime.date, str]]:
    """The full dates (month, day and year) ``text`` writes, with how it writes them.

    Example:
        >>> [(str(d), w) for d, w in full_dates("Snapped on Wednesday, June 19, 2024, this photo; 2024-06-18; 19 June 2024")]
        [('2024-06-19', 'Wednesday, June 19, 2024'), ('2024-06-18', '2024-06-18'), ('2024-06-19', '19 June 2024')]
    """
    from summarize.text.facts import MONTHS

    out = []
    for m in _FULL_DATE.finditer(text):
        try:
            if m.group("iso"):
                day = datetime.date.fromisoformat(m.group("iso"))
            else:
                name = (m.group("m1") or m.group("m2")).lower()
                month = next((k for k, full in enumerate(MONTHS, 1) if full.startswith(name[:3])
                              and (name == full or len(name) <= 4)), None)
                if month is None:
                    continue
                day = datetime.date(int(m.group("y")), month, int(m.group("d1") or m.group("d2")))
        except ValueError:
            continue  # "February 30"
        out.append((day, m.group(0)))
    return out


def date_discrepancies(articles: Sequence[Article], window_days: int = 3,
                       split: Split | None = None) -> list[Discrepancy]:
    """Days of one news moment that the articles give differently (module docstring).

    Example:
        >>> a = Article("a", "Putin arrived on Wednesday.", published_at="June 18, 2024")
        >>> b = Article("b", "Putin landed just after dawn.", metadata={"boilerplate_removed": [
        ...     "Snapped on Wednesday, June 19, 2024, this photo shows Putin."]})
        >>> [(s.value, s.qualifiers) for s in date_discrepancies([a, b])[0].sides]
        [('June 18, 2024', ['dated']), ('Wednesday, June 19, 2024', [])]
        >>> date_discrepancies([a, Article("c", "Kim wrote to Putin on Wednesday, June 12, 2024.")])  # a week before
        []
        >>> date_discrepancies([a, Article("d", "- Anil Dash (@anildash) June 19, 2024")])  # a stamp, no weekday
        []
    """
    stated: dict[datetime.date, list[tuple[Article, str, str]]] = {}
    for article in articles:
        for day, written in full_dates(article.published_at or ""):
            stated.setdefault(day, []).append((article, f"(dated {article.published_at})", "dated"))
        set_aside = [p for key in ("boilerplate_removed", "furniture_removed")
                     for p in (article.metadata or {}).get(key, []) or []]
        passages = [article.text] + [p["what"] if isinstance(p, dict) else str(p) for p in set_aside]
        for k, passage in enumerate(passages):
            if not full_dates(passage):
                continue
            for sent in sentences_of(article.id, passage, split if k == 0 else None):  # the text's: split already
                for day, written in full_dates(sent):
                    if written.split(",")[0].split()[0] in _WEEKDAYS:
                        stated.setdefault(day, []).append((article, sent, written))
    days = sorted(stated)
    by = {d: {a.id for a, _, _ in stated[d]} for d in days}
    out, k = [], 0
    while k < len(days):  # windows of days at most ``window_days`` from their first
        close = [d for d in days[k:] if (d - days[k]).days <= window_days]
        k += len(close)
        rivals = [d for d in close if any(not by[d] & by[e] for e in close if e != d)]
        if len(rivals) >= 2:
            sides = []
            for d in rivals:
                mentions = stated[d]
                shown = next((w for _, _, w in mentions if w != "dated"), None) or f"{d:%B} {d.day}, {d.year}"
                qualifiers = ["dated"] if all(w == "dated" for _, _, w in mentions) else []
                sides.append(Side(shown, list(dict.fromkeys(a.id for a, _, _ in mentions)), qualifiers, [],
                                  list(dict.fromkeys(s for _, s, _ in mentions))))
            out.append(Discrepancy("date", "day", sides))
    return out


def parse_time(value: str | None) -> float:
    """Seconds since the epoch for a date string, NaN when absent or unreadable.

    Example:
        >>> parse_time("2024-06-19") > parse_time("June 18, 2024")
        True
    """
    if not value:
        return float("nan")
    from dateutil import parser

    try:
        dt = parser.parse(value, fuzzy=True)
    except (ValueError, OverflowError):
        return float("nan")
    if dt.tzinfo is None:
        from datetime import timezone

        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()
