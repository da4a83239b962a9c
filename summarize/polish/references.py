"""References that stand alone: people named in full at their first mention, pronoun openers resolved.

From the cluster's sources a ``NameTable`` learns each person's full name ("Vladimir Putin", the
longest capitalised sequence that a short form "Putin" or "Kim" begins or ends), and the descriptor the
sources put before it when at least two sentences agree ("Russian President"). In a summary, the first
mention of a person by a short form ("Putin", "Mr. Putin") becomes the full form; a sentence that opens
with "He"/"She"/"His"/"Her" gets the name of its referent (the person last named before it in its own
article) unless the summary keeps the sentence that precedes it there. Each rewrite is an edit
``{"from", "to", "why"}`` kept in the sentence's provenance.

Example:
    >>> table = NameTable.learn(["Russian President Vladimir Putin arrived in Pyongyang.",
    ...                          "Russian President Vladimir Putin met Kim Jong Un.", "Putin spoke first."])
    >>> table.full("Putin")
    'Russian President Vladimir Putin'
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from summarize.text.lexicon import ABBREVIATED_TITLES, HONORIFICS, OFFICES

_TOKEN = r"(?:[A-Z][a-z]*(?:[A-Z][a-z]+)*(?:['’][A-Z][a-z]+)?(?:-[A-Z][a-z]+)?(?<=[a-z])|[A-Z]\.)"
_NAME = re.compile(rf"{_TOKEN}(?:\s+{_TOKEN})*")
_TITLE = "|".join([*OFFICES, *(rf"{t}\." for t in ABBREVIATED_TITLES)])  # "Prime Minister", "Gov."
_ROLE = (rf"{_TITLE}|[Ll]eader|Pope|Mayor|CEO|[Cc]hief|[Ss]pokesman|[Ss]pokeswoman|Director|[Aa]ide|[Aa]ctor|"
         r"[Aa]ctress|[Ss]inger|[Cc]oach|[Pp]rosecutor|[Oo]fficer|Sheriff")
_DESCRIPTOR = re.compile(rf"((?:(?:[A-Z][a-z]+|(?:{'|'.join(ABBREVIATED_TITLES)})\.)\s+){{0,2}}(?:{_ROLE}))\s+$")
HONORIFIC = re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\.?\s+(?=[A-Z])")
HONORIFIC_BEFORE = re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\.?\s+$")
_PERSON_AFTER = re.compile(r"(?:’s|'s)?\s*(?:,\s*\d{1,3}\s*,|\s+(?:said|says|told|tells|added|wrote|explained|"
                           r"recalled|argued|insisted|announced|praised|expressed|thanked|warned|met|visited))\b")
NOT_NAMES = {"The", "A", "An", "In", "On", "At", "After", "Before", "When", "As", "For", "But", "And", "It", "He",
             "She", "They", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "We", "Our", "I", "If",
             "While", "Upon", "With", "From", "By", "To", "Of", "Since", "Although", "During", "Monday", "Tuesday",
             "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
             "June", "July", "August", "September", "October", "November", "December", "North", "South", "East",
             "West", "New", "United", "Both", "Also", "Then", "Now", "Still", "Under", "Over", "President", "Minister", "Prime", *HONORIFICS,
             *ABBREVIATED_TITLES, "Russian", "American", "British", "Chinese", "Korean", "Kim's"}
PRONOUN_OPENER = re.compile(r"^[\"“]?(He|She|His|Her)\b(?![’'])")
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]?")
# Words that make a capitalised sequence an organisation or a place, not a person.
ORGANISATION = {"International", "Police", "Department", "Ministry", "Party", "News", "Times", "Post", "Association",
                "University", "Council", "Court", "Committee", "Agency", "State", "States", "Service", "Group", "Corp",
                "Inc", "Company", "House", "Senate", "Congress", "Journal", "Institute", "Center", "Centre",
                "Foundation", "Office", "Bureau", "Commission", "Administration", "County", "City", "Republican",
                "Republicans", "Democrat", "Democrats", "Democratic", "Treasury", "Defense", "Defence", "Force",
                "Army", "Navy", "Airport", "Station", "Street", "Road", "Park", "Church", "School", "College",
                "Hospital", "Bank", "Club", "Network", "Press", "Media", "Union", "Guard", "Security", "Forces"}
# A name used as a modifier ("the Trump administration") is not a mention to complete.
_ATTRIBUTIVE = re.compile(r"^\s+(?:administration|campaign|era|presidency|family|government|regime|team|aides|"
                          r"supporters|camp|years|doctrine|foundation|organization|organisation|estate|brand)\b")
# "Upon arrival in Pyongyang, he was welcomed": a pronoun subject after a short opening phrase
FRONTED_PRONOUN = re.compile(r"^[A-Z][^,;:\"“”.!?]{2,60},\s+(he|she)\b(?![’'])")
VAGUE_OPENER = re.compile(r"^[\"“]?(?:They|Them|Their|It|Its|This|That|These|Those|Such)\b")
# "However, ..." contrasts with the sentence before it in its article; elsewhere it contrasts with nothing
CONNECTIVE = re.compile(r"^(?:However|But|Yet|Still|Nevertheless|Nonetheless|Meanwhile|Instead|Moreover|Also),?\s+"
                        r"(?=[a-zA-Z])")


def _names(sentence: str) -> list[tuple[int, str]]:
    """``(offset, name)`` of each capitalised sequence, leading function words and titles cut off."""
    out = []
    for m in _NAME.finditer(sentence):
        tokens = m.group(0).split()
        start = m.start()
        while tokens and (tokens[0].rstrip(".") in NOT_NAMES or tokens[0].lower() in _function_words()):
            start += sentence[start:].index(tokens[0]) + len(tokens[0])
            start += len(sentence[start:]) - len(sentence[start:].lstrip())
            tokens = tokens[1:]
        if tokens and not ORGANISATION & set(tokens) and not all(t.endswith(".") for t in tokens):
            out.append((start, " ".join(tokens)))
    return out


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Stop words and sentence adverbs: a capitalised one opens a sentence, it does not name anyone."""
    from summarize.text.lexicon import STOP_WORDS  # the one stop-word list

    return STOP_WORDS | {"despite", "although", "though", "because", "meanwhile", "however", "still", "yet",
                            "even", "instead", "indeed", "perhaps", "earlier", "later", "today", "yesterday"}


