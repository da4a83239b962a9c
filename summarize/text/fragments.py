"""Sentences that cannot stand alone in an extract, by their shape: the rest of a cut sentence, a list
item, a transcript's line, a lone answer, a piece of a quotation, an article cut at a title, an instruction
to the reader, a pointer to what follows. The polish stage's ``standing`` rule reads them; each is a pattern
of the text alone, measured on the shared articles.
"""

from __future__ import annotations

import re

from summarize.text.lexicon import (
    ABBREVIATED_TITLES,
    ADDING,
    CONNECTIVES,
    CONTRAST,
    OFFICES,
    ORDINAL_STEPS,
    RESULTS,
    STEPS,
    STOP_WORDS,
    SURNAME_HONORIFICS,
)
from summarize.text.speech import quotations, speaker_first, unquoted

_OPENING = re.compile(r"[\w\"“‘'(\[¡¿$£€¥]")
# "However, ..." contrasts with the sentence before it in its article ("On top of that, ...", ``ADDING``, adds to it);
# elsewhere with nothing, and the polish stage drops it ("Instead of stopping, ..." and "Still unclear is ...": kept)
CONNECTIVE = re.compile(rf"^(?:(?!Instead of\b|Still\s)(?:{CONTRAST}),?|(?:{ADDING}),)\s+(?=[a-zA-Z])")


def as_polished(text: str) -> str:
    """``text`` without a stray connective, as a summary without the sentence before it reads it ("But then ...":
    "Then ...", "Apart from this, however, the ...": "The ...", "But, he said, the ...": "He said the ...")."""
    m, start = CONNECTIVE.match(text), text
    while m:
        text = text[m.end()].upper() + text[m.end() + 1:]
        m = CONNECTIVE.match(text)
        m = m if m and "," in m.group() else None
    return speaker_first(text) if text is not start else text


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


_LIST_MARK = re.compile(r"^[–—•*-]+\s+")


def without_list_mark(text: str) -> str:
    """``text`` without a dash or bullet opening it: a model fine-tuned on Multi-News (PRIMERA-multinews)
    writes each summary as the dataset's do, "– Russian President Vladimir Putin arrived ..."; "-5 degrees"
    keeps its sign.

    Example:
        >>> without_list_mark("– Putin arrived."), without_list_mark("-5 degrees was the low.")
        ('Putin arrived.', '-5 degrees was the low.')
    """
    return _LIST_MARK.sub("", text)


_ASIDE = re.compile(r"^\([^()]*(?:\([^()]*\)[^()]*)*\)$")


def aside(text: str) -> bool:
    """Whether ``text`` is wholly in parentheses: in a Multi-News reference summary, the closing teaser of
    another story or a pointer to a link the summary does not carry ("(Doctors are puzzled by a boy who's
    never hungry.)", "(See the video here.)": 56 of the 250 shared references hold one, 54 as their last
    sentence), which a model fine-tuned on them writes too.

    Example:
        >>> aside("(See the video here.)"), aside("(AP) Putin arrived."), aside("Putin arrived (again).")
        (True, False, False)
    """
    return bool(_ASIDE.match(text))


def unbalanced_brackets(text: str) -> bool:
    """Whether ``text``'s round brackets do not pair: a list item's number ("2) Qua economics, the proposal
    looks a lot better ..."), a sentence cut inside a pair where its article ends ("The House Democrats, led by
    lead manager Jamie B. Raskin (D-Md."), the end of an aside a split broke off ("No, really, that's what it's
    called.)"). In the shared Multi-News and NeuS articles each of the 14 such sentences is one of these.

    Example:
        >>> [unbalanced_brackets(s) for s in ("2) We can hire.", "Raskin (D-Md.", "Raskin (D-Md.) spoke.")]
        [True, True, False]
    """
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return depth != 0


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


# "So far", "so much", "So-called", "Then-President" and "Then President Bill Clinton" (the office he held then),
# and "Later" before the day it dates ("Later this week", "Later Thursday", "Later in the day") open no step
_THEN_TITLE = "|".join(OFFICES + ABBREVIATED_TITLES + ("Vice",))
_STEP = re.compile(rf"^(?:(?:{ORDINAL_STEPS}|{RESULTS}),|(?!So\b|Later\b|Then\s+(?:{_THEN_TITLE})\b)(?:{STEPS}),?\s"
                   r"|So,?\s(?!(?:far|much|many|long|few|too)\b)"
                   r"|Later,?\s(?!(?:this|that|on|today|tonight|in the|[A-Z][a-z]+day)\b)"
                   r"|\d{1,2}[.)]\s)")  # an item of its article's numbered list: "2. A close-up photograph shows ..."


