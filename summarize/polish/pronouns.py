"""A pronoun that is a sentence's first word for a person, beyond its opener: "By the next afternoon his
temperature had shot to 104.6", "Public opinion polls show him trailing ...", "... are starving to death, she
said." Out of its article such a sentence says nothing about anyone the reader knows.

The opener ("He ...", "Upon arrival, he ...": ``subjects.pronoun_subject``) and the speaker right after a
quotation ('"...," he said': ``subjects.SAID_PRONOUN``) have their own rules in ``polish.references``; this one finds
the rest: a third-person pronoun outside quotations with no person before it in the sentence (a name, or a
noun for one person: "the suspect ... his car", ``text.facts.PERSON_NOUNS``) and, where it is in the phrase
that opens the sentence, none right after that phrase's comma ("Wearing his trademark sunglasses, the 6-foot
Rodman ...": the person comes after). The extractive summarizer leaves out such a sentence where the two
sentences before it in its article name no one the pronoun can surely stand for (``references.stands_for``:
not where they speak of one person by a noun, "the man"), or where a name cannot take the pronoun's place
("himself", "he’d"); the polish stage writes the name in ("show Corbett trailing", "Smith’s temperature")
where the summary does not keep the sentence before it.
"""

from __future__ import annotations

import re

from summarize.polish.names import ORGANISATION, names
from summarize.polish.people import NameTable
from summarize.polish.subjects import SAID_PRONOUN, pronoun_subject
from summarize.text.facts import GENDERED_NOUNS, PERSON_NOUNS
from summarize.text.lexicon import STOP_WORDS
from summarize.text.speech import unquoted

_THIRD = re.compile(r"\b([Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]er|[Hh]ers|[Hh]imself|[Hh]erself)\b(['’]\w+)?")
_CAPITALISED = re.compile(r"(?<![\w.’'])[A-Z]\w+(?:\s+[A-Z]\w+)+")  # a run of capitalised words
_ONE_PERSON = PERSON_NOUNS | frozenset(GENDERED_NOUNS)
_AFTER_COMMA_WORDS = 6  # how far past the phrase's comma its person may be named ("the 6-foot 7-inch Rodman")
# after an object "her", words that are not what she owns: "found her dead", "help her pursue"
_NOT_OWNED = frozenset(("dead", "alive", "safe", "unconscious", "pursue", "feel", "go", "stay", "leave", "get"))
# function words that come after an owner: "her first bid", "her own staff", "her two children"
_OWNED_AFTER = frozenset(("first", "second", "third", "last", "own", "next", "only", "whole", "former", "latter",
                          "two", "three", "four", "five", "six", "several", "many", "latest", "new"))


def _names_someone(text: str, table: NameTable, opening: bool) -> bool:
    """Whether ``text`` names a person: a noun for one, or a name; at a sentence's ``opening`` a capitalised
    word is a name only where the sources write it as one elsewhere ("Lowe was regarded ...", not "Scholarship
    money that ...")."""
    if any(w in _ONE_PERSON for w in re.findall(r"[a-z]+", text.lower())) or table.people_in(text):
        return True
    for run in _CAPITALISED.finditer(text):  # "Fox News Tucker Carlson": a person right after an organisation
        words = run.group(0).split()
        rest = words[max((k + 1 for k, w in enumerate(words) if w in ORGANISATION), default=0):]
        if rest != words and (len(rest) > 1 or (rest and table.person(rest[0]))):
            return True
    for start, name in names(text):
        if re.search(r"\w", text[:start]) or not opening or len(name.split()) > 1 or table.person(name):
            return True
        if sum(n for written, n in table.counts.items() if name in written.split()) >= 2:
            return True
    return False


def unanchored(sentence: str, table: NameTable) -> re.Match | None:
    """The first third-person pronoun of ``sentence`` outside quotations where no person is named before it or,
    in the sentence's opening phrase, right after that phrase; None where there is none, where it opens the
    sentence as its subject, where it is a quotation's speaker right after it, or where the sentence opens with
    a quotation (the speaker's words).

    Example:
        >>> table = NameTable.learn(["Tom Corbett spoke.", "Corbett left."])
        >>> [bool(unanchored(s, table)) for s in ("Public opinion polls show him trailing.", "Polls show Corbett "
        ...  "and his rival level.", "Wearing his hat, the governor spoke.", "He left.", "The girl lost her hat.")]
        [True, False, False, False, False]
    """
    if not sentence or sentence[0] in "\"“" or pronoun_subject(sentence):
        return None
    plain = unquoted(sentence, keep_length=True)
    m = _THIRD.search(plain)
    said = SAID_PRONOUN.search(sentence)
    if m is None or m.start() == 0 or (said and said.start(1) == m.start()):
        return None
    if _names_someone(plain[: m.start()], table, opening=True):
        return None
    comma = plain.find(",")  # the pronoun in the phrase that opens the sentence: its person may come after it
    if m.start() < comma and _names_someone(" ".join(plain[comma + 1:].split()[:_AFTER_COMMA_WORDS]), table,
                                            opening=False):
        return None  # not a comma further on: "... at the home of the boy, Shimron Smith." names someone else
    return m


def in_place(sentence: str, m: re.Match, name: str) -> str | None:
    """``sentence`` with ``name`` for the pronoun ``m`` finds ("show Corbett trailing", "Smith’s temperature";
    "her" as an owner before a word that is not a function word, or one of the few that follow an owner: "her
    prison term", "her first bid", but "took her into", "found her dead"); None where a name cannot take its
    place ("himself", "hers", "he’d")."""
    word = m.group(1).lower()
    if m.group(2) or word in ("hers", "himself", "herself"):
        return None
    following = re.match(r"\s+([A-Za-z]+)", sentence[m.end():])
    after = following.group(1).lower() if following else ""
    owner = word == "his" or (word == "her" and bool(after) and after not in _NOT_OWNED
                              and (after not in STOP_WORDS or after in _OWNED_AFTER))
    return sentence[: m.start(1)] + name + ("’s" if owner else "") + sentence[m.end(1):]
