"""A speaker's words in news text: where quotations run and which verbs say whose they are. One rule for every
stage that asks (cleaning's page-voice rules, the extract's sentence shapes, the polish stage's people and
references), where three quotation patterns and two lists of verbs of saying had grown apart.

- ``quotations``: the spans of a text's double quotations, and whether one is broken (runs across sentences);
  ``unquoted``: the text with them (and, asked, its single quotations) blanked, to read only the writer's words;
  ``paragraph_quotes``: a paragraph's marks set as one paragraph needs them (cleaning's normalisation);
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
# verbs that, next to a quotation, give its speaker beyond ``SAYS``: before the name ('"It was a close race," admitted
# Gardener.', "..., warned Mr Cracknell.") or after a pronoun ('"...," he joked.', '"...," she continued.': 62
# sentences of the shared articles that the pronoun rule passed over)
SAYS_BY_QUOTATION = (rf"{SAYS}|warned|warns|noted|notes|stated|admitted|admits|agreed|observed|commented|remarked|"
                     r"conceded|concedes|cautioned|stressed|joked|jokes|quipped|replied|asked|asks|continued|concluded|"
                     r"declared|tweeted")
ATTRIBUTED = re.compile(rf"\b(?:{SAYS}|according to)\b")
# a name of two to four words between commas, a person's ("The BBC's correspondent in Jakarta, Rachel Harvey, told
# ..."; not "R-Ky.", "Utah Republican", "US Trade Representative"): before a verb of saying, the speaker
IN_APPOSITION = r"\s*[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}(?<!Republican)(?<!Democrat)\s*,"

_QUOTE_MARK = re.compile(r"[\"“”]")
# single quotation marks around a speaker's words: ‘...’ not followed by a letter (an apostrophe is), and
# '...' opening after a space and closing after the words' own punctuation ("'We won,' he said.")
_SINGLE_QUOTED = re.compile(r"‘(?:[^‘’]|’(?=\w))*’(?!\w)|(?:^|(?<=[\s(—–]))'[^']*[,.!?]'(?!\w)")
_OPENS_AFTER = "([{—–"  # a straight mark at the start or after a space or one of these opens
_SENTENCE_END = re.compile(r"[.!?…]\s$")  # before a mark: it opens a sentence
_CLAUSE_END = re.compile(r"[,.!?…]\s$")  # before a spaced mark: it closes the words before


def _opens(line: str, m: re.Match) -> bool:
    """Whether quotation mark ``m`` of ``line`` opens a quotation (“ always; " by what precedes it)."""
    i = m.start()
    return m.group() == "“" or (m.group() == '"' and (i == 0 or line[i - 1].isspace() or line[i - 1] in _OPENS_AFTER))


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
        if _opens(text, m):
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


def _reopens(line: str, m: re.Match) -> bool:
    """Whether mark ``m`` opens a sentence: where a quotation running on opens again."""
    return _opens(line, m) and bool(_SENTENCE_END.search(line, 0, m.start()))


def _closes(line: str, m: re.Match | None) -> bool:
    """Whether there is a mark ``m`` and it closes a quotation."""
    return m is not None and not _opens(line, m)


def paragraph_quotes(line: str) -> str:
    """``line`` (one paragraph) with its double quotation marks set as one paragraph needs them.

    - A quotation that ran over several paragraphs opens again at each one's start without closing at the
      last one's end (the BBC's house style: '"... is still strong.' then '"But we expect ..."'); a file that
      fused those paragraphs into one line ('... strong. "But we expect ...') holds a mark that opens a
      sentence inside an open quotation. Where the next mark that does not open a sentence too closes it, the
      paragraph before is closed there ('... strong." "But we expect ...'), as a quotation's paragraph read on
      its own is: the sentence splitter ends a sentence between them (``text.sentences``), so that a summary
      takes a paragraph of the speaker's, not the run ('Dick Pound said: "I am convinced ... support them.
      But if they accept ... Sport," he added.' had been one sentence: 77 words, two verbs of saying).
    - A straight mark set off by spaces ('... months, " he said.', '" He used to ...') closes an open
      quotation and opens where none is open; the stray space goes.

    Example:
        >>> paragraph_quotes('"Growth is strong. "But we expect less in 2005," he said. "Jobs lag."')
        '"Growth is strong." "But we expect less in 2005," he said. "Jobs lag."'
        >>> paragraph_quotes('It changed over the last months, " he said. " Growth appears stronger."')
        'It changed over the last months," he said. "Growth appears stronger."'
        >>> paragraph_quotes('"I am obliged to win. "As part of that job, I talk. " They left.')
        '"I am obliged to win." "As part of that job, I talk." They left.'
    """
    if '"' not in line and "“" not in line:
        return line
    out, last, inside = [], 0, False
    marks = list(_QUOTE_MARK.finditer(line))
    # a mark set off by spaces after a clause's end closes what the mark right before it opened ('"As part of
    # that job, I use colloquial language. " England's players ...')
    spaced_close = [m.group() == '"' and line[m.start() - 1:m.start()] == " " and line[m.end():m.end() + 1] in (" ", "")
                    and bool(_CLAUSE_END.search(line, 0, m.start())) for m in marks]
    reopening = [_reopens(line, m) and not closer for m, closer in zip(marks, spaced_close)]
    for k, m in enumerate(marks):
        i, mark = m.start(), m.group()
        before, after = line[i - 1:i], line[i + 1:i + 2]
        if mark == '"' and before == " " and after in (" ", ""):  # set off by spaces: its place says which
            if _CLAUSE_END.search(line, 0, i) and (inside or line[i + 2:i + 3].islower()):
                out.append(line[last:i - 1] + '"')  # closes one open here or in the paragraph before
                last, inside = i + 1, False
            elif not inside and after == " " and line[i + 2:i + 3].isupper():
                out.append(line[last:i + 1])
                last, inside = i + 2, True
            continue
        opens = _opens(line, m)
        if opens and inside:
            after_run = next((n for n, again in zip(range(k + 1, len(marks)), reopening[k + 1:]) if not again), None)
            if reopening[k] and after_run is not None and (spaced_close[after_run] and after_run == k + 1
                                                           or _closes(line, marks[after_run])):
                out.append(line[last:i].rstrip() + ("”" if mark == "“" else '"') + " " + mark)
                last = i + 1 + (after == " ")
            continue
        inside = opens
    return "".join(out) + line[last:]


# who says it, set off by commas where a connective stood before it ("But, he said, the Mac mini changed ...",
# "Also, said Mr Flynn, Vodafone has ..."); before a letter only: '"..., McTiernan said, "having ..."' keeps its comma
_ASIDE_SAID = re.compile(rf"^((?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})\s+"
                         rf"(?:{SAYS}|say|noted))\s*,\s+(?=[A-Za-z])")
_SAID_ASIDE = re.compile(rf"^({SAYS}|noted)\s+([^,\"“”]{{2,60}}?),\s+(?=[A-Za-z])")
# the speaker's own appositive after that comma: "Says Nick Donofrio, senior vice-president ... at IBM, it was ..."
_APPOSITIVE = re.compile(r"^(?:(?:a|an)\s[^,]{0,60}"
                         r"|[a-z][\w'’-]*(?:\s+[\w'’&-]+){0,10}\s+(?:of|at|for)\s+[A-Z][^,]*),")


def speaker_first(text: str) -> str:
    """``text`` with the speaker a connective's comma set apart written as its subject: what is left of "For
    example, he said, freshmen ..." and "Also, said Mr Flynn, Vodafone has ..." once the connective goes.

    Example:
        >>> speaker_first("He said, freshmen live on campus."), speaker_first("Said Mr Flynn, Vodafone cut them off.")
        ('He said freshmen live on campus.', 'Mr Flynn said Vodafone cut them off.')
        >>> speaker_first('McTiernan said, "having an active life helps."')
        'McTiernan said, "having an active life helps."'
        >>> speaker_first("Says Nick Donofrio, senior vice-president at IBM, it was not the thing.")[:22]
        'Says Nick Donofrio, se'
    """
    m = _ASIDE_SAID.match(text)
    if m:
        return f"{m.group(1)} {text[m.end():]}"
    m = _SAID_ASIDE.match(text[:1].lower() + text[1:])
    if m and not m.group(2).islower() and not _APPOSITIVE.match(text[m.end():]):  # not "said that ..."
        who = m.group(2)
        return f"{who[:1].upper()}{who[1:]} {m.group(1)} {text[m.end():]}"
    return text
