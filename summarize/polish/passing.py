"""People the sources name in full only in passing ("said Anaheim resident Joe Castaneda, who ...") and by the
surname alone otherwise ("Castaneda said"): the surname's full name is written at a first mention, but resolves no
pronoun (``people.NameTable.in_passing``, learned with the table).

Example:
    >>> s = "He said Anaheim resident Joe Castaneda."
    >>> placed(s, s.index("Joe"), "Joe Castaneda"), placed("Joe Castaneda won.", 0, "Joe Castaneda")
    (True, False)
    >>> [m and m.groups() for m in map(noun_before, ["his attorney, ", "UK photographer ", "in Upper "])]
    [('attorney', ','), ('photographer', None), None]
    >>> surnames(["Said resident Joe Castaneda, who lives there.", "Castaneda said so."], ["Joe Castaneda",
    ...          "Castaneda"], ["Joe Castaneda"], {"Castaneda"}, set(), {"Joe Castaneda"}, set())
    {'Castaneda': 'Joe Castaneda'}
"""

from __future__ import annotations

import re
from typing import Sequence

from summarize.text.facts import GENDERED_NOUNS, PERSON_NOUNS
from summarize.text.lexicon import OCCUPATIONS
from summarize.text.speech import SAYS

_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")
_SAID_BEFORE = re.compile(rf"\b(?:{SAYS})\s+(?:[\w'’.-]+,?\s+){{0,4}}$")  # "said the study's lead author, "
_PERSON_NEXT = re.compile(r"(?:['’]s)?\s*,\s*(?:who|a|an|the|\d{1,3}\s*,)\s")  # "Efraim Levy, a S&P analyst"
# a noun for a person right before a name ("his attorney, Mark O’Mara", "UK photographer Paul Conroy", "his
# then-girlfriend, Reeva Steenkamp"): the noun, then the comma of an apposition if there is one
_NOUN_BEFORE = re.compile(r"\b([a-z][a-z-]*)(\s*,)?\s+$")
_FOR_A_PERSON = PERSON_NOUNS | GENDERED_NOUNS.keys() | set(OCCUPATIONS)


def noun_before(text: str) -> re.Match | None:
    """The noun for a person that ``text``, a sentence up to a name, ends with ("his attorney, ", "photographer "):
    group 1 the noun, group 2 the comma of an apposition (None without one)."""
    m = _NOUN_BEFORE.search(text)
    return m if m and (m.group(1) in _FOR_A_PERSON or m.group(1).split("-")[-1] in _FOR_A_PERSON) else None


def placed(sentence: str, start: int, name: str) -> bool:
    """Whether the full name ``name`` at ``start`` is set as a person's: after a verb of saying ("said Anaheim
    resident Joe Castaneda"), before an appositive, an age or "who" ("Efraim Levy, a S&P analyst"), or after a
    noun for a person (``noun_before``: "his attorney, Mark O'Mara")."""
    return bool(_SAID_BEFORE.search(sentence[:start]) or _PERSON_NEXT.match(sentence[start + len(name):])
                or noun_before(sentence[:start]))


def surnames(sentences: Sequence[str], everyone: list[str], candidates: list[str], said: set[str], sure: set[str],
             placed: set[str], known: set[str]) -> dict[str, str]:
    """Surname -> full name, for people the sources name in full only in passing and by the surname alone
    otherwise (``NameTable.in_passing``). A surname stands for the one full name among ``candidates`` (not
    written after "the": "The Colorado Rockies" where "Rockies said") that ends with it, when the sources show
    the surname is a person (``sure``: "Ms. Pascoe", or a sentence it opens says "he" or "she") or it says
    something (``said``) and the full name is set as a person's (``placed``: "said Anaheim resident Joe
    Castaneda", "Efraim Levy, a ...", "his attorney, Mark O'Mara"). Not a full name with a word the sources write
    in lower case ("Outgoing Northwestern", "Hollywood Life" for "Life"), a saint's, or one only quoted ("This is
    not Lady Thor," for Marvel's Thor)."""
    passing = [n for n in candidates if 2 <= len(n.split()) <= 4 and n.split()[0] not in ("St", "Saint")
               and (n.split()[-1] in sure or n.split()[-1] in said and n in placed)]
    if not passing:  # most clusters: no pass over every word
        return {}
    lower = {w for sent in sentences for w in _LOWER_WORD.findall(sent)}
    passing = [n for n in passing if not lower & {w.lower() for w in n.split()}]
    out = {}
    for short in {n.split()[-1] for n in passing} - known - {w.capitalize() for w in lower}:  # not "Life"
        found = [n for n in everyone if len(n.split()) > 1 and n.split()[-1] == short]
        if len(found) == 1 and found[0] in passing:
            out[short] = found[0]
    return out
