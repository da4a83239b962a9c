"""References that stand alone: people named in full at their first mention, pronoun openers resolved,
quotations given their speaker.

With the cluster's ``NameTable`` (``polish.people``: full names, descriptors, genders), the first mention of a
person by a short form ("Putin", "Mr. Putin") in a summary becomes the full form, and a later one in full the short
form (``polish.mentions``); a sentence that opens with "He"/"She"/"His"/"Her" gets the name of its referent
(``referent``: a person named in the two sentences before it in its own article, whom the pronoun can stand for)
unless the summary keeps the sentence that precedes it there; a quotation and nothing else gets the speaker the
sentence before it names (``polish.speakers.speaker``) under the same condition, and so does one whose speaker is a
pronoun right after it ('"...," he said.': the person the sentence right before it names), and a pronoun further in
with no person before it ("Public opinion polls show him trailing": ``polish.pronouns``). Each rewrite is an edit
``{"from", "to", "why"}`` kept in the sentence's provenance.

Example:
    >>> table = NameTable.learn(["Russian President Vladimir Putin arrived in Pyongyang.",
    ...                          "Russian President Vladimir Putin met Kim Jong Un.", "Putin spoke first."])
    >>> rewrite(["Putin spoke first."], [None], table)[0]
    ['Russian President Vladimir Putin spoke first.']
"""

from __future__ import annotations

import re
from typing import Sequence

from summarize.polish.mentions import cased, complete_first, shorten_later
from summarize.polish.names import PARTICLE_AFTER, PARTICLES, THE_BEFORE, names, person_like
from summarize.polish.people import HONORIFIC_BEFORE, NameTable, own_gender, someone_else
from summarize.polish.pronouns import in_place, unanchored
from summarize.polish.speakers import ROLE_WORDS, attributed, said_first, speaker
from summarize.polish.subjects import (
    NAMED_AFTER,
    NOUN_SAYS,
    NOUN_SUBJECT,
    NOUN_SUBJECT_OF_NAMED,
    PERSON_NOUN,
    SAID_PRONOUN,
    SAYS_ITSELF,
    pronoun_subject,
)
from summarize.text.facts import POSSESSIVE, PRONOUNS
from summarize.text.fragments import as_polished, bare_quotation
from summarize.text.lexicon import CONNECTIVES, HONORIFIC_GENDER, SURNAME_HONORIFICS
from summarize.text.speech import SAYS, SAYS_BY_QUOTATION, unquoted

# after a connective too ("But it could also be called ...", "Now they have a choice: ...")
VAGUE_OPENER = re.compile(rf"^[\"“]?(?:(?:{CONNECTIVES}),?\s+)?"
                          r"(?:[Tt]hey|[Tt]hem|[Tt]heir|[Ii]ts?|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ss]uch)\b")

_OPENS_ON_SOMEONE = re.compile(r"^[\"“]?(?:He|She)\b")  # a pronoun subject: the one the writer goes on about
# a subject named by an honorific and a surname ("Mr Myers is not ..."; not an owner: "Mr Blair's spokesman said")
_HONOURED_SUBJECT = re.compile(rf"^(?:(?:{CONNECTIVES}),?\s+)?(({SURNAME_HONORIFICS})\.?\s+[A-Z][a-z]+"
                               r"(?:-[A-Z][a-z]+)?)\b(?!['’]|\s+[A-Z])")
# or by a role in lower case before the whole name ("Forest manager Gary Megson"; not "Raed" of "Raed al-Jabouri")
_ROLE_SUBJECT = re.compile(rf"^(?:(?:{CONNECTIVES}),?\s+)?(?:[A-Z][\w'’.&-]*\s+){{0,3}}(?=[a-z])(?:{ROLE_WORDS})\s+"
                           r"((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+){0,2}[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
                           rf"(?!['’\w-]|\s+[A-Z]|{PARTICLE_AFTER.pattern}|\s+(?:{'|'.join(PARTICLES)})\b)")
_SAID_AT_END = re.compile(rf",\s+[^,]*\b(?:{SAYS_BY_QUOTATION})\W*$")  # "Mr Brown liked ..., the Tory leader said."
REFERENT_WINDOW = 2  # how many sentences back a pronoun opener's referent may be named
_SAID_BY_PRONOUN = re.compile(rf"\b(?:he|she)\s+(?:{SAYS})\b", re.IGNORECASE)  # anywhere: "Furthermore, she said, ..."


