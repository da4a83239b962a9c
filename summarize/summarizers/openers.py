"""What an extract's candidate needs from its own article to be read out of it: the referent of a pronoun that
opens it, the speaker of a quotation that is all it says. The extractive summarizer asks before it selects, so
that the polish stage, which writes the name in (``polish.references``, the same ``NameTable``), always can.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from summarize.text.fragments import as_polished, bare_quotation
from summarize.text.lexicon import SURNAME_HONORIFICS
from summarize.types import SourceSentence

if TYPE_CHECKING:
    from summarize.polish.people import NameTable


# who "they" are, named later in the sentence ("They’re the ultimate insiders, but the lawyers speaking publicly
# ...", "They met in 2009, when Kim Kardashian and Kris Humphries ...")
_THEY_NAMED = re.compile(r"\bthe (?:\w+ ){0,2}\w+[^s\W]s\b|\b[A-Z]\w+(?: [A-Z]\w+)? and [A-Z]")


def own_before(sources: Sequence[SourceSentence], i: int) -> list[str]:
    """The sentences of ``sources[i]``'s article before it, in order."""
    return [s.text for s in sources[:i] if s.article_id == sources[i].article_id]


def subjects_resolved(sources: Sequence[SourceSentence], candidates: Sequence[int], table: "NameTable") -> list[str]:
    """Each sentence as it asserts: a candidate opening with a pronoun subject ("Upon arrival, he was welcomed
    with flags") gets its referent's name from its own article, so that it compares as a statement about that
    person with the other articles' sentences (the polish stage writes the name in the same way, from the same
    ``table``)."""
    from summarize.polish.references import resolved
    from summarize.polish.subjects import pronoun_subject

    texts = [s.text for s in sources]
    out = list(texts)
    for i in candidates:
        if pronoun_subject(texts[i]):
            out[i] = resolved(texts[i], own_before(sources, i), table)
    return out


# a phrase before the subject that points back to the sentence before ("Without it, much of an agenda ...", "Until
# that point, Dunford wrote, ...", "With those striking words in an interview ..."); not a clause ("Given that the
# economy ...", "Until it is clear ...", "Like it or not") nor the time it dates ("Despite this week's vote")
_POINTS_BACK = re.compile(r"^[\"“]?(?:(?:And|But|Yet|So),?\s+)?(?:(?:Without|Despite|In spite of|Because of|Until|"
                          r"Beyond|Besides|With|Unlike|Apart from|Aside from|In addition to|Instead of|On top of|"
                          r"As a result of|In response to|Thanks to|Due to|After|Following|In line with|"
                          r"In keeping with|During|Amid)\s+"
                          r"(?:(?:it|them)\b(?!['’]|\s+(?:or|is|was|has|had|will|would|could|can|may|might|does|did|"
                          r"seems|appears|becomes|became|comes|came|gets|got|takes|took|goes|went)\b)"
                          r"|(?:this|that|these|those)\b(?!\s+(?:week|weekend|year|month|season|morning|afternoon|"
                          r"evening|night|time|day|spring|summer|autumn|fall|winter)\b|['’]s))"
                          # a time, a case or an aim the sentence before set: "Since then, ...", "In that case, ..."
                          r"|(?:(?:Since|By|Until|Till|Even) then"
                          r"|(?:Before|Prior to) (?:that|this|then)|To (?:that|this) end"
                          r"|In (?:that|this|both|either|each|which) (?:case|cases|regard|respect|sense)"
                          r"|At that (?:point|time|stage|moment)"
                          r"|On the (?:first|second|third|former|latter)(?: \w+)?),"
                          # a time counted from the one the sentence before set: "Two days later, ...", "The
                          # following year he ...", "Soon after, they ..." (not "Shortly after the shooting, ...")
                          r"|(?:(?:(?:Just|Only|About|Some|Nearly|Almost)\s+)?(?:(?:A|An|One|Two|Three|Four|Five|"
                          r"Six|Seven|Eight|Nine|Ten|A few|A couple of|Several|\d+)\s+)?(?i:seconds?|minutes?|hours?|"
                          r"days?|weeks?|months?|years?|decades?|moments?|instants?)\s+later"
                          r"|The (?:next|following) (?:day|morning|afternoon|evening|night|week|month|year)"
                          r"|Later that (?:day|night|morning|afternoon|evening|week|month|year))"
                          r"(?:,|\s+(?=(?:he|she|they|it|we|I|the)\b|[A-Z]))"  # "That night, ...": VAGUE_OPENER's
                          r"|(?:(?:Soon|Shortly|Immediately|Just) (?:after(?:wards?)?|thereafter)"
                          r"|Afterwards?|Thereafter)"
                          r"(?:,|\s+(?=(?:he|she|they|it|we|I)\b))"
                          # the place the sentence before named: "There he is expected to strike a similar pact."
                          rf"|There(?:,|\s+(?=(?:he|she|they|it|we|I|{SURNAME_HONORIFICS})\b)))")


