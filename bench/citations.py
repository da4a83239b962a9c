"""Precision of the articles a summary sentence cites, against hand labels (issue 29.3).

tests/fixtures/citation_labels.jsonl holds every citation beyond a sentence's own article that the extractive
summaries of the bundled example and Multi-News validation rows 200-214 made with cosine-only attribution
(85 pairs: the summary sentence, the cited article's best sentence, its cosine), each labelled by hand:
``supports`` when the cited sentence states a substantial part of the summary sentence's factual claim (an
opinion or a neighbouring fact of the same story does not). The attribution rule since then also asks for
``attribution.min_overlap`` content-stem Jaccard overlap; a citation it keeps is one of these pairs (the
article's best sentence is the same), so its precision is measured on the labels without relabelling.
The threshold is chosen on the dev half (the example and rows 200-205) and reported on the other half.

    python bench/citations.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import ROOT, write_result  # noqa: E402

LABELS = ROOT / "tests" / "fixtures" / "citation_labels.jsonl"
GRID = (0.0, 0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25)


def is_dev(cluster: str) -> bool:
    return cluster == "putin-north-korea" or cluster.rsplit("-", 1)[-1] in {str(i) for i in range(200, 206)}


def scores(rows: list[dict], threshold: float) -> dict:
    kept = [r for r in rows if r["overlap"] >= threshold]
    true = sum(r["supports"] for r in rows)
    hit = sum(r["supports"] for r in kept)
    return {"citations": len(kept), "precision": round(hit / max(len(kept), 1), 3), "recall": round(hit / max(true, 1), 3)}


def main() -> int:
    from summarize.config import AttributionConfig
    from summarize.text.lexicon import overlap

    rows = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines()]
    for r in rows:
        r["overlap"] = overlap(r["summary_sentence"], r["evidence"])
    parts = {"dev": [r for r in rows if is_dev(r["cluster"])], "held-out": [r for r in rows if not is_dev(r["cluster"])]}
    grid = {t: {name: scores(part, t) for name, part in parts.items()} for t in GRID}
    chosen = AttributionConfig().min_overlap
    print(f"{'min_overlap':>12}" + "".join(f"{name + ' P':>12}{name + ' R':>12}" for name in parts))
    for t, res in grid.items():
        mark = "  <- default" if t == chosen else ""
        print(f"{t:>12.2f}" + "".join(f"{res[n]['precision']:>12.3f}{res[n]['recall']:>12.3f}" for n in parts) + mark)
    before, after = {n: scores(p, 0.0) for n, p in parts.items()}, {n: scores(p, chosen) for n, p in parts.items()}
    print(f"held-out precision {before['held-out']['precision']:.3f} -> {after['held-out']['precision']:.3f} "
          f"(recall {after['held-out']['recall']:.3f}); dev {before['dev']['precision']:.3f} -> {after['dev']['precision']:.3f}")
    path = write_result("citations", {"labels": str(LABELS.relative_to(ROOT)), "pairs": len(rows),
                                      "supporting": sum(r["supports"] for r in rows), "default_min_overlap": chosen,
                                      "before": before, "after": after,
                                      "grid": {str(t): res for t, res in grid.items()}})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
