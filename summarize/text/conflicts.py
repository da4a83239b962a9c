"""Cross-source discrepancies: where the articles of one event state different facts.

Two kinds, found with rules (offline, no model):
- ``quantity``: the same counted thing (``text.counts``: "containers", "rounds", "civil service jobs"; not
  money yet) with values that differ by more than 10% and less than tenfold between articles, stated in
  sentences about the same thing (two content words in common besides the unit, or one name such as "Dow":
  "36 people remained in hospital" is no rival to "the bombing killed 22 people"), with each side's qualifier
  ("about", "over") and time frame ("between August and February", "Friday", "at one point") as the context
  that may reconcile them. Two values that one article states side by side measure different things (a
  close and an intraday low), so they are not a disagreement: a value is a side only where some other
  article states a value it does not, and one its sentence states beside another value of its unit (a
  comparison) or as a range's end ("300 to 400 people") is no side at all;
- ``role``: the same office ("Deputy Prime Minister", of one country or of none) held by different people in
  different articles (spelling variants such as Mantrurov/Manturov count as one person; ``text.roles``);
- ``date``: the day of one news moment given differently: an article dated June 18 (its ``published_at``
  or date line) against another's "Wednesday, June 19, 2024" (in its text or in a caption cleaning set
  aside). Only an article's own date and full dates written with their weekday count (the way news pins
  the day of an event; a bare date is as often a tweet's or an update's stamp), and only days at most
  three apart that no one article gives both (one that does tells of two days, as the quantity rule has
  it): a day a week away is another event.

A discrepancy is shown, not judged: every side lists its articles and sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple, Sequence

from summarize.text.counts import SCALE, counts, singular
from summarize.text.dates import date_discrepancies
from summarize.text.facts import MONTHS, WEEKDAYS, WORD_NUMBERS, number_value, sentence_facts
from summarize.text.roles import role_discrepancies
from summarize.text.sentences import Split, sentences_of
from summarize.types import Article, Discrepancy, Side

# the start of a range before its end's number: "300 to 400 people", "2-3 inches", "between 30 and 40 women" (a
# writer's uncertainty, no one value to dispute; "rose from 300 to 400 people" states 400)
_START = rf"(?:\d[\d,.]*|{'|'.join(WORD_NUMBERS)})"  # "300 to 400 people", "between five and 10 searches"
_RANGE_BEFORE = re.compile(rf"(?:(?<!from )\b{_START}(?:\s+(?:{'|'.join(SCALE)}))?\s*(?:to|-|–|or)\s*"
                           rf"|\bbetween\s+{_START}\s+and\s+)$", re.IGNORECASE)
MAX_RATIO = 10  # two versions of one count are within an order of magnitude; a count ten times another counts
# something else (a province's dead and a country's, a firm's cafes closed and a nation's, a change and a level)
MIN_SHARED = 2  # content words (besides the unit and numbers; a name counts twice) two sentences share to
# count the same thing
# a point in time: a month, a weekday or a year ("between August and February", "since March 2003", "since 1997";
# not "since the", "since it", "between Republicans and Democrats")
_MONTH, _DAY = "|".join(MONTHS), "|".join(WEEKDAYS)
_WHEN = rf"(?:{_MONTH}|{_DAY}|\d{{4}})"
_TIME = re.compile(
    rf"\b(?:between {_WHEN} and {_WHEN}|since (?:{_WHEN}(?: \d{{4}})?|then|last (?:week|month|year))|"
    r"(?:last|this|next) (?:week|month|year|september|august)|"
    rf"(?:in|by|until|through) (?:{_MONTH}|\d{{4}})|earlier this year|in recent months|so far|intraday|at the close|"
    rf"(?:(?:on|last|this|next|from) )?(?:{_DAY})|"
    r"at one point|as much as|briefly|at its (?:peak|low|lowest|highest))\b",
    re.IGNORECASE,
)


class Mention(NamedTuple):
    """One stated quantity: its value, how it is written, where, and what its sentence is about."""

    value: float
    text: str
    article: Article
    sentence: str
    qualifier: str
    time_frames: list[str]
    topic: frozenset[str]
    ranged: bool = False  # the end of a range ("300 to 400 people"): a sentence's second value, no side
    kind: frozenset[str] = frozenset()  # which of the things (``Count.kind``): "civil service" jobs


def _topic(sentence: str) -> frozenset[str]:
    """The content stems of ``sentence`` but numbers; a name ("Dow") also as ``stem#``, so that it counts
    twice towards ``MIN_SHARED``."""
    from summarize.text.lexicon import content_stems

    names = content_stems(" ".join(re.findall(r"(?<=\w\W)\s*\b[A-Z][a-z]+", _TIME.sub(" ", sentence))))
    return frozenset({w for w in content_stems(sentence) if not w[0].isdigit()} | {n + "#" for n in names})


def _as_written(frame: str) -> str:
    """A time frame as it reads inside a line: "Between August and February" opened its sentence, "between
    August and February" follows a value; a day or month keeps its capital ("Monday")."""
    first = frame.split()[0]
    return frame if first.lower() in (*MONTHS, *WEEKDAYS) else first.lower() + frame[len(first):]


