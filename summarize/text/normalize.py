"""Text normalisation, before any rule reads an article: Unicode NFC, one kind of line break and of space, the
space a scraped page lost after a sentence's end put back and the one a removed link left before a comma
dropped, and a sentence a line break cut in two made whole again.
"""

from __future__ import annotations

import html
import re
import unicodedata

from summarize.text.sentences import opens_lower
from summarize.text.speech import paragraph_quotes

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# no width, no space: a zero-width space is where a line may break, and a page shows none ("A\u200brwa Damon"
# reads "Arwa Damon", not "A rwa Damon"), nor for the joiners, the byte-order mark and a soft hyphen, which shows
# only where a line breaks ("Vladi\u00admir Putin" in a NeuS summary matched no "Vladimir Putin")
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# C1 control characters, which no text holds: Windows-1252 bytes read as Latin-1 ("\x97 The missions were
# completed": an em dash; "\x92" a right quotation mark); each is the character Windows-1252 gives that byte
_C1 = re.compile(r"[\x80-\x9f]")


def _cp1252(m: re.Match) -> str:
    return m.group().encode("latin-1").decode("cp1252", errors="ignore")  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: none
# two sentences a scraped page fused, no space after the first one's end ("... to the media.Investigators
# said"): a word ending in three lower-case letters or a lower-case word of two ("for it.Now", "should we?"These"),
# its end mark (and closing quote), a capitalised word; not a name ("One.Tel") nor inside a web or mail address
# ("Halo.Bungie.Org", "IGC.org.These", "rate.Jonathan.Amos-INTERNET@bbc.co.uk")
_FUSED = re.compile(r"(?<![\w.@/])((?:[A-Za-z'’-]*[a-z]{3}|[a-z]{2})[.!?][\"”’]?)(?=[A-Z][a-z]+(?![\w.@/]*[.@/][A-Za-z]))")
# two apostrophes for a double quotation mark ('"We didn't have this great plan,'' mom Mona Lisa said', "need to
# ''up their game''")
_TWO_APOSTROPHES = re.compile(r"(?<=[\w.,!?])''(?=[\s.,;:!?)]|$)|(?:(?<=[\s(])|^)''(?=\w)", re.MULTILINE)
# a space a removed link left before a comma or a full stop ("... its Double Down Dog , KFC has unveiled", "$15
# an hour ."); a spaced ellipsis (". . .") stays
_LOOSE_MARK = re.compile(r"(?<=[\w\"”’)]) +(,(?= )|\.(?= +[A-Z\"“]| *$)(?! \.))", re.MULTILINE)
# an HTML character reference left in text ("Tottenham bid &#163;8m", "caf&#233;", "Q&amp;A": a page's or a
# feed's escaping that its text kept), with its semicolon; a bare "&" ("R&B", "AT&T") is no reference
_CHAR_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# a semicolon a scraper added after an ampersand's initials, as if they were a character reference ("AT&T; and
# Verizon", "'60s R&B; group", "Q&A;:": 6 in the shared Multi-News articles)
_INITIALS_REF = re.compile(r"\b([A-Z]{1,3}&[A-Z]{1,3});")
# the wire's dash: AP copy sets a dash as a spaced underscore ("would have been forced to resign _ about 1 1/2
# years before the end of his term"), which a reader takes for a typing slip
_WIRE_DASH = re.compile(r"(?<=\S) _ (?=\S)")


def normalize_text(text: str) -> str:
    """Unicode NFC, line breaks to ``\\n``, runs of spaces to one, no zero-width characters, paragraphs
    separated by one newline, a space after a sentence's end fused to the next sentence (``_FUSED``: 92 such in
    the shared Multi-News articles, the splitter read each pair as one sentence), none before a comma or full
    stop (``_LOOSE_MARK``), a double quotation mark for two apostrophes, a C1 control character as the
    Windows-1252 character of its byte, an HTML character reference as its character (``_CHAR_REF``: 30 in 22
    BBC articles, "&#163;8m" in a title) and no semicolon after initials read as one ("AT&T;"), the wire's
    spaced underscore as a dash, a paragraph's quotation marks as one paragraph needs them
    (``speech.paragraph_quotes``: a quotation over fused paragraphs opens once) and a sentence a line break cut
    in two made whole again (``rejoin_lines``).

    Example:
        >>> normalize_text("A\\u00a0 b\\r\\n\\r\\n\\r\\nC  ")
        'A b\\nC'
        >>> normalize_text("A\\u200brwa Damon bit two EMT\\u200b\\u200bs\\u200b \\u200bin Baghdad\\u200b.")
        'Arwa Damon bit two EMTs in Baghdad.'
        >>> normalize_text('It went to the media.Investigators said "not yet."The site is Halo.Bungie.Org now.')
        'It went to the media. Investigators said "not yet." The site is Halo.Bungie.Org now.'
        >>> normalize_text("KFC's Double Down Dog , its latest , sold for $15 an hour . . . or so .")
        "KFC's Double Down Dog, its latest, sold for $15 an hour . . . or so."
        >>> normalize_text("It was a great plan,'' his mom said. We need to ''up our game''.")
        'It was a great plan," his mom said. We need to "up our game".'
        >>> normalize_text("Jordan\x92s missions \x97 in the dark.")
        'Jordan’s missions — in the dark.'
        >>> normalize_text("Doing it right _ protecting your riches _ takes planning. See my_file _ here.")
        'Doing it right — protecting your riches — takes planning. See my_file — here.'
        >>> normalize_text("Tottenham bid &#163;8m for Pel&#xe9; in a Q&amp;A with R&B star AT&T &bogus;.")
        'Tottenham bid £8m for Pelé in a Q&A with R&B star AT&T &bogus;.'
        >>> normalize_text("Both AT&T; and Verizon had a Q&A;: R&B; stars.")
        'Both AT&T and Verizon had a Q&A: R&B stars.'
    """
    text = _CHAR_REF.sub(lambda m: html.unescape(m.group()), _C1.sub(_cp1252, text))
    text = _INITIALS_REF.sub(r"\1", text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _FUSED.sub(r"\1 ", _TWO_APOSTROPHES.sub('"', _ZERO_WIDTH.sub("", text)))
    lines = (paragraph_quotes(_WIRE_DASH.sub(" — ", _LOOSE_MARK.sub(r"\1", _SPACES.sub(" ", line).strip())))
             for line in text.split("\n"))
    return "\n".join(rejoin_lines([line for line in lines if line]))


_ENDS = re.compile(r"[.!?:;…\"'”’)\]]$")


def rejoin_lines(lines: list[str]) -> list[str]:
    """Lines that continue the sentence of the line before (it has no closing punctuation and the next opens
    with a lower-case word) joined to it: a scraped page breaks lines around links, embeds and drop caps, and
    each break would end a sentence. A drop cap (a line of one capital letter) joins without a space.

    Example:
        >>> rejoin_lines(["T", "he line of control", "in Kashmir was agreed.", "iPhone sales rose."])
        ['The line of control in Kashmir was agreed.', 'iPhone sales rose.']
    """
    out: list[str] = []
    for line in lines:
        if out and opens_lower(line) and not _ENDS.search(out[-1]):
            drop_cap = len(out[-1]) == 1 and out[-1].isupper()
            out[-1] += ("" if drop_cap else " ") + line
        else:
            out.append(line)
    return out
