"""Summaries as text, Markdown or JSON: each sentence, where the sources differ, the citations."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Sequence

from summarize.errors import InputError
from summarize.types import Summary

FORMATS = ("text", "json", "jsonl", "md")


def format_for(path: str | Path | None, explicit: str | None = None) -> str:
    """The output format: ``explicit`` if given, else from the suffix, else plain text."""
    if explicit:
        if explicit not in FORMATS:
            raise InputError(f"unknown output format {explicit!r}; choose one of: {', '.join(FORMATS)}")
        return explicit
    if path is None:
        return "text"
    suffix = Path(path).suffix.lower()
    known = {".json": "json", ".jsonl": "jsonl", ".md": "md", ".markdown": "md", ".txt": "text", ".text": "text", "": "text"}
    if suffix not in known:
        raise InputError(f"{path}: unknown output suffix {suffix!r}; use .txt, .json, .jsonl or .md "
                         f"(or --format {'|'.join(FORMATS)})")
    return known[suffix]


def render(summaries: list[Summary], fmt: str, annotate: bool = True) -> str:
    """Summaries in one of ``FORMATS``. In text and Markdown a summary is followed by where its sources
    differ, and with ``annotate`` a sentence that states one side of a discrepancy by the other sides.

    Example:
        >>> from summarize.types import RunInfo
        >>> render([Summary("c", "Text.", [], RunInfo("lead"))], "text")
        'Text.\\n'
    """
    if fmt == "text":
        if len(summaries) == 1:
            return _plain(summaries[0], annotate)
        return "".join(f"## {_title(s)}\n{_plain(s, annotate)}\n" for s in summaries)
    if fmt == "json":
        payload: Any = summaries[0].to_dict() if len(summaries) == 1 else {"summaries": [s.to_dict() for s in summaries]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in summaries)
    if fmt == "md":
        return "".join(_markdown(s, annotate) for s in summaries)
    raise InputError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def _title(s: Summary) -> str:
    """``event-000001: North Korea, Putin, Russia (5 articles)`` for an event, the cluster id otherwise."""
    n = len(s.article_ids)
    return f"{s.cluster_id}: {s.label} ({n} article{'s' * (n != 1)})" if s.label else s.cluster_id


_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&lt;", "&#60;": what a renderer would turn into a character


def md_text(text: str) -> str:
    """Article text made inert in Markdown: HTML tags and entities escaped (a renderer shows them as
    text), so an article's ``<script>`` or ``<img onerror=...>`` never reaches a page. An ampersand that
    starts no entity stays as written ("R&B", "Marsh & McLennan"): a renderer shows it as it is, and the
    file reads as the article did (the BBC events output had 102 "&amp;").

    Example:
        >>> md_text('<img src=x onerror=alert(1)> R&B & "quotes" &lt;b&gt;')
        '&lt;img src=x onerror=alert(1)&gt; R&B & "quotes" &amp;lt;b&amp;gt;'
    """
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _comment(text: str) -> str:
    """Text safe inside an HTML comment: no ``--`` (which could close it)."""
    return md_text(text).replace("--", "- -")


def short_ids(article_ids: Sequence[str]) -> dict[str, str]:
    """How an article is cited in text: the part of its id before the first ``_`` when that is unique in
    the event ("002_ca67..." -> "002"); a document of a table row (``io.tables``: "row-17:2", every id of the
    event from one row) by its number there ("#2"); else the whole id.

    Example:
        >>> short_ids(["002_ca67", "004_d90c"]), short_ids(["a_1", "a_2"])
        ({'002_ca67': '002', '004_d90c': '004'}, {'a_1': 'a_1', 'a_2': 'a_2'})
        >>> short_ids(["multinews-082:0", "multinews-082:1"]), short_ids(["bbc-003:0", "bbc-025:0"])
        ({'multinews-082:0': '#0', 'multinews-082:1': '#1'}, {'bbc-003:0': 'bbc-003:0', 'bbc-025:0': 'bbc-025:0'})
    """
    rows = [re.fullmatch(r"(.+):(\d+)", a) for a in article_ids]
    if rows and all(rows) and len({m.group(1) for m in rows}) == 1 and len(set(article_ids)) == len(rows):
        return {a: "#" + m.group(2) for a, m in zip(article_ids, rows)}
    heads = [a.split("_", 1)[0] for a in article_ids]
    unique = len(set(heads)) == len(heads)
    return {a: (h if unique and h else a) for a, h in zip(article_ids, heads)}


def _cite(ids: Sequence[str], short: dict[str, str]) -> str:
    return "[" + ", ".join(short.get(a, a) for a in ids) + "]"


def side_text(value: str, qualifiers: Sequence[str], key: str = "") -> str:
    """A side as read: its qualifier and value; one person's spellings ("Denis Mantrurov / Denis Manturov",
    a source's typo) as one name "also spelled" the other way, so that they do not read as two sides."""
    name, *variants = value.split(" / ")
    if variants:
        value = f"{name} (also spelled {', '.join(v.split()[-1] if v.split()[:-1] == name.split()[:-1] else v for v in variants)})"
    return " ".join(x for x in ((qualifiers[0] if qualifiers else ""), value, key) if x)


