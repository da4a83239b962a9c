"""Photo captions and credits left in a scraped article's text: what ``summarize.furniture`` removes as ``caption``
and ``credit``. A caption says what a photo shows, in the present tense and often with a date ("X speaks to police
after his rescue on August 11th.", "... in this March 24, 2014 handout photo."); a credit names who took it
("Photo by Ethan Miller/Getty Images.", "| AP Photo ...").

Example:
    >>> caption_with_date("Kim Wall poses for a photo in Copenhagen on August 11th.")
    True
    >>> caption_with_date("Kim Wall went missing on August 11th.")
    False
    >>> bool(PHOTO_CREDIT.match("Tom Williams/Getty Images Rep. Jackie Speier will speak."))
    True
"""

from __future__ import annotations

import re

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# what a photo shows someone doing, in the present tense
_VERBS = (r"speaks|poses|arrives|attends|walks|looks|stands|waves|gestures|smiles|listens|holds|sits|leaves|"
          r"talks|reacts|greets|shakes|delivers|addresses|answers|watches|celebrates|visits|pauses|enters|"
          r"departs|fends|uses|prepares|kneels|runs|jumps|wears|carries|points|signs|hugs|shows|chats|"
          r"exits|accepts|performs|embraces|salutes|applauds|is seen")
# a caption verb of one person or of several ("Chuck Schumer and Mitch McConnell walk to the Senate floor")
CAPTION_VERB = re.compile(r"\b(?:%s)\b" % "|".join(
    "(?:is|are) seen" if v == "is seen" else re.sub(r"(?<=ss|ch|sh)es$|s$", lambda m: f"(?:{m.group()})?", v)
    for v in _VERBS.split("|")))
_PAST = re.compile(r"\b(?:said|says|was|were|had|did|told|would|will|\w{3,}ed)\b", re.IGNORECASE)
_AGENCY = r"(?:AP Photo|AP|Getty Images|Getty|AFP|Reuters|POLITICO|EPA|Bloomberg|ABC|NBC|CBS|CNN|PA)"
# who a photo is credited to: an agency, or a name of up to four words (not "The WSJ/NBC poll ...")
_CREDITED = (r"(?:(?!(?:The|A|An|This|That|These|Those|Our|Its|His|Her|Their)\b)"
             r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
# a photo credit opening a sentence, with the caption or a related story's headline fused to it: "| AP Photo Trump
# picks Gorsuch ...", "Tom Williams/Getty Images Rep. Jackie Speier will ..."
PHOTO_CREDIT = re.compile(rf"^\|\s*(?:{_CREDITED}/)*{_AGENCY}\b|^(?:By\s+)?{_CREDITED}/(?:[\w.'’ -]+/)?{_AGENCY}\b")
# Whole sentences that are a caption or a credit.
CAPTIONS = [
    re.compile(r"\((?:[^()]*\b(?:AP|Associated Press|Reuters|AFP|Getty|EPA|Image|Photo|Picture|Credit|Shutterstock|"
               r"iStock|Handout|KCNA)\b[^()]*)\)\s*$"),
    re.compile(r"^[A-Z][^,()]{2,60},\s*(?:left|right|center|centre|front|back|top|bottom|foreground|background|"
               r"second from (?:left|right))\s*,"),
    re.compile(r"\((?:left|right|center|centre|left center|right center|front|top|bottom)\)"),
    re.compile(r"^(?:in )?this (?:\w+ )?(?:photo|image|picture|photograph|handout photo|file photo|video still|"
               r"screen ?grab)\b", re.IGNORECASE),
    # "File photo of Patsy Ramsey and her husband ...", "A file image from the Galileo spacecraft shows ..."
    re.compile(r"^(?:a |the )?(?:file |undated |handout |\d{4} )?(?:photo|picture|image|screenshot|still|"
               r"photograph)s? (?:from|of|shows?|taken)\b", re.IGNORECASE),
    re.compile(r"\b(?:is|are) (?:pictured\b|shown (?:here|above|below|in this)\b)|^pictured\b", re.IGNORECASE),
    # what the page shows beside the text: "The video shown here explains Williams syndrome ...", "the image below"
    re.compile(r"\b(?:video|clip|photo|image|picture|gallery|graphic|footage)s?\s+"
               r"(?:shown\s+|posted\s+|embedded\s+)?(?:here|above|below)\b", re.IGNORECASE),
    # "In this Sept. 26, 2006, file photo, knives ...", "... in this March 24, 2014 handout photo."
    re.compile(r"\bin this (?:[\w,.'’-]+ ){0,6}?(?:photo|photograph|image|picture|video still|frame grab|"
               r"screen ?grab)s?\b|\bin an? (?:undated )?file (?:photo|image|picture)\b", re.IGNORECASE),
    # the BBC's: "Image copyright AFP Image caption Police are ...", "Media playback is unsupported ..."
    re.compile(r"^(?:Image copyright|Media playback is unsupported)\b|\b(?:Image|Media) caption\b"),
]
CREDITS = [
    re.compile(r"^(?:photo|image|picture|video|credit|photograph)s?\s*(?:credit|by)?\s*[:|]", re.IGNORECASE),
    re.compile(r"^(?:photo|photograph|image|picture)s?\s+(?:by|courtesy of)\s+[^.]{0,60}?(?:/|\b(?:AP|AFP|Reuters|"
               r"Getty|EPA)\b)", re.IGNORECASE),  # "Photo by Ethan Miller/Getty Images."
    re.compile(r"^\(?(?:AP|Getty(?: Images)?|Reuters|REUTERS|AFP|EPA)(?: Photo)?(?:/[\w .]+)?\)?\.?$"),
    re.compile(r"\(Opens in new window\)|^Click to \w+", re.IGNORECASE),
    PHOTO_CREDIT,
    re.compile(r"^Enlarge (?:Image|Photo)\b"),
]


def caption_with_date(sentence: str) -> bool:
    """A photo caption: a present-tense caption verb and a date, nothing in the past ("X speaks to police
    after his rescue on August 11th."), or a verbless line ending with a full date; an agency's caption ends
    with its day and date ("The closed window of the papal residence ..., Saturday, March 23, 2013.")."""
    if re.search(rf",\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+{MONTH}\s+\d{{1,2}},\s+\d{{4}}\.?$", sentence):
        return True
    has_date = re.search(rf"\b{MONTH} \d{{1,2}}(?:st|nd|rd|th)?\b", sentence)
    if not has_date or _PAST.search(sentence):
        return False
    if re.search(rf"\b(?:{_VERBS})\b", sentence):
        return True
    return bool(re.search(rf"\b{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\.?$", sentence)) and \
        not re.search(r"\b(?:is|are|has|have|can|may|must|takes?|begins?|ends?|expires?)\b", sentence)
