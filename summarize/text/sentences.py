"""Sentence splitting (pysbd, rule-based and offline, with the rules of each paragraph's script) and word
counting (whitespace words, and one word per CJK character: Chinese and Japanese put no spaces between
words).

Example:
    >>> split_sentences("Putin arrived in Pyongyang. Kim met him at the airport.")
    ['Putin arrived in Pyongyang.', 'Kim met him at the airport.']
    >>> split_sentences("普京周三抵达平壤。金正恩在机场迎接了他。")
    ['普京周三抵达平壤。', '金正恩在机场迎接了他。']
"""

from __future__ import annotations

import functools
import re
from typing import Mapping, Sequence

from summarize.text.speech import SAYS

_WS = re.compile(r"\s+")
# What no sentence starts with: the rest of one a splitter cut at an abbreviation or a title's question mark ("Sen.
# Mike Enzi, R-Wyo." + ", speaks ...", "Downey Jr." + "'s character", "Are We There Yet?" + ", slipped ...")
CONTINUES = re.compile(r"\s*(?:'s\b|n't\b|[,;:)\]%])")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
SCRIPTS = (("ar", re.compile(r"[\u0600-\u06ff]")), ("ru", re.compile(r"[\u0400-\u04ff]")))


def language_of(paragraph: str) -> str:
    """The pysbd rules for a paragraph, by its script: ja (kana), zh (Han), ar, ru (Cyrillic), else en.

    Example:
        >>> language_of("金正恩在机场迎接了他。"), language_of("Путин прибыл."), language_of("Putin arrived.")
        ('zh', 'ru', 'en')
    """
    if KANA.search(paragraph):
        return "ja"
    if CJK.search(paragraph):
        return "zh"
    return next((lang for lang, pattern in SCRIPTS if pattern.search(paragraph)), "en")


@functools.lru_cache(maxsize=8)
def _segmenter(language: str = "en"):
    import pysbd
    from pysbd.utils import TextSpan

    class Segmenter(pysbd.Segmenter):
        """pysbd's segmenter, with each sentence located in the text by a string search from where the one
        before it ended, instead of a regular expression compiled per sentence and run from the start of the
        text (quadratic, and it churned Python's regex cache: 60% of a Multi-News cleaning pass). A sentence
        not found that way falls back to pysbd's own search, so the pieces are the ones pysbd gives."""

        def sentences_with_char_spans(self, sentences):
            text, spans, end = self.original_text, [], 0
            for sent in sentences:
                start = text.find(sent, end) if sent else -1
                if start < 0:
                    return super().sentences_with_char_spans(sentences)
                stop = start + len(sent)
                while stop < len(text) and text[stop].isspace():
                    stop += 1
                spans.append(TextSpan(text[start:stop], start, stop))
                end = stop
            return spans

    return Segmenter(language=language, clean=False)


