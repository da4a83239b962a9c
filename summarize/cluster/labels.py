"""How an event is named: its top TF-IDF terms, without repeats, in the casing its articles use.

Example:
    >>> keywords(["mr ebbers", "ebbers", "worldcom", "mr sullivan", "sullivan"], ["Mr Ebbers ran WorldCom with Sullivan."], 3)
    ['Ebbers', 'WorldCom', 'Sullivan']
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from summarize.text.lexicon import HONORIFICS

_HONORIFICS = {h.lower() for h in HONORIFICS}


def keywords(ranked_terms: Iterable[str], texts: Sequence[str], k: int = 5) -> list[str]:
    """The first ``k`` of ``ranked_terms`` (best first) that share no word with an earlier one, honorifics
    dropped ("mr ebbers" -> "ebbers"), a phrase replacing its words when they came separately ("north",
    "korea", then "north korea"), written as the articles ``texts`` write them most often.

    Example:
        >>> keywords(["north", "korea", "putin", "north korea", "russia"], ["North Korea hosted Putin."], 3)
        ['North Korea', 'Putin', 'russia']
    """
    chosen: list[list[str]] = []  # word lists, best first
    for term in ranked_terms:
        words = term.split()
        while len(words) > 1 and words[0] in _HONORIFICS:
            words = words[1:]
        used = {w for c in chosen for w in c}
        if not words or set(words) & used:
            inside = [i for i, c in enumerate(chosen) if set(c) <= set(words)]
            if len(words) > 1 and set(words) <= used and len(inside) > 1:
                # "north", "korea" chosen, then "north korea": the phrase takes the first one's place
                chosen[inside[0]] = words
                chosen = [c for i, c in enumerate(chosen) if i not in inside[1:]]
            continue
        if len(chosen) == k:
            break
        chosen.append(words)
    return [_cased(" ".join(c), texts) for c in chosen]


def _cased(term: str, texts: Sequence[str]) -> str:
    """``term`` in its most frequent spelling in ``texts`` (a capital that only opens a sentence, as in
    "Police said", does not count); lower case as given when it is not found.

    Example:
        >>> _cased("police", ["Police said so. The police left."]), _cased("opec", ["Opec met. Oil and Opec."])
        ('police', 'Opec')
    """
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, term.split())) + r"(?!\w)", re.IGNORECASE)
    counts: dict[str, int] = {}
    for text in texts:
        for m in pattern.finditer(text):
            opener = re.search(r"(?:^|[.!?:;\n]['\"“‘)\]]*)\s*$", text[max(0, m.start() - 4) : m.start()])
            if opener and not any(c.isupper() for c in m.group(0)[1:]):
                continue  # a sentence opener's first capital says nothing ("Police said"; "North Korea" does)
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    return max(counts, key=lambda form: (counts[form], form != form.lower())) if counts else term
