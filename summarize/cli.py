"""The ``summarize`` command line: a thin Typer wrapper over the Python API.

Only this module prints, parses argv or sets exit codes.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from summarize.errors import SummarizeError, SummarizeWarning

app = typer.Typer(
    help="Multi-document news summarization: clean, summarize and trace every sentence to its sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

CONFIG_OPT = typer.Option(None, "--config", "-c", help="YAML config file (see configs/run/).", exists=False)
SET_OPT = typer.Option(
    None, "--set", "-s", metavar="KEY=VALUE",
    help="Override a config key, e.g. --set summarizer=extractive --set model=PATH --set generation.num_beams=2.",
)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    label = "warning" if issubclass(category, SummarizeWarning) else category.__name__
    err.print(f"[yellow]{label}:[/yellow] {escape(str(message))}", markup=True)


@contextlib.contextmanager
def _cli_errors() -> Iterator[None]:
    """Library errors become one red line and exit code 2; warnings print once, in yellow."""
    warnings.showwarning = _show_warning
    warnings.simplefilter("default")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    if not err.is_terminal:
        _no_library_progress_bars()
    try:
        yield
    except SummarizeError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", markup=True)
        raise typer.Exit(2) from None


def _no_library_progress_bars() -> None:
    """Silence the hub's and transformers' progress bars ("Loading weights: 100%") in logs and pipes."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # read when transformers is imported
    if "transformers" in sys.modules:  # already imported: tell it directly
        sys.modules["transformers"].utils.logging.disable_progress_bar()


