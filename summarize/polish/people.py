"""Who the sources' people are: names as the articles write them, and what they say of each person.

From the cluster's sources a ``NameTable`` learns each person's full name ("Vladimir Putin", the longest capitalised
sequence that a short form "Putin" or "Kim" begins or ends), the descriptor the sources put before it when at least
two sentences agree ("Russian President"), and the person's gender as the sources' own pronouns and honorifics give
it; apart, the full name of someone named in full only in passing ("said Anaheim resident Joe Castaneda",
``polish.passing``), written at a first mention but resolving no pronoun. ``polish.references`` writes names in
full and resolves pronoun openers with it; extractive asks it which ones.

Example:
    >>> table = NameTable.learn(["Russian President Vladimir Putin arrived in Pyongyang.",
    ...                          "Russian President Vladimir Putin met Kim Jong Un.", "Putin spoke first."])
    >>> table.full("Putin")
    'Russian President Vladimir Putin'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from summarize.polish import passing
from summarize.polish.names import NOT_NAMES, OFFICE_BEFORE, ORGANISATION, PARTICLES, ROLE, THE_BEFORE, names
from summarize.polish.subjects import pronoun_subject
from summarize.text.facts import GENDERED_NOUNS, PERSON_NOUNS, PRONOUNS
from summarize.text.lexicon import ABBREVIATED_TITLES, HONORIFIC_GENDER, HONORIFICS, OCCUPATIONS, same_given_name
from summarize.text.speech import IN_APPOSITION, SAYS, quotations, unquoted
from summarize.types import Cluster

_DESCRIPTOR = re.compile(rf"((?:(?:[A-Z][a-z]+|(?:{'|'.join(ABBREVIATED_TITLES)})\.)\s+){{0,2}}(?:{ROLE}))\s+$")
HONORIFIC = re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\.?\s+(?=[A-Z])")
HONORIFIC_BEFORE = re.compile(rf"\b((?:{'|'.join(HONORIFICS)})\.?)\s+$")  # as written: "Mr", "Mr.", "Sir"
_GENDERED_HONORIFIC = re.compile(rf"\b({'|'.join(HONORIFIC_GENDER)})\.?\s+([A-Z][\w'’-]+)")  # "Mr. Parr", "Ms. Kay"
# a verb of saying after a name, past an appositive or a relative clause between commas ("Raj Shah, an aide, said",
# "Ahmed Sawalem, who is ... in Libya, told"), not past a name ("in Jakarta, Rachel Harvey, told": Harvey's words)
SAID_AFTER = re.compile(rf"(?:,(?!{IN_APPOSITION})[^,\"“”]{{1,80}},)?\s+(?:{SAYS})\b")
_AGE = r",\s*\d{1,3}\s*,"  # "Anderson, 53, walked into the classroom": an age between commas
_PERSON_AFTER = re.compile(rf"(?:’s|'s)?\s*(?:{_AGE}|\s+(?:{SAYS}|praised|expressed|thanked|warned|met|"
                           r"visited)\b)")
# the pronouns a gender vote counts: not text.facts' pattern (any case, reflexives, before an apostrophe), which
# in their place moved 4 of the 952 Multi-News referents (bench/referents.py), 3 of them to a wrong person
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Ss]he|[Hh]er|[Hh]ers)\b(?![’'])")

_AGED = re.compile(rf"\s*{_AGE}")
_TITLED_SUBJECT = re.compile(rf"[\"“]?\b(?:{ROLE})\.?\s+(?:(?:{'|'.join(HONORIFICS)})\.?\s+)?$")  # "Boss Sir "
_COUPLE = re.compile(r"\s*(?:,|,?\s+and|\s*&)\s+")  # between the given names of "Dan and Fran Keller"
_OWNER = re.compile(r"[’']s((?:\s+[a-z-]+){1,3})")


def _owns_person(after: str) -> bool:
    """Whether the name ``after`` follows owns a person ("Scotland's justice minister ... she": the pronoun is the
    minister's, not Scotland's; "Foxx's performance ... he" is Foxx's)."""
    m = _OWNER.match(after)
    return bool(m) and any(w in PERSON_NOUNS or w in GENDERED_NOUNS for w in m.group(1).split())


def one_person(names: Sequence[str]) -> bool:
    """Whether ``names`` are one person's: the same last word, one given name (``same_given_name``: "Joe Serna"
    and "Joseph Serna"), and middle names with the same initials where they have any ("Robert J. Birgeneau" and
    "Robert Birgeneau"; not "Robert E. Lee" and "Robert Wright Lee", nor "Dan Keller" and "Fran Keller")."""
    middles = {"".join(w[0] for w in n.split()[1:-1]) for n in names} - {""}
    first = names[0].split()[0] if names else ""
    return len({n.split()[-1] for n in names}) == 1 and len(middles) <= 1 and all(
        same_given_name(first, n.split()[0]) for n in names)


def someone_else(sentence: str, gender: str) -> bool:
    """Whether ``sentence`` speaks, outside quotations, of a person of ``gender`` by a noun ("called the boy's
    mother instead", "the woman in question"), whom a pronoun of that gender after it may mean."""
    return any(GENDERED_NOUNS.get(w) == gender for w in re.findall(r"[a-z]+", unquoted(sentence)))


def own_gender(sentence: str) -> str | None:
    """The gender a sentence's own pronouns give outside quotations where they agree ("she shot him": none)."""
    said = {PRONOUNS[w.lower()] for w in _PRONOUN.findall(unquoted(sentence))}
    return said.pop() if len(said) == 1 else None


@dataclass
class NameTable:
    """People's full names, descriptors and genders as the cluster's sources write them."""

    full_names: dict[str, str] = field(default_factory=dict)  # short form -> full name
    # surname -> the full name a first mention is written as, of a person the sources name in full only in passing
    # ("said Anaheim resident Joe Castaneda, who ...", then "Castaneda said"): not one a pronoun is resolved to
    in_passing: dict[str, str] = field(default_factory=dict)
    descriptors: dict[str, str] = field(default_factory=dict)  # full name -> attested descriptor
    counts: Counter = field(default_factory=Counter)  # how often each name is written
    genders: dict[str, str] = field(default_factory=dict)  # full name -> "m"/"f", as the sources' pronouns say
    # short form -> the honorific the sources write before it in at least half its mentions ("Mr", "Sir" for "Alan")
    styles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def learn(cls, sentences: Sequence[str]) -> "NameTable":
        counts: Counter = Counter()
        described: dict[str, Counter] = {}
        personal: set[str] = set()  # names seen acting as people: with a title, saying something, or an age
        titled: set[str] = set()  # with a title or an honorific: a person, not a company that "said"
        things: set[str] = set()  # written after "the"
        said, sure, placed, written = set(), set(), set(), set()  # for names in full in passing (``passing.surnames``)
        styled: dict[str, Counter] = {}
        for i, sent in enumerate(sentences):
            found, quoted = names(sent), quotations(sent)[0]
            for (start, name), (after_start, after) in zip(found, found[1:]):
                if len(name.split()) == 1 and len(after.split()) > 1 and _COUPLE.fullmatch(
                        sent[start + len(name): after_start]):  # "Dan and Fran Keller": Dan Keller, a person
                    titled.add(f"{name} {after.split()[-1]}")
            for start, name in found:
                counts[name] += 1
                after = sent[start + len(name):]
                if THE_BEFORE.search(sent[:start]):
                    things.add(name)  # "The Colorado Rockies": a team, whatever "Rockies said"
                if len(name.split()) < 2:  # a surname acting as a person: "Castaneda said", "Ms. Pascoe", "Lane ... he"
                    if SAID_AFTER.match(after):
                        said.add(name)
                    if h := HONORIFIC_BEFORE.search(sent[:start]):
                        styled.setdefault(name, Counter())[h.group(1)] += 1
                    if h or _AGED.match(after) or start <= 1 and not _owns_person(after) and (
                            own_gender(sent) or i + 1 < len(sentences) and pronoun_subject(sentences[i + 1])):
                        sure.add(name)  # "Ms. Pascoe", "Anderson, 53, walked ...", "Lane ... He"
                    continue
                if passing.placed(sent, start, name):
                    placed.add(name)  # "said Anaheim resident Joe Castaneda", "Efraim Levy, a ...", "attorney, Mark"
                if not any(a <= start < b for a, b in quoted):
                    written.add(name)  # not only in a quotation ("This is not Lady Thor.")
                d = _DESCRIPTOR.search(sent[:start])
                if d:  # an occupation is capitalized only where it opens the sentence ("Sprinter Michelle Collins")
                    desc = d.group(1).lower() if not d.start() and d.group(1).lower() in OCCUPATIONS else d.group(1)
                    described.setdefault(name, Counter())[desc] += 1
                shown = d or HONORIFIC_BEFORE.search(sent[:start]) or OFFICE_BEFORE.search(sent[:start])
                if shown:
                    titled.add(name)
                if shown or _PERSON_AFTER.match(after) or SAID_AFTER.match(after):
                    personal.add(name)
        table = cls(counts=counts, styles={n: c.most_common(1)[0][0] for n, c in styled.items()
                                           if 2 * sum(c.values()) >= counts[n]})
        families = Counter(n.split()[-1] for n in counts if len(n.split()) > 1 and n.split()[-1] not in ORGANISATION)
        # a person: acting as one, or the one full name of a surname the sources write after an honorific ("Mr
        # Kennedy" for "Charles Kennedy has said", who otherwise named no one a pronoun could stand for)
        multi = [n for n in counts if 2 <= len(n.split()) <= 4 and (
            n in personal or n.split()[-1] in styled and families[n.split()[-1]] == 1)]
        for short in {n for n in counts if len(n.split()) == 1 and len(n) >= 3 and n not in NOT_NAMES}:
            people = [n for n in multi if n.split()[0] == short or n.split()[-1] == short]
            if people:
                best = max(people, key=lambda n: (counts[n], len(n)))
                # a tie between one person's names ("Robert Birgeneau", "Robert J. Birgeneau") is no doubt; a given
                # name the sources write as often in a family member's full name is ("Burke" is Burke Ramsey's, 10
                # times, beside Patsy and John Ramsey: not "former FBI statement analyst Stan Burke"'s, once)
                given = best.split()[-1] == short and any(
                    counts[n] >= max(2, counts[best]) and families[n.split()[-1]] > 1 and n not in things
                    for n in counts if 2 <= len(n.split()) <= 4 and n.split()[0] == short)
                if not given and (sum(1 for n in people if counts[n] == counts[best]) == 1 or one_person(people)):
                    table.full_names[short] = best
        table.in_passing = passing.surnames(sentences, list(counts), [n for n in written if n not in personal | things],
                                       said, sure, placed, set(table.full_names))
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
        first words, or after a title: "President Joe Biden got ...") is X and that names no one else (after a
        title, no one with a title the table does not know either) votes for X with its own pronouns outside
        quotations where they agree ("McDowell said she saw her boyfriend"), so does the next sentence's opener
        ("She then ..."), and each "Mr."/"Mrs."/"Ms." before a name. A gender needs twice the votes of the
        other."""
        votes: dict[str, Counter] = {}
        for i, sent in enumerate(sentences):
            named = names(sent)
            # the subject: the first words, after a quotation mark, or after a title ("President Joe Biden got ...")
            if not named or named[0][0] > 1 and not _TITLED_SUBJECT.match(sent[:named[0][0]]):
                continue
            who = self.person(named[0][1]) or self.person(named[0][1].split()[-1])
            if not who or len(self.people_in(sent)) > 1 or named[0][0] > 1 and any(  # after a title, nor one the
                    _TITLED_SUBJECT.search(sent[:start]) for start, _ in named[1:]):  # table does not know with one
                continue  # ("Speaker Nancy Pelosi asked President Trump to delay his ...": Trump's "his")
            said = own_gender(sent)
            m = pronoun_subject(sentences[i + 1]) if i + 1 < len(sentences) else None
            for gender in ([said] if said else []) + ([PRONOUNS[m.group(1).lower()]] if m else []):
                votes.setdefault(who, Counter())[gender] += 1
        for h, name in (hit for sent in sentences for hit in _GENDERED_HONORIFIC.findall(sent)):
            if who := self.person(name):
                votes.setdefault(who, Counter())[HONORIFIC_GENDER[h]] += 1
        return {who: c.most_common(1)[0][0] for who, c in votes.items()
                if c.most_common(1)[0][1] >= 2 * (sum(c.values()) - c.most_common(1)[0][1])}

    def full(self, short: str) -> str:
        """``short`` in full, with its descriptor: "Sir Alan Budd" for "Sir Alan", "Tony Blair" for "Mr Blair"."""
        style, _, rest = short.partition(" ")
        known = rest in self.full_names and style.rstrip(".") in HONORIFICS  # as ``short`` writes it
        short, knight = (rest, style == "Sir") if known else (short, False)
        name = self.full_names.get(short) or self.in_passing.get(short, short)
        desc = self.descriptors.get(name)
        name = f"Sir {name}" if knight and not name.startswith("Sir ") else name
        return f"{desc} {name}" if desc else name

    def short(self, full: str) -> str:
        """The short form the sources use most for ``full`` ("Putin", "Kim"; the surname where the given name is
        written as often: "Blair", not "Tony"), with the honorific they write before it in at least half its
        mentions ("Mr Blair", "Mr. Zimmerman"; a knight's given name with his: "Sir Alan"), with the particle the
        surname has in it ("De Vido" for "Julio De Vido", called "Mr De Vido"), else ``full`` itself.

        Example:
            >>> table = NameTable.learn(["Sir Alan Budd spoke.", "Sir Alan Budd left.", "Sir Alan said so.",
            ...                          "Tony Blair said so.", "Tony Blair left.", "Tony agreed.", "Blair smiled."])
            >>> table.short("Alan Budd"), table.short("Tony Blair"), table.full("Sir Alan")
            ('Sir Alan', 'Blair', 'Sir Alan Budd')
            >>> NameTable.learn(["Tony Blair said so.", "Mr Blair left.", "Blair smiled."]).short("Tony Blair")
            'Mr Blair'
        """
        shorts = [s for s, f in self.full_names.items() if f == full]
        if not shorts:
            return full
        words = full.split()
        best = max(shorts, key=lambda s: (self.counts[s], s == words[-1], s))
        style = self.styles.get(best, "")
        if best != words[-1]:
            return f"Sir {best}" if best == words[0] and style == "Sir" else best
        k = len(words) - 1
        while k > 1 and words[k - 1].lower() in PARTICLES:
            k -= 1
        return " ".join(([style] if style and style != "Sir" and k == len(words) - 1 else []) + words[k:])

    def person(self, name: str) -> str | None:
        """The full name a mention refers to, if it is a known person (by another form of the full name too:
        "Mike Flynn" for Michael Flynn, ``one_person``)."""
        name = HONORIFIC.sub("", name)
        if name in self.full_names:
            return self.full_names[name]
        if name in self.full_names.values():
            return name
        if len(name.split()) < 2:
            return None
        return next((f for f in self.full_names.values() if one_person([f, name])), None)

    def introduced_as(self, name: str) -> str | None:
        """The full name a first mention of ``name`` is written as: a known person's (``person``), or that of
        someone named in full only in passing (``in_passing``)."""
        return self.person(name) or self.in_passing.get(name) or (name if name in self.in_passing.values() else None)

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

