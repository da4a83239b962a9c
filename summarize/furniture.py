"""Page furniture: the parts of a scraped news page that are not the story.

Headlines left in the body (alone or fused to the first sentence), photo captions and credits, datelines, bylines,
links to other stories, the page's own voice (``summarize.page_voice``: the publisher's, "We hope ...", "our list",
and its appeals to the reader, "Thank you for registering!"; a page that appeals so in at least two sentences and as
many as it has left, a shop's terms or a promotion, is no story: the rest goes too, as ``page_voice``), references to
media the text does not carry ("as shown in video footage"), posts embedded from social media, and an index page
(``teaser``: other stories' teasers cut off in an ellipsis), which is no story: all of it goes. Each rule has a
name; ``clean.furniture`` lists the rules in force (all by default, ``[]`` for none) and ``clean.extra_furniture``
adds sentence patterns. Every removal is recorded, what and why, in ``article.metadata['furniture_removed']``.

Example:
    >>> f = FurnitureFilter(RULES)
    >>> text, removed = f.apply("DENVER (AP) — Troy Tulowitzki has a tough name to spell.\\n"
    ...                         "Shopping when hungry is a bad idea (Image: UpperCut Images/Getty)\\nHe said so.")
    >>> text
    'Troy Tulowitzki has a tough name to spell.\\nHe said so.'
    >>> [r["why"] for r in removed]
    ['dateline', 'caption']
"""

from __future__ import annotations

import re
from typing import Callable

from summarize.captions import CAPTION_VERB, CAPTIONS, CREDITS, MONTH, PHOTO_CREDIT, caption_with_date
from summarize.errors import ConfigError
from summarize.page_voice import publisher_voice, reader_appeal
from summarize.text.headlines import restated_headline, split_fused_headline, unstopped_lede
from summarize.text.sentences import closed, split_sentences

_AGENCY_PAREN = r"\((?:[A-Z][A-Za-z]{1,9}(?: News)?|Associated Press)\)"  # "(AP)", "(HealthDay News)"
# Paragraph prefixes cut off (the story starts after them).
_PREFIXES = {
    "dateline": re.compile(
        # "DENVER (AP) —", "MONDAY, July 2 (HealthDay News) --", "(HealthDay)—"
        r"^(?:[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Za-z.'’\-]+){0,4}(?: \d{1,2})?\s*)?"
        rf"{_AGENCY_PAREN}\s*[-–—:]+\s*"
        r"|^[A-Z][A-Z.'’\-]{2,}(?:,? [A-Z][A-Za-z.'’\-]+){0,3}\s*(?:--|[-–—])\s*(?=[A-Z\"“])"
        r"|^[-–—]\s+(?=[A-Z])"  # next, an agency's without a dash: "(CNN)The US ...", "Washington (CNN)Sen. Paul ..."
        r"|^(?:[A-Z][\w.'’\-]+(?:[ ,]+[A-Z][\w.'’\-]+){0,3} ?)?\((?:CNN(?: Business|Money)?|AP|Reuters|AFP|UPI)\)\s*(?=[A-Z\"“])"),
    # a credit, or a video player's or a share box's buttons left before the story ("CLOSE Skip in Skip x Embed
    # x Share", the Miami Herald's "SHARE COPY LINK")
    "credit": re.compile(r"^(?:Updated\s*\||(?:(?:CLOSE|Skip in Skip x Embed x Share|SHARE COPY LINK)\s+)+(?=[\"“A-Z])"
                         r"|Image\s+(?=[A-Z][a-z]))"),
}
# an agency's dateline opening a sentence inside a paragraph ("... researcher contends. (HealthDay)—A little ..."):
# its name in capitals or with a capital inside, not a commenter's ("(Aakash) - I'm a member of ...")
_AGENCY_DATELINE = re.compile(r"^\((?:[A-Z]{2,}|[A-Z][a-z]+[A-Z]\w*|Reuters|Bloomberg)(?: News)?\)"
                              r"\s*(?:--|[-–—])\s*(?=[A-Z\"“])")
