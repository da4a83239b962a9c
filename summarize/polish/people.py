"""Who the sources' people are: names as the articles write them, and what they say of each person.

From the cluster's sources a ``NameTable`` learns each person's full name ("Vladimir Putin", the longest capitalised
sequence that a short form "Putin" or "Kim" begins or ends), the descriptor the sources put before it when at least
two sentences agree ("Russian President"), and the person's gender as the sources' own pronouns and honorifics give
it. ``polish.references`` writes names in full and resolves pronoun openers with it; extractive asks it which ones.

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

from summarize.text.facts import GENDERED_NOUNS, POSSESSIVE, PRONOUNS
from summarize.text.lexicon import ABBREVIATED_TITLES, CONNECTIVES, HONORIFICS, OCCUPATIONS, OFFICES
from summarize.text.speech import IN_APPOSITION, SAYS, unquoted
from summarize.types import Cluster

# letters with accents too ("Ian Haney López" was "Ian Haney"); none inside a word ("iPod" holds no "Pod")
_UP, _LOW = ("".join(c for c in map(chr, range(0xC0, 0x250)) if test(c)) for test in (str.isupper, str.islower))
_TOKEN = (rf"(?:[A-Z{_UP}][a-z{_LOW}]*(?:[A-Z{_UP}][a-z{_LOW}]+)*(?:['’][A-Z{_UP}][a-z{_LOW}]+)?"
          rf"(?:-[A-Z{_UP}][a-z{_LOW}]+)?(?<=[a-z{_LOW}])|[A-Z{_UP}]\.)")
_NAME = re.compile(rf"(?<![\w@]){_TOKEN}(?:\s+{_TOKEN})*")
_TITLE = "|".join([*OFFICES, *(rf"{t}\." for t in ABBREVIATED_TITLES)])  # "Prime Minister", "Gov."
_ROLE = "|".join([_TITLE, "[Ll]eader|Speaker|Pope|Mayor|CEO|[Cc]hief|Sheriff|Professor|star",  # "Film star ..."
                  *(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in OCCUPATIONS)])  # "Sprinter Michelle Collins"
_DESCRIPTOR = re.compile(rf"((?:(?:[A-Z][a-z]+|(?:{'|'.join(ABBREVIATED_TITLES)})\.)\s+){{0,2}}(?:{_ROLE}))\s+$")
HONORIFIC = re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\.?\s+(?=[A-Z])")
HONORIFIC_BEFORE = re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\.?\s+$")
_GENDERED_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms)\.?\s+([A-Z][\w'’-]+)")  # "Mr. Parr", "Ms. Sculthorpe"
# a verb of saying after a name, past an appositive or a relative clause between commas ("Raj Shah, an aide, said",
# "Ahmed Sawalem, who is ... in Libya, told"), not past a name ("in Jakarta, Rachel Harvey, told": Harvey's words)
SAID_AFTER = re.compile(rf"(?:,(?!{IN_APPOSITION})[^,\"“”]{{1,80}},)?\s+(?:{SAYS})\b")
_PERSON_AFTER = re.compile(rf"(?:’s|'s)?\s*(?:,\s*\d{{1,3}}\s*,|\s+(?:{SAYS}|praised|expressed|thanked|warned|met|"
                           r"visited)\b)")
CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
NOT_NAMES = {"The", "A", "An", "In", "On", "At", "After", "Before", "When", "As", "For", "But", "And", "It", "He",
             "She", "They", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "We", "Our", "I", "If",
             "While", "Upon", "With", "From", "By", "To", "Of", "Since", "Although", "During", *CALENDAR, "North",
             "South", "East", "West", "New", "United", "Both", "Also", "Then", "Now", "Still", "Under", "Over", "President", "Minister", "Prime", *HONORIFICS,
             *ABBREVIATED_TITLES, "Russian", "American", "British", "Chinese", "Korean", "Kim's"}
PRONOUN_OPENER = re.compile(r"^[\"“]?(He|She|His|Her)\b(?![’'])")
# "He’d had five children ...", "She's walked ...": a pronoun subject no name can replace as written
CONTRACTED_OPENER = re.compile(r"^[\"“]?(?:He|She)['’](?:s|d|ll)\b")
# the pronouns a gender vote counts: not text.facts' pattern (any case, reflexives, before an apostrophe), which
# in their place moved 4 of the 952 Multi-News referents (bench/referents.py), 3 of them to a wrong person
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]er|[Hh]ers)\b(?![’'])")
# Words that make a capitalised sequence an organisation or a place, not a person.
ORGANISATION = {"International", "Police", "Department", "Ministry", "Party", "News", "Times", "Post", "Association",
                "University", "Council", "Court", "Committee", "Agency", "State", "States", "Service", "Group", "Corp",
                "Inc", "Company", "House", "Senate", "Congress", "Journal", "Institute", "Center", "Centre",
                "Foundation", "Office", "Bureau", "Commission", "Administration", "County", "City", "Republican",
                "Republicans", "Democrat", "Democrats", "Democratic", "Treasury", "Defense", "Defence", "Force",
                "Army", "Navy", "Airport", "Station", "Street", "Road", "Park", "Church", "School", "College",
                "Hospital", "Bank", "Club", "Network", "Press", "Media", "Union", "Guard", "Security", "Forces", "Society",
                "Place", "Tower", "Square", "Plaza", "Building", "Avenue", "Stadium", "Bridge"}
# a pronoun subject after a short opening phrase ("Upon arrival in Pyongyang, he"), or a connective and one ("But, at 49, he")
FRONTED_PRONOUN = re.compile(rf"^(?:(?:{CONNECTIVES}),\s+[^,;:\"“”.!?]{{2,60}}|[A-Z][^,;:\"“”.!?]{{2,60}}),\s+(he|she)\b(?![’'])")

_ROLE_WORD = re.compile(rf"(?:{_ROLE}|Executive|Emeritus|{'|'.join(ABBREVIATED_TITLES)})")  # "Beret Sgt Joe Serna"
_SURNAMES = {"King", "Queen", "General", "Leader", "Judge"}  # offices that are also surnames: office first only


def names(sentence: str) -> list[tuple[int, str]]:
    """``(offset, name)`` of each capitalised sequence, leading function words and titles cut off, and what
    comes before an office in it too: in "UC Berkeley Chancellor Robert Birgeneau" the name is "Robert
    Birgeneau" ("Berkeley Chancellor" describes him; taken as his name, "A UC Berkeley police officer" read "A
    UC Berkeley Chancellor Robert Birgeneau police officer"), unless only abbreviations or a suffix follow
    ("King Jr."). An office that is also a surname ("King", "Leader") counts first in the sequence or after an
    organisation: "Senate Majority Leader Mitch McConnell" and "House Speaker Nancy Pelosi" named nobody.

    Example:
        >>> names("The office of Philadelphia Mayor Michael Nutter said so.")
        [(33, 'Michael Nutter')]
    """
    out = []
    for m in _NAME.finditer(sentence):
        tokens = m.group(0).split()
        cut = 0
        while cut < len(tokens) and (tokens[cut].rstrip(".") in NOT_NAMES or tokens[cut].lower() in _function_words()):
            cut += 1
        offices = [k for k in range(cut, len(tokens) - 1) if _ROLE_WORD.fullmatch(tokens[k]) and (  # not "Jeff King"
            k == cut or tokens[k] not in _SURNAMES or ORGANISATION & set(tokens[cut:k]))]  # but "Senate ... Leader"
        if offices and any(t.rstrip(".") not in ("Jr", "Sr", "II", "III") and not t.endswith(".")
                           for t in tokens[offices[-1] + 1:]):
            cut = offices[-1] + 1
        start = m.start()
        for token in tokens[:cut]:  # the offset of the first token kept
            start += sentence[start:].index(token) + len(token)
            start += len(sentence[start:]) - len(sentence[start:].lstrip())
        tokens = tokens[cut:]
        if tokens and not ORGANISATION & set(tokens) and not all(t.endswith(".") for t in tokens):
            out.append((start, " ".join(tokens)))
    return out


_COUPLE = re.compile(r"\s*(?:,|,?\s+and|\s*&)\s+")  # between the given names of "Dan and Fran Keller"
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
_PARTICLE_AFTER = re.compile(r"\s*(?:al|el|bin|ibn|abu|van|von|der|de|da|di|du|la|le)[-\s][A-Z]")  # al-Assad


def glued(sentence: str, start: int, name: str) -> bool:
    """Whether the mention ``name`` at ``start`` is a piece of a longer name: after a capitalised word that is
    not a function word, title or honorific ("South Philadelphia", "King Features"), after a hyphen
    ("al-Assad"), or before a name particle ("Bashar al-Assad"). Written in full there, "South Philadelphia
    rowhome" read "South Philadelphia Michael Nutter rowhome".

    Example:
        >>> s = "A South Philadelphia home fell; President Putin and Bashar al-Assad spoke on Monday Kim said."
        >>> [(n, glued(s, i, n)) for i, n in names(s)]
        [('Philadelphia', True), ('Putin', False), ('Bashar', True), ('Assad', True), ('Kim', False)]
    """
    if sentence[:start].endswith("-"):
        return True
    before = _WORD_BEFORE.search(sentence[:start])
    word = before.group(1) if before else None
    return bool(word and word.lower() not in _function_words() and not _ROLE_WORD.fullmatch(word)
                and word not in HONORIFICS and word not in ABBREVIATED_TITLES and word not in CALENDAR) \
        or bool(_PARTICLE_AFTER.match(sentence[start + len(name):]))


THE_BEFORE = re.compile(r"\b[Tt]he\s+$")  # "the Trump administration", "The Rockies"


def person_like(sentence: str, start: int, name: str) -> bool:
    """Whether the mention ``name`` at ``start``, of someone the sources' table does not know, reads as a
    person's name: not after "the" ("The Rockies said"), not a piece of a longer name (``glued``: "North
    Korea said"), not a possessive ("Ukraine's National Security and Defense Council"), no word of an
    organisation's name ("Dingwall History Society").

    Example:
        >>> s = "The Rockies said so, as did Castaneda and San Diego's FBI chief."
        >>> [(n, person_like(s, i, n)) for i, n in names(s)]
        [('Rockies', False), ('Castaneda', True), ('San Diego', False)]
    """
    return not (THE_BEFORE.search(sentence[:start]) or glued(sentence, start, name)
                or POSSESSIVE.match(sentence[start + len(name):]) or ORGANISATION & set(name.split()))


def someone_else(sentence: str, gender: str) -> bool:
    """Whether ``sentence`` speaks, outside quotations, of a person of ``gender`` by a noun ("called the boy's
    mother instead", "the woman in question"), whom a pronoun of that gender after it may mean."""
    return any(GENDERED_NOUNS.get(w) == gender for w in re.findall(r"[a-z]+", unquoted(sentence)))


def own_gender(sentence: str) -> str | None:
    """The gender a sentence's own pronouns give outside quotations where they agree ("she shot him": none)."""
    said = {PRONOUNS[w.lower()] for w in _PRONOUN.findall(unquoted(sentence))}
    return said.pop() if len(said) == 1 else None


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Stop words and sentence adverbs: a capitalised one opens a sentence, it does not name anyone."""
    from summarize.text.lexicon import STOP_WORDS  # the one stop-word list
    return STOP_WORDS | {"despite", "although", "though", "because", "meanwhile", "however", "still", "yet",
                            "even", "instead", "indeed", "perhaps", "earlier", "later", "today", "yesterday"}


@dataclass
class NameTable:
    """People's full names, descriptors and genders as the cluster's sources write them."""

    full_names: dict[str, str] = field(default_factory=dict)  # short form -> full name
    descriptors: dict[str, str] = field(default_factory=dict)  # full name -> attested descriptor
    counts: Counter = field(default_factory=Counter)  # how often each name is written
    genders: dict[str, str] = field(default_factory=dict)  # full name -> "m"/"f", as the sources' pronouns say

    @classmethod
    def learn(cls, sentences: Sequence[str]) -> "NameTable":
        counts: Counter = Counter()
        described: dict[str, Counter] = {}
        personal: set[str] = set()  # names seen acting as people: with a title, saying something, or an age
        titled: set[str] = set()  # with a title or an honorific: a person, not a company that "said"
        for sent in sentences:
            found = names(sent)
            for (start, name), (after_start, after) in zip(found, found[1:]):
                if len(name.split()) == 1 and len(after.split()) > 1 and _COUPLE.fullmatch(
                        sent[start + len(name): after_start]):  # "Dan and Fran Keller": Dan Keller, a person
                    titled.add(f"{name} {after.split()[-1]}")
            for start, name in found:
                counts[name] += 1
                if len(name.split()) < 2:
                    continue
                d = _DESCRIPTOR.search(sent[:start])
                if d:  # an occupation is capitalized only where it opens the sentence ("Sprinter Michelle Collins")
                    desc = d.group(1).lower() if not d.start() and d.group(1).lower() in OCCUPATIONS else d.group(1)
                    described.setdefault(name, Counter())[desc] += 1
                after = sent[start + len(name):]
                shown = d or HONORIFIC_BEFORE.search(sent[:start])
                if shown:
                    titled.add(name)
                if shown or _PERSON_AFTER.match(after) or SAID_AFTER.match(after):
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
        table.genders = table._genders(sentences)
        # a short form that is a full name's first word stands for it only where the sources show a person: a
        # title, an honorific or a gender ("Heather" for Heather Heyer, "Kim" for Kim Jong Un); "Qatar" for
        # "Qatar Airways", "Philadelphia" for "Philadelphia Michael Nutter" (a source's slip) were not
        for short, full in list(table.full_names.items()):
            if full.split()[0] == short and full not in titled and full not in table.genders:
                del table.full_names[short]
        return table

    def _genders(self, sentences: Sequence[str]) -> dict[str, str]:
        """Each person's gender as the sources' pronouns and honorifics give it. A sentence whose subject (its
        first words) is X and that names no one else votes for X with its own pronouns outside quotations where
        they agree ("McDowell said she saw her boyfriend"), so does the next sentence's opener ("She then ..."),
        and each "Mr."/"Mrs."/"Ms." before a name. A gender needs twice the votes of the other."""
        votes: dict[str, Counter] = {}
        for i, sent in enumerate(sentences):
            named = names(sent)
            if not named or named[0][0] > 1:  # the subject: the first words, or after a quotation mark
                continue
            who = self.person(named[0][1]) or self.person(named[0][1].split()[-1])
            if not who or len(self.people_in(sent)) > 1:
                continue
            said = own_gender(sent)
            m = pronoun_subject(sentences[i + 1]) if i + 1 < len(sentences) else None
            for gender in ([said] if said else []) + ([PRONOUNS[m.group(1).lower()]] if m else []):
                votes.setdefault(who, Counter())[gender] += 1
        for h, name in (hit for sent in sentences for hit in _GENDERED_HONORIFIC.findall(sent)):
            if who := self.person(name):
                votes.setdefault(who, Counter())["m" if h == "Mr" else "f"] += 1
        return {who: c.most_common(1)[0][0] for who, c in votes.items()
                if c.most_common(1)[0][1] >= 2 * (sum(c.values()) - c.most_common(1)[0][1])}

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
        """Full names of the known people ``sentence`` mentions, in order; none in a thing's ("The John Peel Show")."""
        text, out = HONORIFIC.sub("", sentence), []
        for start, name in names(text):
            person = self.person(name) or (None if THE_BEFORE.search(text[:start]) else
                                           next((self.person(t) for t in name.split() if self.person(t)), None))
            out += [person] if person and person not in out else []
        return out


def people_of(cluster: Cluster) -> NameTable:
    """``cluster``'s ``NameTable``, learned once from every sentence of its articles
    (``provenance.source_sentences``) and kept with it (``Cluster.people``): the extractive summarizer asks it
    which pronoun openers can be resolved, the polish stage resolves them with the same one.

    Example:
        >>> from summarize.types import Article
        >>> c = Cluster("c", [Article("a", "Russian President Vladimir Putin arrived. Putin met Kim.")])
        >>> people_of(c).full("Putin"), people_of(c) is people_of(c)
        ('Vladimir Putin', True)
    """
    from summarize.provenance import source_sentences

    sources = source_sentences(cluster)
    if cluster.people is None or cluster.people[0] is not sources:  # a new split: its articles changed
        cluster.people = (sources, NameTable.learn([s.text for s in sources]))
    return cluster.people[1]


def pronoun_subject(sentence: str) -> re.Match | None:
    """The opening pronoun subject of ``sentence`` ("He ...", "Upon arrival, he ..."), None for none or a quotation."""
    m = PRONOUN_OPENER.match(sentence) or FRONTED_PRONOUN.match(sentence)
    return None if m is None or sentence[0] in "\"“" else m
