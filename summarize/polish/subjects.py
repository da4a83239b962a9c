"""A sentence's subject where it is no name: a pronoun that opens it ("He ...", "Upon arrival in Pyongyang, he
...", "But, at 49, she ..."), or a noun for a person ("The suspect was taken to hospital", "The Tory leader
argued ..."). ``polish.people`` counts pronoun openers as votes for the gender of the person the sentence before
names, ``polish.references`` resolves them to a name (a noun subject before them says whose they are),
``summarizers.openers`` asks whether an extract can keep one.

Example:
    >>> pronoun_subject("He left.").group(1), pronoun_subject("But, at 49, she ran again.").group(1)
    ('He', 'she')
"""

from __future__ import annotations

import re

from summarize.text.facts import PERSON_NOUNS
from summarize.text.lexicon import CONNECTIVES, SURNAME_HONORIFICS
from summarize.text.speech import SAYS, SAYS_BY_QUOTATION

PRONOUN_OPENER = re.compile(r"^[\"“]?(He|She|His|Her)\b(?![’'])")
# "He’d had five children ...", "She's walked ...": a pronoun subject no name can replace as written
CONTRACTED_OPENER = re.compile(r"^[\"“]?(?:He|She)['’](?:s|d|ll)\b")
# a pronoun subject after a short opening phrase ("Upon arrival in Pyongyang, he") or a connective's ("But, at 49, he")
FRONTED_PRONOUN = re.compile(rf"^(?:(?:{CONNECTIVES}),\s+[^,;:\"“”.!?]{{2,60}}|[A-Z][^,;:\"“”.!?]{{2,60}}),"
                             r"\s+(he|she)\b(?![’'])")

# a clause before it whose subject is a name, the pronoun's ("When Hochul takes over, she will be ..."); not a name
# that is no subject ("Under Barack Obama, he said, ...")
_NAMED_CLAUSE = re.compile(r"^(?:When|Whenever|After|As|If|Although|Though|Before|Once|Until|While|Since|Because)\s+"
                           rf"(?:(?:{SURNAME_HONORIFICS})\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}"
                           r"\s+[a-z]")
_ANOTHERS_WORDS = re.compile(rf"\b(?:say|put it|{SAYS})\b")  # "As Walter White might say, she ...": not hers


def pronoun_subject(sentence: str) -> re.Match | None:
    """The opening pronoun subject of ``sentence`` ("He ...", "Upon arrival, he ..."), None for none, a quotation,
    or one whose referent the sentence names first as the subject of a clause before it ("When Hochul takes
    over, she ...": the sentence stands as written).

    Example:
        >>> pronoun_subject("Upon arrival, he was welcomed.").group(1), pronoun_subject("When Hochul won, she wept.")
        ('he', None)
    """
    m = PRONOUN_OPENER.match(sentence) or FRONTED_PRONOUN.match(sentence)
    fronted = sentence[: m.start(1)] if m is not None else ""
    if fronted and _NAMED_CLAUSE.match(sentence) and not _ANOTHERS_WORDS.search(fronted):
        return None
    return None if m is None or sentence[0] in "\"“" else m


PERSON_NOUN = "|".join(sorted(PERSON_NOUNS))


def _noun_subject(modifier: str) -> re.Pattern:
    """A noun for one person opening a sentence after "The", "A" or "An" and up to two ``modifier`` words."""
    return re.compile(rf"^(?:The|A|An)\s+(?:{modifier}+\s+){{0,2}}({PERSON_NOUN})\b(?!['’])")


# a noun for one person as a sentence's subject ("The suspect was taken to Highland Hospital.")
NOUN_SUBJECT = _noun_subject("[a-z-]")
# ... saying something, someone's or someone new ("his attorney insisted", "A Home Office spokesman said"; not
# "the Facebook founder said", who may be the one named before), anywhere in the sentence
NOUN_SAYS = re.compile(rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|an?|An?)\s+(?:[\w-]+\s+){{0,2}}(?:{PERSON_NOUN})\s+"
                       rf"(?:{SAYS})\b")
# ... with an office's capitals ("The Tory leader argued ..."), where the sentence names someone after it (where it
# names no one, "The Tory leader said ..." goes on about the person the sentence before names)
NOUN_SUBJECT_OF_NAMED = _noun_subject("[A-Za-z-]")
# the noun's name right after it ("The fourth victim is Adam Bentdahl"), in the apposition after it ("The teacher,
# identified as 29-year-old Geraldine Alcorn, is ...") or after a phrase that opens on the noun ("An entrepreneur
# from an early age, Mr Holiff served ..."), not in a relative clause ("The president, who met Kim ...")
NAMED_AFTER = re.compile(r"\s+(?:is\s+|was\s+)?[A-Z]|(?:\s+[a-z][\w-]*)*,\s+(?!(?:who|whose|whom|which|that)\b)"
                         r"[^,]*?\b[A-Z][a-z]")
# a quotation's speaker by pronoun, right after it: '"... the flu," she said.', '"...," he told reporters.'
SAID_PRONOUN = re.compile(rf"[,?!…][\"”]\s+(he|she)\s+(?:{SAYS_BY_QUOTATION})\b")
# a pronoun that itself says something: opening the sentence ("He said ...", "In a statement, she said ...") or
# giving a quotation's speaker (``SAID_PRONOUN``, in any case); not one that ends the writer's words ("Her job
# application included fingerprints, she said.")
SAYS_ITSELF = re.compile(rf"^(?:[^\"“,]{{0,80}},\s+)?(?:he|she)\s+(?:{SAYS})\b(?!\s*[,.]|\s*$)|{SAID_PRONOUN.pattern}",
                         re.IGNORECASE)