# Whole sentences dropped, by rule.
_SENTENCES = {
    "caption": CAPTIONS,
    "credit": CREDITS,
    "link": [
        re.compile(r"^\[(?:[^\[\]]|\[[^\[\]]*\])+\]$"),  # "[Rapinoe responds: ‘It’s [expletive] unbelievable.’]"
        re.compile(r"^(?:STORY|RELATED|MORE|WATCH|READ MORE|PHOTOS?|VIDEO|SEE ALSO|LISTEN)\s*:"),
        re.compile(r"^\((?:Also on|Related|Read|See|Click)\b[^()]*\)$", re.IGNORECASE),
        re.compile(r"\|\s*\d{1,2}:\d{2}\b"),  # a video playlist entry: "Headline | 0:46 What the clip shows"
        re.compile(r"https?://\S"),  # "Read or Share this story: http://usat.ly/...", "More info: http://..."
    ],
    "media_reference": [
        re.compile(r"^(?:watch|see|view|check out)\b.{0,80}\b(?:video|photos?|gallery|clip|below|above|here|weeknights)\b",
                   re.IGNORECASE),
        re.compile(r"\b(?:gallery|video|photos|slideshow), (?:above|below)\b", re.IGNORECASE),
        # what the page shows above or below ("Below, the six revelations the redacted portions were meant to
        # conceal.", "Below is a promo video for the book:", "Above, a Sprint store in San Francisco.")
        re.compile(r"^(?:Below|Above)(?:,|:|\s+(?:is|are)\b)"),
    ],
}
# Clauses cut out of a sentence that stays.
_CLAUSES = {
    "media_reference": re.compile(
        r",?\s*as (?:shown|seen|captured|pictured) (?:in|on) (?:the |a |this )?(?:video|footage|photos?|images?|"
        r"pictures?|clip|gallery)(?: footage)?(?: (?:of|from) the (?:event|scene))?(?: (?:above|below))?(?=[,.;!?]|$)"
        r"|,?\s*(?:in|on) the (?:video|photo|gallery|image|clip|player) (?:above|below)(?=[,.;!?]|$)"
        r"|\s*\((?:see|watch|pictured|above|below|video|photo)\b[^()]*\)"
        r"|\s*\((?:read|click)\b[^()]*\bhere\b[^()]*\)", re.IGNORECASE),  # "(read all about her background here)"
    # the outlet's section labels before a sentence (Axios's and the fact-checkers'): "Why it matters: Officials
    # told the Post ...", "Reality check: ..."
    "publisher_voice": re.compile(
        r"^(?:Why it matters|(?:The )?big picture|Reality check|Fact check|Driving the news|Between the lines|Yes, but|"
        r"(?:The )?bottom line|Flashback|By the numbers|(?:The )?backstory|What['’]s next|What they['’]re saying|"
        r"(?:The )?state of play|Zoom (?:in|out)|The latest|Catch up quick|Where it stands|What to watch|Of note|"
        r"The other side|Worth noting|Our thought bubble|The intrigue|Be smart|Go deeper|We found|(?:The )?details|"
        r"Context|Background):\s+(?=[\"“‘A-Z])", re.IGNORECASE),
}
# a post embedded in the page, ending in its signature (a tweet's "— Lil Wayne (@LilTunechi) June 20, 2017", Instagram's
# "A post shared by AZ (@quietazmoney) on Jun 20, 2017 at 1:45pm PDT"): the poster's words, read as the writer's
_POST_SIGNATURE = re.compile(rf"[—–-]\s*[^—–()\n]{{1,80}}\(@\w{{1,30}}\)\s+{MONTH} \d{{1,2}},? \d{{4}}\.?$"
                             rf"|\bA (?:post|photo|video) shared by [^\n]{{1,100}}?\(@[\w.]{{1,40}}\) on {MONTH} "
                             rf"\d{{1,2}},? \d{{4}} at [^\n]{{4,20}}$")
# Whole paragraphs dropped, by rule: a post embedded from social media, and USA Today's photo widget around a
# caption ("Buy Photo Genesee County health official Jim Henry was among those ... (Photo: Karen Bouffard / The
# Detroit News)Buy Photo", whose sentences one by one read as the story's)
_PARAGRAPHS = {"embedded_post": _POST_SIGNATURE, "caption": re.compile(r"^Buy Photo\b|\(Photo: [^()]*\)\s*Buy Photo$")}
# a paragraph a page cut off in an ellipsis ("... reach deals faster, according to new ...", "... JFK, Newar..."): on
# an index page of other stories, their teasers
_CUT_OFF = re.compile(r"\w\W{0,2}\s*(?:\.\.\.|…)$")
# an encyclopedia page's reference marks ("... Nomadic people.[3]"), out first: the paragraph ends at its full stop
_REFERENCE_MARK = re.compile(r"\[(?:\d{1,3}|citation needed|edit)\]")
# The Hill's card on a name, inline: full name, headlines run together, "MORE" ("Donald Trump Donald John TrumpTrump ...")
_NAME_CARD = re.compile(r"(\b[A-Z][a-z]+(?: [A-Z][a-z]+)* ([A-Z][a-z]+)) (?:[A-Z(][\w.()'’-]* )+\2(?=[A-Z])[^\n]{0,400}? "
                        r"MORE(?= [a-z(])")
