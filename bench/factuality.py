"""FactCC-style corruption benchmark for the offline factual-consistency checker.

    python bench/factuality.py                       # Multi-News, NeuS and CNN/DM (FRANK), MiniLM
    python bench/factuality.py --embedder tfidf      # dependency-light alignment
    python bench/factuality.py --nli PATH            # also an NLI model (SummaC-ZS), if one is on disk

Each reference summary is corrupted once per type (entity, number, date, negation, pronoun; seeded by
example id) and both the original and the corrupted text are scored against the example's documents.
Which facts may be corrupted (SELECTIONS): ``grounded``, a fact stated by one of the three source
sentences its summary sentence is drawn from (FactCC corrupts claims taken from the source, so the
original is right by construction), and ``stated``, a fact some source sentence states anywhere (a
reference may state it where the sources do not, so the original is not always right there).
The checker's weights were chosen on the first TUNING_ROWS rows of Multi-News and NeuS; the rows after
them, and every row of CNN/DM (FRANK's 250 test articles with their highlights, PTB-detokenised; another
corpus, never tuned on), are reported separately as held out. Reported per type: how
often the original scores strictly higher (ties count as misses, and are reported), and how many
examples had nothing to corrupt.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED_DATA, read_jsonl, write_result  # noqa: E402

from summarize.clean import normalize_text  # noqa: E402
from summarize.embed import get_embedder  # noqa: E402
from summarize.embed_cache import CachedEmbedder  # noqa: E402
from summarize.metrics.corruptions import CORRUPTION_TYPES, CORRUPTIONS  # noqa: E402
from summarize.metrics.factuality import CANDIDATES, SourceIndex, check_summary  # noqa: E402
from summarize.text.facts import extract_facts  # noqa: E402
from summarize.types import Article  # noqa: E402

TUNING_ROWS = 150  # the checker's weights were chosen on the first 150 rows of the TUNED sets
DATASETS = {"multinews": "multinews_validation.jsonl", "neus": "neus_validation.jsonl", "cnndm": "frank_cnndm.jsonl"}
TUNED = {"multinews", "neus"}


def detokenize_ptb(text: str) -> str:
    """Undo the PTB tokenisation of the CNN/DM highlights in FRANK ("Locke 's first games ." ->
    "Locke's first games.", "-LRB- 3.7 miles -RRB-" -> "(3.7 miles)", "` gold digger '" -> "'gold digger'").

    Example:
        >>> detokenize_ptb("An extra £ 2,100 a year , says ` Prudential ' -LRB- UK -RRB- .")
        "An extra £2,100 a year, says 'Prudential' (UK)."
    """
    import re

    t = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("``", '"').replace("''", '"')
    t = re.sub(r"` (.*?) '(?=\s|$)", r"'\1'", t)
    t = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", t)
    t = re.sub(r"\( ", "(", t)
    t = re.sub(r" ([.,:;?!%)])", r"\1", t)
    t = re.sub(r"([$£€]) (?=\d)", r"\1", t)
    return re.sub(r'" (.*?) "', r'"\1"', t)


PREPARE = {"cnndm": detokenize_ptb}  # how a set's reference summaries are written back into plain text


def entity_pool(index: SourceIndex) -> list[str]:
    """Surface forms of the sources' entities (what an entity swap draws from): those written capitalised
    at least once away from the start of a sentence, so that capitalised sentence openers are left out."""
    import re

    pool = set()
    for s in index.sentences:
        for f in extract_facts(s.text):
            if f.kind == "entity" and re.search(rf"(?<=[\w,;] ){re.escape(f.text)}\b", s.text):
                pool.add(f.text)
    return sorted(pool)


SELECTIONS = {
    # FactCC corrupts claims taken from the source, so the fact is right where the claim is drawn from:
    # here, a fact stated by one of the three source sentences the summary sentence is drawn from.
    "grounded": lambda index: lambda fact, sentence: index.grounded(fact, sentence),
    # Looser: any fact some source sentence states, wherever (the reference may be weakly grounded there).
    "stated": lambda index: (
        lambda fact, sentence: index.checkable(fact) and any(index.holds(fact, j) for j in range(len(index.sentences)))
    ),
}


def run_dataset(name: str, rows: list[dict], embedder, nli=None, **options) -> dict:
    counts = {
        (sel, t): {"higher": 0, "tie": 0, "lower": 0, "skipped": 0} for sel in SELECTIONS for t in CORRUPTION_TYPES
    }
    nli_counts = {key: {"higher": 0, "n": 0} for key in counts}
    examples = []
    for position, row in enumerate(rows):
        articles = [Article(f"doc{k}", normalize_text(d)) for k, d in enumerate(row["documents"])]
        index = SourceIndex.build(articles, embedder, discrepancies=False)
        summary = PREPARE.get(name, str)(normalize_text(row["summary"]).lstrip("– ").strip())
        original = check_summary(summary, index, **options).score
        pool = entity_pool(index)
        sources = "\n".join(a.text for a in articles)
        rng_seed = zlib.crc32(row["id"].encode())
        for sel, make in SELECTIONS.items():
            for kind in CORRUPTION_TYPES:
                if sel != "grounded" and kind in ("negation", "pronoun"):
                    continue  # these two do not depend on the selection
                rng = random.Random(rng_seed + CORRUPTION_TYPES.index(kind))
                kwargs = {"pool": pool, "sources": sources} if kind == "entity" else {}
                corrupted = CORRUPTIONS[kind](summary, rng, supported=make(index), **kwargs)
                c = counts[(sel, kind)]
                if corrupted is None or corrupted == summary:
                    c["skipped"] += 1
                    continue
                score = check_summary(corrupted, index, **options).score
                outcome = "higher" if original > score else "tie" if original == score else "lower"
                c[outcome] += 1
                examples.append(
                    {
                        "id": row["id"],
                        "held_out": name not in TUNED or position >= TUNING_ROWS,
                        "selection": sel,
                        "type": kind,
                        "original": round(original, 6),
                        "corrupted": round(score, 6),
                        "outcome": outcome,
                    }
                )
                if nli is not None:
                    docs = [a.text for a in articles]
                    nli_counts[(sel, kind)]["n"] += 1
                    nli_counts[(sel, kind)]["higher"] += (
                        nli.score(docs, summary).score > nli.score(docs, corrupted).score
                    )
    table = {}
    for (sel, kind), c in counts.items():
        n = c["higher"] + c["tie"] + c["lower"]
        if n + c["skipped"] == 0:
            continue
        entry = {**c, "n": n, "original_higher": round(c["higher"] / n, 4) if n else None}
        if nli is not None and nli_counts[(sel, kind)]["n"]:
            entry["nli_original_higher"] = round(nli_counts[(sel, kind)]["higher"] / nli_counts[(sel, kind)]["n"], 4)
        table.setdefault(sel, {})[kind] = entry
    held_out = {}
    for e in examples:
        if e["held_out"]:
            c = held_out.setdefault(e["selection"], {}).setdefault(e["type"], {"higher": 0, "n": 0})
            c["higher"] += e["outcome"] == "higher"
            c["n"] += 1
    for per_type in held_out.values():
        for c in per_type.values():
            c["original_higher"] = round(c["higher"] / c["n"], 4)
    misses = [e for e in examples if e["outcome"] != "higher"][:30]
    return {
        "dataset": name,
        "examples": len(rows),
        "per_type": table,
        "held_out_per_type": held_out,
        "first_misses": misses,
    }


def _pool(results: list[dict], key: str) -> dict:
    """Per selection and type, the sets' ``key`` tables summed: higher, n and the share."""
    pooled: dict = {}
    for res in results:
        for sel, per_type in res[key].items():
            for kind, c in per_type.items():
                p = pooled.setdefault(sel, {}).setdefault(kind, {"higher": 0, "n": 0})
                p["higher"] += c["higher"]
                p["n"] += c["n"]
    for per_type in pooled.values():
        for c in per_type.values():
            c["original_higher"] = round(c["higher"] / c["n"], 4) if c["n"] else None
    return pooled