def continues_a_sequence(text: str) -> bool:
    """Whether ``text`` opens with a step of a sequence or a conclusion drawn from the sentences before it in
    its article ("Then came the sharpness, the colour and the widescreen format.", "Second, stock markets do
    not trade ...", "Later the prime minister's spokesman was asked ...", "So when it comes to computer
    security, ...") or is an item of its article's numbered list ("2. A close-up photograph shows Beatty ..."),
    which out of its article follows nothing. A speaker's own words are quoted, not read as
    the writer's steps ('"Finally I felt I put myself in a position ...," said Davenport.'). In the shared
    Multi-News, NeuS and BBC articles 258 of 64,974 sentences open with such a word, one of them an article's
    first; the BBC events run (1,030 events) extracted 15, the 250 Multi-News extractive summaries 6.

    Example:
        >>> [continues_a_sequence(s) for s in ("Then came the colour.", "Second, prices fell.", "Second seed X won.",
        ...                                    "So far 20 died.", "Later this week he spoke.", "Then Gov. Bush spoke.",
        ...                                    "But then something happened.", "But so far none did.", "2. He won.",
        ...                                    "2 men died.")]
        [True, True, False, False, False, False, True, False, True, False]
    """
    return bool(_STEP.match(as_polished(text)))


_TO_THE_READER = ("look", "see", "watch", "check", "take", "get", "make", "let", "go", "try", "remember", "imagine",
                  "consider", "think", "don['’]t", "do not", "be", "keep", "stop", "join", "follow", "find", "discover",
                  "learn", "buy", "grab", "enjoy", "tell", "ask", "scroll", "visit", "give", "pick", "choose", "skip",
                  "avoid", "forget", "listen", "put", "bring", "wear", "expect", "prepare")
_IMPERATIVE = re.compile(rf"^(?:(?:Of course|Just|{CONNECTIVES}),?\s+)?(?:"
                         + "|".join(f"[{v[0].upper()}{v[0]}]{v[1:]}" for v in _TO_THE_READER)
                         + r"|[Rr]ead(?= (?:on|more|the|his|her|their|our|this|it)\b)"
                         r"|[Yy]ou(?:['’](?:re|ll|ve|d))?|[Yy]our)\s+(?=[a-z(])")


def imperative(text: str) -> bool:
    """Whether ``text`` tells its reader what to do ("Read on for the backstage reactions of Jon Cryer ...",
    "Look at the way he's not clutching his face in agony", "Imagine the lines in Customs.") or speaks to them
    ("You can watch the full police press conference below", "You had a couple of police officers at your side"):
    the page's or the writer's words to its reader, which a summary cannot give to anyone. A verb from a list,
    or "you", then a lower-case word: not a name ("Read wrote the song", "Ask Jeeves has bought ...") nor a noun
    that opens sentences ("Call centre users", "Meet the Fockers"), which the list leaves out. In the shared
    Multi-News, NeuS and BBC articles 126 sentences matched the verbs, 1 a film's title; 135 more open with
    "you" outside a quotation (asides to the reader, transcripts' lines, a sheriff's phone number: all read).

    Example:
        >>> [imperative(s) for s in ("Read on for the reactions.", "Read wrote the song.", "Look at the replay.",
        ...                          "Ask Jeeves has bought it.", "Of course ask your parents.", "You’re adults.")]
        [True, False, True, False, True, True]
    """
    return bool(_IMPERATIVE.match(as_polished(text)))


_POINTER = re.compile(r"^(?:(?:(?:And|So|But|Now),?\s+)?(?:Here(?:['’]s| is| are)|Below (?:is|are)|"
                      r"The following (?:is|are))|[^:;—–\"“]+,\s+here(?:['’]s| is| are)\s+"
                      r"(?=how|what|why|where|who|some|a few|\d))"
                      r"\b(?![^;:]*(?:\s[-–]\s|[;:—]))")


