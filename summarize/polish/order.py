"""Reading order of an extract, the polish stage's for every summarizer that copies sentences (extractive,
lead): by the articles' publication times when every sentence's article has one (``timeline``), else by
position in their article, then article order (``source``).

Example:
    >>> from summarize.types import Article, Cluster
    >>> c = Cluster("c", [Article("a", "x", published_at="2024-06-19"), Article("b", "y", published_at="2024-06-18")])
    >>> reading_order([(0, 0), (1, 2), (1, 0)], ["a", "b", "b"], c, "timeline")
    [2, 1, 0]
    >>> reading_order([(0, 0), (1, 2), (1, 0)], ["a", "b", "b"], c, "source")
    [0, 2, 1]
"""

from __future__ import annotations

from typing import Sequence

from summarize.text.dates import parse_time
from summarize.types import Cluster


def reading_order(positions: Sequence[tuple[int, int]], article_ids: Sequence[str | None], cluster: Cluster,
                  mode: str) -> list[int]:
    """Indices of an extract's sentences in reading order; ``positions[i]`` is sentence ``i``'s
    ``(article's place in the cluster, sentence index in its article)``."""
    order = list(range(len(positions)))
    if mode == "timeline":
        times = {a.id: parse_time(a.published_at) for a in cluster.articles}
        stamps = [times.get(a or "", float("nan")) for a in article_ids]
        if order and not any(t != t for t in stamps) and len(set(stamps)) > 1:
            return sorted(order, key=lambda i: (stamps[i], positions[i][1]))
    return sorted(order, key=lambda i: (positions[i][1], positions[i][0]))
