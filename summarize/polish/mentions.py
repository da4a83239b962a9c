"""How a summary names its people: in full at the first mention, by the short form the sources use after.

A summary's sentences come from articles that each introduce their people, so an extract names the same person in
full again and again ("President Joe Biden took questions ..." then "President Joe Biden got some facts wrong ...",
"said Magistrate Lee Gilmore" then '"...," Magistrate Lee Gilmore said.'). ``complete_first`` writes a person's
first bare mention in full ("Putin" -> "Russian President Vladimir Putin", "Mr Carpentier" -> "Alain Carpentier");
``shorten_later`` writes a later full mention the way the sources write the person once introduced
(``NameTable.short``: "Biden", "Mr Straw"), after a title or a noun for the person by the surname alone ("President
Biden", "UK photographer Conroy"), for someone the sources speak of as "he" or "she"; a name in apposition ("her
mother, Ashake Banks,") introduces the person where it stands and is left as written. A name that another person's
also ends with ("Dan Keller" and "Fran Keller", "John Conyers" and "Monica Conyers") stays in full, and so does one
inside a quotation, a modifier ("the Joe Biden administration"), a piece of a longer name, a show's title ("The
Late Show with Stephen Colbert") or a name given as a name ("whose real name is Stephanie Clifford").
``polish.references.rewrite`` calls both for each sentence, in order, and keeps their edits.

Example:
    >>> from summarize.polish.people import NameTable
    >>> table = NameTable.learn(["President Joe Biden spoke.", "Biden said he would go.", "Biden left."])
    >>> introduced = set()
    >>> complete_first("Biden spoke.", table, introduced)[0], introduced
    ('Joe Biden spoke.', {'Joe Biden'})
    >>> shorten_later("President Joe Biden then left, and Joe Biden's aides too.", table, introduced)[0]
    "President Biden then left, and Biden's aides too."
"""

from __future__ import annotations

import re

from summarize.polish.names import THE_BEFORE, glued, names
from summarize.polish.passing import noun_before
from summarize.polish.people import HONORIFIC, HONORIFIC_BEFORE, NameTable, one_person
from summarize.text.speech import quotations

# A name used as a modifier ("the Trump administration") or a party to a case ("Kimble v. Marvel") is not a
# mention to complete.
ATTRIBUTIVE = re.compile(r"^\s+(?:administration|campaign|era|presidency|family|government|regime|team|aides|"
                         r"supporters|camp|years|doctrine|foundation|organization|organisation|estate|brand|v\.|vs\.?)"
                         r"(?!\w)")
_TITLE_BEFORE = re.compile(r"\b[A-Z][\w.-]*\s+$")  # "President ", "Sen. ", "Magistrate ": a title the name follows
_SHOW_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\s+(?:with|starring|featuring)\s+$")  # "The Late Show with Stephen Colbert"
# a name given as a name ("Daniels, whose real name is Stephanie Clifford, ...": not "whose real name is Clifford")
_NAME_AS_NAME = re.compile(r"\b(?:name\s+is|named|called|known\s+as|aka|a\.k\.a\.)\s+$", re.IGNORECASE)


def cased(name: str, before: str) -> str:
    """``name`` (with its descriptor: "sprinter Michelle Collins") capitalised where nothing but quotation marks
    comes ``before`` it in its sentence."""
    return name[:1].upper() + name[1:] if not before.strip(" \"“'‘") else name


def _standing(sent: str, start: int, name: str, quoted: list[tuple[int, int]]) -> bool:
    """Whether the mention at ``start`` names the person where it stands: not inside a quotation, a modifier
    ("the Trump administration") or a piece of a longer name."""
    return not (any(a <= start < b for a, b in quoted) or ATTRIBUTIVE.match(sent[start + len(name):])
                or THE_BEFORE.search(sent[:start]) or glued(sent, start, name))