def stray_opener(sources: Sequence[SourceSentence], i: int, table: "NameTable") -> bool:
    """A sentence that opens by pointing back ("They", "It", "This", "Without it, ...": ``_POINTS_BACK``; at its
    article's start only "They": "They have been married just eight short weeks ...", where the sentence does not
    say who they are), or with "He"/"She"
    whose referent the polish stage cannot name (``polish.references.referent``: no one it can stand for among the
    people named in the two sentences before it, or only one the sentence names itself, who is then someone else):
    out of its article it cannot be read, and no rewrite can fix it; nor can one fix "He’d had five children ..." (a
    contraction the name cannot take). A quotation that opens with "He" needs a name in the two sentences before it.
    A pronoun further in with no person before it ("Public opinion polls show him trailing ...":
    ``polish.pronouns.unanchored``) needs the same referent, and a name that can take its place."""
    from summarize.polish.pronouns import in_place, unanchored
    from summarize.polish.references import REFERENT_WINDOW, VAGUE_OPENER, referent, stands_for
    from summarize.polish.subjects import CONTRACTED_OPENER, PRONOUN_OPENER, pronoun_subject

    text = sources[i].text
    polished = as_polished(text)  # "On top of that, they claim ...": "They claim ..."; "But it ...": "It ..."
    vague = VAGUE_OPENER.match(polished) or _POINTS_BACK.match(polished)
    if vague:  # an article may open on "It was ..." or "This week", not on "They" it has yet to name
        return sources[i].index > 0 or (re.search(r"\b[Tt]he(?:y|m|ir)$", vague.group()) is not None
                                        and not _THEY_NAMED.search(polished, vague.end()))
    own = own_before(sources, i)
    m = pronoun_subject(text)
    if m:  # "He said that Obama was committed ...": a referent named in the sentence itself is someone else
        return referent(table, own, m.group(1), text) is None
    if text[0] not in "\"“" and CONTRACTED_OPENER.match(text):
        return True
    if PRONOUN_OPENER.match(text) or CONTRACTED_OPENER.match(text):
        return not any(re.search(r"\b[A-Z][a-z]+\b", b[1:]) for b in own[-REFERENT_WINDOW:])
    inside = unanchored(text, table)  # "By the next afternoon his temperature had shot to 104.6"
    if inside:
        who = stands_for(table, own, inside, text)
        return who is None or in_place(text, inside, who) is None
    return False


def speakerless_quotation(sources: Sequence[SourceSentence], i: int, table: "NameTable") -> bool:
    """A quotation and nothing else whose speaker the sentence before it in its article does not name
    (``polish.speakers.speaker``: one name by a verb of saying; not "he said", "the company said on its
    website", "... Bobby Goodlatte tweeted" read as no verb of saying): out of its article, whose words they
    are the reader cannot tell, and the polish stage cannot say. In 250 extractive Multi-News summaries 25 such
    quotations stood apart from their speaker's sentence ('“Our system is a mockery to good immigration policy
    and Law and Order.”'). One whose speaker the sentence before names is attributed by the polish stage
    ('"They were gone fast," Leon Thomas said.'); one without fills an extract only after a sentence of the run of
    quotations it ends (``run_before``). A quotation said by "he" or "she" for whom the polish stage
    can write no name counts as one too (``polish.references.pronoun_speaker``): '"Every day they're in court,
    I'm going to be there," she said.' ended a Multi-News summary after a sentence about her son (all 21 such
    quotations in the extractive Multi-News and NeuS summaries, 14 of them away from the sentence before them in
    their article).

    Example:
        >>> from summarize.polish.people import NameTable
        >>> said = ['"Many left early," usher Leon Thomas told the AP.', '"They were gone fast."']
        >>> pronoun = ['"Many left early," he said.', '"They were gone fast."']
        >>> table = NameTable.learn(said)
        >>> [speakerless_quotation([SourceSentence("a", 0, k, t) for k, t in enumerate(one)], 1, table)
        ...  for one in (said, pronoun)]
        [False, True]
    """
    from summarize.polish.references import pronoun_speaker
    from summarize.polish.speakers import speaker

    own = own_before(sources, i)
    said, who = pronoun_speaker(sources[i].text, own, table)
    if said:
        return who is None
    if not bare_quotation(sources[i].text):
        return False
    return not own or speaker(table, own[-1]) is None


def run_before(sources: Sequence[SourceSentence], i: int) -> range:
    """The sentences of its article that a quotation without its speaker may follow in an extract, to read as its
    speaker's: those from the sentence before the run of quotations it ends ('Lord Hattersley said ... "immense
    sadness".', '"He was a decent kindly man ...', '"The Labour party and the country will be poorer without him."')
    up to it. Out of that run ("Gustavo Parente Sanchez is bullish ..." before '"The onus is on Juninho ...," he
    said.', Martin O'Neill's words) it reads as someone else's. A quotation that names someone outside its marks
    ('"It is totally going to kill the business model of radio," thinks Curry.') starts the run it is in."""
    from summarize.polish.names import names
    from summarize.text.speech import unquoted

    start = i
    while start > 0 and sources[start - 1].doc_index == sources[i].doc_index:
        start -= 1
        text = sources[start].text
        if text[:1] not in "\"“" or names(unquoted(text, keep_length=True)):
            break
    return range(start, i)