_WORD = re.compile(r"\w")
_CLOSERS = re.compile(r"[\"'”’»)\]]+[.!?,;:]*")
_LEADING_CLOSER = re.compile(r"([\"”’']+)\s+(?=\S)")  # a quote then a space: it closes, it cannot open
# a clock time's "a.m."/"p.m." is no sentence's end before the day, the date or the zone it goes on with ("Around 8
# p.m." + "Thursday, Senator Harry Reid ...", "at 2 p.m." + "Eastern, Inside Higher Ed's editors will ...")
_CLOCK_END = re.compile(r"\b\d{1,2}(?::\d\d)?\s*[ap]\.m\.$", re.IGNORECASE)  # after words: a time stamp alone stays
_CLOCK_GOES_ON = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b(?!['’]s)|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d|(?:[ECMP][SD]?T|GMT|BST|"
    r"UTC)\b|(?:Eastern|Pacific|Central|Mountain)\b|[A-Z][a-z]+ time\b")
# a quotation that ends on "!" or "?" and the capitalised speaker after it are one sentence ('"Is he nervous?"' +
# 'Ross asks.', '"... let's do this!"' + 'Bobby Goodlatte wrote on Twitter, where ...'): pysbd splits before a
# capital, not before "she said"; only where the verb ends the clause, is said to someone or goes on with where or
# when (not "Mr Blair said he would ...", "Allen says Wales will ...", "He said: ...")
_ASKED_OR_EXCLAIMED = re.compile(r"[!?][\"”]$")
_SPEAKER_AFTER = re.compile(
    rf"(?!(?:When|While|After|If|As|But|And)\b)(?:[A-Z][\w.'’-]*\s+){{1,4}}(?:{SAYS}|asked|asks|tweeted|tweets|"
    r"posted|shouted|yelled|replied|wondered|exclaimed)\b(?=[.,;]|\s+(?:on|in|at|during|after|before|to|from|"
    r"via|through|last|this|earlier|later|recently|loudly|quietly|again|him|her|them|me|us|reporters|[A-Z][a-z]+day)\b"
    r"|(?:(?<=told)|(?<=tells)|(?<=asked))\s+(?:[A-Z]|the\s))")

# a dot that opens a word ends no sentence: a domain's or a file type's (a ".xxx domain", "such as .museum and .aero",
# "through .png files": 37 in the shared BBC articles, where pysbd ended a sentence at each); it stands in as a
# private-use character while pysbd segments
_OPENING_DOT = re.compile(r"(?<=[\s(])(?<![.!?…] )\.(?=[A-Za-z])")  # not an ellipsis's last ("Bod.... .oh the list")
_DOT = "\ue000"
# a number that ends the sentence before it: "... aged 16 to" + "18. These are ..."
_NUMBER_ENDS = re.compile(r"(\d[\d,]*\.)\s+(?=\S)")
# a word no sentence ends on, that a number follows (not a flattened list's "... favourite snacks" + "2. Ramen ...")
_WANTS_A_NUMBER = re.compile(r"\b(?:to|over|under|of|than|from|between|and|or|by|at|about|around|nearly|almost|aged|"
                             r"past|below|above|until|since|least|most|top)$")


# one quotation closed after its sentence's end and the next opened: two sentences, which pysbd keeps as one ('"...
# manufacturing employment." "Manufacturing is a cyclical area ...," said ...': paragraphs a file fused, and those
# ``speech.paragraph_quotes`` closes where a quotation's next paragraph opened again); so are an abbreviation and a
# quotation opened after it ('... Biden said during a campaign event in Rochester, N.H. “He’s already convicted ...')
_QUOTES_APART = re.compile(r"(?:(?<=[.!?…][\"”])|(?<=\b[A-Z]\.[A-Z]\.))\s+(?=[\"“][A-Z])")


@functools.lru_cache(maxsize=65536)
def _split_paragraph(paragraph: str) -> tuple[str, ...]:
    """pysbd's sentences of one paragraph, whitespace normalised. A piece without a letter or digit is not a
    sentence: a closing quote pysbd split off ('... read "Tulowizki.' + '"') goes back to its sentence, and
    the rest ('...', '###', a rule of dashes) is dropped; a quote followed by a space at a sentence's start
    closes the sentence before; a piece that no sentence opens with (``CONTINUES``: a comma, a closing bracket,
    "'s") goes on with the one before (pysbd ends a sentence at an abbreviation or a title's question mark before
    one: "Sen. Mike Enzi, R-Wyo." + ", speaks to reporters ...": 48 in the shared articles); a capitalised
    speaker after a quotation that ends on "!" or "?" goes on with it (``_SPEAKER_AFTER``: '"Is he nervous?"' +
    'Ross asks.': 27 in the shared articles); a clock time's "p.m." ends none before its day, date or zone
    (``_CLOCK_END``: 30 of the 55 splits after one in the shared articles, "Around 8 p.m." + "Thursday, Senator
    Harry Reid ..."); a dot that opens a word (``_OPENING_DOT``: "a .xxx domain") ends none; a number with a full
    stop after a sentence that ends on a word that wants one is that sentence's end, not a list item's number
    ("learners aged 16 to" + "18. These are defined ...").

    Example:
        >>> _split_paragraph('The backs read "t\\'\\' and "Tulowizki." Fans lined up.')
        ('The backs read "t\\'\\' and "Tulowizki."', 'Fans lined up.')
        >>> _split_paragraph('They were aged 16 to 18. These are adults. Adults are aged over 19. The number rose.')
        ('They were aged 16 to 18.', 'These are adults.', 'Adults are aged over 19.', 'The number rose.')
    """
    paragraph = _OPENING_DOT.sub(_DOT, paragraph)
    out: list[str] = []
    pieces = _segmenter(language_of(paragraph)).segment(paragraph)
    for sent in (one for piece in pieces for one in _QUOTES_APART.split(piece)):
        sent = _WS.sub(" ", sent).strip()
        lead = _LEADING_CLOSER.match(sent)
        if lead and out:
            out[-1] += lead.group(1)
            sent = sent[lead.end():]
        if not sent:
            continue
        if not _WORD.search(sent):
            if out and _CLOSERS.fullmatch(sent):
                out[-1] += sent
            continue
        if out and CONTINUES.match(sent):  # spaced as the paragraph has it: "R-Wyo., speaks", "Jr. , Chris Evans"
            out[-1] += sent if out[-1] + sent in _WS.sub(" ", paragraph) else " " + sent
            continue
        if out and _ASKED_OR_EXCLAIMED.search(out[-1]) and _SPEAKER_AFTER.match(sent):
            out[-1] += " " + sent
            continue
        number = _NUMBER_ENDS.match(sent) if out and _WANTS_A_NUMBER.search(out[-1]) else None
        if number:  # "... aged 16 to" + "18. These are defined ...": pysbd took the number for a list item's
            out[-1] += " " + number.group(1)
            sent = sent[number.end():]
        clock = _CLOCK_GOES_ON.match(sent) and out and _CLOCK_END.search(out[-1])
        if clock and re.search(r"[A-Za-z]{2}", out[-1][: clock.start()]):
            out[-1] += " " + sent
            continue
        out.append(sent)
    return tuple(sent.replace(_DOT, ".") for sent in out)


WINDOW = 5000  # characters: pysbd's cost grows with the square of a paragraph's length
_END = re.compile(r"(?<=[.!?。！？])[\"”’)]*\s+(?=[\"“‘(]?[A-Z\u0400-\u042f\u0600-\u06ff\u3040-\u9fff])")


def windows(paragraph: str, size: int = WINDOW) -> list[str]:
    """A paragraph cut into pieces of at most about ``size`` characters, each cut after a sentence end
    (a full stop followed by a capital) where there is one, else at a space: segmenting the pieces costs
    linear time in the paragraph's length, where pysbd on the whole would cost quadratic.

    Example:
        >>> windows("One two. Three four. Five six.", size=12)
        ['One two.', 'Three four.', 'Five six.']
    """
    pieces, start = [], 0
    while len(paragraph) - start > size:
        while paragraph[start].isspace():
            start += 1
        window = paragraph[start : start + size + 2]  # two more: a sentence end right at the edge counts
        ends = [m.start() for m in _END.finditer(window) if 0 < m.start() <= size]
        cut = ends[-1] if ends else window.rfind(" ", 0, size)
        cut = cut if cut > 0 else size
        pieces.append(paragraph[start : start + cut].strip())
        start += cut
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; paragraph breaks (newlines) always end a sentence, and a paragraph
    longer than ``WINDOW`` characters is segmented in windows (linear time)."""
    sentences: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if paragraph:
            for piece in windows(paragraph) if len(paragraph) > WINDOW else (paragraph,):
                sentences.extend(_split_paragraph(piece))
    return sentences


_LOWER_WORD = re.compile(r"^[\"“‘'(]?[a-z][a-z'’-]*\b")  # "iPhone", "eBay" are names, not lower-case words


def opens_lower(text: str) -> bool:
    """Whether ``text`` opens with a lower-case word: the rest of a sentence (a line break or a missed split
    cut it), not a sentence of its own.

    Example:
        >>> opens_lower("in Jammu and Kashmir agreed upon."), opens_lower("iPhone sales rose."), opens_lower("Kim met Putin.")
        (True, False, False)
    """
    return bool(_LOWER_WORD.match(text))


_CLOSING = re.compile(r"(\.(?: ?\.){2,}|[.!?…])[\"”’')\]]*$")


def closing_mark(text: str) -> str | None:
    """The mark that closes ``text`` as a sentence (a full stop, ``!``, ``?`` or an ellipsis, ``…`` or three
    full stops or more, spaced or not, given as ``…``, then any closing quotes or brackets), or None: a closing quote or bracket on
    its own closes nothing (a headline ends "UK 'needs true immigration data'", a caption "... (Photo: AP
    file)", prose '... he said."').

    Example:
        >>> closing_mark('He said "yes."'), closing_mark("UK 'needs true immigration data'"), closing_mark("Why?)")
        ('.', None, '?')
        >>> closing_mark("help roots to grow with the right ..."), closing_mark('"... dazzling darkness…”')
        ('…', '…')
        >>> closing_mark("Try to follow along. . . ."), closing_mark("It ended....")
        ('…', '…')
    """
    m = _CLOSING.search(text)
    return ("…" if len(m.group(1)) > 1 else m.group(1)) if m else None


def closed(text: str) -> bool:
    """Whether ``text`` ends with closing punctuation: a sentence's (``closing_mark``), a colon or a semicolon."""
    return closing_mark(text) is not None or text.endswith((":", ";"))


def count_words(text: str) -> int:
    """Words, the unit of every word budget and length limit: whitespace-separated words, except that each
    CJK character counts as one (a Chinese article is not one word).

    Example:
        >>> count_words("  two  words "), count_words("普京周三抵达平壤。"), count_words("Putin 抵达 Pyongyang")
        (2, 8, 4)
    """
    n = 0
    for token in text.split():
        cjk = len(CJK.findall(token))
        n += cjk + (1 if cjk == 0 or CJK.sub("", token).strip("。、，！？「」（）.,!?") else 0)
    return n


Split = Mapping[str, Sequence[str]]  # articles' sentences by article id, as the clean stage split them


def sentences_of(key: str, text: str, split: Split | None) -> Sequence[str]:
    """The sentences of ``text`` (an article's, ``key`` its id): from ``split`` when a stage split it already,
    else split here.

    Example:
        >>> sentences_of("a", "One. Two.", {"a": ["One.", "Two."]}), sentences_of("b", "Three. Four.", None)
        (['One.', 'Two.'], ['Three.', 'Four.'])
    """
    return split[key] if split is not None and key in split else split_sentences(text)
