"""Sentences a reader sees are broken, counted in the default summaries of two versions of the code.

    git worktree add /tmp/before 668bd9e
    python bench/summary_faults.py --before-root /tmp/before            # 250 Multi-News clusters, extractive
    python bench/summary_faults.py --before-root /tmp/before --summarizer lead --limit 50

Each version runs ``summarize.pipeline.run`` in its own process (``PYTHONPATH`` set to its checkout) on the
same clusters with its default config, and this script counts, with its own patterns (written apart from
the cleaner's and the summarizers' rules):

- pieces that open with a lower-case word (the rest of a sentence a line break or a missed split cut);
- lead-ins that end with a colon ("Here are a few comments:"), announcing what the summary does not carry;
- sentences with a raw URL;
- photo credits and captions ("| Mark Wilson/Getty Images ...", the BBC's "Image caption ...", "... in this
  March 24, 2014 handout photo.", "... is pictured at ...");
- datelines left before the story ("(CNN)The US announced ...", "Washington (CNN) Vermont Sen. ...");
- sentences without closing punctuation (a full stop, question or exclamation mark, then any closing quotes
  or brackets): headlines, captions and list items, and prose that lost its full stop;
- questions (a summary reports; "Were you threatened?" is an interview's line);
- pieces of one or two words ("Yes.", "Wednesday.", "Poe said.");
- headlines in Title Case that have a full stop (every word of four letters or more capitalised);
- page notices (a copyright line, "Please turn on JavaScript.", "This post has been updated.", a newsletter box,
  "Paul Kane contributed to this report.", "Updated at 9:23 a.m. ...", a photo gallery's "Hide Caption 1 of 6");
- an odd number of double quotation marks ('"Make no mistake, COVID has not suddenly disappeared.'): a quote
  the summary opens and never closes, or a stray closing mark on the writer's words;
- two sentences fused without a space ("... to the media.Investigators said") and a space before a comma or
  a final full stop ("Double Down Dog , KFC");
- a label in capitals before a colon: a transcript's speaker ("PRESIDENT OBAMA: ...", "Q:", "A:"), a kicker
  ("UPDATE: ...");
- a sentence ending on a title where its article was cut ("New York Gov.");
- a sentence that trails off in an ellipsis ("... caused global sea ...");
- a sentence that opens with a mark: the rest of a cut sentence (", arrives for a news conference ..."), a
  bullet ("* He has seen ..."), a handle ("@unsulk: ...").
- the page's appeal to its reader ("Please sign up here.", "Thank you for registering!", "Click below to sign
  the Petition.", "... on this dedicated page.");
- the reader told what to do ("Read on for the backstage reactions ...", "Look at the way he's not ...");
- a quotation and nothing else ('"They were gone fast."'), whose speaker the summary may not give;
- a pronoun with no capitalised word before it but the first ("By the next afternoon his temperature ..."),
  and round brackets that do not pair ("2) Qua economics, ...");
- the writer's first person in a sentence that quotes no one ("Last month, I joined about 15,000 other
  cyclists", "Recode reached out to HQ and Kroll with our reporting"): whose "I" or "we", the summary cannot say;
- a step of a sequence or a conclusion ("Then came the sharpness ...", "Second, stock markets ...", "So when it
  comes to ...") or a numbered list's item ("2. A close-up photograph ..."), which ties the sentence to ones
  before it in its article;
- a phrase before the subject that points back ("Without it, much of an agenda ...", "Despite this, ...");
- a pointer to what follows in its article ("Here are key Senate races to watch."), and a quotation said by
  "he" or "she" ('"Every day they're in court, I'm going to be there," she said.': counted wherever it stands,
  also right after the sentence that names the speaker, where it reads well).

and, apart from the patterns, ``document_first_line``: sentences that are a document's first line on its own
(NeuS writes each document as ``"<headline>.\n<article>"``: there, its headline). NeuS files of ten documents
or more have those lines made titles at load (``load.title_line: auto``); ``--set load.title_line=never`` runs
each article as a small input would be read, where only the cleaning stage's rules stand between an extract
and a headline.

Next to the counts, the ROUGE (F1 x 100, stemmed) of each version's summaries against the references, so
that a rule that removes faults is seen not to cost content, and every sentence one version's summaries have
and the other's do not (``changed``), to be read; bench/extractive.py compares summarizers.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import on_both, run_at, two_versions_parser, write_result  # noqa: E402

FAULTS = {
    "opens_lower_case": re.compile(r"^[\"“‘'(]?[a-z][a-z'’-]*\b"),
    "ends_with_colon": re.compile(r":[\s\"'”’)\]]*$"),
    "raw_url": re.compile(r"https?://"),
    "credit_or_caption": re.compile(r"\bGetty\b|Image (?:caption|copyright)|Media caption|^\||/(?:AP|AFP|Reuters)\b"
                                   r"|\b[Ii]n this\b.{0,40}\b(?:photo|image|picture)|\bpictured\b"
                                   r"|\b[Ff]ile (?:photo|image|picture)\b|Full Screen Autoplay"),
    "dateline": re.compile(r"^[A-Z][\w ,.]{0,30}\((?:CNN|AP|Reuters|AFP)\)|^\((?:CNN|AP|Reuters|AFP)\)"),
    "no_closing_punctuation": re.compile(r"^(?!.*[.!?…][\"”’')\]]*$)"),
    "question": re.compile(r"\?[\"”’')\]]*$"),
    "one_or_two_words": re.compile(r"^\W*\w+(?:\W+\w+)?\W*$"),
    # every word of four letters or more capitalised, three of them or more: "Trudeau Clings To Power With
    # Minority Government." (NeuS gives each headline a full stop), "Subs Not Used: Orr, Brown."
    "headline_case": re.compile(r"^(?!.*(?:^|\s)[\"“‘'(]?[a-z][\w'’-]{3,})(?=(?:.*?\b[A-Z][\w'’-]{3,}){3})"),
    "page_notice": re.compile(r"all rights reserved|javascript|has been updated|unsubscribe|^original article on"
                              r"|contributed to this (?:report|story|article)|^\W*updated at \d|submitting this form"
                              r"|hide caption", re.IGNORECASE),
    "odd_quote_marks": re.compile(r'^[^"“”]*(?:["“”][^"“”]*["“”][^"“”]*)*["“”][^"“”]*$'),
    # "... to the media.Investigators said", "Double Down Dog , KFC", "an hour ."
    "fused_or_loose_marks": re.compile(r"[a-z]{3}[.!?][\"”]?[A-Z][a-z]|\w ,\s|\w \.$"),
    # a speaker or kicker label in capitals: "PRESIDENT OBAMA: Great to be here.", "A: Relax.", "UPDATE: ..."
    "capitals_label": re.compile(r"^\W?(?:[A-Z]{2,}\.?|[QA])(?:[ .'’-]+[A-Z]+)*\.?:\s"),
    # the article cut after a title: "New York Gov.", "... from Gov."
    "ends_on_a_title": re.compile(r"\b(?:Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Mr|Mrs|Ms|Dr|Prof)\.\W*$"),
    # a teaser cut short or speech left unfinished: "... caused global sea ...", "... read out the…"
    "trails_off": re.compile(r"(?:\.\s?\.\s?\.|…)\W*$"),
    # a piece or a list item: ", arrives for a news conference ...", "* He has seen ...", "• In Montana, ..."
    "opens_with_a_mark": re.compile(r"^[,;:.?!*•·@#©|…’—–\-\x80-\x9f]"),
    # the writer's own first person in a sentence that quotes no one: "Last month, I joined ...", "... with our
    # reporting", "We're told ..." (sentences with any double quotation mark are not counted)
    # the page asking, thanking or instructing its reader: "Please sign up here.", "Thank you for registering!",
    # "Click below to sign the Petition.", "... on this dedicated page.", "Please check your email ..."
    "appeal_to_reader": re.compile(r"^(?!.*[\"“”])(?=(?:[\w ]+,\s*)?(?:please|thank you|thanks for|click)\b"
                                   r"|.*\b(?:this (?:[\w-]+ ){0,2}page|your (?:e-?mail|account|signature))\b"
                                   r"|.*\b(?:read|find|download|sign up)\b.{0,60}\bhere\.$"
                                   # the outlet's app offered: "Download the Us Weekly iPhone app now!"
                                   r"|.*\bapps? (?:for|in your) (?:iphone|android|app store)"
                                   r"|.*\bdelivered (?:straight )?to your\b"
                                   r"|(?:or,? )?(?:download|get|keep up|stay up)\b.{0,40}\bapps?\b)",
                                   re.IGNORECASE),
    # an instruction to the reader: a verb in the imperative opening the sentence, then a lower-case word
    "tells_the_reader": re.compile(r"^(?:(?:Of course|So|Just|Now),? )?(?:[Rr]ead on|[Ll]ook at|[Ww]atch|[Cc]heck out|"
                                   r"[Ii]magine|[Rr]emember|[Dd]on['’]t|[Mm]ake sure|[Ll]et|[Tt]ake|[Gg]et|[Gg]o|[Tt]ry|"
                                   r"[Tt]hink|[Aa]sk|[Kk]eep|[Ff]orget|[Cc]onsider|[Ee]njoy|[Bb]e) [a-z]"),
    # a quotation and nothing else, whose speaker the summary may not give ('"They were gone fast."'); one that
    # follows the sentence naming its speaker reads well, and is counted too
    "quotation_alone": re.compile(r"^[\"“][^\"“”]+[.!?…][\"”]$"),
    # a pronoun in a sentence that quotes no one and opens with a function word, with no capitalised word
    # before it: whom it means, the sentence does not say ("By the next afternoon his temperature ...", "At
    # least that's what pageant officials are saying ... after she was crowned."); one after a noun for a person
    # ("The girl lost her hat.") is counted too, one after a capitalised first word ("Public opinion polls show
    # him ...", "Tom said he ...") is not
    "pronoun_before_a_name": re.compile(
        r"^(?!.*[\"“”])(?:The|A|An|In|On|At|By|For|From|With|After|Before|During|When|While|If|As|But|And|So|Then|"
        r"Now|Even|Some|Many|Most|One|It|That|This|There|Once|Since|Until|Though|Although|Despite|Over|Under|Last|"
        r"Next|Hard|Instead|Still|Yet|Both|All|No|Only|Just|Its|Their|Those|These|Such|Every|Each|Other|Another|"
        r"Why|How|What|Where)\b(?:\s+(?![A-Z])\S+)*?\s+(?:he|him|his|she|her)\b"),
    # a step of a sequence or a conclusion, tied to sentences the summary may not carry: "Then came the
    # sharpness ...", "Second, stock markets do not ...", "Later the prime minister's spokesman ...", "So when it
    # comes to ..." (not "So far", "So-called", "First Minister", "Second seed", "Then-President")
    "continues_a_sequence": re.compile(r"^[\"“]?(?:(?:Then|Finally|Lastly|Later|Thus|Hence|Therefore|Consequently)"
                                       r"[,\s]"
                                       r"|(?:First|Second|Secondly|Third|Thirdly|Next),"
                                       r"|So[,\s](?!\s*(?:far|much|many|long|few|too)\b)"
                                       r"|\d{1,2}[.)]\s)"),  # a numbered list's item: "2. A close-up photograph ..."
    # a pointer to what follows in its article, which the summary does not carry: "Here are key Senate races to
    # watch.", "Here's what you need to know." (not one that goes on after a colon or dash to say it)
    "points_ahead": re.compile(r"^(?:(?:And|But|So|Now),? )?(?:Here(?:'s|’s| is| are)|Below (?:is|are))\b"
                               r"(?!.*[:;—–])"),
    # a phrase before the subject that points back to the sentence before: "Without it, much of an agenda ...",
    # "Until that point, Dunford wrote, ...", "Despite this, the rate is still lower ..."
    "points_back": re.compile(r"^(?:Without|Despite|Until|Beyond|With|On top of|After|Because of|Thanks to|Apart from)"
                              r" (?:it,|them,|(?:this|that|these|those)(?! (?:week|year|month|summer|season)\b)[ ,])"),
    # a quotation's speaker given as "he" or "she" ('"...," she said.'): where the polish stage can name them, it
    # does; one right after the sentence naming its speaker reads well, and is counted too
    "said_by_a_pronoun": re.compile(r"[,?!…][\"”]\s+(?:he|she)\s+"
                                    r"(?:said|says|told|added|wrote|explained|continued)\b"),
    # round brackets that do not pair: a list item's "2) ...", a sentence cut inside "(D-Md."
    "unpaired_brackets": re.compile(r"^[^(]*\)|\([^)]*$"),
    "first_person_unquoted": re.compile(r"^(?!.*[\"“”])(?=.*(?:\bI(?:\s+[a-z]|['’][a-z])|\b(?:me|my|we|us|our)\b"
                                        r"|^(?:My|We|Our)\b))"),
}

CHILD = r'''
import json, sys, warnings
warnings.simplefilter("ignore")
from summarize.config import load_config
from summarize.pipeline import run
summaries, _ = run([sys.argv[1]], load_config(None, [f"summarizer={sys.argv[2]}"] + json.loads(sys.argv[3])))
json.dump([[s.cluster_id, [t.text for t in s.sentences]] for s in summaries], open(sys.argv[4], "w"))
'''


def summaries(root: Path, data: Path, summarizer: str, overrides: list[str] = ()) -> list[tuple[str, list[str]]]:
    """The summaries the code at ``root`` writes for ``data`` (its own process, its own imports), with the
    default config and ``overrides`` (``key=value``, as ``--set`` takes them)."""
    return [(cid, texts) for cid, texts in run_at(root, CHILD, str(data), summarizer, json.dumps(list(overrides)))]


def faults(rows: list[tuple[str, list[str]]]) -> dict[str, list[list[str]]]:
    return {name: [[cid, t] for cid, texts in rows for t in texts if pattern.search(t)]
            for name, pattern in FAULTS.items()}


def rouge(rows: list[tuple[str, list[str]]], references: dict[str, str]) -> dict[str, float]:
    """Mean ROUGE-1/2/Lsum F1 (x 100) of the summaries against their references, and their mean length."""
    from summarize.metrics.rouge import corpus_rouge
    from summarize.text.sentences import count_words

    scored = corpus_rouge([" ".join(texts) for _, texts in rows], [references[cid] for cid, _ in rows])
    out = {k: round(100 * sum(v) / len(v), 2) for k, v in scored.items() if k in ("rouge1", "rouge2", "rougeLsum")}
    out["sentences"] = sum(len(t) for _, t in rows)
    out["words_mean"] = round(sum(count_words(" ".join(t)) for _, t in rows) / max(len(rows), 1), 1)
    return out


def opening_lines(rows: list[str]) -> dict[str, set[str]]:
    """Each cluster's documents' first lines, where a document has a line break after one (NeuS gives each
    document its headline so: ``"<headline>.\\n<article>"``), as word keys."""
    import re

    out: dict[str, set[str]] = {}
    for line in rows:
        row = json.loads(line)
        firsts = [d.split("\n", 1)[0] for d in row.get("documents", []) if isinstance(d, str) and "\n" in d.strip()]
        out[row["id"]] = {" ".join(re.findall(r"\w+", f.lower())) for f in firsts} - {""}
    return out


def opening_line_hits(made: list[tuple[str, list[str]]], firsts: dict[str, set[str]]) -> list[list[str]]:
    """The summary sentences that are a document's first line, alone (a headline, where the data is NeuS)."""
    import re

    return [[cid, t] for cid, texts in made for t in texts
            if " ".join(re.findall(r"\w+", t.lower())) in firsts.get(cid, set())]


