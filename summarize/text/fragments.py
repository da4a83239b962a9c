"""Sentences that cannot stand alone in an extract, by their shape: the rest of a cut sentence, a list
item, a transcript's line, a lone answer, a piece of a quotation, an article cut at a title. The polish
stage's ``standing`` rule reads them; each is a pattern of the text alone, measured on the shared articles.
"""

from __future__ import annotations

import re

from summarize.text.lexicon import ABBREVIATED_TITLES, HONORIFICS

_OPENING = re.compile(r"[\w\"“‘'(\[¡¿$£€¥]")


def opens_with_a_mark(text: str) -> bool:
    """Whether ``text`` opens with a mark no sentence opens with: the rest of a sentence a caption or a
    missed split cut (", arrives for a news conference at the Capitol.", "—of the holiday weekend launch.",
    ". . . Bob's been very dissatisfied"), a list item's bullet ("* He has seen his lead drop", "• In
    Montana, they are accused of ..."), a handle, a hashtag or a copyright line ("@unsulk: I stand
    corrected.", "© 2015 Wiley Periodicals, Inc."). A letter, a digit, an opening quotation mark or bracket
    and a currency sign open sentences.

    Example:
        >>> [opens_with_a_mark(s) for s in (", arrives at the Capitol.", "* He has seen it.", "“Yes,” he said.", "$5 is due.")]
        [True, True, False, False]
    """
    return bool(text) and not _OPENING.match(text)


_BECAUSE = re.compile(r"^[\"“‘'(]?Because\b(?! of\b)[^,;:—]*$")


def lone_because(text: str) -> bool:
    """Whether ``text`` is a "Because ..." clause with no main clause: an answer to a question its article
    asked just before ("Why is this important? Because it may be time we all moved to Sweden."), which says
    nothing on its own. No comma, semicolon, colon or dash: nowhere for a main clause to start ("Because
    the operator did not hang up, the call continued" is a sentence). In the shared Multi-News and NeuS
    articles (24,017 sentences) the 3 that match are all such answers; after "If", "When" or "While" a
    sentence without a comma is mostly a whole one that lost its comma, so only "Because" counts.

    Example:
        >>> lone_because("Because it may be time we all moved to Sweden."), lone_because("Because of rain it stopped.")
        (True, False)
    """
    return bool(_BECAUSE.match(text))


_CUT_AT_TITLE = re.compile(rf"\b(?:{'|'.join(t for t in HONORIFICS + ABBREVIATED_TITLES if t != 'Sir')})\.[\"”’')\]]*$")


def cut_at_title(text: str) -> bool:
    """Whether ``text`` ends on a title written before a name ("... distinguishing himself from Gov.", "New
    York Gov.", '“Candid and inspiring.”—Dr.'): the article was cut there, mid-sentence, and the splitter took
    the title's full stop for the sentence's end. In the shared Multi-News, NeuS and BBC articles the 5 such
    sentences are all cut ends. No "St." or "Jr." (a sentence ends on "Main St." or "Martin Luther King Jr.").

    Example:
        >>> cut_at_title("GOP Georgia Gov."), cut_at_title("He met Gov. Kemp."), cut_at_title("It is on Main St.")
        (True, False, False)
    """
    return bool(_CUT_AT_TITLE.search(text))


_LABEL = re.compile(r"^[\"“‘'(]?(?:Q|A|[A-Z][A-Z0-9.&'’-]*[A-Z0-9.](?:\s+[A-Z0-9][A-Z0-9.&'’-]*){0,6}):\s")


def labelled_line(text: str) -> bool:
    """Whether ``text`` opens with a label in capitals and a colon: a transcript's speaker ("PRESIDENT OBAMA:
    Great to be here.", "Q:", "A:"), whose words read as the writer's once the line stands alone; a kicker
    ("UPDATE:", "OPINION:", "AUDIO: Listen to the emergency response."); or a headline's source ("FBI: No
    crime committed in Bubba Wallace's garage stall."). In the shared Multi-News, NeuS and BBC articles, 94 of
    the sentences that could stand otherwise are such lines, 59 of them one interview's transcript.

    Example:
        >>> labelled_line("PRESIDENT OBAMA: Great to be here."), labelled_line("A: Sign the back of the ticket.")
        (True, True)
        >>> labelled_line("Putin said: we will win."), labelled_line("NATO allies met on Monday.")
        (False, False)
    """
    return bool(_LABEL.match(text))


_QUOTE_MARK = re.compile(r"[\"“”]")


def broken_quotation(text: str) -> bool:
    """Whether ``text`` holds a piece of a quotation that runs across sentences: it opens one it does not
    close ('"Make no mistake, COVID has not suddenly disappeared.': the speaker's next sentence goes on, and
    the one naming the speaker may come after), or it closes one an earlier sentence opened ('... and garage
    assignment," NASCAR said.'). Read alone, the first has no end and the second a stray mark, the speaker's
    words read as the writer's. Double quotes only (a single ’ is also an apostrophe); a straight ``"``
    opens at the start or after a space or an opening bracket or dash, and closes elsewhere; “ and ” count as
    written (sources mix them: '“all that he knows."'). An opening mark inside an open quotation continues it:
    a quotation's new paragraph opens again without the last one closing, and texts that join paragraphs
    (the BBC's) show that mid-sentence ('... club. "He can't go on television."').

    Example:
        >>> [broken_quotation(s) for s in ('"Make no mistake.', 'the message," he said.', '"Yes," he said.')]
        [True, True, False]
        >>> broken_quotation('He told “all that he knows." Then: "We won. "We will win again."')
        False
    """
    depth = 0
    for m in _QUOTE_MARK.finditer(text):
        i = m.start()
        if m.group() == "“" or (m.group() == '"' and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([{—–")):
            depth = 1
        elif depth:
            depth = 0
        else:
            return True
    return depth > 0
