"""Whose words a quotation gives: the speaker a sentence names by a verb of saying, which the polish stage writes
after a quotation that stands away from that sentence ('"They were gone fast," Leon Thomas said.') and the
extractive summarizer asks for before it takes such a quotation (``summarizers.openers``).

A speaker is a name next to a verb of saying outside quotations: before it ("usher Leon Thomas told the AP", past an
appositive: "Raj Shah, an aide, said"), after it where the name ends the clause ("..., said Philip Morgan, a
professor", past a firm and a role: "said Yukos spokesman Alexander Shadrin"; not "said Plotts was an uneasy
presence", whom the words are about), or between commas before it ("The BBC's correspondent in Jakarta, Rachel
Harvey, told ..."). Not a place ("from Omaha, Nebraska, said", "the Bank of England said", "in Brussels, Belgium,
said"), nor a group (``text.lexicon.GROUPS``: "Analysts said Fiat ...", "Investigators said ..."). One such name,
or none.

Example:
    >>> from summarize.polish.people import NameTable
    >>> table = NameTable.learn(["Usher Leon Thomas, 60, was there."])
    >>> speaker(table, '"They left early," usher Leon Thomas told the AP.'), speaker(table, "Thomas left.")
    ('Leon Thomas', None)
"""

from __future__ import annotations

import re
from typing import Sequence

from summarize.polish.names import names, person_like
from summarize.polish.people import SAID_AFTER, NameTable
from summarize.text.lexicon import (
    ABBREVIATED_TITLES,
    GROUPS,
    HONORIFICS,
    OCCUPATIONS,
    ROLE_NOUNS,
    TITLE_WORDS,
    TITLED_ROLES,
)
from summarize.text.speech import IN_APPOSITION, SAYS, SAYS_BY_QUOTATION, unquoted

# "... said Philip Morgan", past the speaker's firm and role ("said Yukos spokesman Alexander Shadrin", "said
# Daiwa Securities analyst Mark Pervan") and an honorific or title ("said Mr Cracknell", "said Sen. Paul"); not "told
# Politico", whom the words were told
ROLE_WORDS = "|".join(sorted({*OCCUPATIONS, *TITLE_WORDS, *ROLE_NOUNS, *TITLED_ROLES}))
# before its speaker a verb says who spoke, whatever verb it is (``SAYS_BY_QUOTATION``); with the honorifics, 449
# sentences of the shared articles that gave no speaker give one
_SAID_BEFORE = re.compile(rf"\b(?!told\b|tells\b)(?:{SAYS_BY_QUOTATION})\s+(?:(?:[A-Z][\w&.-]*(?:['’]s?)?\s+){{0,3}}"
                          rf"(?:(?:{ROLE_WORDS})\s+){{1,2}})?"
                          rf"(?:(?:{'|'.join(HONORIFICS + ABBREVIATED_TITLES)})\.?\s+)?$")
# after "said", the speaker's name ends the clause or an appositive follows it ("said Plotts was ..." is the subject
# of what was said)
_SPEAKER_ENDS = re.compile(r"\s*(?:[,.;:!?()\"“”—–-]|$|(?:of|in|at|from|on|who|whose|after|before|when|while|"
                           r"ahead|as|during|last|yesterday|today|earlier|later|recently|this|told|added)\b)")
_SAID_IN_APPOSITION = re.compile(rf",\s+(?:{SAYS})\b")  # "The BBC's man in Jakarta, Rachel Harvey, told ..."
_PLACE_BEFORE = re.compile(r"\b(?:from|in|of|at|near)\s+$")  # "Andrew Fisher, from Omaha, Nebraska, said"


def _says(table: NameTable, bare: str, start: int, name: str) -> bool:
    """Whether ``name`` at ``start`` of ``bare`` (a sentence with its quotations blanked) is the one who says."""
    end = start + len(name)
    by_verb = (SAID_AFTER.match(bare, end) or _SAID_BEFORE.search(bare, 0, start) and _SPEAKER_ENDS.match(bare, end)
               or re.fullmatch(IN_APPOSITION, f" {name},") and bare[:start].rstrip().endswith(",")
               and _SAID_IN_APPOSITION.match(bare, end))
    if not by_verb or _PLACE_BEFORE.search(bare, 0, start):
        return False
    if table.person(name):
        return True
    return person_like(bare, start, name) and name not in GROUPS


