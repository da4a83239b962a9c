"""The page speaking for itself: sentences a news page says in its own name, not the story's.

Two furniture rules (``summarize.furniture``) read them, each outside quotation marks and without a verb of
saying (a speaker's words are the story's):

- ``publisher_voice``: the outlet speaking of its own list, gallery, readers or site ("The 10 women on our
  Highest-Paid TV Actresses list ...", "We hope ...", "click here", a syndication credit, a disclaimer);
- ``reader_appeal``: the page asking, thanking or instructing its reader, a call to action a summary cannot
  give to anyone ("Please continue showing your support for Karen and Jack on this dedicated page.",
  "Thank you for registering!", "Click below to sign the Petition.", "You must confirm your signature in your
  email for your vote to count.", "You can read the full interview here."). 36 such sentences were left in
  the shared Multi-News articles after cleaning, and extracts took them.

Example:
    >>> reader_appeal("Thank you for your desire to help the Klein family, they will certainly appreciate it.")
    True
    >>> reader_appeal("Thanks to a kind-hearted police officer, her family still got the supplies they needed.")
    False
    >>> reader_appeal("Thanks almost entirely to the tech firms, the average person there earned $116,033.")
    False
"""

from __future__ import annotations

import functools
import re

from summarize.text.speech import ATTRIBUTED, quotations, unquoted

_OUTLET_NOTES = re.compile(
    r"\b(?:click here|in the comments|sign up for|by signing up|subscribe to|follow us|let us know|email us|share your (?:own )?"
    r"thoughts|have a look at|check out our|original article on)\b"
    r"|^this (?:[\w-]+ ){0,2}(?:page|petition)\b"  # the page naming itself: "This GoFundMe page is organized by ..."
    r"|\b(?:views|opinions) expressed\b.{0,60}\b(?:own|not (?:necessarily )?(?:the|those))\b"  # a disclaimer
    r"|\b(?:do|does|don['’]t|doesn['’]t)(?: not)? necessarily (?:reflect|represent|align with)\b"
    r"|^follow(?![\w-])[^.]{0,80}(?:@\w|\b(?:twitter|facebook|instagram|linkedin)\b|google\+)"
    r"|\b(?:we|we're|we've|we'd|we'll|we are|we have)\s+(?:also\s+)?(?:hope|hoping|encourage|invite|reached out|"
    r"contacted|compiled|ranked|picked|chose|calculated|apologi[sz]e|regret|corrected|will (?:update|keep)|"
    r"(?:have )?(?:updated|added))\b", re.IGNORECASE)
_OUTLET = re.compile(r"\b(?:our|this)\s+(?:(?:[\w-]+\s+){0,4})(?:list|lists|gallery|ranking|rankings|readers|site|website|"
                     r"coverage|newsletter|survey|poll|index|editors|reporters|staff|slideshow|podcast|magazine|"
                     r"newspaper|app|count|methodology|live blog|liveblog)\b", re.IGNORECASE)

