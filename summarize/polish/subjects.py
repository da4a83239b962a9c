"""A pronoun that opens a sentence as its subject: "He ...", "Upon arrival in Pyongyang, he ...", "But, at 49,
she ...". ``polish.people`` counts such openers as votes for the gender of the person the sentence before names,
``polish.references`` resolves them to a name, ``summarizers.openers`` asks whether an extract can keep one.

Example:
    >>> pronoun_subject("He left.").group(1), pronoun_subject("But, at 49, she ran again.").group(1)
    ('He', 'she')
"""

from __future__ import annotations

import re

from summarize.text.lexicon import CONNECTIVES, SURNAME_HONORIFICS
from summarize.text.speech import SAYS

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