def annotation(mark: dict[str, Any], short: dict[str, str]) -> str:
    """The other sides of a discrepancy a sentence states, each with its time frames: "(sources differ:
    approximately 6,700 containers [002]; over 11,000 according to [004])"; where the discrepancy's line says
    why they may both hold, the sentence says it too: "(sources differ: 13 points [B]; 11 (on Saturday)
    according to [A] - may both hold: different time frames: on Saturday / on Wednesday)"."""
    def other(o: dict[str, Any]) -> str:
        when = f" ({', '.join(o['time_frames'])})" if o.get("time_frames") else ""
        return f"{side_text(o['value'], o['qualifiers'])}{when} according to {_cite(o['article_ids'], short)}"

    others = "; ".join(other(o) for o in mark["others"])
    key = mark["key"] if mark["kind"] == "quantity" else ""
    why = f" - may both hold: {mark['reconciled']}" if mark.get("reconciled") else ""
    stated = f"{mark['states']} {key} {_cite(mark['article_ids'], short)}"
    return f"(sources differ: {stated}; {others}{why})".replace("  ", " ")


def differences(s: Summary) -> list[str]:
    """One line per discrepancy of ``s``'s sources: "containers: approximately 6,700 (Between August and
    February) [002]; over 11,000 [004]"."""
    short = cited_names(s, [a for d in s.discrepancies for side in d["sides"] for a in side["article_ids"]])
    lines = []
    for d in s.discrepancies:
        sides = []
        for side in d["sides"]:
            when = f" ({', '.join(side['time_frames'])})" if side.get("time_frames") else ""
            sides.append(f"{side_text(side['value'], side.get('qualifiers', []))}{when} {_cite(side['article_ids'], short)}")
        note = f" - may both hold: {d['reconciled']}" if d.get("reconciled") else ""
        lines.append(f"{d['key']}: " + "; ".join(sides) + note)
    return lines


def cited_names(s: Summary, article_ids: Sequence[str]) -> dict[str, str]:
    """How the articles of ``s`` are cited: the outlet (or title) ``polish.disagreements.outlet_names`` gives
    the ones that have it (from ``s.articles``; from the discrepancies' own names for a summary built without
    its articles, as ``polish.disagreements.mark`` alone makes one), else the short id."""
    from summarize.polish.disagreements import outlet_names
    from summarize.types import Article

    names = short_ids(s.article_ids or list(article_ids))
    for d in s.discrepancies:
        names.update(d.get("outlets", {}))
    names.update(outlet_names([Article(a["id"], "", title=a.get("title"), source=a.get("source")) for a in s.articles]))
    return names