def _without_unit(topic: frozenset[str], unit: str) -> frozenset[str]:
    from summarize.text.lexicon import content_stems

    return topic - {w + suffix for w in content_stems(unit) for suffix in ("", "#")}


def _mentions(articles: Sequence[Article], split: Split | None = None) -> tuple[dict[str, list[Mention]], dict[str, Counter]]:
    """Every counted quantity of ``articles`` by unit (singular), and how each unit is written."""
    found: dict[str, list[Mention]] = {}
    written: dict[str, Counter] = {}
    for article in articles:
        for sent in sentences_of(article.id, article.text, split):
            topic = None  # what the sentence is about, computed once for its quantities
            for c in counts(sent):
                topic = _topic(sent) if topic is None else topic
                written.setdefault(c.unit, Counter())[c.word.lower()] += 1
                found.setdefault(c.unit, []).append(Mention(
                    number_value(c.num, c.scale), c.num + (f" {c.scale}" if c.scale else ""), article, sent,
                    c.qualifier, [_as_written(t.group(0)) for t in _TIME.finditer(sent)],
                    _without_unit(topic, c.word), bool(_RANGE_BEFORE.search(sent, 0, c.start)), c.kind))
    return found, written


def quantity_discrepancies(articles: Sequence[Article], tolerance: float = 0.10,
                           split: Split | None = None) -> list[Discrepancy]:
    """Counted things whose values differ by more than ``tolerance`` between articles.

    Example:
        >>> a = Article("a", "Pyongyang shipped approximately 6,700 containers of munitions to Russia in May.")
        >>> b = Article("b", "North Korea sent over 11,000 containers of munitions to Russia.")
        >>> [s.value for s in quantity_discrepancies([a, b])[0].sides]
        ['6,700', '11,000']
        >>> c = Article("c", "Some 36 containers of aid reached Gaza by truck.")  # same unit, another thing
        >>> [s.value for s in quantity_discrepancies([a, c])]
        []
    """
    found, written = _mentions(articles, split)
    out = []
    for unit, mentions in found.items():
        mentions = alone_in_sentence(mentions)
        if len({m.article.id for m in mentions}) < 2:
            continue
        groups: list[list[Mention]] = []
        for mention in sorted(mentions, key=lambda m: m.value):
            if groups and abs(mention.value - groups[-1][0].value) <= tolerance * max(groups[-1][0].value, 1e-9):
                groups[-1].append(mention)
            else:
                groups.append([mention])
        if len(groups) < 2:
            continue
        stating = [{m.article.id for m in g} for g in groups]
        # Groups x and y disagree when no article states both (one that does measures two things), their values
        # are within MAX_RATIO of each other and an article of each says it in sentences about the same thing
        # (MIN_SHARED content words in common).
        kept = [g for x, g in enumerate(groups)
                if any(not stating[x] & stating[y] and _same_order(g, groups[y]) and _same_thing(g, groups[y])
                       for y in range(len(groups)) if y != x)]
        if len(kept) >= 2:
            sides = [_side(g[0].text, [(m.article, m.sentence, m.qualifier, m.time_frames) for m in g]) for g in kept]
            out.append(Discrepancy("quantity", written[unit].most_common(1)[0][0], sides))
    return out


def alone_in_sentence(mentions: list[Mention]) -> list[Mention]:
    """The mentions whose sentence states no other value of their unit: a sentence with two ("it takes 800
    gallons of water to grow the corn that yields 3 gallons of ethanol", "2 to 3 miles below the crust, the
    oceans 30 miles down", "7 feet above flood stage in Iowa and 10 feet in Missouri") compares or ranges
    different things, and its values are no one's version of one fact; a range ("300 to 400 people", "2-3
    inches") counts as two values."""
    distinct = {(m.article.id, m.sentence, m.value): m for m in mentions}.values()
    values = Counter((m.article.id, m.sentence) for m in distinct)
    return [m for m in mentions if values[(m.article.id, m.sentence)] + m.ranged < 2]


