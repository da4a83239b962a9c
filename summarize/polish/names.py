"""Names in a sentence: the capitalised sequences that name someone, with leading function words, titles and
offices cut off ("UC Berkeley Chancellor Robert Birgeneau" names Robert Birgeneau), and whether a mention reads as
a person's (not "The Rockies", "North Korea", "San Diego's FBI chief"). ``polish.people`` learns the sources'
people from these; ``polish.references`` and ``polish.speakers`` read mentions with them.

Example:
    >>> names("Russian President Vladimir Putin met Kim Jong Un in Pyongyang.")
    [(18, 'Vladimir Putin'), (37, 'Kim Jong Un'), (52, 'Pyongyang')]
"""

from __future__ import annotations

import functools
import re

from summarize.text.facts import POSSESSIVE
from summarize.text.lexicon import ABBREVIATED_TITLES, HONORIFICS, OCCUPATIONS, OFFICES, ROLE_NOUNS, TITLED_ROLES

# letters with accents too ("Ian Haney López" was "Ian Haney"); none inside a word ("iPod" holds no "Pod")
_UP, _LOW = ("".join(c for c in map(chr, range(0xC0, 0x250)) if test(c)) for test in (str.isupper, str.islower))
_TOKEN = (rf"(?:[A-Z{_UP}][a-z{_LOW}]*(?:[A-Z{_UP}][a-z{_LOW}]+)*(?:['’][A-Z{_UP}][a-z{_LOW}]+)?"
          rf"(?:-[A-Z{_UP}][a-z{_LOW}]+)?(?<=[a-z{_LOW}])|[A-Z{_UP}]\.)")
_NAME = re.compile(rf"(?<![\w@]){_TOKEN}(?:\s+{_TOKEN})*")
_TITLE = "|".join([*OFFICES, *(rf"{t}\." for t in ABBREVIATED_TITLES)])  # "Prime Minister", "Gov."
ROLE = "|".join([_TITLE, *ROLE_NOUNS, *(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in TITLED_ROLES + OCCUPATIONS)])

CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
NOT_NAMES = {"The", "A", "An", "In", "On", "At", "After", "Before", "When", "As", "For", "But", "And", "It", "He",
             "She", "They", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "We", "Our", "I", "If",
             "While", "Upon", "With", "From", "By", "To", "Of", "Since", "Although", "During", *CALENDAR, "North",
             "South", "East", "West", "New", "United", "Both", "Also", "Then", "Now", "Still", "Under", "Over",
             "President", "Minister", "Prime", *HONORIFICS, *ABBREVIATED_TITLES, "Russian", "American", "British",
             "Chinese", "Korean", "Kim's"}
# Words that make a capitalised sequence an organisation or a place, not a person.
ORGANISATION = {"International", "Police", "Department", "Ministry", "Party", "News", "Times", "Post", "Association",
                "University", "Council", "Court", "Committee", "Agency", "State", "States", "Service", "Group", "Corp",
                "Inc", "Company", "House", "Senate", "Congress", "Journal", "Institute", "Center", "Centre",
                "Foundation", "Office", "Bureau", "Commission", "Administration", "County", "City", "Republican",
                "Republicans", "Democrat", "Democrats", "Democratic", "Treasury", "Defense", "Defence", "Force",
                "Army", "Navy", "Airport", "Station", "Street", "Road", "Park", "Church", "School", "College",
                "Hospital", "Bank", "Club", "Network", "Press", "Media", "Union", "Guard", "Security", "Forces",
                "Society", "Place", "Tower", "Square", "Plaza", "Building", "Avenue", "Stadium", "Bridge",
                # outlets, as "Times", "Post" and "News" are: "Radio Wales said" made "Wales" a person's surname
                "Daily", "Radio", "Television", "Channel", "Gazette", "Herald", "Tribune", "Observer", "Magazine",
                # courts' ("District Judge Robert Pitman", "the Norfolk District Attorney's Office")
                "District", "Circuit"}

# "Beret Sgt Joe Serna", "Chancellor of the Exchequer Gordon Brown", "Trade Commissioner Peter Mandelson", the law's
# offices ("Special Counsel Robert Mueller", "Justice Ruth Bader Ginsburg", "Ambassador Sergey Kislyak"), titles
# spelled out ("Congresswoman Gabby Giffords", "Reverend Jeremiah Wright") and a show's ("Host Chris Wallace")
_ROLE_WORD = re.compile(rf"(?:{ROLE}|Executive|Emeritus|Exchequer|Commissioner|Representative|Attorney|Solicitor|"
                        rf"Justice|Counsel|Inspector|Ambassador|(?:Council|Congress|Assembly)(?:man|woman)|Reverend|"
                        rf"Colonel|Sergeant|Lieutenant|Commander|Host|Producer|{'|'.join(ABBREVIATED_TITLES)})")