@dataclass
class NameTable:
    """People's full names and descriptors as the cluster's sources write them."""

    full_names: dict[str, str] = field(default_factory=dict)  # short form -> full name
    descriptors: dict[str, str] = field(default_factory=dict)  # full name -> attested descriptor
    counts: Counter = field(default_factory=Counter)  # how often each name is written

    @classmethod
    def learn(cls, sentences: Sequence[str]) -> "NameTable":
        counts: Counter = Counter()
        described: dict[str, Counter] = {}
        personal: set[str] = set()  # names seen acting as people: with a title, saying something, or an age
        for sent in sentences:
            for start, name in _names(sent):
                counts[name] += 1
                if len(name.split()) < 2:
                    continue
                d = _DESCRIPTOR.search(sent[:start])
                if d:
                    described.setdefault(name, Counter())[d.group(1)] += 1
                after = sent[start + len(name):]
                if d or HONORIFIC_BEFORE.search(sent[:start]) or _PERSON_AFTER.match(after):
                    personal.add(name)
        table = cls(counts=counts)
        multi = [n for n in counts if 2 <= len(n.split()) <= 4 and n in personal]
        for short in {n for n in counts if len(n.split()) == 1 and len(n) >= 3 and n not in NOT_NAMES}:
            people = [n for n in multi if n.split()[0] == short or n.split()[-1] == short]
            if people:
                best = max(people, key=lambda n: (counts[n], len(n)))
                if sum(1 for n in people if counts[n] == counts[best]) == 1 or len(people) == 1:
                    table.full_names[short] = best
        for name, descs in described.items():
            desc, n = descs.most_common(1)[0]
            if n >= 2:
                table.descriptors[name] = desc
        return table

    def full(self, short: str) -> str:
        name = self.full_names.get(short, short)
        desc = self.descriptors.get(name)
        return f"{desc} {name}" if desc else name

    def short(self, full: str) -> str:
        """The short form the sources use most for ``full`` ("Putin", "Kim"), else ``full`` itself."""
        shorts = [s for s, f in self.full_names.items() if f == full]
        return max(shorts, key=lambda s: (self.counts[s], s)) if shorts else full

    def person(self, name: str) -> str | None:
        """The full name a mention refers to, if it is a known person."""
        name = HONORIFIC.sub("", name)
        if name in self.full_names:
            return self.full_names[name]
        if name in self.full_names.values():
            return name
        return None

    def people_in(self, sentence: str) -> list[str]:
        """Full names of the known people ``sentence`` mentions, in order."""
        out = []
        for _, name in _names(HONORIFIC.sub("", sentence)):
            person = self.person(name) or next((self.person(t) for t in name.split() if self.person(t)), None)
            if person and person not in out:
                out.append(person)
        return out


def referent(table: NameTable, context: Sequence[str]) -> str | None:
    """The person a pronoun opener points to: the first person named in the nearest earlier sentence of
    ``context`` (its own article, nearest last) that names one."""
    for sent in reversed(context):
        people = table.people_in(sent)
        if people:
            return people[0]
    return None


def pronoun_subject(sentence: str) -> re.Match | None:
    """The opening pronoun subject of ``sentence`` ("He ...", "Upon arrival, he ..."), None for none or a quotation."""
    m = PRONOUN_OPENER.match(sentence) or FRONTED_PRONOUN.match(sentence)
    return None if m is None or sentence[0] in "\"“" else m