def _same_order(x: list[Mention], y: list[Mention]) -> bool:
    """Whether groups ``x`` and ``y`` hold values less than ``MAX_RATIO`` apart (a group's first, smallest)."""
    low, high = sorted((x[0].value, y[0].value))
    return high < MAX_RATIO * low


def _same_thing(x: list[Mention], y: list[Mention]) -> bool:
    """Whether a mention of ``x`` and one of ``y`` in different articles share ``MIN_SHARED`` topic words and
    count the same kind of thing (their modifiers: "civil service" jobs are not jobs lost "from the sector")."""
    return any(a.article.id != b.article.id and len(a.topic & b.topic) >= MIN_SHARED and a.kind == b.kind
               for a in x for b in y)


_AT_LEAST = {"over", "more than", "at least", "just over"}
_AT_MOST = {"less than", "up to", "just under", "nearly", "almost"}


def side_value(side: Side) -> float | None:
    """The number a quantity side states ("6.7 thousand" -> 6700.0), None for a role side."""
    m = re.fullmatch(rf"([\d,]+(?:\.\d+)?)(?:\s+({'|'.join(SCALE)}))?", side.value)
    return number_value(m.group(1), m.group(2)) if m else None


def reconciled(a: Side, b: Side) -> str | None:
    """Why quantity sides ``a`` and ``b`` may both hold, or None: different time frames ("from Friday" vs
    "Monday"), or a qualifier that admits the other value ("more than 1,100" and 1,175).

    Example:
        >>> reconciled(Side("666", ["a"], time_frames=["from Friday"]), Side("1,175", ["b"], time_frames=["Monday"]))
        'different time frames: from Friday / Monday'
        >>> reconciled(Side("1,100", ["a"], qualifiers=["more than"]), Side("1,175", ["b"]))
        "'more than 1,100' admits 1,175"
        >>> about = Side("6,700", ["a"], ["approximately"], ["between August and February"])
        >>> reconciled(about, Side("11,000", ["b"], ["over"])) is None
        True
    """
    def frames(side: Side) -> set[str]:
        return {re.sub(r"^(?:on|from|since|last|this|next) ", "", t.lower()) for t in side.time_frames}

    if frames(a) and frames(b) and not frames(a) & frames(b):
        return f"different time frames: {', '.join(a.time_frames)} / {', '.join(b.time_frames)}"
    x, y = side_value(a), side_value(b)
    if x is None or y is None:
        return None
    for (p, v), (q, w) in (((a, x), (b, y)), ((b, y), (a, x))):
        if (set(p.qualifiers) & _AT_LEAST and w >= v) or (set(p.qualifiers) & _AT_MOST and w <= v):
            qualifier = sorted(set(p.qualifiers) & (_AT_LEAST | _AT_MOST))[0]
            return f"'{qualifier} {p.value}' admits {q.value}"
    return None


def _side(value: str, mentions: list[tuple[Article, str, str, list[str]]]) -> Side:
    return Side(
        value=value,
        article_ids=list(dict.fromkeys(a.id for a, _, _, _ in mentions)),
        qualifiers=sorted({q for _, _, q, _ in mentions if q}),
        time_frames=sorted({t for _, _, _, ts in mentions for t in ts}),
        sentences=list(dict.fromkeys(s for _, s, _, _ in mentions)),
    )


def states(sentence: str, d: Discrepancy, side: Side) -> bool:
    """Whether ``sentence`` states ``side`` of ``d``: its number and the thing counted ("6,700 containers";
    "6.7 thousand" is 6,700), the holder's name and the office, or the day ("June 19").

    Example:
        >>> d = Discrepancy("quantity", "containers", [Side("6,700", ["a"]), Side("11,000", ["b"])])
        >>> [states("Pyongyang shipped about 6.7 thousand containers.", d, side) for side in d.sides]
        [True, False]
    """
    if d.kind == "quantity":
        value = side_value(side)
        return singular(d.key) in sentence.lower() and any(f.value == value for f in sentence_facts(sentence))
    if d.kind == "date":
        from summarize.text.dates import full_dates

        return any(f"{x:%B} {x.day}" in sentence or f"{x.day} {x:%B}" in sentence for x, _ in full_dates(side.value))
    names = [v.split()[-1].lower() for v in side.value.split(" / ")]
    return d.key.split()[-1].lower() in sentence.lower() and any(n in sentence.lower() for n in names)


def find_discrepancies(articles: Sequence[Article], split: Split | None = None) -> list[Discrepancy]:
    """Every quantity, role and date discrepancy between ``articles`` (one event); ``split`` holds their
    sentences when a stage has them already."""
    return (quantity_discrepancies(articles, split=split) + role_discrepancies(articles, split=split)
            + date_discrepancies(articles, split=split))