# offices that are also surnames: first in the sequence, after an organisation or after an office of their own
# ("Attorney General Jeff Sessions", "District Judge Robert Pitman"), not "Jeff King"
_SURNAMES = {"King", "Queen", "General", "Leader", "Judge"}
_OFFICE_OF = re.compile(rf"\b{_ROLE_WORD.pattern}\s+of\s+(?:the\s+)?$")  # "Mayor of London Sadiq Khan"
OFFICE_BEFORE = re.compile(rf"\b{_ROLE_WORD.pattern}\.?\s+$")  # "Host ", "Special Counsel ": a person's name follows


def names(sentence: str) -> list[tuple[int, str]]:
    """``(offset, name)`` of each capitalised sequence, leading function words and titles cut off, and what
    comes before an office in it too: in "UC Berkeley Chancellor Robert Birgeneau" the name is "Robert
    Birgeneau" ("Berkeley Chancellor" describes him; taken as his name, "A UC Berkeley police officer" read "A
    UC Berkeley Chancellor Robert Birgeneau police officer"), unless only abbreviations or a suffix follow
    ("King Jr."); so does what comes before an honorific ("Archbishop of Canterbury Dr Rowan Williams" was
    "Canterbury Dr Rowan Williams", a name "Dr Williams" was written in full as). An office that is also a
    surname ("King", "Leader") counts first in the sequence or after an organisation: "Senate Majority Leader
    Mitch McConnell" and "House Speaker Nancy Pelosi" named nobody.

    Example:
        >>> names("The office of Philadelphia Mayor Michael Nutter said so.")
        [(33, 'Michael Nutter')]
        >>> names("The Archbishop of Canterbury Dr Rowan Williams said so.")
        [(4, 'Archbishop'), (32, 'Rowan Williams')]
    """
    out = []
    for m in _NAME.finditer(sentence):
        tokens = m.group(0).split()
        cut, opens = 0, not sentence[:m.start()].rstrip(" \"“‘'([—–:-")
        while cut < len(tokens) and (tokens[cut].rstrip(".") in NOT_NAMES or tokens[cut].lower() in _function_words()
                                     and tokens[cut] not in _GIVEN_STOP_WORDS[opens]):
            cut += 1
        if 0 < cut < len(tokens) and tokens[cut - 1] == "New" and tokens[cut].endswith(("er", "ers")):
            cut += 1  # a demonym: "New Yorker Dick Morris" was "Yorker Dick Morris"
        if opens and cut == 0 and len(tokens) > 2 and tokens[0].lower() in ROLE_NOUNS:
            cut = 1  # a role opening the sentence: "Founder Stelios Haji-Ioannou has pledged ..."
        if cut == 0 and len(tokens) > 2 and _OFFICE_OF.search(sentence[:m.start()]):
            cut = 1  # an office's place: "Secretary of State Mike Pompeo" (a name with "State" was no one's)
        offices = [k for k in range(cut, len(tokens) - 1) if tokens[k].rstrip(".") in HONORIFICS or (  # "Dr Rowan"
            _ROLE_WORD.fullmatch(tokens[k]) and (k == cut or tokens[k] not in _SURNAMES  # not "Jeff King"
                                                 or ORGANISATION & set(tokens[cut:k])  # but "Senate ... Leader"
                                                 or _ROLE_WORD.fullmatch(tokens[k - 1])))]
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


_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
# stop words that are given names: "Bill" always ("Bill Gates" was "Gates"), "Will" inside a sentence ("former NFL
# star Will Smith" was "Smith", written in full as another Smith's name), not opening one ("Will Smith go?")
_GIVEN_STOP_WORDS = {True: {"Bill"}, False: {"Bill", "Will"}}
# the lower-case words of a name ("Ludwig van Beethoven", "Juan Martin del Potro", "Osama bin Laden", "al-Assad")
PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "la", "le", "dos", "das",
                       "ter", "al", "el", "bin", "ibn", "abu"})
PARTICLE_AFTER = re.compile(rf"\s*(?:{'|'.join(sorted(PARTICLES))})[-\s][A-Z]")  # "Bashar" of "Bashar al-Assad"


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
        or bool(PARTICLE_AFTER.match(sentence[start + len(name):]))


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


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Stop words and sentence adverbs: a capitalised one opens a sentence, it does not name anyone."""
    from summarize.text.lexicon import STOP_WORDS  # the one stop-word list
    return STOP_WORDS | {"despite", "although", "though", "because", "meanwhile", "however", "still", "yet",
                            "even", "instead", "indeed", "perhaps", "earlier", "later", "today", "yesterday"}