def resolved(sentence: str, context: Sequence[str], table: NameTable) -> str:
    """``sentence`` with its pronoun subject replaced by the short name of its referent in ``context`` (what
    it asserts, for comparing it with other sentences), else unchanged.

    Example:
        >>> table = NameTable.learn(["Russian President Vladimir Putin arrived.", "Putin met Kim."])
        >>> resolved("Upon arrival, he was welcomed with flags.", ["Russian President Vladimir Putin arrived."], table)
        'Upon arrival, Putin was welcomed with flags.'
    """
    m = pronoun_subject(sentence)
    who = referent(table, context) if m else None
    if not who or who in table.people_in(sentence):
        return sentence
    name = table.short(who) + ("’s" if m.group(1) in ("His", "Her") else "")
    return sentence[: m.start(1)] + name + sentence[m.end(1):]


def rewrite(sentences: Sequence[str], contexts: Sequence[Sequence[str] | None], table: NameTable
            ) -> tuple[list[str], list[list[dict[str, str]]]]:
    """Sentences with first mentions completed, stray pronoun openers replaced and stray connectives ("However,")
    dropped, and each one's edits.

    ``contexts[i]`` holds the sentences before sentence ``i`` in its own article (None when unknown, as for
    generated text: then the previous summary sentence is the only context).

    Example:
        >>> table = NameTable.learn(["Russian President Vladimir Putin arrived.", "Russian President Vladimir Putin "
        ...                          "met North Korean leader Kim Jong Un.", "Kim greeted Putin.", "Kim smiled."])
        >>> out, edits = rewrite(["Kim greeted Putin.", "He was greeted by Kim."],
        ...                      [None, ["Russian President Vladimir Putin arrived."]], table)
        >>> out
        ['Kim Jong Un greeted Russian President Vladimir Putin.', 'Putin was greeted by Kim.']
        >>> [e["why"] for e in edits[1]]
        ['pronoun']
        >>> rewrite(["Putin was greeted by Kim.", "Upon arrival, he was welcomed with flags."],
        ...         [None, ["Russian President Vladimir Putin arrived."]], table)[0][1]
        'Upon arrival, Putin was welcomed with flags.'
        >>> rewrite(["Kim greeted Putin.", "However, the visit alarmed Seoul."], [None, ["Crowds cheered."]], table)[0][1]
        'The visit alarmed Seoul.'
    """
    introduced: set[str] = set()
    previous_people: list[str] = []
    out, all_edits = [], []
    for i, sent in enumerate(sentences):
        edits: list[dict[str, str]] = []
        context = contexts[i]
        follows = bool(context) and i > 0 and context[-1] == sentences[i - 1]  # its own article's order
        m = pronoun_subject(sent)  # a quotation is left as the speaker said it
        if m:
            who = referent(table, context) if context is not None else None
            # the summary's last-named person is someone else: "he" would read as that one
            misread = bool(previous_people) and previous_people[-1] != who
            if who and (not follows or misread) and who not in table.people_in(sent):
                word = m.group(1)
                name = table.short(who) if who in introduced else table.full(table.short(who))
                new = name + ("’s" if word in ("His", "Her") else "")
                sent = sent[: m.start(1)] + new + sent[m.end(1):]
                edits.append({"from": word, "to": new, "why": "pronoun"})
                introduced.add(who)
        connective = CONNECTIVE.match(sent)
        if connective and not follows:
            word = re.match(r"\S+", sent[connective.end():]).group(0)  # kept in the edit: it is reversible
            sent = word[0].upper() + word[1:] + sent[connective.end() + len(word):]
            edits.append({"from": connective.group(0) + word, "to": word[0].upper() + word[1:], "why": "connective"})
        sent, first = _complete_first_mentions(sent, table, introduced)
        edits += first
        people = table.people_in(sent)
        introduced.update(people)
        previous_people = people or previous_people
        out.append(sent)
        all_edits.append(edits)
    return out, all_edits


def _complete_first_mentions(sent: str, table: NameTable, introduced: set[str]) -> tuple[str, list[dict[str, str]]]:
    """``sent`` with each person's first bare mention ("Putin", "Mr. Putin") written in full."""
    edits, pieces, pos = [], [], 0
    quoted = [m.span() for m in QUOTED.finditer(sent)]
    for start, name in _names(sent):
        full = table.person(name)
        if full is None or full in introduced:
            continue
        introduced.add(full)
        if len(name.split()) > 1 or HONORIFIC_BEFORE.search(sent[:start]):
            continue  # named in full already, or as "Mr. Balin": a reference that stands
        if any(a <= start < b for a, b in quoted) or _ATTRIBUTIVE.match(sent[start + len(name):]) or \
                re.search(r"\b[Tt]he\s+$", sent[:start]):
            continue  # inside a quotation, or a modifier ("the Trump administration")
        begin = start
        desc = table.descriptors.get(full, "")
        if begin < pos or (desc and sent[:begin].rstrip().endswith(desc.split()[-1])):
            continue  # already described ("leader Kim")
        new = table.full(name)
        edits.append({"from": sent[begin: start + len(name)], "to": new, "why": "first mention"})
        pieces += [sent[pos:begin], new]
        pos = start + len(name)
    return "".join(pieces) + sent[pos:], edits
