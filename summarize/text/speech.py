"""A speaker's words in news text: where quotations run and which verbs say whose they are. One rule for every
stage that asks (cleaning's page-voice rules, the extract's sentence shapes, the polish stage's people and
references), where three quotation patterns and two lists of verbs of saying had grown apart.

- ``quotations``: the spans of a text's double quotations, and whether one is broken (runs across sentences);
  ``unquoted``: the text with them (and, asked, its single quotations) blanked, to read only the writer's words;
- ``SAYS``: the verbs of saying that attribute words to a person ("Leon Thomas told", "said Philip Morgan");
  ``ATTRIBUTED``: any of them, or "according to", anywhere in a sentence.

Example:
    >>> unquoted('"We hope so," he said.'), unquoted('won," NASCAR said. "We', keep_length=True)
    ('  he said.', '      NASCAR said.    ')
"""

from __future__ import annotations

import re

# verbs of saying, past and present ("the friend explains"), as a regular-expression alternation to put between
# word boundaries; not "recalls", which as often says nothing ("A former associate of Bannon's in California
# recalls him as a strategic thinker" had named California the speaker; "Toyota recalls 1 million cars")
SAYS = (r"said|says|told|tells|added|adds|wrote|writes|explained|explains|recalled|argued|argues|insisted|insists|"
        r"announced|announces")
ATTRIBUTED = re.compile(rf"\b(?:{SAYS}|according to)\b")

_QUOTE_MARK = re.compile(r"[\"“”]")
# single quotation marks around a speaker's words: ‘...’ not followed by a letter (an apostrophe is), and
# '...' opening after a space and closing after the words' own punctuation ("'We won,' he said.")
_SINGLE_QUOTED = re.compile(r"‘(?:[^‘’]|’(?=\w))*’(?!\w)|(?:^|(?<=[\s(—–]))'[^']*[,.!?]'(?!\w)")


def quotations(text: str) -> tuple[list[tuple[int, int]], bool]:
    """The spans of ``text``'s double quotations, and whether one is broken (runs across sentences): a closing
    mark with no opening one before it (the words before it are the end of a quotation an earlier sentence
    opened: its span starts at the text's start), or an opening mark never closed (its span runs to the end).
    A straight ``"`` opens at the start or after a space, an opening bracket or a dash, and closes elsewhere;
    “ and ” count as written (sources mix them: '“all that he knows."'); an opening mark inside an open
    quotation continues it (a quotation's new paragraph opens again without the last one closing).

    Example:
        >>> quotations('"Yes," he said.'), quotations('assignment," NASCAR said.'), quotations('"Make no mistake.')
        (([(0, 6)], False), ([(0, 12)], True), ([(0, 17)], True))
    """
    spans, start, broken = [], None, False
    for m in _QUOTE_MARK.finditer(text):
        i = m.start()
        if m.group() == "“" or (m.group() == '"' and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–")):
            start = i if start is None else start
        elif start is not None:
            spans.append((start, i + 1))
            start = None
        else:  # closes what no mark here opened: everything before it is quoted
            spans, broken = [(0, i + 1)], True
    if start is not None:
        spans.append((start, len(text)))
    return spans, broken or start is not None


def unquoted(text: str, *, single: bool = False, keep_length: bool = False) -> str:
    """``text`` with each double quotation (``quotations``), and with ``single`` each single one, a space, or
    with ``keep_length`` as many spaces as it had characters (positions in the result are positions in
    ``text``).

    Example:
        >>> unquoted("He shouted: ‘Don’t spew that stuff on me’ at us.", single=True)
        'He shouted:   at us.'
    """
    for a, b in reversed(quotations(text)[0]):
        text = text[:a] + (" " * (b - a) if keep_length else " ") + text[b:]
    if single:
        text = _SINGLE_QUOTED.sub(lambda m: " " * len(m.group()) if keep_length else " ", text)
    return text