def referent(table: NameTable, context: Sequence[str], pronoun: str | None = None, sentence: str = "") -> str | None:
    """The person a pronoun opener points to: the first person named in the nearest of the last
    ``REFERENT_WINDOW`` sentences of ``context`` (its own article, nearest last) that names one, those the
    writer names before those a quoted speaker does, if ``pronoun`` ("He", "her") can stand for them: not a
    woman for "he", as the sources' own pronouns tell (``NameTable.genders``), and no one the pronoun's own
    ``sentence`` names ("He said that Obama was committed ...", "He will continue to survive, Mr. Gramellini
    added": someone else). Right before it, one the table does not know may be named as a speaker, before anyone
    the quotation names ('"Thank you for Ray Charles ...," said Foxx. He also praised ...': Foxx), or as the
    sentence's subject (``_unknown_subject``: "Mr Myers is not convinced ..."); where it says something and the
    sentence right before has a noun for a person saying something ("..., his attorney insisted there was more to
    the story. He says ..."), it is that person's, whom no name gives. Where it can stand for none of
    them, or no one is named that near (the person may be one the table does not know: "... founder Palmer
    Luckey about how he came up with the device. He got started at a young age"), None: the pronoun is left as
    written.

    Example:
        >>> table = NameTable.learn(["Christos Vasiliades, 38, was charged.", "Vasiliades denied it.",
        ...                          "President Donald Trump spoke.", "Trump left."])
        >>> referent(table, ["“Things are so with Trump’s laws,” Christos Vasiliades told the victim."], "he")
        'Christos Vasiliades'
    """
    gender = PRONOUNS.get((pronoun or "").lower())
    named, epithet, says = set(table.people_in(sentence)), None, bool(SAYS_ITSELF.search(sentence))
    genders = dict(table.genders)
    for k, sent in enumerate(reversed(context[-REFERENT_WINDOW:])):
        # '"... with Trump's laws now," Christos Vasiliades allegedly told the victim. Instead of courtroom
        # justice, he offered ...': the writer's subject, not whom the speaker names
        if k == 0 and says and NOUN_SAYS.search(unquoted(sent)):
            return None  # "..., his attorney insisted there was more to the story. He says ...": the attorney's
        outside = table.people_in(unquoted(sent))
        people = outside + [p for p in table.people_in(sent) if p not in outside]
        # before whom its quotation names, and for a pronoun that says something, before whom it names at all
        # ('If Mr Blair did not want to take part, ..., Lord Holme said. "What makes ...," he said.': Holme's)
        said = speaker(table, sent) if k == 0 and (not outside or says) else None
        if said and not re.search(rf"\b{re.escape(said.split()[-1])}\b", sentence) and not (  # "He said Francis"
                gender and someone_else(sent, gender)) and not (
                _OPENS_ON_SOMEONE.match(sent) and not _SAID_BY_PRONOUN.search(sentence)):
            # right before it, one the table does not know who speaks ("Hishammuddin Hussein, Malaysia's
            # minister, said ..."), unless it speaks of another of the pronoun's gender ("Ruben Porras said the
            # school called the boy's mother instead. She then took him to the hospital.") or of someone it
            # opens on ('He\'s "made no secret of his desire ...," notes Andy Kroll. Plus, he has ...': Colbert;
            # not where the pronoun goes on saying: '"He is a window into ...," said Ian Haney López. He added, ...')
            people = [said]
            if not outside:  # "Sollecito said Knox left his apartment": a man ("Campbell said Olivia ... her": no one)
                genders.setdefault(said, own_gender(sent))
        elif not people and k == 0 and (subject := _unknown_subject(table, sent, gender)):
            people = [subject[0]]  # "Mr Myers is not convinced ...", "Forest manager Gary Megson conceded ..."
            genders.setdefault(subject[0], subject[1])
        elif (k == 0 or people) and (by_noun := (NOUN_SUBJECT_OF_NAMED if people else NOUN_SUBJECT).match(
                sent)) and not (people and (NAMED_AFTER.match(sent, by_noun.end()) or speaker(table, sent))):
            # "The suspect was taken to hospital. He was ...": the suspect's, unless a name further back is written
            # with that noun ("President Hugo Chavez" for "The president"); the noun's even where the sentence
            # names someone further on ("The Tory leader argued ... let down by Tony Blair": not Blair), but for a
            # name right after it, its own ("The suspect, John Smith, was ...": ``NAMED_AFTER``), or a speaker it
            # ends on ('... Celaya said.': his); further back too where the sentences after it name no one ("The
            # prime minister is trying ... with Gordon Brown ... He is saying ... He is also claiming": not Brown)
            epithet = by_noun.group(1)
            continue
        if people:  # the nearest people named; none that the pronoun can stand for: someone unnamed
            who = next((p for p in people if p not in named
                        and (gender is None or (genders.get(p) or gender) == gender)), None)
            if who and epithet and not any(re.search(rf"\b(?i:{epithet})\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}"
                                                     rf"{re.escape(who.split()[-1])}\b", s) for s in context):
                return None
            if who and who not in genders and _only_an_owner(sent, who, table):
                return None  # of no known gender, named only as an owner: "Katharine Brown was one of Selznick's"
            return who
    return None


