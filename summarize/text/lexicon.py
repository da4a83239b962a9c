"""Word rules shared by the stages and the metrics (one home for them): English stop words, content stems, connectives.

``ENGLISH`` is scikit-learn's list (``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS``, BSD-3-Clause,
after the Glasgow Information Retrieval Group's), written out here so that a word list does not import
scikit-learn; ``content_stems`` uses NLTK's Porter stemmer copied in ``summarize.text.porter`` (no NLTK import);
``STOP_WORDS`` adds the words of news attribution; ``TITLE_WORDS`` are the titles written before a name.

Example:
    >>> "the" in STOP_WORDS and "said" in STOP_WORDS and "pyongyang" not in STOP_WORDS
    True
    >>> "gov" in TITLE_WORDS and "prime" in TITLE_WORDS and "putin" not in TITLE_WORDS
    True
"""

from __future__ import annotations

import functools
import re

ENGLISH = frozenset((
    "a", "about", "above", "across", "after", "afterwards", "again", "against", "all", "almost", "alone", "along",
    "already", "also", "although", "always", "am", "among", "amongst", "amoungst", "amount", "an", "and",
    "another", "any", "anyhow", "anyone", "anything", "anyway", "anywhere", "are", "around", "as", "at", "back",
    "be", "became", "because", "become", "becomes", "becoming", "been", "before", "beforehand", "behind", "being",
    "below", "beside", "besides", "between", "beyond", "bill", "both", "bottom", "but", "by", "call", "can",
    "cannot", "cant", "co", "con", "could", "couldnt", "cry", "de", "describe", "detail", "do", "done", "down",
    "due", "during", "each", "eg", "eight", "either", "eleven", "else", "elsewhere", "empty", "enough", "etc",
    "even", "ever", "every", "everyone", "everything", "everywhere", "except", "few", "fifteen", "fifty", "fill",
    "find", "fire", "first", "five", "for", "former", "formerly", "forty", "found", "four", "from", "front",
    "full", "further", "get", "give", "go", "had", "has", "hasnt", "have", "he", "hence", "her", "here",
    "hereafter", "hereby", "herein", "hereupon", "hers", "herself", "him", "himself", "his", "how", "however",
    "hundred", "i", "ie", "if", "in", "inc", "indeed", "interest", "into", "is", "it", "its", "itself", "keep",
    "last", "latter", "latterly", "least", "less", "ltd", "made", "many", "may", "me", "meanwhile", "might",
    "mill", "mine", "more", "moreover", "most", "mostly", "move", "much", "must", "my", "myself", "name", "namely",
    "neither", "never", "nevertheless", "next", "nine", "no", "nobody", "none", "noone", "nor", "not", "nothing",
    "now", "nowhere", "of", "off", "often", "on", "once", "one", "only", "onto", "or", "other", "others",
    "otherwise", "our", "ours", "ourselves", "out", "over", "own", "part", "per", "perhaps", "please", "put",
    "rather", "re", "same", "see", "seem", "seemed", "seeming", "seems", "serious", "several", "she", "should",
    "show", "side", "since", "sincere", "six", "sixty", "so", "some", "somehow", "someone", "something",
    "sometime", "sometimes", "somewhere", "still", "such", "system", "take", "ten", "than", "that", "the", "their",
    "them", "themselves", "then", "thence", "there", "thereafter", "thereby", "therefore", "therein", "thereupon",
    "these", "they", "thick", "thin", "third", "this", "those", "though", "three", "through", "throughout", "thru",
    "thus", "to", "together", "too", "top", "toward", "towards", "twelve", "twenty", "two", "un", "under", "until",
    "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "whence",
    "whenever", "where", "whereafter", "whereas", "whereby", "wherein", "whereupon", "wherever", "whether",
    "which", "while", "whither", "who", "whoever", "whole", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "yet", "you", "your", "yours", "yourself", "yourselves",
))
NEWS = frozenset(("said", "says", "according", "reuters", "ap", "new", "news"))
STOP_WORDS = ENGLISH | NEWS