@contextlib.contextmanager
def _progress(enabled: bool):
    """A rich progress bar on a terminal; nothing when stderr is piped or ``--quiet``."""
    if not (enabled and err.is_terminal):
        _no_library_progress_bars()
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task("summarizing", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command()
def run(
    paths: List[str] = typer.Argument(..., help="Files, directories, globs, '-' (stdin) or hf:DATASET[:SPLIT]."),
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


def plural(n: int, one: str, many: str | None = None) -> str:
    """``"1 summary"``, ``"2 summaries"``.

    Example:
        >>> plural(1, "article"), plural(3, "summary", "summaries")
        ('1 article', '3 summaries')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


@app.command()
def cluster(
    paths: List[str] = typer.Argument(..., help="Articles: files, directories, globs, JSONL/CSV, '-' or hf:DATASET."),
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
    from summarize.cluster.gold import load_gold
    from summarize.config import load_config
    from summarize.io import atomic_write_text, load_articles

    with _cli_errors():
        cfg = load_config(config, set_ or [])
        embedder, placed = None, contextlib.nullcontext()
        if cfg.runner == "ray":  # the embedding stage on a Ray actor pool
            from summarize import ray_runner

            embedder, placed = ray_runner.cluster_embedder(cfg), ray_runner.session(cfg)
        with placed:
            if state is None:
                result = cluster_articles(load_articles(paths, cfg.load), cfg.cluster, cfg.clean, embedder=embedder)
            else:
                from dataclasses import replace

                from summarize.cluster.stream import StreamClusterer

                stream, before, result = StreamClusterer.update(state, load_articles(paths, cfg.load),
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


@app.command()
def evaluate(
    predictions: Path = typer.Argument(..., help="JSONL of {id, summary} (e.g. `summarize run ... -o preds.jsonl`)."),
    references: Optional[Path] = typer.Option(None, "--references", "-r",
                                              help="JSONL with {id, summary} (shared schema) or {id, references}."),
    sources: Optional[List[str]] = typer.Option(None, "--sources", help="What the summaries were written from: "
                                                "a directory (one event), a shared-schema JSONL, files; default: the "
                                                "references' documents."),
    output: Path = typer.Option(Path("eval"), "--output", "-o", help="Directory for metrics.json, report.html, plots/."),
    unicode: bool = typer.Option(False, "--unicode", help="Keep non-ASCII words (rouge-score's tokenizer drops them)."),
    factuality: bool = typer.Option(True, "--factuality/--no-factuality", help="Check summaries against sources."),
    embedder: str = typer.Option("minilm", "--embedder", help="Sentence alignment: minilm, tfidf or a "
                                 "sentence-transformers model."),
    nli: Optional[str] = typer.Option(None, "--nli", help="NLI model name or path for SummaC-ZS scores "
                                      "(e.g. tals/albert-xlarge-vitaminc-mnli)."),
    report: bool = typer.Option(True, "--report/--no-report", help="Write report.html and plots/*.png."),
    cache_dir: str = typer.Option("~/.cache/summarize/embeddings", "--cache-dir",
                                  help="On-disk cache of source-sentence embeddings, so scoring another "
                                  "system on the same sources embeds nothing again; '' turns it off."),
) -> None:
    """Score predictions: ROUGE-1/2/L/Lsum against references (stemmed, bootstrap 95% intervals) and factual
    consistency against sources; write DIR/metrics.json and an HTML report."""
    from summarize.embed import CachedEmbedder, get_embedder
    from summarize.evaluation import (
        describe_predictions,
        read_prediction_file,
        read_references,
        read_sources,
        references_have_documents,
        write_metrics,
    )
    from summarize.evaluation import evaluate as run_eval

    with _cli_errors():
        if references is None and not sources:
            raise SummarizeError("give --references (ROUGE) and/or --sources (factual consistency)")
        summaries, sentences = read_prediction_file(predictions)  # a bad file fails before any slow work
        refs = read_references(references) if references else None
        srcs = None
        if factuality and sources:
            srcs = {k: v for k, v in read_sources(list(sources)).items() if v} or None
        elif factuality and references and references_have_documents(references):  # the shared schema's sources
            srcs = {k: v for k, v in read_sources([references]).items() if v} or None
        scorer = None
        if nli and srcs:
            from summarize.metrics.nli import NLIScorer

            scorer = NLIScorer(nli)
        aligner = None
        if srcs:
            aligner = get_embedder(embedder)
            if cache_dir and aligner.name != "tfidf":
                aligner = CachedEmbedder(aligner, os.path.expanduser(cache_dir))
        result = run_eval(summaries, refs, srcs, unicode=unicode, embedder=aligner, nli=scorer, sentences=sentences)
        result.about = {"predictions": str(predictions), "systems": describe_predictions(predictions),
                        "references": str(references) if references else None,
                        "sources": list(map(str, sources)) if sources else (str(references) if references else None),
                        "nli": nli}
        path = write_metrics(result, output)
        sys.stdout.write(f"{'metric':<18}{'mean':>8}{'95% CI':>18}   (n={len(result.per_example)})\n")
        for key, value in result.corpus.items():
            lo, hi = result.ci95[key]
            sys.stdout.write(f"{key:<18}{100 * value:8.2f}   [{100 * lo:6.2f}, {100 * hi:6.2f}]\n")
        if result.labels:
            sys.stdout.write("sentences: " + ", ".join(f"{v} {k}" for k, v in result.labels.items()) + "\n")
        err.print(f"wrote {path}")
        if report:
            from summarize.report import write_report

            err.print(f"wrote {write_report(result, output)}")


@app.command()
def conflicts(
    paths: List[str] = typer.Argument(..., help="The articles of one event (files, directory, JSONL, '-')."),
    config: Optional[Path] = CONFIG_OPT,
    set_: Optional[List[str]] = SET_OPT,
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the JSON here (default stdout)."),
) -> None:
    """List where the sources differ (figures, office holders), each side with its articles and context."""
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


TRAIN_SET_OPT = typer.Option(
    None, "--set", "-s", metavar="KEY=VALUE",
    help="Override a fine-tuning key, e.g. --set max_steps=100 --set learning_rate=3e-5 --set train_file=PATH "
         "--set output_dir=runs/x (all keys: summarize validate FILE).",
)


@app.command()
def train(
    config: Path = typer.Argument(..., help="Fine-tuning YAML (configs/train/<model>/<dataset>.yaml)."),
    set_: Optional[List[str]] = TRAIN_SET_OPT,
    accelerate_config: Optional[Path] = typer.Option(
        None, "--accelerate-config", help="Launch through `accelerate launch --config_file FILE` (configs/accelerate/)."
    ),
    num_processes: int = typer.Option(1, "--num-processes", "-n", help="Data-parallel processes (accelerate launch)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check the config and print the command; do not train."),
) -> None:
    """Fine-tune a seq2seq model with training/finetune.py: in this process, or through accelerate launch
    with --accelerate-config / --num-processes. The config is checked before anything starts."""
    import shlex
    import subprocess

    from summarize import recipes
    from summarize.train_config import load_train_config

    overrides = list(set_ or [])
    with _cli_errors():
        cfg = load_train_config(config, overrides)
        recipe = recipes.recipe_path()
        cmd = recipes.launch_command(config, overrides, accelerate_config, num_processes, recipe)
        shown = cmd or [sys.executable, str(recipe), *recipes.recipe_args(config, overrides)]
        problems = recipes.preflight(cfg, num_processes, accelerate_config)  # before any process starts
        if problems:
            for problem in problems:
                err.print(f"[red]{'would fail' if dry_run else 'error'}:[/red] {escape(problem)}", markup=True)
            if dry_run:
                err.print(f"command: {shlex.join(shown)}")
            raise typer.Exit(2)
        err.print(f"{'would run' if dry_run else 'running'}: {shlex.join(shown)}")
        if dry_run:
            return
        code = subprocess.call(cmd) if cmd else recipes.run_recipe(config, overrides, recipe)
    if code:
        raise typer.Exit(code)


@app.command()
def validate(
    config: Optional[Path] = typer.Argument(None, help="YAML config file; default: the built-in defaults."),
    set_: Optional[List[str]] = SET_OPT,
) -> None:
    """Check a config file (a run config, or a fine-tuning one: it has train_file) and print the resolved
    settings as YAML."""
    import yaml

    from summarize.config import RunConfig, check_names, read_yaml
    from summarize.config_schema import from_dict

    with _cli_errors():
        data, where = read_yaml(config, set_ or [])
        if "train_file" in data:
            from summarize.train_config import TrainConfig

            train = from_dict(TrainConfig, data, where=where)
            sys.stdout.write(yaml.safe_dump(train.to_dict(), sort_keys=False))
            err.print("fine-tuning config ok (launch: summarize train FILE)")
            return
        cfg = check_names(from_dict(RunConfig, data, where=where), where)
        sys.stdout.write(yaml.safe_dump(cfg.to_dict(), sort_keys=False))
        err.print(f"config ok (hash {cfg.hash()})")


@app.command("ls")
def list_components() -> None:
    """List the registered summarizers, generation engines and input builders."""
    import summarize.generation  # noqa: F401  (registration)
    import summarize.inputs  # noqa: F401
    import summarize.summarizers  # noqa: F401
    from summarize.registry import ENGINES, INPUT_BUILDERS, SUMMARIZERS

    for registry in (SUMMARIZERS, ENGINES, INPUT_BUILDERS):
        sys.stdout.write(f"{registry.kind}s:\n")
        for name, doc in registry.describe().items():
            sys.stdout.write(f"  {name:<16} {doc}\n")


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":
    main()
