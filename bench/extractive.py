"""Extractive systems side by side on real multi-document news, in one process.

Every system gets the same word budget, the same pysbd sentences and the same selection rule
(sentences in the system's rank order while they fit the budget); ROUGE is rouge-score with the
stemmer, rougeLsum on newline-joined sentences. Peers see the raw documents; ours runs its own
pipeline (cleaning included), and the ablation ``ours (no cleaning)`` shows what cleaning adds.

    python bench/extractive.py                                  # Multi-News validation sample, 250 clusters
    python bench/extractive.py --data neus_validation.jsonl     # NeuS: 3 short excerpts per event
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED_DATA, read_jsonl, write_result  # noqa: E402

from summarize.clean import clean_cluster  # noqa: E402
from summarize.config import load_config  # noqa: E402
from summarize.metrics import ROUGE_TYPES, bootstrap_ci, corpus_rouge, paired_bootstrap  # noqa: E402
from summarize.polish import in_reading_order  # noqa: E402
from summarize.provenance import source_sentences  # noqa: E402
from summarize.summarizers.base import select_within_budget  # noqa: E402
from summarize.summarizers.extractive import ExtractiveSummarizer  # noqa: E402
from summarize.summarizers.lead import round_robin_order  # noqa: E402
from summarize.types import Cluster  # noqa: E402


def clusters_from(rows: list[dict]) -> list[Cluster]:
    """The clusters ``summarize run`` reads from these JSONL rows (its loader: ids ``<row id>:<i>``, the
    references, a NeuS file's headline lines made titles), not the documents as raw strings."""
    from summarize.config import LoadConfig
    from summarize.io.tables import rows_to_clusters

    return rows_to_clusters(enumerate(rows, start=1), LoadConfig(), where="rows", default_cluster="rows")[0]


def reference_text(summary: str) -> str:
    return re.sub(r"^[–-]\s*", "", summary.strip())  # Multi-News summaries open with an en dash


def pick(sentences: list[str], ranked: list[int], budget: int) -> str:
    """The shared selection rule; output in source order."""
    chosen = select_within_budget(ranked, [len(s.split()) for s in sentences], budget)
    return "\n".join(sentences[i] for i in sorted(chosen))


class PysbdTokenizer:
    """sumy tokenizer on pysbd sentences and NLTK's Treebank words (punkt is not downloadable)."""

    language = "english"
    _word = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$", re.UNICODE)

    def __init__(self) -> None:
        from nltk.tokenize import TreebankWordTokenizer

        self._words = TreebankWordTokenizer()

    def to_sentences(self, paragraph: str):
        from summarize.text.sentences import split_sentences

        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str):
        return tuple(w for w in self._words.tokenize(sentence) if self._word.match(w))


