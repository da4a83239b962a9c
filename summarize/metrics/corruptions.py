"""FactCC-style corruptions of a summary, for testing factual-consistency metrics.

Five types (Kryscinski et al., 2020): ``entity`` (an entity swapped for another entity of the sources
with as many words), ``number`` (a number changed), ``date`` (a month, weekday, day or year changed),
``negation`` (a "not" added after the first auxiliary verb, or removed) and ``pronoun`` (he/she,
his/her swapped). As in FactCC, where the claim comes from the source, only facts the sources state
are corrupted (``supported`` decides), so an original scores above its corruption only if a metric
notices the change. Each function returns the corrupted text or ``None`` when nothing applies.

Example:
    >>> import random
    >>> corrupt_number("Over 11,000 containers were sent.", random.Random(0))
    'Over 13,467 containers were sent.'
"""

from __future__ import annotations

import random
import re
from typing import Callable, Sequence

from summarize.text.facts import MONTHS, WEEKDAYS, Fact, extract_facts
from summarize.text.speech import SAYS

CORRUPTION_TYPES = ("entity", "number", "date", "negation", "pronoun")
_AUX = re.compile(r"\b(is|are|was|were|will|would|can|could|has|have|had|should|did|does|must)\b(?! not\b)")
_NEG = re.compile(r"\b(is|are|was|were|will|would|can|could|has|have|had|should|did|does|must) not\b|n[’']t\b")
_SWAP = {"he": "she", "she": "he", "him": "her", "his": "her", "her": "his", "himself": "herself", "herself": "himself"}

Supported = Callable[[Fact, str], bool]


def _pick(text: str, kind: str, supported: Supported | None, rng: random.Random) -> tuple[str, Fact] | None:
    """A random (sentence, fact) of ``kind`` in ``text`` that ``supported(fact, sentence)`` accepts."""
    from summarize.text.sentences import split_sentences

    candidates = [
        (sent, f)
        for sent in split_sentences(text)
        for f in extract_facts(sent)
        if f.kind == kind and (supported is None or supported(f, sent))
    ]
    return rng.choice(candidates) if candidates else None


def _in_sentence(text: str, sentence: str, old: str, new: str) -> str:
    return text.replace(sentence, _replace_once(sentence, old, new), 1)


def _replace_once(text: str, old: str, new: str) -> str:
    # An abbreviation ("U.S") takes its final period along ("U.S." -> "CNN", not "CNN.").
    tail = r"\.?" if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", old) else ""
    return re.sub(rf"(?<![\w]){re.escape(old)}{tail}(?![\w])", new.replace("\\", "\\\\"), text, count=1)


def corrupt_number(text: str, rng: random.Random, supported: Supported | None = None) -> str | None:
    """Change one number: a random value 20-80% away, written in the same style (commas, decimals)."""
    picked = _pick(text, "number", supported, rng)
    if picked is None:
        return None
    sentence, fact = picked
    m = re.search(r"\d[\d,]*(?:\.\d+)?", fact.text)
    if m is None:
        return None  # a number written in words: skip
    raw = m.group(0)
    value = float(raw.replace(",", ""))
    factor = 1 + rng.choice([-1, 1]) * rng.uniform(0.2, 0.8)
    new = value * factor if value > 3 else value + rng.randint(2, 9)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    new_text = f"{new:,.{decimals}f}" if "," in raw else f"{new:.{decimals}f}"
    if new_text == raw:
        new_text = f"{value + 1:.{decimals}f}"
    return _in_sentence(text, sentence, fact.text, fact.text.replace(raw, new_text, 1))


def corrupt_date(text: str, rng: random.Random, supported: Supported | None = None) -> str | None:
    """Change one date: another month or weekday, a day 1-9 away, a year 1-5 away, or an hour 1-5 later."""
    picked = _pick(text, "date", supported, rng)
    if picked is None:
        return None
    sentence, fact = picked
    key = fact.key
    if ":" in key:  # a time of day: another hour, written the same way
        hour = int(re.match(r"\d+", fact.text).group(0))
        new_hour = (hour - 1 + rng.randint(1, 5)) % 12 + 1
        return _in_sentence(text, sentence, fact.text, re.sub(r"\d+", str(new_hour), fact.text, count=1))
    if key.isdigit():
        new = str(int(key) + rng.choice([-1, 1]) * rng.randint(1, 5))
        return _in_sentence(text, sentence, fact.text, new)
    if key in WEEKDAYS:
        new = rng.choice([d for d in WEEKDAYS if d != key]).capitalize()
        return _in_sentence(text, sentence, fact.text, new + ("s" if fact.text.endswith("s") else ""))
    month = key.split()[0]
    new_month = rng.choice([m for m in MONTHS if m != month]).capitalize()
    if " " in key and rng.random() < 0.5:  # change the day instead
        day = int(key.split()[1])
        new_day = str(((day - 1 + rng.randint(1, 9)) % 28) + 1)
        return _in_sentence(text, sentence, fact.text, re.sub(rf"\b{day}\b", new_day, fact.text, count=1))
    return _in_sentence(text, sentence, fact.text, re.sub(r"[A-Za-z]+\.?", new_month, fact.text, count=1))


