"""What a number in a sentence counts: "6,700 containers", "200 firm commitments", "32 Labour MPs".

The counted thing is the head of the noun phrase after the numeral. After a number other than one an English
count noun is plural, so the head is the first plural word of the phrase (the next words up to punctuation or
a function word), or the last of plural words in a row ("sales figures", "police officers"); the words before
it are modifiers, not the thing counted: "200 firm commitments" and "225 firm orders" count commitments and
orders, "32 Labour MPs" and "62 Labour rebels" MPs and rebels, "5,200 flight attendants" no flights. Without a
plural word the phrase's first word is the unit ("200 aircraft"). Not counts: money (a sign's or a currency
word's: "$150", "19,800 yen", "64 pence"), a name's numeral ("F-16 jets",
"PlayStation 3 will"), a year, a rate ("one in 10 US adults"), a number before a word that counts nothing
(``NOT_UNITS``: "20 more", "on 14 December", "at 0900 GMT", "12 percent"), a difference between two things ("11
points behind the leaders", "won by 44 points").
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from summarize.text.facts import MONTHS, NUMERAL, WEEKDAYS, in_a_name

QUALIFIERS = (r"about|approximately|around|roughly|nearly|almost|over|more than|less than|at least|up to|some|"
              r"just over|just under")
SCALE = ("thousand", "million", "billion", "trillion")
_QUANTITY = re.compile(
    rf"(?:(?P<qual>{QUALIFIERS})\s+)?{NUMERAL}\s*(?P<scale>{'|'.join(SCALE)})?"
    r"(?=(?P<phrase>(?:\s+(?:(?:[A-Za-z]\.){2,}|[A-Za-z][A-Za-z'’\-]+)){1,4}))",
    re.IGNORECASE,
)
# money written in words, which is money as "$150" is: a price differs by product ("about 5000 yen" for an
# adapter, "19,800 yen" for the console), and prices are no counts
CURRENCIES = {"yen", "pence", "euros", "euro", "dollars", "pounds", "rupees", "yuan", "renminbi", "baht", "roubles",
              "rubles", "pesos", "francs", "lira", "rand", "ringgit", "rupiah", "dinars", "riyals", "shekels", "zloty"}
NOT_UNITS = {"and", "or", "to", "of", "in", "on", "at", "for", "the", "a", "an", "percent", "per", "mm", "km",
             "people's", "years", "year", "days", "day", "times", "months", "weeks", "hours", "minutes", "seconds",
             "mins", "secs", "hrs", "am", "pm",
             "a.m.", "p.m.", "from", "after", "out", "percentage", *SCALE,
             *MONTHS, *(m[:3] for m in MONTHS), "sept",  # "on 14 December": a date, not a count
             "gmt", "utc", "bst", "cet", "et", "est", "edt", "pt", "pst", "pdt", "local",  # "at 0900 GMT": a time
             "more", "new", "other", "additional", "further", "extra",  # "20 more", "50 new aircraft": no unit
             *CURRENCIES}
# words that end a noun phrase: what follows them is no longer the thing counted ("45 banks as it tries")
_FUNCTION = frozenset("""
    a an the and or but nor of in on at to for from by with as into onto over under about after before since until
    than that which who whom whose this these those there their its his her our your my it he she they we you i us
    them is are was were be been being has have had do does did will would can could may might must shall should
    not no so if when while where per each all both more less most across between against during through around
    among within without including like near off out up down than amid via
""".split())
# plurals without the -s, and nouns whose one form counts many ("200 aircraft")
_PLURAL = frozenset("""
    people men women children feet teeth mice geese police cattle staff personnel aircraft sheep deer fish
    livestock offspring
