"""Checkable facts in a sentence: numbers (unit-aware), ranks, dates, named entities, gendered pronouns;

Numbers are normalised to values, so "6,700", "6700", "6.7 thousand" and "about 6.7 thousand" are the
same fact; a scoreline ("3-1") is one number; years, months, days, weekdays and times of day ("3pm",
"11.50 p.m.", keyed on the 24-hour clock) are dates; capitalised spans are entities. Everything is
rule-based and offline.

Example:
    >>> [(f.kind, f.key) for f in extract_facts("About 6.7 thousand containers reached Russia on June 19, 2024.")]
    [('date', 'june 19'), ('date', '2024'), ('number', '6700'), ('entity', 'russia')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from summarize.text.lexicon import STOP_WORDS, TITLE_WORDS

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: m for m in MONTHS} | {"sept": "september"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
}
# "18th", "eighteenth": a rank, keyed "18th" (never a count of 18)
ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
    if i
}
APPROX = re.compile(
    r"\b(?:about|approximately|around|roughly|nearly|almost|some|more than|over|less than|"
    r"under|at least|up to|close to|estimated)\s+$",
    re.IGNORECASE,
)

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# Month and weekday names in any case (lower-cased benchmark text has them so), but a bare "march" or
# "may" only capitalised: in lower case they are a verb as often as a month.
_DATE = re.compile(
    rf"\b(?P<m1>(?i:{_MONTH_RE}))\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>(?i:{_MONTH_RE}))"
    rf"|\b(?P<m3>(?i:January|February|April|June|July|August|September|October|November|December)|March)\b"
    r"|\b(?P<wd>(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))s?\b"
    r"|\b(?P<year>(?:19|20)\d\d)(?!,\d)\b(?!\s*(?:thousand|million|billion|people|troops|containers))"
)
_TIME = re.compile(r"\b(?P<h>\d{1,2})(?:[.:](?P<min>[0-5]\d))?\s*(?P<ap>[ap])(?:m\b|\.m\b\.?)", re.IGNORECASE)
_SCORE = re.compile(r"(?<![\w.,$£€–-])(?P<a>\d{1,2})[-–](?P<b>\d{1,2})(?![\w–-])")
_ORDINAL = re.compile(
    r"\b(?:(?P<num>\d+)(?:st|nd|rd|th)|(?P<word>" + "|".join(ORDINAL_WORDS) + r"))\b", re.IGNORECASE
)
# A numeral with its currency sign, not inside a word ("G7", "A380") nor the decimals or thousands of another
# ("1.5", "2,000"); ``in_a_name`` tells the ones ending a name ("COVID-19"). Every rule that reads numbers (the
# facts here, the sources' discrepancies) uses both.
NUMERAL = r"(?<![\w.,$£€])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z]*-$")


def in_a_name(text: str, start: int) -> bool:
    """Whether the numeral at ``start`` of ``text`` ends a name or a code ("COVID-19", "Covid-19", "F-16",
    "MH-17"), which states no quantity ("top-10" does).

    Example:
        >>> [in_a_name(t, t.index("1")) for t in ("Covid-19 cases", "the F-16 jets", "a top-10 list", "in 1999")]
        [True, True, False, False]
    """
    return bool(_NAME_BEFORE.search(text, max(0, start - 40), start))


_NUMBER = re.compile(
    NUMERAL + r"(?!st\b|nd\b|rd\b|th\b)"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?(?P<pct>\s*%|\s+percent|\s+per cent)?",
    re.IGNORECASE,
)
_WORD_NUMBER = re.compile(
    r"\b(?:a\s+)?(?P<word>" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"\b[A-Z][\w’'\-.]*[\w](?:\s+(?:of\s+|de\s+|al-|bin\s+|van\s+|von\s+)?[A-Z][\w’'\-.]*[\w])*")
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
# nouns for a person of one gender, whom a pronoun of that gender may stand for ("called the boy's mother")
GENDERED_NOUNS = {**dict.fromkeys(("woman", "mother", "wife", "girl", "daughter", "sister", "girlfriend", "lady",
                                   "grandmother", "aunt", "niece", "actress", "widow"), "f"),
                  **dict.fromkeys(("man", "father", "husband", "boy", "son", "brother", "boyfriend", "gentleman",
                                   "grandfather", "uncle", "nephew", "actor", "widower"), "m")}
# nouns for one person of either gender (and the animals news gives "he" or "she"): a pronoun after one may
# stand for it ("the suspect ... his car"), so a sentence that has one names the pronoun's person itself
PERSON_NOUNS = frozenset("""
    person individual child baby infant toddler kid teen teenager student pupil teacher doctor nurse patient
    psychiatrist psychologist therapist physician dentist surgeon paramedic firefighter officer
    deputy trooper detective agent judge lawyer attorney prosecutor
    defendant suspect victim witness gunman shooter driver passenger pilot soldier veteran president senator
    governor mayor minister leader king queen prince princess pope chief executive founder owner manager
    employee worker spokesman spokeswoman spokesperson official singer star rapper musician artist writer
    author reporter journalist host anchor player coach athlete champion candidate nominee lawmaker congressman
    congresswoman chairman chairwoman director producer filmmaker designer architect engineer model celebrity
    comedian dancer user customer landlord tenant inmate prisoner guard scientist researcher professor expert
    analyst economist priest pastor bishop rabbi imam monk nun mogul magnate billionaire businessman
    businesswoman entrepreneur activist protester volunteer hero survivor runner climber fighter boxer golfer
    quarterback pitcher fan viewer resident neighbor neighbour friend partner colleague participant member
    fiance fiancee bride groom cousin grandson granddaughter sibling parent dad mom mum relative heir citizen
    native immigrant refugee crasher republican democrat animal dog cat ape bear horse elephant puppy whale
    councilman councilwoman councillor delegate commissioner sheriff secretary ambassador envoy captain
    lieutenant sergeant representative assemblyman supervisor superintendent principal coroner examiner whistleblower
    killer attacker bomber murderer robber thief hijacker assailant perpetrator informant accused spy