def complete_first(sent: str, table: NameTable, introduced: set[str]) -> tuple[str, list[dict[str, str]]]:
    """``sent`` with each person's first bare mention ("Putin", "Mr. Putin") written in full, and the edits;
    each person ``sent`` names is added to ``introduced``, but by a surname inside a quotation. A surname after a
    full name that ends with it in the same sentence is a later mention ("... swimmer Randy Hackett ... leaving
    Hackett clinging": not "leaving Randall Hackett", the name the sources write most)."""
    edits, pieces, pos = [], [], 0
    quoted, named = quotations(sent)[0], names(sent)
    for start, name in named:
        full = table.introduced_as(name)
        if full is None or full in introduced or len(name.split()) == 1 and any(a <= start < b for a, b in quoted):
            continue  # a surname in a quotation ('"When Justice Scalia passed away ..."') tells no one's full name
        introduced.add(full)
        if len(name.split()) > 1 or not _standing(sent, start, name, quoted) or any(
                at < start and len(other.split()) > 1 and other.split()[-1] == name for at, other in named):
            continue  # named in full already, here or before in the sentence ("Randy Hackett ... leaving Hackett")
        honorific = HONORIFIC_BEFORE.search(sent[:start])
        at = honorific.start() if honorific else start
        desc = table.descriptors.get(full, "")
        if at < pos or (desc and sent[:at].rstrip().endswith(desc.split()[-1])):
            continue  # already described ("leader Kim")
        new = _in_full(table, name, honorific.group(1) if honorific else "")
        new = cased(new, sent[:at])
        edits.append({"from": sent[at: start + len(name)], "to": new, "why": "first mention"})
        pieces += [sent[pos:at], new]
        pos = start + len(name)
    return "".join(pieces) + sent[pos:], edits


def _in_full(table: NameTable, name: str, honorific: str) -> str:
    """``name`` in full, with its descriptor where the sources give one, as a bare surname is ("Mr Carpentier" ->
    "Alain Carpentier": "Mr" says no more than the given name does); without one, an honorific that says more
    stays ("Dr Rick Bright", "Sir Alan Budd")."""
    style = honorific.rstrip(".")
    if style == "Sir":
        return table.full(f"Sir {name}")
    full = table.full(name)
    return f"{honorific} {full}" if style in ("Dr", "Prof") and full == table.introduced_as(name) else full


def _short_form(table: NameTable, full: str) -> str | None:
    """The form the sources write ``full`` in once introduced, None where it would not say whom: no short form,
    a surname that another person's full name the sources write also ends with ("Keller": Dan's or Fran's; not
    one that ends with ``full``, as a caption's "Brennan Linsley Bill Cosby" or "Host Jimmy Kimmel" do), or
    a name the sources never speak of as "he" or "she" (no gender: "Upper Darby", a place, where "Upper Darby
    said Plotts was ..." made it a person's) unless its surname showed a person by itself (``in_passing``)."""
    short = table.short(full) if full in table.genders else \
        next((s for s, f in table.in_passing.items() if f == full), None)
    last = full.split()[-1]
    if short is None or short == full or any(  # another person's: not "Robert J. Birgeneau" for Robert Birgeneau,
            len(n.split()) > 1 and n.split()[-1] == last and not one_person([n, full]) and not full.endswith(n)
            and not n.endswith(f" {full}") for n in table.counts):  # nor "Majority Leader Mitch McConnell" for his
        return None
    return short


def shorten_later(sent: str, table: NameTable, introduced: set[str]) -> tuple[str, list[dict[str, str]]]:
    """``sent`` with each full mention of a person the summary has ``introduced`` before it written in the short
    form (``_short_form``), and the edits. After a title ("President Joe Biden") or a noun for the person ("UK
    photographer Paul Conroy") the short form is the surname without its honorific ("President Biden", not
    "Foreign Secretary Mr Straw"); where the sources' short form is a given name ("Sir Alan", "Stephen"), a title
    before the name keeps it in full, and so does an apposition ("her mother, Ashake Banks,")."""
    edits, pieces, pos = [], [], 0
    quoted = quotations(sent)[0]
    for start, name in names(sent):
        full = table.introduced_as(name)
        if full is None or full not in introduced or len(name.split()) < 2 or not _standing(sent, start, name, quoted) \
                or _SHOW_BEFORE.search(sent[:start]) or _NAME_AS_NAME.search(sent[:start]):
            continue
        short = _short_form(table, full)
        if short is None:
            continue
        noun = noun_before(sent[:start])  # "UK photographer Paul Conroy": the surname alone, no "Mr" after it;
        if noun and noun.group(2):  # in apposition ("her mother, Ashake Banks,"): "her mother, Banks," is someone new
            continue
        surname = HONORIFIC.sub("", short)  # "De Vido" of "Mr De Vido"
        if noun or _TITLE_BEFORE.search(sent[:start]) or HONORIFIC_BEFORE.search(sent[:start]):
            if not full.endswith(surname):
                continue
            short = surname
        new = cased(short, sent[:start])
        edits.append({"from": name, "to": new, "why": "later mention"})
        pieces += [sent[pos:start], new]
        pos = start + len(name)
    return "".join(pieces) + sent[pos:], edits
