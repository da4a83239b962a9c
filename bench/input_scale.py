"""Input size: time per article against its size, and a directory of many small files.

- single-paragraph documents of 100 KB, 400 KB and 1.6 MB through ``summarize run`` (lead, and extractive
  with TF-IDF vectors: no model start-up in the timings), the fitted exponent of time against size
  (1 = linear); and pysbd on the whole paragraph (what sentence splitting did before it cut long
  paragraphs into windows) at 50 and 100 KB, interleaved with our splitter on the same text;
- a directory of 5,000 small article files through ``summarize run`` as a user runs it (a subprocess:
  start-up included), wall time and peak memory.

    python bench/input_scale.py                  # bench/results/input_scale.json
    python bench/input_scale.py --files 1000 --sizes 100 400
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import ROOT, write_result  # noqa: E402

WORDS = ("the council approved a new budget on monday after officials said that talks would continue next week in "
         "the capital while the opposition asked for more time to study the plan and its costs").split()


def paragraph(n_chars: int, seed: int = 0) -> str:
    """One paragraph of ``n_chars`` characters of plausible sentences (8-25 words each)."""
    rng = random.Random(seed)
    out, size = [], 0
    while size < n_chars:
        s = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize() + "."
        out.append(s)
        size += len(s) + 1
    return " ".join(out)


def fit_exponent(sizes: list[float], times: list[float]) -> float:
    """Least-squares slope of log(time) on log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def per_article(sizes_kb: list[int], tmp: Path) -> dict:
    import warnings

    from summarize.config import load_config
    from summarize.pipeline import run
    from summarize.text.sentences import _split_paragraph

    warm = tmp / "warm.txt"
    warm.write_text(paragraph(2000, seed=1))
    systems = {"lead": ["summarizer=lead", "attribution.embedder=tfidf"],
               "extractive-tfidf": ["summarizer=extractive", "extractive.embedder=tfidf", "attribution.embedder=tfidf"]}
    out: dict = {}
    for name, overrides in systems.items():
        config = load_config(overrides=overrides)
        rows = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "only one article": the point here
            run([str(warm)], config)  # imports and first calls: not timed
        for kb in sizes_kb:
            path = tmp / f"doc-{kb}kb.txt"
            path.write_text(paragraph(kb * 1000, seed=kb))
            _split_paragraph.cache_clear()  # each run pays for its own sentence splitting
            start = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                summaries, _ = run([str(path)], config)
            seconds = time.perf_counter() - start
            rows.append({"kb": kb, "seconds": round(seconds, 3), "seconds_per_mb": round(seconds / (kb / 1000), 3),
                         "summary_words": summaries[0].word_count})
            print(f"  {name:<17}{kb:>6} KB {seconds:8.2f} s", flush=True)
        out[name] = {"rows": rows, "exponent": round(fit_exponent([r["kb"] for r in rows], [r["seconds"] for r in rows]), 3)}
    return out


def splitter_vs_pysbd(sizes_kb: list[int]) -> list[dict]:
    """Our sentence splitter against pysbd on the whole paragraph, on the same text, interleaved."""
    from summarize.text.sentences import _split_paragraph, split_sentences

    rows = []
    for kb in sizes_kb:
        text = paragraph(kb * 1000, seed=100 + kb)
        t0 = time.perf_counter()
        ours = len(split_sentences(text))
        t1 = time.perf_counter()
        whole = len(_split_paragraph.__wrapped__(text))
        t2 = time.perf_counter()
        rows.append({"kb": kb, "ours_s": round(t1 - t0, 3), "pysbd_whole_paragraph_s": round(t2 - t1, 3),
                     "sentences_ours": ours, "sentences_pysbd": whole})
        print(f"  split {kb:>5} KB: ours {t1 - t0:6.2f} s, pysbd whole {t2 - t1:6.2f} s ({ours} / {whole} sentences)", flush=True)
    return rows


def many_files(n: int, tmp: Path) -> dict:
    folder = tmp / "many"
    folder.mkdir()
    for i in range(n):
        words = paragraph(450, seed=10_000 + i)
        (folder / f"{i:05d}.txt").write_text(f"Story {i}: {words}\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "summarize.cli", "run", str(folder), "--config",
                           str(ROOT / "configs" / "run" / "lead.yaml"), "-o", str(tmp / "many.txt"), "-q"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode:
        raise SystemExit(proc.stderr)
    row = {"files": n, "seconds": round(seconds, 2), "peak_rss_mib": round(max(peak, before) / 1024, 1),
           "command": f"summarize run DIR --config configs/run/lead.yaml -o many.txt ({n} files)"}
    print(f"  {n} files: {seconds:.1f} s, peak RSS {row['peak_rss_mib']} MiB", flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1600], help="document sizes in KB")
    ap.add_argument("--split-sizes", type=int, nargs="+", default=[50, 100])
    ap.add_argument("--files", type=int, default=5000)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        docs = per_article(args.sizes, tmp)
        split = splitter_vs_pysbd(args.split_sizes)
        files = many_files(args.files, tmp)
    print(f"\n{'system':<18}" + "".join(f"{kb:>9} KB" for kb in args.sizes) + "   exponent")
    for name, res in docs.items():
        print(f"{name:<18}" + "".join(f"{r['seconds']:>10.2f}s" for r in res["rows"]) + f"   {res['exponent']:.2f}")
    print(f"{args.files} small files: {files['seconds']} s, peak {files['peak_rss_mib']} MiB")
    path = write_result("input_scale", {"per_article": docs, "splitter_vs_pysbd": split, "many_files": files})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
