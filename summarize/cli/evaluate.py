"""``summarize evaluate``: ROUGE and factual consistency, metrics.json and the report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from summarize.cli.common import _cli_errors, app, err
from summarize.errors import SummarizeError


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
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="The run's config: its load and clean "
                                          "sections read the sources as the run read them, its embed_precision "
                                          "embeds them (default: the defaults)."),
    set_: Optional[List[str]] = typer.Option(None, "--set", "-s", metavar="KEY=VALUE",
                                             help="The run's overrides (e.g. --set clean.furniture=[])."),
) -> None:
    """Score predictions: ROUGE against references, factual consistency against sources, an HTML report.

    ROUGE-1/2/L/Lsum are stemmed, with bootstrap 95% intervals; DIR/metrics.json holds every score."""
    from summarize.config import load_config
    from summarize.embed import get_embedder
    from summarize.embed_cache import cached
    from summarize.evaluation import (
        describe_predictions,
        other_inputs,
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
        run_config = load_config(config, set_ or [])
        summaries, sentences = read_prediction_file(predictions)  # a bad file fails before any slow work
        systems = describe_predictions(predictions)
        refs = read_references(references) if references else None
        srcs = None
        if factuality and sources:
            srcs = {k: v for k, v in read_sources(list(sources), config=run_config).items() if v} or None
        elif factuality and references and references_have_documents(references):  # the shared schema's sources
            srcs = {k: v for k, v in read_sources([references], config=run_config).items() if v} or None
        others = other_inputs(systems, run_config) if srcs else []
        if others:
            err.print(f"[yellow]warning:[/yellow] the predictions' runs read or cleaned their input otherwise (input "
                      f"hash {', '.join(others)}) than the sources are read here ({run_config.input_hash()}): pass "
                      f"that run's --config / --set so that the checks see the sources it saw", markup=True)
        scorer = None
        if nli and srcs:
            from summarize.metrics.nli import NLIScorer

            scorer = NLIScorer(nli)
        aligner = None
        if srcs:
            aligner = cached(get_embedder(embedder, run_config.embed_precision), cache_dir)
        result = run_eval(summaries, refs, srcs, unicode=unicode, embedder=aligner, nli=scorer, sentences=sentences)
        result.about = {"predictions": str(predictions), "systems": systems, "input_hash": run_config.input_hash(),
                        "references": str(references) if references else None,
                        "sources": list(map(str, sources)) if sources else (str(references) if references else None),
                        "nli": nli, "embed_precision": getattr(aligner, "precision", None)}
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