# the short forms of given names news writes for the same person ("Joe Serna" and "Joseph Serna", "Mike Flynn" and
# "Michael Flynn", "Gabby Giffords" and "Gabrielle Giffords"): short form -> the given name in full; not "Jack"
# or "Harry", given names in their own right as often
_FORMS = {
    "Joseph": "Joe", "William": "Bill Billy Will", "Robert": "Bob Bobby Rob", "Michael": "Mike", "James": "Jim Jimmy",
    "Thomas": "Tom Tommy", "David": "Dave", "Christopher": "Chris", "Daniel": "Dan Danny", "Steven": "Steve",
    "Stephen": "Steve", "Anthony": "Tony", "Richard": "Rick Rich Dick", "Benjamin": "Ben", "Samuel": "Sam",
    "Matthew": "Matt", "Nicholas": "Nick", "Patrick": "Pat", "Edward": "Ed Eddie", "Andrew": "Andy",
    "Alexander": "Alex", "Gregory": "Greg", "Jeffrey": "Jeff", "Kenneth": "Ken", "Lawrence": "Larry",
    "Timothy": "Tim", "Ronald": "Ron", "Donald": "Don", "Douglas": "Doug", "Frederick": "Fred", "Charles": "Chuck",
    "Elizabeth": "Liz Beth", "Katherine": "Kate Kathy", "Jennifer": "Jenny Jen", "Susan": "Sue",
    "Margaret": "Peggy Meg", "Jonathan": "Jon", "Louis": "Lou", "Vincent": "Vince", "Philip": "Phil",
    "Raymond": "Ray", "Gabrielle": "Gabby", "Abigail": "Abby", "Victoria": "Vicky"}
GIVEN_NAME_FORMS = {short: frozenset(full for full, shorts in _FORMS.items() if short in shorts.split())
                    for short in " ".join(_FORMS.values()).split()}