_ORG_WORDS = {
    "department",
    "ministry",
    "party",
    "house",
    "congress",
    "council",
    "agency",
    "inc",
    "corp",
    "company",
    "university",
    "committee",
    "court",
    "bank",
    "association",
    "news",
    "times",
    "post",
    "journal",
    "senate",
    "commission",
    "office",
    "service",
    "services",
    "administration",
    "fund",
    "group",
    "institute",
    "club",
    "foundation",
    "network",
    "league",
    "union",
    "force",
    "army",
    "police",
    "board",
    "center",
    "centre",
}
_PLACE_WORDS = {
    "ocean",
    "sea",
    "river",
    "mountain",
    "mountains",
    "island",
    "islands",
    "city",
    "county",
    "state",
    "valley",
    "korea",
    "street",
    "avenue",
    "road",
    "bay",
    "lake",
    "park",
    "airport",
    "beach",
    "coast",
    "border",
}
_GROUPS = {
    "democrats",
    "republicans",
    "americans",
    "europeans",
    "muslims",
    "christians",
    "jews",
    "conservatives",
    "liberals",
    "tories",
    "palestinians",
    "israelis",
}
_PERSON_CUES = (
    r"mr|mrs|ms|dr|president|minister|senator|sen|rep|gov|governor|secretary|chancellor|judge|justice|"
    r"chairman|ceo|actor|actress|singer|coach|leader|spokesman|spokeswoman"
)


def entity_type(name: str, sources: str) -> str:
    """A rough type for ``name`` (person / org / group / place / other) from its words and how the sources use
    it, so that swaps stay within a type, as FactCC swaps within an NER type.

    Example:
        >>> entity_type("Department of Justice", ""), entity_type("Donald Trump", "President Donald Trump said")
        ('org', 'person')
    """
    words = name.lower().split()
    if any(w.strip(".") in _ORG_WORDS for w in words) or name.isupper():
        return "org"
    if words[-1] in _GROUPS or re.fullmatch(r"[A-Z][a-z]+(?:an|ans|ese|ish|ian|ians|i)", name):
        return "group"
    escaped = re.escape(name)
    if re.search(rf"\b(?:{_PERSON_CUES})\.?\s+{escaped}\b", sources, re.IGNORECASE) or re.search(
        rf"\b{escaped},? (?:{SAYS})\b", sources
    ):
        return "person"
    if words[-1] in _PLACE_WORDS or re.search(rf"\b(?:in|from|to|at|near|across)\s+{escaped}\b", sources):
        return "place"
    if 2 <= len(words) <= 3 and re.search(
        rf"(?<!{re.escape(name.split()[-2])} )\b{re.escape(name.split()[-1])}\b", sources
    ):
        return "person"  # the last name is used alone
    return "other"


def is_alias(a: str, b: str) -> bool:
    """Whether two names may name the same thing (a shared word, or one the initials of the other), so that
    swapping one for the other is no corruption.

    Example:
        >>> is_alias("TSA", "Transportation Security Administration"), is_alias("Labor Department", "Department of Labor")
        (True, True)
        >>> is_alias("D.C.", "DC"), is_alias("Kim Jong Un", "Moon Jae-in")
        (True, False)
    """
    from summarize.text.lexicon import STOP_WORDS

    squeezed = [re.sub(r"\W+", "", x.lower()) for x in (a, b)]
    if squeezed[0] == squeezed[1]:  # "D.C." and "DC"
        return True
    wa, wb = (set(re.findall(r"\w+", x.lower())) - STOP_WORDS for x in (a, b))
    if wa & wb:
        return True
    initials = [("".join(w[0] for w in x.split() if w[0].isupper())).lower() for x in (a, b)]
    return a.lower().replace(".", "") == initials[1] or b.lower().replace(".", "") == initials[0]


def corrupt_entity(
    text: str, rng: random.Random, supported: Supported | None = None, pool: Sequence[str] = (), sources: str = ""
) -> str | None:
    """Swap one entity for another from ``pool`` (the sources' entities) of the same rough type
    (``entity_type``, judged on ``sources``)."""
    picked = _pick(text, "entity", supported, rng)
    if picked is None:
        return None
    sentence, fact = picked
    kind = entity_type(fact.text, sources)
    lowered = sentence.lower()
    options = sorted(
        {p for p in pool if p.lower() not in lowered and not is_alias(p, fact.text) and entity_type(p, sources) == kind}
    )
    if not options:
        return None
    return _in_sentence(text, sentence, fact.text, rng.choice(options))


def corrupt_negation(text: str, rng: random.Random, supported: Supported | None = None) -> str | None:
    """Negate a random sentence's first auxiliary verb, or remove an existing "not"."""
    from summarize.text.sentences import split_sentences

    sentences = split_sentences(text)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    for i in order:
        s = sentences[i]
        if _NEG.search(s):
            new = _NEG.sub(lambda m: m.group(1) or "", s, count=1)
        elif _AUX.search(s):
            new = _AUX.sub(lambda m: m.group(1) + " not", s, count=1)
        else:
            continue
        return text.replace(s, new, 1)
    return None


def corrupt_pronoun(text: str, rng: random.Random, supported: Supported | None = None) -> str | None:
    """Swap one gendered pronoun (he/she, his/her, him/her, himself/herself)."""
    matches = list(re.finditer(r"\b(?:he|she|him|his|her|himself|herself)\b", text, re.IGNORECASE))
    if not matches:
        return None
    m = rng.choice(matches)
    word = _SWAP[m.group(0).lower()]
    word = word.capitalize() if m.group(0)[0].isupper() else word
    return text[: m.start()] + word + text[m.end() :]


CORRUPTIONS: dict[str, Callable[..., str | None]] = {
    "entity": corrupt_entity,
    "number": corrupt_number,
    "date": corrupt_date,
    "negation": corrupt_negation,
    "pronoun": corrupt_pronoun,
}
