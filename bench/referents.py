"""Whom a pronoun is rewritten to name, in two versions of the code, against hand labels.

    git worktree add /tmp/before a58f825
    python bench/referents.py --before-root /tmp/before        # 250 Multi-News clusters

The polish stage writes "He is being held in the Madison County Jail" as "<referent> is being held ..." where
the summary does not keep the sentence before it (``polish.references.referent``). A wrong referent puts a
fact on the wrong person, which ROUGE does not see. For every source sentence that opens with a pronoun
subject, or has one further in with no person before it ("Public opinion polls show him trailing":
``polish.pronouns``), each version (its own process, ``PYTHONPATH`` set to its checkout) gives the referent it
would write, or none (the pronoun is left as written, and extractive passes over such a sentence out of its
context). Where the two differ, the script lists both with the two sentences before it, and scores each
against the labels in ``bench/results/referents_labels.json`` (the author's reading of those sentences in
their articles: ``{key: {referent: "right"|"wrong"}}``); an unlabelled referent counts as "unread".
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import RESULTS, on_both, run_at, two_versions_parser, write_result  # noqa: E402

CHILD = r'''
import json, sys, warnings
warnings.simplefilter("ignore")
from summarize.clean import clean_cluster
try:
    from summarize.polish.people import NameTable, pronoun_subject
except ImportError:  # the code before polish.people
    from summarize.polish.references import NameTable, pronoun_subject
from summarize.polish.references import referent
try:  # a pronoun further in with no person before it ("Public opinion polls show him trailing")
    from summarize.polish.pronouns import unanchored
    from summarize.polish.references import stands_for
except ImportError:  # the code before polish.pronouns: such a pronoun was left as written
    unanchored = None
from summarize.provenance import source_sentences
from summarize.types import Article, Cluster
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    cluster = clean_cluster(Cluster(row["id"], [Article(f"{row['id']}:{i}", d) for i, d in enumerate(row["documents"]) if d]))
    sources = source_sentences(cluster)
    table = NameTable.learn([s.text for s in sources])
    by_article = {}
    for s in sources:
        by_article.setdefault(s.article_id, []).append(s.text)
    for article, sentences in by_article.items():
        for j, text in enumerate(sentences):
            m = pronoun_subject(text)
            if m:
                try:
                    who = referent(table, sentences[:j], m.group(1), text)
                except TypeError:  # the code before the sentence took part
                    try:
                        who = referent(table, sentences[:j], m.group(1))
                        who = None if who in table.people_in(text) else who  # as its callers then did
                    except TypeError:  # the code before the pronoun took part
                        who = referent(table, sentences[:j])
                out[f"{article}:{j}"] = [who, text, sentences[max(0, j - 2):j]]
            elif unanchored is not None and (m := unanchored(text, table)):
                out[f"{article}:{j}"] = [stands_for(table, sentences[:j], m, text), text, sentences[max(0, j - 2):j]]
json.dump(out, open(sys.argv[2], "w"))
'''


def referents(root: Path, data: Path) -> dict[str, list]:
    """``{sentence key: [referent or None, sentence, two sentences before]}`` as the code at ``root`` gives them."""
    return run_at(root, CHILD, str(data))


def verdict(labels: dict[str, dict[str, str]], key: str, who: str | None) -> str:
    """"right", "wrong", "none" (the pronoun left as written) or "unread" (no label for this referent)."""
    return "none" if who is None else labels.get(key, {}).get(who, "unread")


def main(argv: list[str] | None = None) -> int:
    ap = two_versions_parser(__doc__, "referents")
    ap.add_argument("--labels", type=Path, default=RESULTS / "referents_labels.json")
    args = ap.parse_args(argv)
    rows, before, after, commit = on_both(args, referents)
    labels = json.loads(args.labels.read_text()) if args.labels.is_file() else {}
    had = sum(1 for v in before.values() if v[0])
    # the same sentence of the same article, where a change to the splitter moved its index; one the older code
    # did not read as a pronoun opener had no referent there
    by_text = {(k.rsplit(":", 1)[0], v[1]): v for k, v in before.items()}
    before = {k: by_text.get((k.rsplit(":", 1)[0], v[1]), [None, v[1], v[2]]) for k, v in after.items()}
    changed = [k for k in after if before[k][0] != after[k][0]]
    tally = {side: Counter(verdict(labels, k, got[k][0]) for k in changed) for side, got in (("before", before),
                                                                                           ("after", after))}
    print(f"{args.data}: {len(rows)} clusters, {len(after)} sentences with a pronoun to resolve; "
          f"before = {args.before_root} ({commit or '?'})")
    print(f"with a referent: before {had}, after {sum(1 for v in after.values() if v[0])};"
          f" changed: {len(changed)}")
    print(f"{'referent':<10}{'before':>8}{'after':>8}")
    for kind in ("right", "wrong", "none", "unread"):
        print(f"{kind:<10}{tally['before'][kind]:>8}{tally['after'][kind]:>8}")
    items = [{"key": k, "sentence": after[k][1], "before_it": after[k][2], "before": before[k][0],
              "after": after[k][0], "verdicts": [verdict(labels, k, before[k][0]), verdict(labels, k, after[k][0])]}
             for k in changed]
    path = write_result(args.name, {"data": args.data, "offset": args.offset, "clusters": len(rows),
                                    "before_commit": commit,
                                    "summary": {"pronoun_sentences": len(after), "changed": len(changed),
                                                "before": dict(tally["before"]), "after": dict(tally["after"])},
                                    "changed": items})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
