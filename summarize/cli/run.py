"""``summarize run``, ``cluster`` and ``conflicts``: the pipeline's commands."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import List, Optional

import typer

from summarize.cli.common import CONFIG_OPT, SET_OPT, _cli_errors, _progress, app, err, plural


@app.command()
def run(
    paths: List[str] = typer.Argument(..., help="Files, directories, globs, RSS/Atom feeds, http(s) addresses, "
                                                "'-' (stdin) or hf:DATASET[:SPLIT]."),
    config: Optional[Path] = CONFIG_OPT,
    set_: Optional[List[str]] = SET_OPT,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here (.txt, .json, .jsonl, .md); default stdout."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="text | json | jsonl | md (default: from -o's suffix)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    num_processes: int = typer.Option(1, "--num-processes", "-n", min=1,
                                      help="Split a JSONL batch across N processes (one GPU each where there "
                                      "are GPUs); rows are merged in input order."),
    restart: bool = typer.Option(False, "--restart", help="Discard an interrupted run's OUT.partial and start over."),
    shard: Optional[str] = typer.Option(None, "--shard", hidden=True, help="K/N: run shard K of N (used by -n)."),
    engine: Optional[str] = typer.Option(
        None, "--engine", "--runner",
        help="What runs the batch: ray (a Ray Data pipeline; --set ray.address=... for a cluster, ray.workers=N) "
             "or the abstractive engine, hf | ctranslate2 (same as --set engine=...)."),
) -> None:
    """Summarize articles: one consolidated summary per cluster (a JSONL of clusters is a batch)."""
    from summarize.config import load_config
    from summarize.pipeline import run as run_pipeline
    from summarize.shards import parse_shard

    with _cli_errors():
        extra = [] if engine is None else (["runner=ray"] if engine == "ray" else ["runner=local", f"engine={engine}"])
        cfg = load_config(config, (set_ or []) + extra)
        part = parse_shard(shard) if shard else None
        try:
            with _progress(not quiet) as progress:
                summaries, text = run_pipeline(paths, cfg, output=output, fmt=fmt, progress=progress,
                                               restart=restart, processes=num_processes, shard=part)
        except KeyboardInterrupt:
            batch = output is not None and output.suffix.lower() == ".jsonl"
            err.print("interrupted: " + ("the finished summaries are kept; re-run the same command to resume"
                                         if batch else "nothing written"))
            raise typer.Exit(130) from None
        if output is None:
            sys.stdout.write(text)
        elif part is None:
            err.print(f"wrote {_count_rows(output, summaries)} to {output}")


def _count_rows(output: Path, summaries: list) -> str:
    """``"200 summaries"``: the rows the finished file holds (a resumed or sharded run returns only its own)."""
    n = len(summaries)
    if output.suffix.lower() == ".jsonl" and output.is_file():
        with open(output, "rb") as fh:
            n = sum(1 for _ in fh)
    return plural(n, "summary", "summaries")


@app.command()
def cluster(
    paths: List[str] = typer.Argument(..., help="Articles: files, directories, globs, JSONL/CSV, feeds, "
                                                "addresses, '-' or hf:DATASET."),
    config: Optional[Path] = CONFIG_OPT,
    set_: Optional[List[str]] = SET_OPT,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the clusters JSON here (default stdout)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold events (JSONL of {id, label}, a JSON {id: label} "
                                        "or the shared schema) to score against: B-cubed, ARI, NMI."),
    state: Optional[Path] = typer.Option(None, "--state", help="Online clustering state file: read if it exists, "
                                         "today's articles added to its clusters, written back (nightly jobs)."),
) -> None:
    """Group articles into events: {"clusters": [...], "rejected": [...]} (method and threshold in cluster.*)."""
    import json

    from summarize.cluster import cluster_articles, cluster_scores
    from summarize.cluster.features import run_embedder
    from summarize.cluster.gold import load_gold
    from summarize.config import load_config
    from summarize.io import atomic_write_text, load_articles

    with _cli_errors():
        cfg = load_config(config, set_ or [])
        embedder, placed = run_embedder(cfg), contextlib.nullcontext()
        if cfg.runner == "ray":  # the embedding stage on a Ray actor pool
            from summarize import ray_runner

            embedder, placed = ray_runner.cluster_embedder(cfg), ray_runner.session(cfg)
        with placed:
            articles = load_articles(paths, cfg.load)
            if state is None:
                result = cluster_articles(articles, cfg.cluster, cfg.clean, embedder=embedder)
            else:
                from dataclasses import replace

                from summarize.cluster.stream import StreamClusterer

                stream, before, result = StreamClusterer.update(state, articles,
                                                                replace(cfg.cluster, method="online"), cfg.clean,
                                                                embedder=embedder)
                err.print(f"state {state}: {before} -> {len(stream)} articles"
                          + (f", {result.skipped} already in it (skipped)" if result.skipped else ""))
        written = result.to_dict()
        if gold is not None:  # the scores go into the output too, not only to the terminal
            scores = cluster_scores(result.labels(), load_gold(gold))
            written["scores"] = {"gold": str(gold), **{k: round(float(v), 6) for k, v in scores.items()}}
            for key in ("bcubed_precision", "bcubed_recall", "bcubed_f1", "ari", "nmi"):
                err.print(f"{key:<18}{scores[key]:.4f}")
        text = json.dumps(written, ensure_ascii=False, indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            atomic_write_text(output, text)
            err.print(f"wrote {plural(len(result.clusters), 'cluster')} ({plural(len(result.rejected), 'article')} "
                      f"rejected) to {output}")
        ids = {a.id for a in articles}
        if mine := [r for r in result.rejected if r["id"] in ids]:  # this run's (a state keeps every run's)
            from summarize.clean import describe_dropped
            from summarize.cluster import too_short_advice

            err.print(f"rejected: {describe_dropped(mine)}")
            if advice := too_short_advice(mine, len(articles), cfg.cluster):
                err.print(f"note: {advice}")


@app.command()
def conflicts(
    paths: List[str] = typer.Argument(..., help="The articles of one event (files, directory, JSONL, '-')."),
    config: Optional[Path] = CONFIG_OPT,
    set_: Optional[List[str]] = SET_OPT,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the JSON here (default stdout)."),
) -> None:
    """List where the sources differ (figures, office holders, days), each side with its articles and context."""
    import json

    from summarize.clean import clean_cluster
    from summarize.config import load_config
    from summarize.io import load_clusters
    from summarize.text.conflicts import find_discrepancies

    with _cli_errors():
        cfg = load_config(config, set_ or [])
        out = []
        for cluster in load_clusters(paths, cfg.load):
            found = find_discrepancies(clean_cluster(cluster, cfg.clean).articles)
            out.append({"id": cluster.id, "discrepancies": [d.to_dict() for d in found]})
        text = json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False, indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            from summarize.io import atomic_write_text

            atomic_write_text(output, text)
            found = sum(len(o["discrepancies"]) for o in out)
            err.print(f"wrote {plural(found, 'discrepancy', 'discrepancies')} to {output}")