# a paper's reference numbers glued to its words ("... the Cascadia forearc region14,16,18 (Fig. 1)"), where its text
# has three or more after a word in lower case, out with its references to figures, tables and other papers ("Denver7"
# and "Buzz60" are names; "season29 April", "cabling230,000 tonnes", "steel5.6m" figures run into the word before)
_MARK = r"\d{1,3}(?!\d|,\d{3}(?!\d))(?:[,–-]\d{1,3}(?!\d))*(?=[.,;:)](?!\d)|\s+[a-z(]|$)"
_PAPER_NUMBER = re.compile(rf"(?<!\w)[a-z]{{3,}}{_MARK}")
_PAPER_MARK = re.compile(rf"(?<!\w)([A-Za-z][a-z]{{2,}}){_MARK}|\s*\((?:Figs?|Figures?|Tables?|Supplementary|refs?)\b"
                         r"[^()]*\)")


def _index_page(paragraphs: list[str]) -> bool:
    """Whether ``paragraphs`` are an index page's, other stories' teasers: paragraphs cut off in an ellipsis, at least
    three and a third of the page (a column that trails off in "..." now and then is a story and stays); what else
    the page holds is its own blurb ("ScienceDaily features breaking news ...") or more headlines."""
    cut = sum(bool(_CUT_OFF.search(para)) for para in paragraphs)
    return cut >= 3 and 3 * cut >= sum(map(bool, paragraphs))


def _cut_links(pattern: re.Pattern, text: str, removed: list[dict[str, str]], keep: int | None = None) -> str:
    """``text`` without ``pattern``'s matches, each recorded as a link; ``keep``: a group that stays (a card's name)."""
    def cut(m: re.Match) -> str:
        kept = (m.group(keep) or "") if keep else ""
        removed.append({"what": m.group(0)[len(kept):].strip(), "why": "link"})
        return kept
    return pattern.sub(cut, text)


def _headline_paragraph(para: str, others_punctuated: bool) -> bool:
    """A line of 3-30 words without closing punctuation in an article whose other paragraphs have it."""
    return others_punctuated and 3 <= len(para.split()) <= 30 and not closed(para)


