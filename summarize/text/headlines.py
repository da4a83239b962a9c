"""Headlines a scraped page leaves in an article's body: a sentence in Title Case ("North Korea Backs Off Threat
to Hit Guam.": NeuS gives each document's headline a full stop), and a headline fused to the sentence after it
("Good Country Index Is Released, US Not In The Top 20 The Good Country Index doesn't measure ..."). The cleaning
stage's furniture rules cut the fused ones (``furniture``); what an extract may take passes over the rest
(``polish.standing``), and over the other lines of a page that are no sentences: a credit or a list's item with
no subject (``participle_line``: "Directed by Clint Eastwood."), a roster's entry (``roster_entry``: "Austin
Custodio, 21, of Boyce Road, Pine Bush, N.Y.; sale or delivery of alcohol to minors.").
"""

from __future__ import annotations

import re

from summarize.text.facts import WEEKDAYS
from summarize.text.sentences import closed, closing_mark

_FUNCTION = {"Is", "Are", "Was", "Were", "Has", "Have", "Not", "In", "On", "Of", "For", "To", "With", "And", "At",
             "By", "From", "As", "After", "Over", "Into", "Says", "Say", "Will", "Can", "Could", "Be", "Gets", "Get"}
# the words a Title-Case headline keeps in lower case ("North Korea Backs Off Threat to Hit Guam")
HEADLINE_LOWER = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off",
                  "on", "per", "to", "up", "via", "vs", "v", "from", "into", "onto", "over", "with", "than", "out"}
_STARTERS = {"The", "A", "An", "This", "These", "Those", "In", "On", "At", "After", "When", "As", "For", "It", "He",
             "She", "They", "Its", "His", "Her", "Their", "Officials", "Police", "Researchers", "Scientists"}
_SYMBOLS = {"&", "-", "–", "—", "|"}  # a headline's joiners, counted as capitalised words
_IN_BRACKETS = re.compile(r"\([^()]*\)")


def _capitalised_run(tokens: list[str]) -> int:
    """How many of ``tokens``, from the first, open with a capital or a digit (or are a dash, ``&``, ``|``)."""
    run = 0
    for tok in tokens:
        word = tok.strip(",:;'’\"“”()")
        if word and (word[0].isupper() or word[0].isdigit() or word in _SYMBOLS):
            run += 1
        else:
            break
    return run


def headline_case(sentence: str) -> bool:
    """A sentence of four words or more in which every word is capitalised (or a number) but the short words
    that headline styles keep in lower case (articles, conjunctions, short prepositions: ``HEADLINE_LOWER``) and
    those in brackets where four or more stand outside them (a line-up's notes: "J Robinson (Sale Sharks, capt);
    M Cueto (Sale Sharks), ...", 30 BBC sentences, one of which an extract took): with no word that prose writes
    in lower case it has no verb of a statement. A headline with a full stop (NeuS gives each document's
    headline one), a line-up, a credit, a shouted transcript line.

    Example:
        >>> headline_case("North Korea Backs Off Threat to Hit Guam."), headline_case("Subs Not Used: Orr, Brown.")
        (True, True)
        >>> headline_case("J Robinson (Sale Sharks, capt); M Cueto (Sale Sharks), M Tait (Newcastle).")
        True
        >>> headline_case("Kim Jong Un met Vladimir Putin in Pyongyang.")  # "met": a verb, in lower case
        False
    """
    def words_of(text: str) -> list[str]:
        return [w for w in (t.strip(",:;'’\"“”‘()[].!?…") for t in text.split()) if w]

    words = words_of(_IN_BRACKETS.sub(" ", sentence))  # a line-up's notes: "J Robinson (Sale Sharks, capt); ..."
    words = words if len(words) >= 4 else words_of(sentence)
    return len(words) >= 4 and all(w[0].isupper() or w.lstrip("$£€¥")[:1].isdigit() or w.lower() in HEADLINE_LOWER
                                   or w in _SYMBOLS for w in words)


