"""One surface form for the factuality checker: PTB-tokenised, lower-cased and placeholder-bearing text
read the same way as the cased, untokenised text of the sources.

Benchmarks distribute system output lower-cased and PTB-tokenised ("he did n't pay # 1m , or $ 10,000"),
systems of that age emit ``UNK`` for words they could not spell, and real output is cased and
untokenised. The checker reads every summary sentence through two functions:

- ``detokenize``: PTB spacing undone ("did n't" -> "didn't", "# 1m" -> "£1m", "10, 000" -> "10,000",
  "`` x ''" -> '"x"'), so the fact rules see what an article would write;
- ``tokens``: the case-free word sequence that lexical alignment compares (clitics split one way on both
  sides, number words as digits, placeholders as ``None``: no evidence either way).

Example:
    >>> detokenize("he did n't pay # 1m , or $ 10, 000 .")
    "he didn't pay £1m, or $10,000."
    >>> tokens("He didn't pay two UNK")
    ['he', 'did', 'not', 'pay', '2', None]
"""

from __future__ import annotations

import re

from summarize.text.facts import ORDINAL_WORDS, WORD_NUMBERS
from summarize.text.sentences import CONTINUES

# Placeholders systems emit for words outside their vocabulary: never a fact, never evidence.
PLACEHOLDER = re.compile(r"\[UNK\]|<unk>|\bUNK\b|<unk_\d+>", re.IGNORECASE)
_PLACEHOLDER_TOKEN = "\x00"

_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_TIME = re.compile(r"\b(\d{1,2})(?:[.:]([0-5]\d))?\s*([ap])\.?m\b\.?")

_BRACKETS = {"lrb": "(", "rrb": ")", "lsb": "[", "rsb": "]", "lcb": "{", "rcb": "}"}
_PTB_BRACKET = re.compile(r"-(lrb|rrb|lsb|rsb|lcb|rcb)-", re.IGNORECASE)  # PTB's brackets, in either case
_DETOKENIZE = [
    (_PTB_BRACKET, lambda m: _BRACKETS[m.group(1).lower()]),
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"(?<=\w) (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
    (re.compile(r"(?:(?<=^)|(?<=\s))# ?(?=\d)"), "£"),  # PTB's pound sign
    (re.compile(r"([$£€]) (?=\d)"), r"\1"),
    (re.compile(r"(\d), (?=\d{3}\b)"), r"\1,"),
    (re.compile(r"(\d) (?=%)"), r"\1"),
    (re.compile(r" ([,.;:!?)\]])"), r"\1"),
    (re.compile(r"([(\[]) "), r"\1"),
    (re.compile(r"(?<=\w) - (?=\w)"), " - "),
]


_PTB_END = re.compile(r"(?<=\s[.!?])\s+|(?<=\s[.!?] ['\"])\s+")


def summary_sentences(text: str) -> list[str]:
    """The sentences of a summary: a stand-alone full stop (PTB's " . ") always ends one, whatever the
    case of the next word; within the pieces, ``split_sentences`` (pysbd).

    Example:
        >>> summary_sentences("he won ` the cup ' . it was n't close . Then he left. She said: 'Fine.' '")
        ["he won ` the cup ' .", "it was n't close .", 'Then he left.', "She said: 'Fine.' '"]
        >>> summary_sentences("he met robert downey jr. , chris evans and others .")
        ['he met robert downey jr. , chris evans and others .']
    """
    from summarize.text.sentences import split_sentences

    return fold_fragments([s for piece in _PTB_END.split(text) for s in (split_sentences(piece) if piece.strip() else [])])


def fold_fragments(sentences: list[str]) -> list[str]:
    """Sentences with the pieces that are no sentence put back: a piece without a word (a stray quote,
    "...?") or the rest after an abbreviation ("'s character ...") joins the sentence before it; a
    wordless first piece is dropped (it states nothing that could be supported).

    Example:
        >>> fold_fragments(["'...?'", "Putin arrived.", "'", "He left."])
        ["Putin arrived. '", 'He left.']
    """
    out: list[str] = []
    for sentence in sentences:
        wordless = not re.search(r"\w", sentence)
        if out and (wordless or CONTINUES.match(sentence)):
            out[-1] = f"{out[-1]} {sentence}"  # a stray closing quote, or the rest after "Jr.", is its sentence's
        elif not wordless:
            out.append(sentence)
    return out