def points_ahead(text: str) -> bool:
    """Whether ``text`` points to what follows it in its article ("Here are key Senate races to watch.",
    "Here's what you need to know.", "Here is how six leading lobbies plan to make sure their cause is
    debated.", "Here's a sampling of times Trump took credit for the market's rise.", after a lead-in "From ...
    to her best Suze Orman impression, here are 20 of Wiig's most memorable bits."): in an extract what it
    points to is not there. A colon's lead-in is the same (``standing.out_of_place`` reads it); these close with
    a full stop. Not where a colon, dash or semicolon goes on to say it ("Here's one sign of the recovery: The
    average cost of a wedding just hit a five-year high.", "Here's the big deal though - they're playable over
    Xbox Live."). In the shared Multi-News, NeuS and BBC articles 19 sentences that close with a full stop are
    such, 3 not pointers (an essay's "Here is the mystery, alive, unscathed, ..."); after a lead-in only a
    pointer to how, what, some or a number of things ("From guns to gays, here is a man always ready ..." is none).

    Example:
        >>> [points_ahead(s) for s in ("Here's what you need to know.", "Here are some.", "Kim met Putin here.",
        ...                            "Here's the big deal though - they're playable online.",
        ...                            "Here's one sign of it: The cost of a wedding hit a high.")]
        [True, True, False, False, False]
    """
    return bool(_POINTER.match(as_polished(text)))


_CUT_AT_TITLE = re.compile(rf"\b(?:{SURNAME_HONORIFICS}|{'|'.join(ABBREVIATED_TITLES)})\.[\"”’')\]]*$")


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


def broken_quotation(text: str) -> bool:
    """Whether ``text`` holds a piece of a quotation that runs across sentences: it opens one it does not
    close ('"Make no mistake, COVID has not suddenly disappeared.': the speaker's next sentence goes on, and
    the one naming the speaker may come after), or it closes one an earlier sentence opened ('... and garage
    assignment," NASCAR said.'). Read alone, the first has no end and the second a stray mark, the speaker's
    words read as the writer's. Double quotes only (a single ’ is also an apostrophe), by the marks' rule of
    ``summarize.text.speech.quotations``: texts that join paragraphs (the BBC's) open a quotation's next
    paragraph again mid-sentence without closing the last ('... club. "He can't go on television."').

    Example:
        >>> [broken_quotation(s) for s in ('"Make no mistake.', 'the message," he said.', '"Yes," he said.')]
        [True, True, False]
        >>> broken_quotation('He told “all that he knows." Then: "We won. "We will win again."')
        False
    """
    return quotations(text)[1]


def bare_quotation(text: str) -> bool:
    """Whether ``text`` is a quotation and nothing else ('"There were only so many handed out. They were gone
    fast."'): its article names the speaker in a sentence around it, and out of the article the reader
    cannot tell whose words they are.

    Example:
        >>> bare_quotation('"They were gone fast."'), bare_quotation('"They were gone fast," he said.')
        (True, False)
    """
    spans, broken = quotations(text)
    return bool(spans) and not broken and not any(ch.isalpha() for ch in unquoted(text))


_FIRST_PERSON = re.compile(r"\b(?:I(?=['’](?:m|ve|ll|d)\b|\s+[a-z])|me|my|myself|we|us|our|ours|ourselves|My|We|Our)\b")
_NUMERAL_AFTER = re.compile(r"\b[A-Z][a-z]+\s+$")  # "World War I", "a Class I felony": a numeral after a name


def writers_voice(text: str) -> bool:
    """Whether ``text`` speaks in its writer's first person outside any quotation ("Last month, I joined
    about 15,000 other cyclists", "Recode reached out to HQ and Kroll with our reporting", "We're told the
    Kardashians were surprised", "... he told me", a candidate's op-ed: "A vote for me is a vote for jobs"):
    in a summary of several articles no reader can tell whose "I" or "we" it is, and takes it for the
    summary's. Quoted words are their speaker's ('"We will win," he said.'); "you" is not counted (the
    Multi-News editors' own summaries address the reader); "I" counts as "I'm", not as "World War I".

    Example:
        >>> [writers_voice(s) for s in ("Last month, I joined the ride.", '"We will win," he said.',
        ...                            "Putin met Kim.", "World War I veterans met.", "'It tells us so,' he said.",
        ...                            "He shouted: ‘Don’t spew that stuff on me’.")]
        [True, False, False, False, False, False]
    """
    outside = unquoted(text, single=True)
    for m in _FIRST_PERSON.finditer(outside):
        before = outside[:m.start()]
        if m.group() == "I" and _NUMERAL_AFTER.search(before) and before.strip().count(" ") > 0 \
                and before.split()[-1].lower() not in STOP_WORDS:
            continue
        return True
    return False