""".split())
# units written in the singular after any number ("120 mph winds" counts miles per hour, not winds)
_MEASURES = frozenset("mph kph kg lb lbs oz ft cm gb mb tb kw mw gw hp".split())
# what a number before it is not the count of: a rate ("one in 10 US adults"), a ranked list's length ("the top 40
# singles chart"), an increment ("a further 70 aircraft", "another 20 people": not the total)
_NOT_A_COUNT_BEFORE = re.compile(r"(?:\b(?:one|\d+)\s+(?:in|out\s+of)|\btop|\ba\s+further|\banother|"
                                 r"\ban\s+(?:additional|extra))\s+$", re.IGNORECASE)
# a difference between two things, not a count of one: a gap ("11 points behind the leaders", "a club 36 places
# inferior on the League ladder") or a margin in a score's units ("Obama won women by 11 points")
_GAP_AFTER = re.compile(r"\s+(?:behind|ahead|clear|adrift|inferior|superior|short)\b", re.IGNORECASE)
_MARGIN_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_SCORES = frozenset("points votes seats goals runs strokes shots places lengths wickets".split())
_NOT_NAMES = frozenset({*(q.capitalize() for q in QUALIFIERS.split("|")), "Than", "Only", "Exactly", "All", "Just",
                        "Nearly", "Another", *(m.capitalize() for m in MONTHS), *(d.capitalize() for d in WEEKDAYS)})


def singular(word: str) -> str:
    """A counted word in one form for every spelling: lower case, singular ("containers" -> "container")."""
    word = word.lower().rstrip("'’")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


class Count(NamedTuple):
    """One counted quantity: the numeral, its scale word, its qualifier, the counted word as written, the
    numeral's offset in the sentence and the words between them that say which of the things it counts
    ("civil service" jobs, "DS" handhelds, "square" miles)."""

    num: str
    scale: str
    qualifier: str
    word: str
    start: int
    modifiers: tuple[str, ...] = ()

    @property
    def unit(self) -> str:
        """The counted word in one form for every spelling (``singular``)."""
        return singular(self.word)

    @property
    def kind(self) -> frozenset[str]:
        """The modifiers' stems: counts of one unit with other modifiers count other things ("71,000 civil
        service jobs" and "105,000 jobs lost", "627,000 deaths" and "3.3 million malaria deaths avoided")."""
        from summarize.text.lexicon import content_stems

        return content_stems(" ".join(self.modifiers).replace("-", " "))


def _plural(word: str) -> bool:
    w = word.rstrip("'’").lower()
    return w in _PLURAL or len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def _head(words: list[str], one: bool) -> tuple[str, tuple[str, ...]] | None:
    """The counted word of the phrase ``words`` after a numeral (``one``: the numeral is 1, its noun singular)
    and its modifiers; None for a number that modifies a noun ("a 60 vote threshold", "a 2 goal lead")."""
    run: list[str] = []
    for word in words:
        if word.lower() in _FUNCTION and not word.isupper() or run and word.lower().endswith(("ed", "ing")):
            break  # "US" is a name, not "us"; "5,000 mink destined to ...": a participle opens a clause
        run.append(word)
    if not run:
        return None
    if one or run[0].lower() in _MEASURES:
        return run[0], ()
    for i, word in enumerate(run):
        if _plural(word):
            while i + 1 < len(run) and _plural(run[i + 1]):
                i += 1
            return run[i], tuple(run[:i])
    return (run[0], ()) if len(run) == 1 else None


def _after_a_name(sentence: str, start: int) -> bool:
    """Whether the numeral at ``start`` follows a capitalized word inside the sentence ("Xbox 2", "PlayStation 3",
    "Apollo 11"): a name's numeral, not a count (for a whole number: "..., Brazil 6.3 billion gallons" counts)."""
    before = sentence[:start].rstrip(" ")
    m = re.search(r"(\S+)\s+(\S+)$", before) if before != sentence[:start] else None
    return bool(m and re.fullmatch(r"[A-Z][a-z]+[A-Za-z]*", m.group(2)) and m.group(2) not in _NOT_NAMES
                and not m.group(1).endswith((".", "!", "?", ":", "\"", "“")))


def _a_difference(sentence: str, m: re.Match, head: str) -> bool:
    """Whether the count ``m`` (its counted word ``head``) states a gap or a margin between two things."""
    end = sentence.find(head, m.end("num")) + len(head)
    return bool(_GAP_AFTER.match(sentence, end)
                or head.lower() in _SCORES and _MARGIN_BEFORE.search(sentence, 0, m.start()))


def counts(sentence: str) -> Iterator[Count]:
    """The counted quantities of ``sentence``, in order.

    Example:
        >>> [(c.num, c.word) for c in counts("Boeing has 200 firm commitments and 62 Labour MPs voted no.")]
        [('200', 'commitments'), ('62', 'MPs')]
        >>> [c.word for c in counts("One in 10 US adults owns an iPod; PlayStation 3 will cost $400 in 2006.")]
        []
    """
    for m in _QUANTITY.finditer(sentence):
        words = m.group("phrase").split()
        raw, start = m.group("num"), m.start("num")
        if m.group("cur") or words[0].lower() in NOT_UNITS or in_a_name(sentence, start) \
                or (re.fullmatch(r"(19|20)\d\d", raw) and not m.group("scale")) \
                or _NOT_A_COUNT_BEFORE.search(sentence, 0, m.start()) \
                or (raw.isdigit() and not m.group("scale") and _after_a_name(sentence, start)):
            continue  # money, a word that counts nothing, a name's numeral, a year, a rate, a list, an increment
        head = _head(words, raw == "1" and not m.group("scale"))
        if head and not _a_difference(sentence, m, head[0]):
            yield Count(raw, m.group("scale") or "", (m.group("qual") or "").lower(), head[0], start, head[1])