_LEAD = r"^(?:[\w ]{1,30},\s*)?"  # a short opening phrase before the appeal: "In the meantime, thanks ..."
_PAGE_VERBS = r"(?:read|find|see|watch|view|download|listen to|sign up|register|donate|subscribe)"
_APPEAL = re.compile(
    rf"{_LEAD}(?:please|kindly)\b"  # a request: "Please sign up here.", "If you are not, please consider ..."
    # thanks to the reader, not "Thanks to a kind-hearted officer, ..." or "Thanks almost entirely to ..."
    rf"|{_LEAD}(?:thank you|thanks)\b(?!(?:\s+\w+){{0,2}}\s+to\b)"
    r"|\bthank(?:s| you)\s+to\s+(?:all |each |every one |those )?(?:of )?you\b"
    r"|\b(?:we|i)\s+(?:\w+\s+){0,3}?thank\s+(?:all |each |every one |those )?(?:of )?you\b"  # "We also thank all of you"
    r"|^(?:and )?if you (?:want|would like|wish) to\b[^.]*,\s*(?:go|click|email|write|visit|call|contact)\b"
    r"|^click\b"  # "Click below to sign the Petition.", "Click through the slideshow below ..."
    r"|\b(?:take|taking|answer|answering) (?:all )?(?:of )?your questions\b"  # a webinar's promise to the reader
    # the reader's own account on the site: "check your email", "log into your account", "confirm your signature"
    r"|\b(?:check|confirm|activate|verify|update|log into|sign into|sign in to|manage) your (?:e-?mail|inbox|"
    r"signature|account|profile)\b|\byour (?:credit card|card|account) (?:will|would) be (?:charged|billed)\b"
    r"|\b(?:on|to) this (?:[\w-]+ ){0,3}(?:page|petition)\b"  # "Any comments not made to this dedicated Note page"
    # the outlet's app or newsletter offered to the reader: "Download the Us Weekly iPhone app now!", "Or, keep
    # up-to-date on the latest news and weather with the Denver7 apps ...", "Want stories like these delivered
    # straight to your phone?", "For more ... news and commentary, join the Ms. community ..."
    r"|^(?:(?:and|or|so)\b,?\s*)?(?:download|get|install) (?:the|our)\b[^.!?]{0,40}?\bapps?\b"
    r"|^(?:(?:and|or)\b,?\s*)?(?:stay|keep) (?:up[- ]to[- ]date|informed)\b"
    r"|\b(?:delivered|sent) (?:straight |directly |right )?to your (?:phone|inbox|e-?mail|mailbox|door)\b"
    r"|^for more\b[^.!?]{0,80},\s*(?:join|follow|subscribe|visit|sign up|check out|go to|head to)\b"
    # what is found "here", a link the text no longer carries: "Read her letter here.", "you can find it here."
    rf"|(?:^{_PAGE_VERBS}|\byou (?:can|may|could|will|'ll|’ll) (?:\w+ ){{0,2}}{_PAGE_VERBS})\b[^.!?]{{0,80}}\bhere[.!]?$",
    re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # asked by publisher_voice and reader_appeal in turn, for each sentence
def _bare(sentence: str) -> str | None:
    """``sentence`` with its quotations blanked, or None where it is a speaker's: it opens with a quotation
    mark, holds the piece of a quotation whose other mark is in another sentence (``text.speech.quotations``:
    'Thank you for waiting 15 years to get me to do it."' closes a speaker's words), or has a verb of
    saying."""
    if sentence.lstrip().startswith(("\"", "“", "'", "‘")) or quotations(sentence)[1]:
        return None
    bare = unquoted(sentence, single=True)
    return None if ATTRIBUTED.search(bare) else bare


def publisher_voice(sentence: str) -> bool:
    """The outlet speaking of its own list, gallery, readers or site, outside quotation marks and without
    attribution ("The 10 women on our Highest-Paid TV Actresses list ...", "We hope ...", "click here").

    Example:
        >>> publisher_voice("We hope these results encourage you."), publisher_voice('"We hope so," he said.')
        (True, False)
        >>> publisher_voice("This GoFundMe page is organized by two of Thomas and Dina's close family members.")
        True
    """
    bare = _bare(sentence)
    if bare is None:
        return False
    return bool(_OUTLET_NOTES.search(bare)) or (bool(_OUTLET.search(bare)) and bool(re.search(r"\b(?:[Ww]e|[Oo]ur|us)\b", bare)))


def reader_appeal(sentence: str) -> bool:
    """The page asking, thanking or instructing its reader (module docstring), outside quotation marks, with no
    verb of saying and no piece of a quotation left open.

    Example:
        >>> [reader_appeal(s) for s in ("Please sign up here.", "Click below to sign the Petition.",
        ...     "He watched fireworks from his front yard here.", "The odds are you fire up your browser first.",
        ...     '"Thank you," she said.')]
        [True, True, False, False, False]
    """
    bare = _bare(sentence)
    return bare is not None and bool(_APPEAL.search(bare.strip()))