def same_given_name(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one given name as written: the same, or one a short form of the other
    ("Joe", "Joseph"; "Steve", "Steven" and "Stephen")."""
    return a == b or b in GIVEN_NAME_FORMS.get(a, ()) or a in GIVEN_NAME_FORMS.get(b, ())


# Titles written before a person's name, one list for every stage that reads names: the facts' entity spans
# ("Russian President Vladimir Putin" is "vladimir putin"), the polish stage's references, cluster labels,
# the source index, and extracts that end on one ("... distinguishing himself from Gov.": a cut article).
HONORIFICS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Sir")
SURNAME_HONORIFICS = "|".join(h for h in HONORIFICS if h != "Sir")  # "Mr Blair", "Prof Smith"; not "Sir Alan"
HONORIFIC_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f"}  # the honorifics that give a gender
ABBREVIATED_TITLES = ("Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Cmdr", "Rev", "Atty",
                      "Supt", "Insp", "Det")
OFFICES = ("President", "Prime Minister", "Deputy", "Minister", "Chancellor", "Secretary", "Governor", "Senator",
           "General", "Judge", "King", "Queen", "Leader", "Chairman")
# occupations written before a name as a title is ("Sprinter Michelle Collins", "Chelsea boss Jose Mourinho",
# "rapper Eminem"): the name is what follows them. Not "attorney" ("Attorney General Eric Holder" is no General),
# nor words for firms too ("public broadcaster France Televisions", "oil producer", "chip designer", "fund manager")
# or things ("model", "host nation", "centre", "lock"); the BBC's sport, arts and politics words ("late DJ John
# Peel", "Wales fly-half Stephen Jones", "Labour veteran Tony Benn") with the rest
OCCUPATIONS = tuple("""
    aide actor actress singer rapper comedian author novelist writer chef artist musician filmmaker director coach
    prosecutor officer lawyer journalist reporter presenter activist businessman businesswoman tycoon billionaire
    entrepreneur sprinter striker midfielder defender goalkeeper winger swimmer cyclist jockey boxer golfer skipper
    captain boss champion spokesman spokeswoman DJ comic playwright poet photographer supermodel dancer pianist
    guitarist drummer frontman songwriter columnist editor economist historian scientist researcher surgeon bishop
    archbishop cardinal fly-half scrum-half flanker full-back batsman bowler spinner hurdler athlete skater rider
    veteran rookie
""".split())
# words for what a person is, written before the name, beyond the occupations: a speaker's role after "said" ("said
# Daiwa Securities analyst Mark Pervan") or a descriptor ("Senate leader Mitch McConnell", "film star Julia Roberts");
# in lower case only ("Head Start", "Doctor Who", "Toronto Star" name no one's role), but ``TITLED_ROLES``, which are
# titles as well ("Mayor Bill de Blasio", "Professor Alain Carpentier")
ROLE_NOUNS = ("analyst", "strategist", "executive", "head", "manager", "doctor", "correspondent", "adviser", "advisor",
              "founder", "president", "star", "CEO")
TITLED_ROLES = ("leader", "speaker", "pope", "mayor", "chief", "sheriff", "professor")
TITLE_WORDS = frozenset(w.lower() for title in HONORIFICS + ABBREVIATED_TITLES + OFFICES for w in title.split())
# groups that say things in the news, capitalised where they open a sentence ("Analysts said ..."): no one's name
GROUPS = frozenset("""
    Analysts Officials Investigators Authorities Prosecutors Police Experts Sources Aides Residents Witnesses
    Neighbors Neighbours Organisers Organizers Critics Researchers Scientists Doctors Officers Detectives Economists
    Observers Supporters Activists Protesters Lawmakers Democrats Republicans Britons Europeans Americans Parents
    Students Teachers Workers Employees Executives Traders Investors Dealers Campaigners Opponents Relatives Friends
    Fans Voters Locals Medics Paramedics Firefighters Rescuers Survivors Villagers Diplomats Ministers Insiders
    Forecasters Colleagues Judges Reports Users Consumers Shoppers Viewers Members Owners Leaders Bosses Managers
""".split())

# Words that open a sentence by tying it to the one before, one list for the stages that read openers (regular-
# expression alternations): ``CONTRAST`` adds to or sets against what came before ("However,", "But", "Also"),
# and a sentence that opens with one and stands alone contrasts with nothing (the polish stage drops it);
# ``STEPS`` are the steps of a sequence and the conclusions drawn from it ("Then", "Second,", "So", "Thus"), the
# ordinals (``ORDINAL_STEPS``) and the phrases that draw a result (``RESULTS``: "As a result, ...", "In turn,
# ...", not "As a result of the storm, ...") with their comma only ("Second seed Andre Agassi" is none), which out
# of their article follow no step (``text.fragments.continues_a_sequence``); ``CONNECTIVES`` is all of them and "Now",
# before a pronoun subject ("But, at 49, he"), a vague opener ("Now they have a choice") or an instruction to the
# reader ("So just look at ...").
CONTRAST = "However|But|And|Yet|Nevertheless|Nonetheless|Meanwhile|Instead|Moreover|Also|Still"
STEPS = "Then|Finally|Later|So|Thus|Hence|Therefore|Consequently"
ORDINAL_STEPS = "First|Second|Third|Secondly|Thirdly|Next|Lastly"
RESULTS = "As a result|In turn|Accordingly|In response"
CONNECTIVES = f"{CONTRAST}|{STEPS}|{ORDINAL_STEPS}|{RESULTS}|Now"
# phrases that add to, illustrate, compare with or concede the sentence before and, with their comma, go as
# "However," does ("On top of that, the firm only has limited assets in the US.", "Despite this, traders expect
# ...", "For instance, widely used GPS tracking devices do not work indoors."); not "Despite this liking for
# search sites ...", where "this" is no pronoun
ADDING = (r"In addition(?: to (?:this|that))?|On top of (?:this|that)|Despite (?:this|that)|In spite of (?:this|that)"
          r"|Besides(?: this| that)?|Beyond (?:this|that)|Apart from (?:this|that)|Aside from (?:this|that)"
          r"|Furthermore|Additionally|For example|For instance|In fact|Indeed|Of course|After all|Similarly|Likewise"
          r"|In contrast|By contrast|By comparison|That said|Even so|On the other hand|Conversely|Plus|Sure|Granted"
          r"|True|Either way|Regardless|Then again|In other words")


@functools.lru_cache(maxsize=1)
def _stemmer():
    from summarize.text.porter import PorterStemmer  # NLTK's stemmer without importing NLTK (1.6 s)

    return functools.lru_cache(maxsize=100_000)(PorterStemmer().stem)


def content_stems(text: str) -> frozenset[str]:
    """Porter stems of the words of ``text`` that are not stop words (what a sentence is about).

    Example:
        >>> sorted(content_stems("The containers were shipped to Russia"))
        ['contain', 'russia', 'ship']
    """
    stem = _stemmer()
    return frozenset(stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP_WORDS)


def overlap(a: str, b: str) -> float:
    """Jaccard overlap of two texts' content stems (0 when neither has any).

    Example:
        >>> round(overlap("Putin arrived in Pyongyang.", "Putin landed in Pyongyang on Wednesday."), 2)
        0.4
    """
    x, y = content_stems(a), content_stems(b)
    return len(x & y) / len(x | y) if x | y else 0.0
