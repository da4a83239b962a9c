"""Sentence splitting (pysbd, rule-based and offline) and word counting.

Example:
    >>> split_sentences("Putin arrived in Pyongyang. Kim met him at the airport.")
    ['Putin arrived in Pyongyang.', 'Kim met him at the airport.']
"""

from __future__ import annotations

import functools
import re

_WS = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


@functools.lru_cache(maxsize=65536)
def _split_paragraph(paragraph: str) -> tuple[str, ...]:
    out = []
    for sent in _segmenter().segment(paragraph):
        sent = _WS.sub(" ", sent).strip()
        if sent:
            out.append(sent)
    return tuple(out)


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; paragraph breaks (newlines) always end a sentence."""
    sentences: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if paragraph:
            sentences.extend(_split_paragraph(paragraph))
    return sentences


def count_words(text: str) -> int:
    """Whitespace-separated words, the unit of every word budget.

    Example:
        >>> count_words("  two  words ")
        2
    """
    return len(text.split())