def _shares(per_type: dict) -> str:
    return "  ".join(f"{k} {c['original_higher']:.3f} (n={c['n']})" for k, c in per_type.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", nargs="+", default=list(DATASETS), choices=list(DATASETS))
    ap.add_argument("--embedder", default="minilm")
    ap.add_argument("--limit", type=int, default=None, help="first N examples of each set")
    ap.add_argument("--nli", default=None, help="NLI model name or path (SummaC-ZS), optional")
    ap.add_argument("--cache-dir", default=str(Path("bench") / ".cache" / "factuality"))
    ap.add_argument("--anchor-candidates", type=int, default=CANDIDATES,
                    help="source sentences that may be a summary sentence's anchor (1: the checker before)")
    ap.add_argument("--name", default="factuality", help="results file name (bench/results/NAME.json)")
    args = ap.parse_args()

    embedder = get_embedder(args.embedder)
    if args.embedder != "tfidf":
        embedder = CachedEmbedder(embedder, args.cache_dir)
    nli = None
    if args.nli:
        from summarize.metrics.nli import NLIScorer

        nli = NLIScorer(args.nli)
    results, t0 = [], time.time()
    for name in args.datasets:
        rows = read_jsonl(SHARED_DATA / DATASETS[name])[: args.limit]
        results.append(run_dataset(name, rows, embedder, nli, anchor_candidates=args.anchor_candidates))
    seconds = round(time.time() - t0, 1)

    print(f"{'dataset':<10}{'facts':<10}{'type':<10}{'n':>5}{'orig>corr':>11}{'ties':>6}{'lower':>7}{'skipped':>9}")
    for res in results:
        for sel, per_type in res["per_type"].items():
            for kind, c in per_type.items():
                share = "-" if c["original_higher"] is None else f"{c['original_higher']:.3f}"
                print(
                    f"{res['dataset']:<10}{sel:<10}{kind:<10}{c['n']:>5}{share:>11}{c['tie']:>6}{c['lower']:>7}"
                    f"{c['skipped']:>9}"
                )
    pooled, held_out = _pool(results, "per_type"), _pool(results, "held_out_per_type")
    print("pooled over the sets:")
    for sel, per_type in pooled.items():
        print(f"  {sel:<10}" + _shares(per_type))
    print("held out (rows the checker's weights were not chosen on):")
    for res in results:
        for sel, per_type in res["held_out_per_type"].items():
            print(f"  {res['dataset']:<10}{sel:<10}" + _shares(per_type))
    for sel, per_type in held_out.items():
        print(f"  {'all':<10}{sel:<10}" + _shares(per_type))
    path = write_result(
        args.name,
        {
            "embedder": args.embedder,
            "anchor_candidates": args.anchor_candidates,
            "nli": args.nli,
            "seconds": seconds,
            "pooled": pooled,
            "held_out_pooled": held_out,
            "results": results,
        },
    )
    print(f"{seconds} s; wrote {path}")


if __name__ == "__main__":
    main()