def changed_sentences(before: list[tuple[str, list[str]]], after: list[tuple[str, list[str]]]) -> list[list[str]]:
    """``[cluster id, "-" or "+", sentence]`` for each sentence only the older (``-``) or only the newer (``+``)
    version's summary of a cluster has: what a change did, to be read."""
    newer = dict(after)
    out = []
    for cid, texts in before:
        out += [[cid, "-", t] for t in texts if t not in newer.get(cid, [])]
        out += [[cid, "+", t] for t in newer.get(cid, []) if t not in texts]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = two_versions_parser(__doc__, "summary_faults")
    ap.add_argument("--summarizer", default="extractive")
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                    help="a config override both versions run with (load.title_line=never: each article on its own)")
    args = ap.parse_args(argv)
    rows, *both, commit = on_both(args, lambda root, data: summaries(root, data, args.summarizer, args.overrides))
    made = dict(zip(("before", "after"), both))
    found = {label: faults(rows_) for label, rows_ in made.items()}
    firsts = opening_lines(rows)
    for label, rows_ in made.items():
        found[label]["document_first_line"] = opening_line_hits(rows_, firsts)
    references = {json.loads(r)["id"]: json.loads(r)["summary"] for r in rows}
    scores = {label: rouge(rows_, references) for label, rows_ in made.items()}
    print(f"{args.data}: {len(rows)} clusters, {args.summarizer} {' '.join(args.overrides)}; "
          f"before = {args.before_root} ({commit or '?'})")
    print(f"{'fault':<22}{'before':>8}{'after':>8}")
    for name in found["before"]:
        print(f"{name:<22}{len(found['before'][name]):>8}{len(found['after'][name]):>8}")
    for key in scores["before"]:
        print(f"{key:<22}{scores['before'][key]:>8}{scores['after'][key]:>8}")
    changed = changed_sentences(made["before"], made["after"])
    print(f"{'changed sentences':<22}{sum(1 for c in changed if c[1] == '-'):>8}{sum(1 for c in changed if c[1] == '+'):>8}")
    write_result(args.name, {
        "data": args.data, "offset": args.offset, "clusters": len(rows), "summarizer": args.summarizer,
        "overrides": args.overrides,
        "before_commit": commit,
        "patterns": {k: p.pattern for k, p in FAULTS.items()},
        "summary": {label: {k: len(v) for k, v in found[label].items()} | scores[label] for label in found},
        "hits": found,
        "changed": changed,
    })
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
