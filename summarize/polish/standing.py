"""Whether a source sentence can stand in an extract: one rule for what every extractive summarizer takes
(extractive's candidates, lead's fill in the polish stage).
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from summarize.text.fragments import (
    aside,
    broken_quotation,
    continues_a_sequence,
    cut_at_title,
    imperative,
    labelled_line,
    lone_because,
    opens_with_a_mark,
    points_ahead,
    unbalanced_brackets,
    writers_voice,
)
from summarize.text.headlines import headline_case, participle_line, roster_entry
from summarize.text.sentences import closing_mark, count_words, opens_lower

_LEAD_IN = re.compile(r":[\s\"'”’)\]]*$")


def out_of_place(sentence: str) -> bool:
    """Whether a sentence cannot stand in an extract: it ends with a colon, announcing what follows it in its
    article (a quote, a list, a tweet or a link, which the extract would not carry), it opens with a
    lower-case word, being the rest of a sentence a missed split cut ("Well.... with just a moment of ..."),
    or with a mark no sentence opens with (", arrives for a news conference ...", a bullet "* ...", "@handle:",
    ``text.fragments.opens_with_a_mark``),
    it is a lone "Because ..." answering its article's question (``text.fragments.lone_because``), or it is
    a piece of a quotation that runs across sentences, without its end or its start
    (``text.fragments.broken_quotation``: '"Make no mistake, COVID has not suddenly disappeared.'), it ends
    on a title where its article was cut ("New York Gov.", ``text.fragments.cut_at_title``), or it opens with
    a label in capitals, a transcript's speaker or a kicker ("PRESIDENT OBAMA: ...", "UPDATE: ...",
    ``text.fragments.labelled_line``), or it tells the reader what to do ("Read on for ...", "Look at the way ...",
    ``text.fragments.imperative``), or it is wholly in parentheses, its writer's aside to the sentence before
    it ("(It really is.)", "(Hammer equals gavel.)", ``text.fragments.aside``), or its brackets do not pair
    (a list item's "2) ...", a sentence cut inside a pair: ``text.fragments.unbalanced_brackets``), or it is a
    step of a sequence or a conclusion whose steps stay in its article ("Then came the sharpness ...",
    "Second, ...", "So ...": ``text.fragments.continues_a_sequence``), or it points to what follows it, as a colon
    does ("Here are key Senate races to watch.": ``text.fragments.points_ahead``).

    Example:
        >>> out_of_place("Here are just a few comments among the range of unhappy users:"), out_of_place("Kim met Putin.")
        (True, False)
    """
    return bool(_LEAD_IN.search(sentence)) or opens_lower(sentence) or opens_with_a_mark(sentence) \
        or lone_because(sentence) or imperative(sentence) \
        or broken_quotation(sentence) or cut_at_title(sentence) or labelled_line(sentence) or aside(sentence) \
        or unbalanced_brackets(sentence) or continues_a_sequence(sentence) or points_ahead(sentence)


def extractable(sentence: str, voice: bool = True) -> bool:
    """Whether a source sentence can stand in an extract, as every extractive summarizer (extractive, lead)
    takes them: a statement (closing with a full stop or ``!``: no question; no sentence that trails off in an
    ellipsis, a teaser cut short, "Glaciologists found that the melting caused global sea ...", or speech
    left unfinished; and no headline, caption, credit or list item without a sentence's end) of three words
    or more (no "Yes.", "Wednesday.", "Poe
    said."), mostly words (letters at least 60% of its characters: no live blog's "2:44 p.m."), not a
    headline in Title Case with a full stop, a line-up or a credit (``text.headlines.headline_case``), no
    line without a subject ("Directed by Clint Eastwood.", ``text.headlines.participle_line``) nor a roster's
    entry ("Austin Custodio, 21, of Boyce Road, Pine Bush, N.Y.; sale or delivery ...": ``roster_entry``), and not
    ``out_of_place``; with ``voice``, also not in its writer's own voice ("Last month, I joined about 15,000
    other cyclists", "We're told the Kardashians were surprised": ``text.fragments.writers_voice``), which a
    summary of several articles cannot give to anyone. Which of a cluster's sentences both take: ``tiers``.

    Example:
        >>> [extractable(s) for s in ("Kim met Putin.", "The Thing", "Were you threatened?", "2:44 p.m.", "Yes.")]
        [True, False, False, False, False]
        >>> extractable("Kim Jong Un Backs Down In Nuclear Showdown With Trump.")
        False
    """
    if closing_mark(sentence) not in (".", "!") or count_words(sentence) < 3 or out_of_place(sentence) \
            or headline_case(sentence) or participle_line(sentence) or roster_entry(sentence) \
            or (voice and writers_voice(sentence)):
        return False
    letters = sum(ch.isalpha() for ch in sentence)
    return letters >= 0.6 * len(sentence.replace(" ", ""))


def tiers(texts: Sequence[str], also: Callable[[int], bool] | None = None) -> tuple[list[int], list[int]]:
    """The indices of ``texts`` an extract takes, in two tiers: the ``extractable`` ones (with ``also``,
    those for which ``also(i)`` holds too: extractive's length bounds, its pronoun openers), and those that
    could stand but for their writer's voice, where most of the words that could stand are in it (a
    family's statement, an op-ed, a personal essay: their own words, not the one stray sentence in the
    third person), which an extract takes only where the first do not fill its word budget. Where neither
    tier has any (an interview of questions, a transcript in capitals), all of them: a summary, not nothing.

    Example:
        >>> tiers(["Were you there?", "Last month, I joined the ride.", "Kim met Putin in Pyongyang on Wednesday."])
        ([2], [])
        >>> tiers(["Were you there?", "Last month, I joined the ride.", "Kim met Putin."])
        ([2], [1])
        >>> tiers(["Were you there?", "Why?"])
        ([0, 1], [])
    """
    kept = [i for i, t in enumerate(texts) if extractable(t, voice=False) and (also is None or also(i))]
    if not kept:
        return list(range(len(texts))), []
    voice = {i for i in kept if writers_voice(texts[i])}
    voiced, first = [i for i in kept if i in voice], [i for i in kept if i not in voice]
    if sum(count_words(texts[i]) for i in voiced) <= sum(count_words(texts[i]) for i in first):
        return first, []
    return first, voiced