def _unknown_subject(table: NameTable, sentence: str, gender: str | None) -> tuple[str, str | None] | None:
    """The subject of ``sentence`` that the table does not know, named by an honorific and a surname ("Mr Myers",
    as written) or by a role in lower case before their name ("Forest manager Gary Megson"), and the gender the
    honorific or the sentence's own pronouns give; None where the sentence ends on another saying it ("..., the
    Tory leader said."), speaks of another of the pronoun's gender by a noun, or names another person after its
    subject by an honorific or as the table knows them ("Mr. Hjort sent a photograph to Mr. Copeland": Copeland's)."""
    honoured, role = _HONOURED_SUBJECT.match(sentence), _ROLE_SUBJECT.match(sentence)
    m = honoured or role
    if m is None or _SAID_AT_END.search(sentence) or (gender and someone_else(sentence, gender)):
        return None
    who = m.group(1) if honoured else table.person(m.group(1)) or m.group(1)
    bare = unquoted(sentence, keep_length=True)
    if any(HONORIFIC_BEFORE.search(bare[:start]) or table.person(name) not in (None, who)
           for start, name in names(bare) if start >= m.end(1)):
        return None
    return who, HONORIFIC_GENDER.get(honoured.group(2)) if honoured else own_gender(sentence)


# one person spoken of by a noun ("the man", "a suspect"), not the office of one ("the sheriff's office")
_THE_ONE = re.compile(rf"\b(?:the|a|an|that|this)\s+(?:{PERSON_NOUN})\b(?!['’]s\s+office)", re.IGNORECASE)


def stands_for(table: NameTable, context: Sequence[str], m: re.Match, sentence: str) -> str | None:
    """The person the pronoun ``m`` of ``sentence`` stands for, named in ``context`` (its article's sentences
    before it): ``references.referent``'s, unless those sentences speak of one person by a noun ("He said the
    man had come to the attention of the authorities. Police had made checks on him ...": the man, not the
    minister quoted before him), whom the pronoun may mean, or name someone first whom the sources' table does
    not know ("Mark Lane, the defense lawyer ... who concluded that Oswald could not have acted alone in killing
    President John F. Kennedy, ... died on Tuesday. ... his friend and paralegal": Lane's, not Kennedy's);
    None where no one is sure."""
    gender = PRONOUNS.get(m.group(1).lower())
    window = context[-REFERENT_WINDOW:]
    if any(someone_else(s, gender) or _THE_ONE.search(unquoted(s)) for s in window):
        return None
    who = referent(table, context, m.group(1), sentence)
    for before in reversed(window if who else []):  # the nearest sentence that names anyone: its first person
        bare = unquoted(before, keep_length=True)
        first = next((name for start, name in names(bare) if not THE_BEFORE.search(bare[:start])  # "the Kennedy murder"
                      and (table.person(name) or person_like(bare, start, name))), None)
        if first:
            return who if who in (table.person(first), table.person(first.split()[-1])) else None
    return None


def _only_an_owner(sentence: str, who: str, table: NameTable) -> bool:
    """Whether ``sentence`` names ``who`` outside quotations only as an owner ("Rivlin’s office", "Trump's laws")."""
    bare = unquoted(sentence, keep_length=True)
    mentions = [start + len(name) for start, name in names(bare) if who in (table.person(name), name)]
    return bool(mentions) and all(POSSESSIVE.match(bare[end:]) for end in mentions)