def speaker(table: NameTable, before: str) -> str | None:
    """Whose words a quotation that names no speaker gives, from the sentence before it in its article: the one
    name that sentence gives as saying something (``_says``), as the sources' people table writes it in full where
    it knows the person; None where it names no speaker (a pronoun, "the company") or more than one."""
    bare = unquoted(before, keep_length=True)
    said = {name for start, name in names(bare) if _says(table, bare, start, name)}
    if len(said) != 1:
        return None
    name = said.pop()
    return table.person(name) or name


def attributed(quotation: str, name: str) -> tuple[str, dict[str, str]]:
    """``quotation`` (a quotation and nothing else) with its speaker after it, and the edit.

    Example:
        >>> attributed('"They were gone fast."', "Leon Thomas")[0]
        '"They were gone fast," Leon Thomas said.'
    """
    mark, body = quotation[-1], quotation[:-1].rstrip()
    end = body[-1] if body and body[-1] in ".!?…" else ""
    new_end = ("," if end in (".", "") else end) + mark + f" {name} said."
    return body[: len(body) - len(end)] + new_end, {"from": end + mark, "to": new_end, "why": "speaker"}


_ADDED = {"added": "said", "adds": "says"}
_ADDED_VERB = re.compile(rf"\b(?:{'|'.join(_ADDED)})\b")


def said_first(sentence: str, speaker_name: str, earlier: Sequence[str] = ()) -> tuple[str, dict[str, str]] | None:
    """``sentence`` with its speaker's "added" written "said" ("adds": "says"), and the edit: where no ``earlier``
    sentence of a summary names ``speaker_name``'s surname, nothing they said before is there to add to ('"BT
    Communicator had a quiet launch ...," Ian Fogg added.' as a summary's sixth sentence, the first that names
    him). None where the sentence has no one "added" next to the speaker's surname, outside quotations.

    Example:
        >>> said_first('"It had a quiet launch," Ian Fogg added.', "Ian Fogg")[0]
        '"It had a quiet launch," Ian Fogg said.'
        >>> said_first('"It had a quiet launch," added analyst Ian Fogg.', "Ian Fogg")[0]
        '"It had a quiet launch," said analyst Ian Fogg.'
        >>> said_first('"It is poor," Olivier Gerolami added in remarks to Variety.', "Olivier Gerolami")[0]
        '"It is poor," Olivier Gerolami said in remarks to Variety.'
        >>> said_first("Ian Fogg added a second goal.", "Ian Fogg") is None  # no words of his: a goal
        True
        >>> said_first('Ian Fogg added: "Yes."', "Ian Fogg", ['"No," said analyst Ian Fogg.']) is None
        True
    """
    bare = unquoted(sentence, keep_length=True)
    surname = re.escape(speaker_name.split()[-1])
    if any(re.search(rf"\b{surname}\b", s) for s in earlier):
        return None
    verbs = list(_ADDED_VERB.finditer(bare))
    if len(verbs) != 1:
        return None
    at = verbs[0]
    after = re.match(rf"\s+(?:[\w'’.&-]+\s+){{0,4}}?{surname}\b", bare[at.end():])  # '..., added analyst Ian Fogg'
    before = re.search(rf"\b{surname}\s+$", bare[:at.start()])  # 'Ian Fogg added: ...'
    # 'Ian Fogg added: "...', '... added that ...', or after the words: '"...," Olivier Gerolami added in remarks to'
    words = before and (re.match(r"\s*(?:[:,.]|that\b)", bare[at.end():])
                        or sentence[:before.start()] != bare[:before.start()]  # a quotation, and only a name after
                        and not re.sub(r"\b[A-Z][\w'’.-]*", "", bare[:before.start()]).strip(" ,"))
    if not (words or after and sentence[:at.start()].rstrip().endswith((",", "”", '"'))):  # '"...," added Ian Fogg'
        return None
    new = _ADDED[at.group()]
    return sentence[:at.start()] + new + sentence[at.end():], {"from": at.group(), "to": new, "why": "first words"}