class FurnitureFilter:
    """Applies the named furniture rules (``RULES``) and extra sentence patterns to an article's text."""

    def __init__(self, rules, extra_patterns=()) -> None:
        unknown = sorted(set(rules) - set(RULES))
        if unknown:
            raise ConfigError(f"clean.furniture: unknown rule(s) {', '.join(map(repr, unknown))}; "
                              f"choose from: {', '.join(RULES)}")
        self.rules = set(rules)
        try:
            self.extra = [re.compile(p, re.IGNORECASE) for p in extra_patterns]
        except re.error as exc:
            raise ConfigError(f"clean.extra_furniture: invalid regular expression {exc.pattern!r}: {exc}") from exc
        self.checks: list[tuple[str, Callable[[str], bool]]] = [
            (name, lambda s, ps=patterns: any(p.search(s) for p in ps))
            for name, patterns in _SENTENCES.items() if name in self.rules]
        self.checks += [(name, check) for name, check in (("caption", caption_with_date), ("publisher_voice",
                        publisher_voice), ("reader_appeal", reader_appeal)) if name in self.rules]
        self.checks += [("extra_furniture", lambda s, p=p: bool(p.search(s))) for p in self.extra]

    def __bool__(self) -> bool:
        return bool(self.rules or self.extra)

    def apply(self, text: str) -> tuple[str, list[dict[str, str]]]:
        """``(text without furniture, removals)``; each removal is ``{"what", "why"}``."""
        removed: list[dict[str, str]] = []
        if "link" in self.rules and "[" in text:
            text = _cut_links(_REFERENCE_MARK, text, removed)
        if "link" in self.rules and len(_PAPER_NUMBER.findall(text)) >= 3:
            text = _cut_links(_PAPER_MARK, text, removed, keep=1)
        if "link" in self.rules and " MORE " in text:
            text = _cut_links(_NAME_CARD, text, removed, keep=1)
        paragraphs = [para.strip() for para in text.split("\n")]
        if "headline" in self.rules:
            paragraphs = self._opening_headline(paragraphs, removed)
        if "teaser" in self.rules and _index_page(paragraphs):
            return "", removed + [{"what": para, "why": "teaser"} for para in paragraphs if para]
        punctuated = sum(map(closed, paragraphs))
        kept, n_kept = [], 0
        for para in paragraphs:
            whole = next((name for name, pattern in _PARAGRAPHS.items() if name in self.rules and pattern.search(para)), None)
            if whole:
                removed.append({"what": para, "why": whole})
                continue
            if "headline" in self.rules and _headline_paragraph(para, punctuated - closed(para) >= 2):
                why = next((name for name, check in self.checks if check(para)), "headline")  # a caption, a link
                removed.append({"what": para, "why": why})
                continue
            if "byline" in self.rules and re.match(r"^(?:By|Written by|Reporting by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
                                                    r"(?:\s*(?:,|and|\|)\s*.{0,60})?$", para) and len(para.split()) <= 12:
                removed.append({"what": para, "why": "byline"})
                continue
            para = self._strip_prefixes(para, removed)
            sentences = [s for s in (self._sentence(s, removed) for s in self._uncaptioned(para, removed)) if s]
            if sentences:
                kept.append(" ".join(sentences))
                n_kept += len(sentences)
        appeals = sum(r["why"] == "reader_appeal" for r in removed)  # not a story's credits ("Follow ... on Twitter")
        if kept and appeals >= max(2, n_kept):  # the page speaking to its reader throughout: a shop's, a promotion's
            removed += [{"what": para, "why": "page_voice"} for para in kept]
            return "", removed
        return "\n".join(kept), removed

    @staticmethod
    def _opening_headline(paragraphs: list[str], removed: list[dict[str, str]]) -> list[str]:
        """``paragraphs`` without the first when it is one sentence alone on its line that the lede restates
        (``headlines.restated_headline``), full stop or not; a lede without one given it (``unstopped_lede``)."""
        filled = [i for i, p in enumerate(paragraphs) if p]
        if len(filled) > 2 and unstopped_lede(paragraphs[filled[0]], paragraphs[filled[1]]):
            paragraphs[filled[1]] += "."  # the story's first sentence, no second headline
        elif len(filled) < 2:
            return paragraphs
        first = paragraphs[filled[0]]
        if len(split_sentences(first)) != 1 or _PREFIXES["dateline"].match(first):  # "BOSTON — ...": a lede
            return paragraphs
        following = [s for i in filled[1:3] for s in split_sentences(paragraphs[i])][:2]
        if not restated_headline(first, following):
            return paragraphs
        removed.append({"what": first, "why": "headline"})
        return paragraphs[filled[0] + 1:]

    def _strip_prefixes(self, para: str, removed: list[dict[str, str]]) -> str:
        for name, pattern in _PREFIXES.items():
            if name in self.rules:
                m = pattern.match(para)
                if m and m.end() < len(para):
                    removed.append({"what": m.group(0).strip(), "why": name})
                    para = para[m.end():]
        return para

    def _uncaptioned(self, para: str, removed: list[dict[str, str]]) -> list[str]:
        """``para``'s sentences without a caption its photo's credit follows ("Chuck Schumer and Mitch McConnell walk
        to the Senate floor Wednesday." + "| John Shinkle/POLITICO ...") that says what the photo shows (a caption
        verb): Politico's captions in the past tense carry the story ("On Twitter, Trump sought to ...") and stay."""
        pieces, out = split_sentences(para), []
        for piece, after in zip(pieces, pieces[1:] + [""]):
            if "caption" in self.rules and PHOTO_CREDIT.match(after) and CAPTION_VERB.search(piece):
                removed.append({"what": piece, "why": "caption"})
                continue
            out.append(piece)
        return out

    def _sentence(self, sentence: str, removed: list[dict[str, str]]) -> str:
        if "dateline" in self.rules and (m := _AGENCY_DATELINE.match(sentence)) and m.end() < len(sentence):
            removed.append({"what": m.group(0).strip(), "why": "dateline"})  # after a subhead in its paragraph
            sentence = sentence[m.end():]
        if "headline" in self.rules:
            fused = split_fused_headline(sentence)
            if fused:
                removed.append({"what": fused[0], "why": "headline"})
                sentence = fused[1]
                if not sentence:
                    return ""
        for name, check in self.checks:
            if check(sentence):
                removed.append({"what": sentence, "why": name})
                return ""
        for name, pattern in _CLAUSES.items():
            if name in self.rules:
                for m in reversed(list(pattern.finditer(sentence))):
                    removed.append({"what": m.group(0).strip(" ,"), "why": name})
                    sentence = sentence[: m.start()] + sentence[m.end():]
        return sentence.strip()


RULES: tuple[str, ...] = ("headline", "dateline", "byline", "caption", "credit", "link", "publisher_voice",
                          "reader_appeal", "media_reference", "embedded_post", "teaser")