def split_fused_headline(sentence: str) -> tuple[str, str] | None:
    """``(headline, sentence)`` when a sentence opens with a Title-Case headline (five or more capitalised
    words, one of them a function word such as "Is" or "In" that prose writes in lower case), cut after the
    headline written twice where it is (a page's title and its heading), else before a clause start; the
    sentence is "" when no clause start is found after it.

    Example:
        >>> split_fused_headline("Good Country Index Is Released, US Not In The Top 20 The Good Country Index "
        ...                      "doesn't measure what countries do at home.")[1]
        "The Good Country Index doesn't measure what countries do at home."
        >>> split_fused_headline("Bobcat Back On The Loose In South Jersey Bobcat Back On The Loose In South Jersey "
        ...                      "South Jersey residents be on the lookout.")[1]
        'South Jersey residents be on the lookout.'
        >>> split_fused_headline("Former New York City Mayor Rudy Giuliani said no.") is None
        True
    """
    tokens = sentence.split(" ")
    run = _capitalised_run(tokens)
    if run < 5 or run == len(tokens) or not any(t.strip(",:") in _FUNCTION for t in tokens[1:run]):
        return None
    twice = next((k for k in range(run // 2, 2, -1) if tokens[:k] == tokens[k:2 * k]), None)
    if twice:  # the page's title and its heading: the same headline twice, then the sentence
        return " ".join(tokens[:2 * twice]), " ".join(tokens[2 * twice:])
    cut = next((i for i in range(run - 1, 3, -1) if tokens[i] in _STARTERS), None)
    if cut is None:
        return " ".join(tokens[:run]), ""
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


# A lede's tenses and days: headlines write past events in the present, drop auxiliaries and seldom name the day
# ("Bollywood DVD fraudster is jailed"; "Cohen testifies Trump told him ..." and 7 of 637 NeuS headlines with a
# day aside, which this costs), ledes do not ("Sen. Lindsey Graham said Sunday ...", "... has been charged with
# murder", "Donald Trump panned ... during an interview Monday morning").
_LEDE = re.compile(r"\b(?:said|told|was|were|had|(?:has|have)(?= (?:\w+ly )?(?:been|\w+ed|\w+en)\b)|"  # a perfect's
                   rf"{'|'.join(day.capitalize() for day in WEEKDAYS)})\b")  # "has", not "Trump campaign has 25%"
# a sentence that continues the one before it (its pronoun subject, "..., he said."): that one was no headline
_LEANS_BACK = re.compile(r"^[\"“‘']?(?:He|She|They|It|His|Her|Their|Its)\b"
                         r"|[,”\"]\s+(?:he|she|they) (?:said|says|added)\b")
RESTATED = 0.5  # of a headline's content stems, at least this share is in the two sentences after it
HEADLINE_WORDS = 25  # a headline is no longer than this


def restated_headline(first: str, following: list[str]) -> bool:
    """Whether ``first``, an article's opening line of one sentence, is its headline in sentence case ("Hochul
    vows 'zero tolerance' in her administration.", "Iran warns U.S. it could down more drones."): at most
    ``HEADLINE_WORDS`` words, three content words or more, and at least half of them (``RESTATED``) restated in
    the two sentences after it, the lede's; not when it reads as a lede itself (a past tense, an auxiliary or a
    day: ``_LEDE``) or the sentence after it leans on it (a pronoun subject, "..., he said"). On NeuS and BBC a
    document's first line (its headline) has a median of 0.67 and 0.60 of its content stems in the next two
    sentences; a body sentence has 0.20 in the two after it, and 3-6% of body sentences reach 0.5.

    Example:
        >>> restated_headline("Iran warns U.S. it could down more drones.",
        ...                   ["Iran warned the U.S. on Friday that it could down more American drones.",
        ...                    "It said so."])
        True
        >>> restated_headline("Putin arrived in Pyongyang on Wednesday for talks with Kim.",
        ...                   ["Streets were adorned with portraits.", "Kim greeted him at the airport."])
        False
    """
    from summarize.text.lexicon import content_stems

    stems = content_stems(first)
    if len(first.split()) > HEADLINE_WORDS or len(stems) < 3 or not following:
        return False
    if _LEDE.search(first) or _LEANS_BACK.search(following[0]):
        return False
    return len(stems & content_stems(" ".join(following[:2]))) >= RESTATED * len(stems)


# a present progressive ("Japanese brewers are increasingly making ...") or a perfect of "show", "grow" ("figures have
# shown"), which ``_LEDE`` does not take
_LEDE_VERB = re.compile(r"\b(?:is|are)\s+(?:\w+ly\s+)?\w+ing\b|\b(?:has|have)\s+(?:\w+ly\s+)?\w+wn\b")
SHORT_TITLE_WORDS = 10  # a title over a lede is no longer than this
LEDE_WORDS = 12  # a lede is no shorter


def unstopped_lede(title: str, para: str) -> bool:
    """Whether ``para``, the paragraph under an article's opening line ``title``, is its lede left without a full
    stop: under a title of at most ``SHORT_TITLE_WORDS`` words without closing punctuation, a paragraph of
    ``LEDE_WORDS`` words or more without one either (nor a colon: "Here's a guide to the plan:"), not in Title
    Case, that reads as a lede (``_LEDE``: "Rich Templeton, the head of giant chip maker Texas Instruments, has
    given his backing to ...", or ``_LEDE_VERB``: "Net users are getting the chance to fight back against spam
    websites"). The BBC's pages leave 4 of 2,225 so; the furniture rules took each for a second headline, and
    with it the sentence the story is about.

    Example:
        >>> unstopped_lede("US trade gap ballooned in October", "The US trade deficit widened by more than expected "
        ...                "in October, hitting record levels after higher oil prices raised import costs, figures "
        ...                "have shown")
        True
        >>> unstopped_lede("Story highlights Bernie Sanders said Pope Francis' decision to highlight Dorothy Day",
        ...                "Sanders called the Pope 'one of the great moral and religious leaders of our time'")
        False
    """
    if closing_mark(title) or closed(para) or len(title.split()) > SHORT_TITLE_WORDS:
        return False
    return len(para.split()) >= LEDE_WORDS and not headline_case(para) and bool(
        _LEDE.search(para) or _LEDE_VERB.search(para))


# a line that opens with a past participle and its preposition: "Directed by Clint Eastwood.", "Assisted by Dougie
# Imrie." (a match report's), "Charged with sale/delivery to minors." (a list of charges); not "Formed in the 1940s
# the firm was a leading UK film producer ..." (a comma left out before the subject)
_PARTICIPLE_LINE = re.compile(r"^(?:[A-Z][a-z]+ed|Born|Known|Seen|Taken|Given|Written|Shown|Held|Made|Built)\s+"
                              r"(?:with|by|in|on|at|to|for|from|of|as|into|under)\b[^,;:\"“”]*\.$")
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|seems?|\w+s)\s+"
                     r"(?:\w+ly\s+)?(?:\w+ed|\w+en|been|being|a|an|the|to|that|likely|unlikely)\b|\b(?:I|we|he|she|"
                     r"they|it)\s+\w+")


def participle_line(sentence: str) -> bool:
    """Whether ``sentence`` is a line with no subject, opened by a past participle and its preposition: a credit
    ("Directed by Clint Eastwood."), a match report's line ("Assisted by Dougie Imrie."), a list's item ("Charged
    with eight counts of permitting a minor to illegally possess alcohol.": Multi-News 008's extractive summary
    held it), of 14 words at most. In the shared articles 27 lines, none a sentence; 5 more that match the opening
    have a subject further on ("Formed in the 1940s the firm was ...": ``_FINITE``, or a longer line) and stand.

    Example:
        >>> [participle_line(s) for s in ("Directed by Clint Eastwood.", "Charged with sale/delivery to minors.",
        ...  "Formed in the 1940s the firm was a leading UK film producer.", "Based on his account it seems unlikely.")]
        [True, True, False, False]
    """
    return bool(_PARTICIPLE_LINE.match(sentence)) and len(sentence.split()) <= 14 and not _FINITE.search(sentence)


# a roster's entry: who (a name with an age or a home between commas, or several) and, after a semicolon or as a
# participle without its auxiliary, what they face ("Austin Custodio, 21, of Boyce Road, Pine Bush, N.Y.; sale or
# delivery ...", "Jonathan Polansky, 22, of Sherman Street, Beverly, Mass., charged with ...")
_ROSTER_ENTRY = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+,\s+(?:\d{1,3}\s*,|of\s)"
                           r"(?:\s*(?:[A-Z][\w.'’-]*|\d[\w-]*|of|and|all|,))*?"
                           r"(?:\s*;|,\s+(?:each\s+|all\s+)?(?:charged|accused|wanted|arrested|indicted)\s)")


def roster_entry(sentence: str) -> bool:
    """Whether ``sentence`` is an entry of a list of people charged, named or listed: names with their ages or
    homes, then what each faces after a semicolon, and no verb before it (Multi-News 008's extractive summary
    held three of a police list: "Patrick Callahan, 21, Matthew Moll, 21, and Dylan Morose, 22, all of 51 Baxter
    Road, Mansfield; each charged with eight counts ...", "Austin Custodio, 21, of Boyce Road, Pine Bush, N.Y.;
    sale or delivery of alcohol to minors."; with a comma, "Jonathan Polansky, 22, of Sherman Street, Beverly,
    Mass., charged with ..."). A semicolon after a verb is a sentence's ("Smith, 21, was charged; he denies it.").

    Example:
        >>> [roster_entry(s) for s in ("Dominic Godi, 21, of Meadow Road, Bolton; charged with conspiracy.",
        ...  "Ann Lee, of Leeds, charged with theft.", "Jane Smith, 21, was charged; she denies it.",
        ...  "Paris, France; a city.")]
        [True, True, False, False]
    """
    return bool(_ROSTER_ENTRY.match(sentence))
