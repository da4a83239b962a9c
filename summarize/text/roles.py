"""Offices named with different holders: the ``role`` discrepancies of ``text.conflicts``.

An office is the same one only where the sources state it the same way: with its country ("Syrian Foreign
Minister Walid Moallem" and "French Foreign Minister Alain Juppe" hold two offices; "Thailand's Prime Minister"
is not Sri Lanka's, named "Prime Minister Mahinda Rajapakse" in a story on the same tsunami) or without one in
both ("Deputy Prime Minister Denis Manturov" and "Deputy Prime Minister Alexander Novak" on one delegation). A
deputy, vice or former holder holds no office of that name ("Vice-Prime Minister Oleg Rybachuk", "former Prime
Minister ..."), and an article that names two holders of one office tells of two people (the new prime minister
and the one she replaced), as an article stating two values of one count measures two things.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import NamedTuple, Sequence

from summarize.text.sentences import Split, sentences_of
from summarize.types import Article, Discrepancy, Side

ROLES = {
    "deputy prime minister": r"deputy prime minister|deputy pm",
    "prime minister": r"prime minister",
    "defense minister": r"defen[cs]e minister",
    "foreign minister": r"foreign minister",
    "secretary of state": r"secretary of state",
    "nato secretary-general": r"nato secretary[- ]general",
}
_NAME = r"(?P<name>(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+)"
# the word before an office that makes its holder someone else's: a deputy's, a past holder's
_NOT_THE_HOLDER = frozenset({"deputy", "vice", "former", "ex", "then", "late", "acting", "interim", "shadow"})
# capitalised words before an office that name no country ("The Prime Minister", "New Prime Minister ...")
_NO_COUNTRY = frozenset({"the", "a", "an", "new", "but", "and", "as", "when", "while", "after", "before", "also",
                         "said", "says", "by", "with", "of", "to", "for", "from", "that"})
_BEFORE = re.compile(r"((?:[A-Za-z]\.){2,}|[A-Za-z]+(?:['’]s)?)(?:\s+|-)$")


class Holder(NamedTuple):
    """One mention of an office's holder: the article, the sentence, the name as written and the office's
    country as written before it ("syrian", "thailand"; "" for none)."""

    article: Article
    sentence: str
    name: str
    country: str


def office_country(sentence: str, start: int) -> str | None:
    """The country written before the office at ``start`` ("thailand" for "Thailand's Prime Minister", "u.s."
    for "U.S. Secretary of State"), "" for none, None where the holder is a deputy's or a past one."""
    m = _BEFORE.search(sentence, 0, start)
    word = m.group(1) if m else ""
    bare = re.sub(r"['’]s$", "", word).lower()
    if bare in _NOT_THE_HOLDER:
        return None
    return bare if word[:1].isupper() and bare not in _NO_COUNTRY else ""


def role_discrepancies(articles: Sequence[Article], min_similarity: float = 0.8,
                       split: Split | None = None) -> list[Discrepancy]:
    """Offices named with different holders in different articles.

    Example:
        >>> a = Article("a", "The delegation includes Deputy Prime Minister Denis Manturov.")
        >>> b = Article("b", "It includes Deputy Prime Minister Alexander Novak, the energy man.")
        >>> [s.value for s in role_discrepancies([a, b])[0].sides]
        ['Denis Manturov', 'Alexander Novak']
        >>> c = Article("c", "Syrian Foreign Minister Walid Moallem vowed to defend Syria.")
        >>> d = Article("d", "On Syria, French Foreign Minister Alain Juppe said he hoped for a referral.")
        >>> role_discrepancies([c, d])
        []
    """
    out = []
    for role, pattern in ROLES.items():
        regex = re.compile(rf"\b(?i:{pattern})\s+{_NAME}")
        people: list[tuple[str, list[Holder]]] = []  # each holder: the name first written, the mentions
        for article in articles:
            for sent in sentences_of(article.id, article.text, split):
                for m in regex.finditer(sent):
                    country = office_country(sent, m.start())
                    if country is None:
                        continue
                    holder = Holder(article, sent, m.group("name"), country)
                    last = holder.name.split()[-1].lower()
                    for person, mentions in people:
                        if difflib.SequenceMatcher(None, person.split()[-1].lower(), last).ratio() >= min_similarity:
                            mentions.append(holder)
                            break
                    else:
                        people.append((holder.name, [holder]))
        kept = [(p, ms) for p, ms in people if any(_rivals(ms, others) for q, others in people if q != p)]
        if len(kept) > 1:
            out.append(Discrepancy("role", role, [_side(ms) for _, ms in kept]))
    return out


def _rivals(x: list[Holder], y: list[Holder]) -> bool:
    """Whether two holders of an office are named by different articles, none of which names both, for an
    office of the same country (or of none)."""
    both = {h.article.id for h in x} & {h.article.id for h in y}
    return not both and any(a.country == b.country for a in x for b in y)


def _side(mentions: list[Holder]) -> Side:
    """A holder's side: the spellings of the name, the most written first ("Sergey Lavrov / Sergei Lavrov")."""
    spellings = Counter(h.name for h in mentions)
    return Side(" / ".join(n for n, _ in spellings.most_common()),
                list(dict.fromkeys(h.article.id for h in mentions)), [], [],
                list(dict.fromkeys(h.sentence for h in mentions)))
