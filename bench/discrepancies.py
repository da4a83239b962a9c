"""Where the sources differ in quantities, in two versions of the code, against hand labels.

    git worktree add /tmp/before 2e6b400
    python bench/discrepancies.py --before-root /tmp/before                                  # Multi-News 250
    python bench/discrepancies.py --before-root /tmp/before --data neus_validation.jsonl --limit 307
    python bench/discrepancies.py --before-root /tmp/before --data bbc_news_summary.jsonl --limit 1000 --events
    python bench/discrepancies.py --before-root /tmp/before --kind role      # offices' holders (also --kind date)

Every summary lists its cluster's discrepancies ("Where the sources differ") and marks a summary sentence
that states one side; a discrepancy between counts of different things ("3 gallons" of ethanol against
"13.3 billion gallons" produced) puts a false doubt in front of the reader. For each cluster (cleaned as
the pipeline cleans it; with ``--events``, the rows' first documents as loose articles grouped into events
by the pipeline's clustering, as ``configs/run/events.yaml`` runs them), each version (its own process,
``PYTHONPATH`` set to its checkout) lists its ``quantity`` discrepancies (``--kind role`` or ``date``: the
others); the script counts them, lists the ones only one version finds, and scores each against
``bench/results/discrepancy_labels.json`` (the author's reading of the sentences:
``{"cluster|unit|value|value...": "disagreement" | "different things"}``); an unlabelled one counts as "unread".
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
from summarize.config import load_config
from summarize.io import load_clusters
from summarize.stages import prepare
from summarize.text.conflicts import find_discrepancies
from summarize.types import Article, Cluster

data, events, kind, target = sys.argv[1], sys.argv[2] == "events", sys.argv[3], sys.argv[4]
config = load_config(overrides=["summarizer=lead", "embed_precision=fp32", f"cluster.enabled={str(events).lower()}"])
clusters = load_clusters([data])
if events:
    from summarize.pipeline import group_into_events
    loose = [Article(c.id, c.articles[0].text) for c in clusters]
    clusters = group_into_events([Cluster("loose", loose)], config)
out = {}
for cluster in clusters:
    if len(cluster.articles) < 2:
        continue
    cluster = prepare(cluster, config)
    for d in find_discrepancies(cluster.articles):
        if d.kind == kind:
            out["|".join([cluster.id, d.key, *(s.value for s in d.sides)])] = [
                [s.value, s.sentences[0][:200] if s.sentences else ""] for s in d.sides]
json.dump({"clusters": len(clusters), "found": out}, open(target, "w"))
'''


def discrepancies(events: bool, kind: str):
    def run(root: Path, data: Path) -> dict:
        """``{"clusters": n, "found": {key: [[value, first sentence], ...]}}`` as the code at ``root`` finds them."""
        return run_at(root, CHILD, str(data), "events" if events else "clusters", kind)
    return run


def main(argv: list[str] | None = None) -> int:
    ap = two_versions_parser(__doc__, "discrepancies")
    ap.add_argument("--events", action="store_true", help="the rows' first documents, grouped into events")
    ap.add_argument("--labels", type=Path, default=RESULTS / "discrepancy_labels.json")
    ap.add_argument("--kind", choices=["quantity", "role", "date"], default="quantity",
                    help="which discrepancies: counts (the default), offices' holders, days")
    args = ap.parse_args(argv)
    rows, before, after, commit = on_both(args, discrepancies(args.events, args.kind))
    labels = json.loads(args.labels.read_text()) if args.labels.is_file() else {}
    tally = {side: Counter(labels.get(k, "unread") for k in got["found"])
             for side, got in (("before", before), ("after", after))}
    print(f"{args.data}, {len(rows)} rows{' grouped into events' if args.events else ''}, {args.kind}; before = "
          f"{args.before_root} ({commit or '?'})")
    print(f"{'':<18}{'before':>8}{'after':>8}")
    print(f"{'clusters':<18}{before['clusters']:>8}{after['clusters']:>8}")
    print(f"{'discrepancies':<18}{len(before['found']):>8}{len(after['found']):>8}")
    for kind in ("disagreement", "different things", "unread"):
        print(f"  {kind:<16}{tally['before'][kind]:>8}{tally['after'][kind]:>8}")
    changed = [{"key": k, "in": side, "label": labels.get(k, "unread"), "sides": got["found"][k]}
               for side, got, other in (("before", before, after), ("after", after, before))
               for k in got["found"] if k not in other["found"]]
    for item in changed:
        print(f"only {item['in']:<7}{item['label']:<18}{item['key']}")
    path = write_result(args.name, {"data": args.data, "offset": args.offset, "rows": len(rows),
                                    "events": args.events, "kind": args.kind, "before_commit": commit,
                                    "summary": {side: {"clusters": got["clusters"], "discrepancies": len(got["found"]),
                                                       **tally[side]} for side, got in (("before", before),
                                                                                         ("after", after))},
                                    "changed": changed, "found": after["found"]})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