""".split())
POSSESSIVE = re.compile(r"[’']s?\b(?!\w)")  # "Kim's", "Drefyus’" (not the ’ of "O’Sullivan")
NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without)\b|n[’']t\b", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    """One checkable item of a sentence: ``kind`` (number/date/entity/pronoun), normalised ``key``,
    the surface ``text``, whether it was hedged ("about 7,000") and, for a one-word entity, whether it
    opens the sentence (where capitals prove nothing: "Researchers believe ...")."""

    kind: str
    key: str
    text: str
    approximate: bool = False
    initial: bool = False

    @property
    def value(self) -> float | None:
        """A plain number's value (not a percentage or a scoreline), else None."""
        plain = self.kind == "number" and re.fullmatch(r"\d+(?:\.\d+)?", self.key) is not None
        return float(self.key) if plain else None


def _month(text: str) -> str:
    t = text.lower().rstrip(".")
    return _MONTH_ABBR.get(t[:4] if t.startswith("sept") else t[:3], t)


def number_value(num: str, scale: str | None = None) -> float:
    """The value of a numeral with an optional scale word.

    Example:
        >>> number_value("6.7", "thousand") == number_value("6,700") == 6700.0
        True
    """
    return float(num.replace(",", "")) * _SCALE.get((scale or "").lower(), 1.0)


def _key(value: float, pct: bool) -> str:
    text = f"{value:.6g}" if value < 1e6 or value != int(value) else str(int(value))
    return text + ("%" if pct else "")


def extract_facts(sentence: str) -> list[Fact]:
    """Dates, numbers, entities and gendered pronouns of ``sentence``, in that order."""
    facts: list[Fact] = []
    taken = [False] * len(sentence)

    def claim(m: re.Match) -> bool:
        if any(taken[m.start() : m.end()]):
            return False
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
        return True

    for m in _DATE.finditer(sentence):
        if not claim(m):
            continue
        if m.group("m1") or m.group("m2"):
            month = _month(m.group("m1") or m.group("m2"))
            facts.append(Fact("date", f"{month} {int(m.group('d1') or m.group('d2'))}", m.group(0)))
        elif m.group("m3"):
            facts.append(Fact("date", m.group("m3").lower(), m.group(0)))
        elif m.group("wd"):
            facts.append(Fact("date", m.group("wd").lower(), m.group(0)))
        else:
            facts.append(Fact("date", m.group("year"), m.group(0)))
    for m in _TIME.finditer(sentence):
        hour = int(m.group("h"))
        if 1 <= hour <= 12 and claim(m):
            hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
            facts.append(Fact("date", f"{hour:02d}:{m.group('min') or '00'}", m.group(0)))
    for m in _ORDINAL.finditer(sentence):
        word = (m.group("word") or "").lower()
        if claim(m) and word != "first":  # "first" is as often "at first" as a rank
            facts.append(Fact("number", f"{ORDINAL_WORDS[word] if word else int(m.group('num'))}th", m.group(0)))
    for m in _SCORE.finditer(sentence):
        if claim(m):
            facts.append(Fact("number", f"{int(m.group('a'))}-{int(m.group('b'))}", m.group(0)))
    for regex in (_NUMBER, _WORD_NUMBER):
        for m in regex.finditer(sentence):
            if regex is _NUMBER and in_a_name(sentence, m.start()) or not claim(m):
                continue
            if "word" in regex.groupindex:
                word = m.group("word").lower()
                if word in {"one", "zero"} and not m.group("scale"):
                    continue  # "one of", "no one": rarely a count
                value = WORD_NUMBERS[word] * _SCALE.get((m.group("scale") or "").lower(), 1.0)
                pct = False
            else:
                value, pct = number_value(m.group("num"), m.group("scale")), bool(m.group("pct"))
            hedged = bool(APPROX.search(sentence[: m.start()]))
            facts.append(Fact("number", _key(value, pct), m.group(0).strip(), hedged))
    for m in _ENTITY.finditer(sentence):
        if any(taken[m.start() : m.end()]):
            continue
        words = re.split(r"\s+", POSSESSIVE.sub("", m.group(0)))
        if m.start() == 0 or sentence[: m.start()].rstrip().endswith(("“", '"', ":")):
            while words and words[0].lower() in STOP_WORDS:
                words = words[1:]
        # Titles split a span: "Russian President Vladimir Putin" is "russian" and "vladimir putin".
        parts: list[list[str]] = [[]]
        for w in words:
            if w.lower().strip(".") in TITLE_WORDS or w.lower() in MONTHS or w.lower() in WEEKDAYS:
                parts.append([])
            else:
                parts[-1].append(w)
        opens = m.start() == 0 or sentence[: m.start()].rstrip().endswith(("“", '"', ":"))
        for n, part in enumerate(parts):
            if part and not (len(part) == 1 and part[0].lower() in STOP_WORDS):
                initial = opens and n == 0 and len(part) == 1 and words[:1] == part
                facts.append(Fact("entity", " ".join(part).lower(), " ".join(part), initial=initial))
    for m in re.finditer(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", sentence, re.IGNORECASE):
        facts.append(Fact("pronoun", PRONOUNS[m.group(0).lower()], m.group(0)))
    return facts


@functools.lru_cache(maxsize=200_000)
def sentence_facts(text: str) -> tuple[Fact, ...]:
    """``extract_facts`` of ``text``, read once per sentence for every stage and metric that asks."""
    return tuple(extract_facts(text))