def _article_line(article_id: str, name: str, about: dict[str, str]) -> str:
    """One entry of a Markdown summary's article list, as Markdown: the name its sentences cite it by (its
    title in full where that name is the title's first words), its outlet's title and date where it has them,
    its address as a link (an http(s) one), and its id where that is not the address.

    Example:
        >>> _article_line("003_2f75", "“Putin Makes a Rare Visit…”", {"title": "Putin Makes a Rare Visit to North Korea",
        ...               "published_at": "June 18, 2024"})
        '“Putin Makes a Rare Visit to North Korea”, June 18, 2024 (003_2f75)'
        >>> _article_line("001_b0df", "001", {})
        '001 (001_b0df)'
        >>> _article_line("https://x.org/1", "Wire “Putin lands in…”", {"title": "Putin lands in Pyongyang",
        ...               "url": "https://x.org/1"})
        'Wire “Putin lands in Pyongyang”, <https://x.org/1>'
        >>> _article_line("a-1", "“Same title” a-1", {"title": "Same title"})
        '“Same title” (a-1)'
    """
    title = f"“{about['title']}”" if "title" in about else ""
    name = name.removesuffix(" " + article_id)  # "“Same title” a-1": the id comes once, at the end
    cited = re.search(r"“([^“”]*?)…?”$", name)  # the title's first words the name ends with, if it does
    named = bool(title) and cited is not None and about["title"].startswith(cited.group(1))
    if named:  # "BBC “Yukos unit buyer faces loan…”" -> "BBC “Yukos unit buyer faces loan claim”"
        name = name[:cited.start()] + title
    url = about.get("url", "")
    link = f"<{url}>" if re.fullmatch(r"https?://[^\s<>]+", url) else md_text(url)
    parts = [md_text(name), "" if named else md_text(title),
             md_text(about.get("published_at", "")), link]
    return ", ".join(p for p in parts if p) + (f" ({md_text(article_id)})" if article_id not in (name, url) else "")


def _sentence_texts(s: Summary, annotate: bool, short: dict[str, str] | None = None) -> list[str]:
    """Each sentence's text with its discrepancy notes; ``short``: the articles' citation names, when the
    caller has them (``cited_names``)."""
    short = short if short is not None else cited_names(s, [a for sent in s.sentences for a in sent.sources])
    out = []
    for sent in s.sentences:
        notes = [annotation(m, short) for m in sent.discrepancies] if annotate else []
        out.append(" ".join([sent.text] + notes))
    return out


def _plain(s: Summary, annotate: bool) -> str:
    text = " ".join(_sentence_texts(s, annotate)) if s.sentences else s.text
    diff = differences(s)
    return text + "\n" + ("\nWhere the sources differ:\n" + "".join(f"- {line}\n" for line in diff) if diff else "")


def _markdown(s: Summary, annotate: bool = True) -> str:
    lines = [f"# Summary of {md_text(_title(s))}", ""]
    short = cited_names(s, [a for sent in s.sentences for a in sent.sources])
    for i, (sent, text) in enumerate(zip(s.sentences, _sentence_texts(s, annotate, short)), start=1):
        refs = ", ".join(sent.sources)
        lines.append(f"{md_text(text)} [{i}]")
        lines.append(f"  <!-- sources: {_comment(refs)} -->")
    diff = differences(s)
    if diff:
        lines += ["", "**Where the sources differ**", ""] + [f"- {md_text(line)}" for line in diff]
    lines += ["", "**Sources**", ""]
    lines += [f"{i}. {md_text(', '.join(short.get(a, a) for a in sent.sources))}"
              for i, sent in enumerate(s.sentences, start=1)]
    if s.article_ids:
        about = {a["id"]: a for a in s.articles}
        unused = {d["id"]: f" — not used: {d['reason']}" for d in s.dropped}
        lines += ["", "**Articles**", ""] + [f"- {_article_line(a, short.get(a, a), about.get(a, {}))}"
                                             f"{md_text(unused.get(a, ''))}" for a in s.article_ids]
    note = f"method: {s.run.method}" + (f", model: {s.run.model}" if s.run.model else "")
    if s.run.fallback_reason:
        note += f" (fallback: {s.run.fallback_reason})"
    lines += ["", f"_{md_text(note)}_", "", ""]
    return "\n".join(lines)