def detokenize(text: str) -> str:
    """``text`` with PTB tokenisation undone (already untokenised text comes back unchanged).

    Example:
        >>> detokenize("the 23-year-old , who promotes herself as ` the barbie ' , won .")
        "the 23-year-old, who promotes herself as ` the barbie ', won."
    """
    for pattern, repl in _DETOKENIZE:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


def without_placeholders(text: str) -> str:
    """``text`` with placeholder tokens blanked out (so no rule reads "UNK" as a name)."""
    return PLACEHOLDER.sub(" ", text)


def _normal(word: str) -> str:
    if word in WORD_NUMBERS:
        return str(WORD_NUMBERS[word])
    if word in ORDINAL_WORDS:
        return f"{ORDINAL_WORDS[word]}th"
    m = _ORDINAL.match(word)
    return f"{m.group(1)}th" if m else word


def tokens(text: str) -> list[str | None]:
    """The case-free words of ``text`` as alignment compares them; ``None`` for a placeholder.

    Clitics are split one way whatever the tokenisation ("don't", "do n't" -> "do", "not"), thousands
    separators and spacing do not split numbers ("10, 000" and "10,000" -> "10000"), number words are
    digits, ordinals one form ("second", "2nd" -> "2th") and so are times ("3 p.m.", "3pm").

    Example:
        >>> tokens("Two stations, 10, 000 people; the 18th and 2nd") == ['2', 'stations', '10000', 'people',
        ...     'the', '18th', 'and', '2th']
        True
    """
    text = PLACEHOLDER.sub(f" {_PLACEHOLDER_TOKEN} ", _PTB_BRACKET.sub(" ", text).lower())
    text = _TIME.sub(lambda m: f"{m.group(1)}{m.group(2) or ''}{m.group(3)}m", text)  # "3 p.m." = "3pm"
    text = re.sub(r"n[’']t\b", " not", text)
    text = re.sub(r"(\d),\s?(?=\d{3}\b)", r"\1", text)
    out: list[str | None] = []
    for word in re.findall(rf"[\w]+|{_PLACEHOLDER_TOKEN}", text):
        out.append(None if word == _PLACEHOLDER_TOKEN else _normal(word))
    return out


_WORD = re.compile(r"(?<![’'\w])[A-Za-z][\w\-]*")  # not the "s" of "'s"


class CaseTable:
    """How the sources write each word in mid-sentence: one reading of a summary whatever its case.

    A lower-cased summary ("natalia moon moved to the philippines") hides the capitals the fact rules
    find names by, and a cased one shows capitals the sources may not share; ``restore`` lower-cases the
    text and gives each word the form the sources use for it mid-sentence when that form is capitalised
    in most of its occurrences there (a word seen only opening sentences is no name). So the facts
    checked are the same for the cased and the lower-cased text; a name the sources never write stays
    a word (the word support of ``alignment`` still finds it missing).

    Example:
        >>> table = CaseTable(["Actress Natalia Moon moved to the Philippines. Then Moon left."])
        >>> table.restore("natalia moon moved to the philippines .")
        'Natalia Moon moved to the Philippines .'
    """

    def __init__(self, texts: list[str]) -> None:
        seen: dict[str, dict[str, int]] = {}
        for text in texts:
            for m in _WORD.finditer(text):
                before = text[: m.start()].rstrip()
                if not before or before[-1] in ".!?\"“:":  # an opener's capital proves nothing
                    continue
                forms = seen.setdefault(m.group(0).lower(), {})
                forms[m.group(0)] = forms.get(m.group(0), 0) + 1
        self._form = {}
        for word, forms in seen.items():
            form, count = max(forms.items(), key=lambda kv: kv[1])
            if form[0].isupper() and 2 * count > sum(forms.values()):
                self._form[word] = form

    def restore(self, text: str) -> str:
        """``text`` lower-cased, then each word written as the sources write it mid-sentence."""
        return _WORD.sub(lambda m: self._form.get(m.group(0), m.group(0)), text.lower())
