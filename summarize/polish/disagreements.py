"""Where the sources differ, in the summary: the cluster's discrepancies (``text.conflicts``) carried in
the output, and each summary sentence that states one side marked with the other sides.

A sentence states a side when it contains that side's value and the thing counted ("6,700 containers",
"Forty women") or, for an office, the holder's name and the office (``text.conflicts.states``, the rule the
factual checker reads a summary sentence's sides by). ``Summary.discrepancies`` lists every discrepancy
(``kind``, ``key``, ``sides`` with their articles, qualifiers and time frames, and ``reconciled``: why
the sides may both hold, when a rule sees why); ``SummarySentence.discrepancies`` lists what the
sentence states and the other sides. Writers render both (``io.render``).

Example:
    >>> from summarize.types import Article, RunInfo, Summary, SummarySentence
    >>> arts = [Article("a", "Pyongyang shipped approximately 6,700 containers of munitions to Russia."),
    ...         Article("b", "North Korea sent over 11,000 containers of munitions to Russia.")]
    >>> s = Summary("c", "", [SummarySentence("Pyongyang shipped approximately 6,700 containers to Russia.", ["a"])],
    ...             RunInfo("x"))
    >>> mark(s, arts).sentences[0].discrepancies[0]["others"][0]["value"]
    '11,000'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Mapping, Sequence

from summarize.text.conflicts import find_discrepancies, reconciled, states
from summarize.types import Article, Summary


def outlet_names(articles: Sequence[Article]) -> dict[str, str]:
    """How to cite each article that has a name: its ``source`` (the outlet), else its title's first five
    words, or as many more as tell it from another article's title ("“Supreme Court sides with police officers
    in…”", "“... officers seeking…”"); an outlet with several articles here gets its title's opening added (a
    feed's items), else the article id. Articles with neither are left to the writers' short ids.

    Example:
        >>> outlet_names([Article("a", "x", source="ap.org"), Article("b", "y", title="Putin Makes a Rare Visit to North Korea"),
        ...               Article("c", "z"), Article("d", "w", source="ap.org", title="Kim greets Putin")])
        {'a': 'ap.org a', 'b': '“Putin Makes a Rare Visit…”', 'd': 'ap.org “Kim greets Putin”'}
    """
    titled = _title_openings(articles)
    out = {}
    for a in articles:
        if a.source and a.source.strip():
            out[a.id] = " ".join(a.source.split())
        elif a.id in titled:
            out[a.id] = titled[a.id]
    counts = Counter(out.values())
    shared = {a.id: f"{out[a.id]} {titled.get(a.id, a.id)}" for a in articles if counts[out.get(a.id)] > 1}
    again = Counter(shared.values())
    return {k: (v if k not in shared else shared[k] if again[shared[k]] == 1 else f"{v} {k}") for k, v in out.items()}


def _title_openings(articles: Sequence[Article], words: int = 5) -> dict[str, str]:
    """Each titled article's title opening in quotation marks: its first ``words`` words, and more where another
    title opens with the same words, up to the first word they differ at (the whole title, where they do not)."""
    titles = {a.id: (a.title or "").split() for a in articles if (a.title or "").split()}
    alike: dict[tuple[str, ...], list[str]] = {}  # by opening: the titles another may share more words with
    for key, title in titles.items():
        alike.setdefault(tuple(title[:words]), []).append(key)
    out = {}
    for key, title in titles.items():
        n = min(words, len(title))
        others = [titles[k] for k in alike[tuple(title[:words])] if k != key and titles[k][:n] == title[:n]]
        while others and n < len(title):
            n += 1
            others = [t for t in others if t[:n] == title[:n]]
        out[key] = "“" + " ".join(title[:n]) + ("…" if n < len(title) else "") + "”"
    return out


def mark(summary: Summary, articles: Sequence[Article], split: Mapping[str, Sequence[str]] | None = None) -> Summary:
    """``summary`` with its cluster's discrepancies and each sentence's side of them (``split``: the articles'
    sentences by id, when the clean stage split them)."""
    found = find_discrepancies(articles, split=split)
    names = outlet_names(articles)
    # why two sides may both hold, where a rule sees why: the list says it, and so does a sentence stating one
    reasons = [reconciled(*d.sides) if d.kind == "quantity" and len(d.sides) == 2 else None for d in found]
    listed = []
    for d, why in zip(found, reasons):
        item = d.to_dict()
        cited = [a for side in d.sides for a in side.article_ids]
        item["outlets"] = {a: names[a] for a in cited if a in names}  # how writers cite them
        listed.append({**item, "reconciled": why} if why else item)
    sentences = []
    for sent in summary.sentences:
        notes = []
        for d, why in zip(found, reasons):
            side = next((side for side in d.sides if states(sent.text, d, side)), None)
            if side is None:
                continue
            rest = [o for o in d.sides if o is not side]
            note = {"kind": d.kind, "key": d.key, "states": side.value, "article_ids": list(side.article_ids),
                    "others": [{"value": o.value, "qualifiers": list(o.qualifiers), "article_ids": list(o.article_ids),
                                "time_frames": list(o.time_frames)} for o in rest]}
            if why:  # the list's reason, its sides in the sentence's order ("on Sunday / on Monday" for Sunday's)
                note["reconciled"] = reconciled(side, rest[0])
            notes.append(note)
        sentences.append(replace(sent, discrepancies=notes) if notes else sent)
    return replace(summary, sentences=sentences, discrepancies=listed)