def sumy_ranking(kind: str, sentences: list[str]) -> list[int]:
    """Indices of ``sentences`` in sumy's rank order (best first)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tok = PysbdTokenizer()
    objs = [Sentence(s, tok) for s in sentences]
    doc = ObjectDocumentModel([Paragraph(objs)])
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    ranked: list = []
    summarizer(doc, lambda infos: ranked.extend(infos) or infos)
    index = {}
    for i, s in enumerate(sentences):
        index.setdefault(s, i)
    return [index[str(info.sentence)] for info in ranked]


def oracle_ranking(sentences: list[str], reference: str, budget: int) -> list[int]:
    """Greedy selection maximising ROUGE-1 + ROUGE-2 F1 (rouge-score's stemmed tokens): the ceiling."""
    from rouge_score.tokenizers import DefaultTokenizer

    tok = DefaultTokenizer(use_stemmer=True)
    ref = tok.tokenize(reference)
    ref_grams = [Counter(ref), Counter(zip(ref, ref[1:]))]
    sent_toks = [tok.tokenize(s) for s in sentences]
    lengths = [len(s.split()) for s in sentences]

    def score(tokens: list[str]) -> float:
        total = 0.0
        for n, rg in enumerate(ref_grams, start=1):
            grams = Counter(tokens) if n == 1 else Counter(zip(tokens, tokens[1:]))
            overlap = sum((grams & rg).values())
            if overlap:
                p, r = overlap / sum(grams.values()), overlap / sum(rg.values())
                total += 2 * p * r / (p + r)
        return total

    chosen: list[int] = []
    best, used = 0.0, 0
    while True:
        cand = [(score([t for j in sorted(chosen + [i]) for t in sent_toks[j]]), i)
                for i in range(len(sentences)) if i not in chosen and used + lengths[i] <= budget]
        if not cand:
            break
        value, i = max(cand)
        if value <= best:
            break
        chosen.append(i)
        best, used = value, used + lengths[i]
    return chosen


def run_systems(clusters: list[Cluster], budget: int, overrides: list[str]) -> tuple[dict[str, list[str]], dict[str, float]]:
    cfg = load_config(overrides=["summarizer=extractive", f"max_words={budget}", *overrides])
    ours = ExtractiveSummarizer(cfg)
    preds: dict[str, list[str]] = {k: [] for k in ("lead", "lexrank", "textrank", "ours (no cleaning)", "ours", "oracle")}
    seconds: dict[str, float] = Counter()
    for c in clusters:
        raw = [s.text for s in source_sentences(c)]
        docs = [s.doc_index for s in source_sentences(c)]
        ref = reference_text(c.reference or "")
        for name, fn in (
            ("lead", lambda: pick(raw, round_robin_order(docs), budget)),
            ("lexrank", lambda: pick(raw, sumy_ranking("lexrank", raw), budget)),
            ("textrank", lambda: pick(raw, sumy_ranking("textrank", raw), budget)),
            ("ours (no cleaning)", lambda: "\n".join(in_reading_order(ours.draft(c), c).sentences)),
            ("ours", lambda: "\n".join(in_reading_order(ours.draft(cleaned := clean_cluster(c, cfg.clean)),
                                                         cleaned).sentences)),
            ("oracle", lambda: pick(raw, oracle_ranking(raw, ref, budget), budget)),
        ):
            t0 = time.perf_counter()
            preds[name].append(fn())
            seconds[name] += time.perf_counter() - t0
    return preds, dict(seconds)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="multinews_validation.jsonl", help="file in ../shared/data")
    ap.add_argument("--budget", type=int, default=250, help="words per summary, every system")
    ap.add_argument("--limit", type=int, default=None, help="first N clusters only (smoke runs)")
    ap.add_argument("--set", dest="overrides", action="append", default=[], help="config override for ours")
    ap.add_argument("--name", default=None, help="results file name (default: extractive[_DATASET])")
    args = ap.parse_args(argv)

    import warnings

    warnings.simplefilter("ignore")
    rows = read_jsonl(SHARED_DATA / args.data)[: args.limit]
    clusters = clusters_from(rows)
    refs = [reference_text(c.reference or "") for c in clusters]
    t0 = time.time()
    preds, seconds = run_systems(clusters, args.budget, args.overrides)
    scores = {name: corpus_rouge(p, refs) for name, p in preds.items()}
    peers = ["lead", "lexrank", "textrank"]
    best_peer = max(peers, key=lambda n: np.mean(scores[n]["rouge1"]))
    table = {}
    for name, sc in scores.items():
        row = {}
        for k in ROUGE_TYPES:
            lo, hi = bootstrap_ci(sc[k])
            row[k] = {"mean": 100 * float(np.mean(sc[k])), "ci95": [100 * lo, 100 * hi]}
        row["seconds"] = round(seconds[name], 2)
        row["avg_words"] = float(np.mean([len(p.split()) for p in preds[name]]))
        table[name] = row
    comparison = {
        "best_peer": best_peer,
        **{f"delta_{k}": table["ours"][k]["mean"] - table[best_peer][k]["mean"] for k in ROUGE_TYPES},
        **{f"p_{k}": paired_bootstrap(scores["ours"][k], scores[best_peer][k]) for k in ROUGE_TYPES},
    }
    print(f"{args.data}: {len(clusters)} clusters, budget {args.budget} words, {time.time() - t0:.0f}s")
    print(f"{'system':<20}" + "".join(f"{k:>22}" for k in ROUGE_TYPES) + f"{'words':>8}{'sec':>8}")
    for name, row in table.items():
        cells = "".join(f"{row[k]['mean']:>8.2f} [{row[k]['ci95'][0]:5.2f},{row[k]['ci95'][1]:5.2f}]" for k in ROUGE_TYPES)
        print(f"{name:<20}{cells}{row['avg_words']:>8.0f}{row['seconds']:>8.1f}")
    print(f"ours vs best peer ({best_peer}): " + ", ".join(
        f"{k} {comparison['delta_' + k]:+.2f} (p={comparison['p_' + k]:.4f})" for k in ROUGE_TYPES))
    stem = Path(args.data).stem.replace("_validation", "")
    name = args.name or ("extractive" if stem == "multinews" else f"extractive_{stem}")
    path = write_result(name, {
        "data": args.data, "clusters": len(clusters), "budget_words": args.budget, "overrides": args.overrides,
        "rouge": "rouge-score, use_stemmer=True, rougeLsum on pysbd sentence lines, F1 x100, 95% bootstrap CI (1000)",
        "selection_rule": "sentences in each system's rank order while they fit the word budget",
        "systems": table, "ours_vs_best_peer": comparison,
    })
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