def pronoun_speaker(sentence: str, context: Sequence[str], table: NameTable) -> tuple[re.Match | None, str | None]:
    """A quotation's speaker given by a pronoun right after it ('"...," she said.', ``subjects.SAID_PRONOUN``)
    and the person it stands for: the one the sentence right before it in its own article (``context``) names,
    unless that one too gives its speaker by a pronoun ('Furthermore, she said, Mr. Parr did not consult ...':
    someone further back) or names them only as an owner ('"...," Rivlin's office quotes the letter as saying.'
    then '"...," he adds.': the letter's writer). (None, None) where the sentence has no such speaker, (the
    match, None) where no one can be named for it.

    Example:
        >>> table = NameTable.learn(["Jennifer Rivers said she visits the cemetery daily.", "Rivers wept."])
        >>> pronoun_speaker('"I will be there," she said.', ["Jennifer Rivers mourned her son."], table)[1]
        'Jennifer Rivers'
        >>> pronoun_speaker('"I will be there," she said.', ["Price's mother wants to face them."], table)[1] is None
        True
    """
    m = SAID_PRONOUN.search(sentence)
    if m is None or not context or _SAID_BY_PRONOUN.search(unquoted(context[-1])):
        return m, None
    who = referent(table, context[-1:], m.group(1), sentence)
    return m, None if who and _only_an_owner(context[-1], who, table) else who


def resolved(sentence: str, context: Sequence[str], table: NameTable) -> str:
    """``sentence`` with its pronoun subject replaced by the short name of its referent in ``context`` (what
    it asserts, for comparing it with other sentences), else unchanged.

    Example:
        >>> table = NameTable.learn(["Russian President Vladimir Putin arrived.", "Putin met Kim."])
        >>> resolved("Upon arrival, he was welcomed with flags.", ["Russian President Vladimir Putin arrived."], table)
        'Upon arrival, Putin was welcomed with flags.'
    """
    m = pronoun_subject(sentence)
    who = referent(table, context, m.group(1), sentence) if m else None
    if not who:
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

    def mention(who: str) -> str:  # in full the first time the summary names them, then the short form
        return table.short(who) if who in introduced else table.full(table.short(who))

    for i, sent in enumerate(sentences):
        edits: list[dict[str, str]] = []
        context, known = contexts[i], set(introduced)  # the people the summary named before this sentence
        follows = bool(context) and i > 0 and context[-1] == sentences[i - 1]  # its own article's order
        m = pronoun_subject(sent)  # a quotation is left as the speaker said it
        if m:
            who = referent(table, context, m.group(1), sent) if context is not None else None
        else:  # '"...," he said.': the person the sentence right before it in its article names
            m, who = pronoun_speaker(sent, context, table) if context else (None, None)
        # "Public opinion polls show him trailing": only from its own article (generated text has none)
        inside = None if m or context is None else unanchored(sent, table)
        if inside:
            m, who = inside, stands_for(table, context, inside, sent)
        # the summary's last-named person is someone else: "he" would read as that one
        misread = bool(previous_people) and previous_people[-1] != who
        if who and (not follows or misread):
            word = m.group(1)
            written = in_place(sent, m, mention(who)) if inside else sent[: m.start(1)] \
                + cased(mention(who), sent[: m.start(1)]) + ("’s" if word in ("His", "Her") else "") + sent[m.end(1):]
            if written:
                edits.append({"from": word, "to": written[m.start(1): len(written) - len(sent) + m.end(1)],
                              "why": "pronoun"})
                sent = written
                introduced.add(who)
        who = speaker(table, context[-1]) if context and not follows and bare_quotation(sent) else None
        if who:  # '"They were gone fast."' out of its article: whose words, the sentence before it said
            sent, edit = attributed(sent, mention(who) if who in table.full_names.values() else who)
            edits.append(edit)
            introduced.add(who)
        polished = as_polished(sent)  # the stray connective dropped, as the extract rules read the sentence
        if polished != sent and not follows:
            same = next(j for j in range(len(polished) + 1) if j == len(polished) or sent[-1 - j] != polished[-1 - j])
            k = polished.find(" ", max(len(polished) - same, 1)) % (len(polished) + 1)  # "Then", "He said"
            edits.append({"from": sent[: len(sent) - len(polished) + k], "to": polished[:k], "why": "connective"})
            sent = polished
        sent, first = complete_first(sent, table, introduced)
        sent, later = shorten_later(sent, table, known)
        edits += first + later
        people = table.people_in(sent)
        introduced.update(table.people_in(unquoted(sent)) + [p for p in people if p in sent])  # a quotation's in full
        said = speaker(table, sent)  # one the table does not know is named last as the speaker ('..." said Ian Ross.')
        first = said_first(sent, said, out) if said and said not in known and " " in said else None
        if first:  # 'Ian Fogg added:' where the summary named him nowhere before (not 'the 24-year-old Swiss added')
            sent, edits = first[0], edits + [first[1]]
        previous_people = people + ([said] if said and said not in people else []) or previous_people
        out.append(sent)
        all_edits.append(edits)
    return out, all_edits
