"""The pipeline: load -> clean -> (cluster) -> build input -> generate -> polish -> attribute -> write.

The only module that knows the order of the stages. Library functions return values and report
through ``warnings`` (``SummarizeWarning``); they never print or read argv.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from summarize import shards
from summarize.clean import LISTED, describe_dropped
from summarize.config import RunConfig
from summarize.errors import InputError, SummarizeWarning
from summarize.io.atomic import atomic_write_text, check_writable
from summarize.io.load import load_clusters
from summarize.io.render import format_for, render
from summarize.io.write import ResumableJsonl, input_key, made_by
from summarize.progress import reporting
from summarize.stages import (  # noqa: F401  (prepare, build_summarizer, FALLBACK_METHOD: this module's API too)
    FALLBACK_METHOD,
    WriteUp,
    build_summarizer,
    clean_stage,
    prepare,
)
from summarize.summarizers.base import Summarizer
from summarize.types import Article, Cluster, Summary

Progress = Callable[[int, int], None]
ROUTINE = {  # a batch counts these notes (patterns of their messages), and how many each stands for
    r": dropped (?:article |(?P<n>\d+) articles )": "articles dropped by cleaning",
    r": only one article \(": "clusters left with one article (single-document summaries)"}


def summarize_clusters(
    clusters: Iterable[Cluster], config: RunConfig | None = None, *, summarizer: Summarizer | None = None,
    model: Any = None, tokenizer: Any = None, skip_empty: bool = False, tally: bool = False,
    in_window: Callable[[int], None] | None = None,
) -> Iterator[Summary]:
    """Clean, summarize and attribute clusters, yielding summaries in input order.

    Clusters go through in windows of ``generation.window``: the window is cleaned, the summarizer writes
    all of its drafts in one call (the abstractive engine batches them across clusters), and the
    attribution stage traces each draft. Warnings raised while a cluster is cleaned or attributed are
    re-emitted and kept in ``summary.run.warnings``. With ``skip_empty`` a cluster that cleaning empties
    yields an empty summary (and a warning) instead of stopping a batch. With ``tally`` (batches) the
    routine cleaning notes, a dropped article or a one-article cluster, are only kept in each summary and
    counted in one warning at the end. ``in_window(k)`` hears, while a window is being written, that ``k`` of its
    clusters are through the slowest stage (generation), before their summaries are yielded.

    Example:
        >>> from summarize.types import Article
        >>> c = Cluster("c", [Article("a", "Putin landed in Pyongyang on Wednesday. Kim met him at the airport.")])
        >>> next(summarize_clusters([c], RunConfig(summarizer="lead"))).text  # doctest: +SKIP
        'Putin landed in Pyongyang on Wednesday. Kim met him at the airport.'
    """
    config = config or RunConfig()
    writer = WriteUp(config, summarizer or build_summarizer(config, model, tokenizer))
    routine: Counter = Counter()  # with tally: kind of routine note -> how many were raised
    it = iter(clusters)
    while window := list(islice(it, config.generation.window)):
        with reporting(in_window):
            written = writer(clean_stage(window, config, skip_empty))
        for summary, caught in written:
            for w in caught:
                found = next((m for k in ROUTINE if (m := re.search(k, str(w.message)))), None) if tally else None
                if found:
                    routine[found.re.pattern] += int(found.groupdict().get("n") or 1)
                else:
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            yield summary
    if routine:
        warnings.warn("; ".join(f"{ROUTINE[k]}: {n}" for k, n in routine.items())
                      + " (each summary's 'warnings' names them)", SummarizeWarning, stacklevel=2)


def summarize(
    articles: Sequence[Article] | Cluster, config: RunConfig | None = None, *, model: Any = None, tokenizer: Any = None
) -> Summary:
    """One consolidated summary of ``articles`` (or of a ``Cluster``).

    Example:
        >>> import summarize as sm
        >>> arts = sm.load_articles(["examples/putin-north-korea"])  # doctest: +SKIP
        >>> print(sm.summarize(arts, sm.load_config(overrides=["summarizer=extractive"])).text)  # doctest: +SKIP
    """
    cluster = articles if isinstance(articles, Cluster) else Cluster(id="cluster", articles=list(articles))
    if not cluster.articles:
        raise InputError("summarize(): no articles given")
    return next(summarize_clusters([cluster], config, model=model, tokenizer=tokenizer))


def run(
    paths: Sequence[str | Path], config: RunConfig | None = None, *, output: str | Path | None = None,
    fmt: str | None = None, progress: Progress | None = None, model: Any = None, tokenizer: Any = None,
    restart: bool = False, processes: int = 1, shard: tuple[int, int] | None = None,
) -> tuple[list[Summary], str]:
    """Load, clean and summarize ``paths``; write ``output`` atomically when given.

    Returns the summaries and the rendered text. A JSONL output is resumable: clusters already in
    ``OUTPUT.partial`` from an interrupted run of the same config, code and checkpoint are not redone (a
    partial file made otherwise is refused unless ``restart``). ``processes=N`` splits a JSONL batch across N processes
    and merges their rows in input order (``shards.py``); under ``accelerate launch`` / ``torchrun``
    each process takes its rank's shard and rank 0 merges. Then the summaries are not returned (each
    process held only its own): read ``output``.

    Example:
        >>> summaries, text = run(["examples/putin-north-korea"], RunConfig(summarizer="extractive"))  # doctest: +SKIP
    """
    config = config or RunConfig()
    fmt = format_for(output, fmt)
    if output is not None:
        refuse_input_as_output(paths, output)
        check_writable(output)  # before the work, not after it
    launched = shard is None and processes == 1 and shards.from_launcher()
    if (processes > 1 or shard or launched) and (output is None or fmt != "jsonl"):
        raise InputError("several processes write a JSONL batch: give -o FILE.jsonl")
    if config.runner == "ray":
        if output is None or fmt != "jsonl":
            raise InputError("runner=ray writes a JSONL batch: give -o FILE.jsonl")
        if processes > 1 or model is not None or tokenizer is not None:
            raise InputError("runner=ray places the work itself: no -n, and the model by name (config.model)")
        from summarize.ray_runner import run_on_ray

        clusters = load_clusters(paths, config.load)
        if config.cluster.enabled:
            clusters = group_into_events(clusters, config)
        run_on_ray(clusters, config, output, restart=restart, progress=progress)
        return [], ""
    if processes > 1:
        if model is not None or tokenizer is not None:
            raise InputError("processes > 1 loads the model in each process: pass the model by name (config.model)")
        total = None if config.cluster.enabled else len(load_clusters(paths, config.load))
        shards.run_processes([str(p) for p in paths], config, output, processes, restart=restart, total=total,
                             progress=progress)
        return [], ""
    clusters = load_clusters(paths, config.load)
    if config.cluster.enabled:
        clusters = group_into_events(clusters, config)
    part = shard or launched
    if part:
        clusters = clusters[part[0]::part[1]]
    summarizer = build_summarizer(config, model, tokenizer)
    if output is not None and fmt == "jsonl":
        target = shards.shard_path(output, *part) if part else Path(output)
        summaries = _run_resumable(clusters, config, summarizer, target, progress, restart)
        if launched:
            _merge_when_all_done(output, launched)
            return [], ""
        return summaries, ""
    summaries: list[Summary] = []
    batch = len(clusters) > 1
    progress = _never_back(progress)
    if progress:
        progress(0, len(clusters))
    inside = (lambda k: progress(len(summaries) + k, len(clusters))) if progress else None
    for i, summary in enumerate(summarize_clusters(clusters, config, summarizer=summarizer, skip_empty=batch,
                                                   tally=batch, in_window=inside), start=1):
        summaries.append(summary)
        if progress:
            progress(i, len(clusters))
    text = render(summaries, fmt, annotate=config.readability.annotate_discrepancies)
    if output is not None:
        atomic_write_text(output, text)
    return summaries, text


def refuse_input_as_output(paths: Sequence[str | Path], output: str | Path) -> None:
    """An output that is one of the inputs (or inside an input folder) would destroy or feed back into it.

    Example:
        >>> refuse_input_as_output(["README.md"], "README.md")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        summarize.errors.InputError: -o README.md is one of the inputs (...README.md): writing it would destroy the input; choose another output
    """
    from summarize.io.paths import expand_glob

    out = Path(output).resolve()
    out_id = _file_id(out)
    for raw in paths:
        if str(raw) == "-" or str(raw).startswith("hf:"):
            continue
        path = Path(raw).resolve()
        globbed = [] if Path(raw).exists() or not any(ch in str(raw) for ch in "*?[") else expand_glob(str(raw))
        for found in [path, *globbed]:  # the files a glob reaches, and links (symbolic or hard) to them
            if found.resolve() == out or (out_id is not None and _file_id(found) == out_id):
                raise InputError(f"-o {output} is one of the inputs ({found}): writing it would destroy the input; "
                                 f"choose another output")
        if path.is_dir() and path in out.parents:
            raise InputError(f"-o {output} is inside the input folder {raw}: the next run would read it as an "
                             f"article; write it elsewhere")


def _file_id(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file: the same for every name of it (hard links, symbolic links)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _merge_when_all_done(output: str | Path, launched: tuple[int, int]) -> None:
    """Under a launcher: wait for every rank, then rank 0 merges the shards."""
    from accelerate import PartialState

    PartialState().wait_for_everyone()
    if launched[0] == 0:
        shards.merge(output, launched[1])


def group_into_events(clusters: Sequence[Cluster], config: RunConfig) -> list[Cluster]:
    """All loaded articles regrouped into events; rejected articles are named in a warning."""
    from summarize.cluster import cluster_articles, too_short_advice
    from summarize.cluster.features import run_embedder

    articles = [a for c in clusters for a in c.articles]
    result = cluster_articles(articles, config.cluster, config.clean, embedder=run_embedder(config))
    if len(result.rejected) <= LISTED:
        for item in result.rejected:
            warnings.warn(f"article {item['id']} not clustered: {item['reason']}", SummarizeWarning, stacklevel=3)
    else:  # a big pile: one line, by reason
        warnings.warn(f"{len(result.rejected)} articles not clustered {describe_dropped(result.rejected, LISTED)}",
                      SummarizeWarning, stacklevel=3)
    if advice := too_short_advice(result.rejected, len(articles), config.cluster):
        warnings.warn(advice, SummarizeWarning, stacklevel=3)
    if not result.clusters:
        raise InputError("clustering left no article: every article was rejected (see the warnings)")
    singles = [c.id for c in result.clusters if len(c.articles) == 1]
    if singles:
        warnings.warn(f"{len(singles)} of {len(result.clusters)} events have a single article; their summaries are "
                      f"single-document ({', '.join(singles[:LISTED])}{', ...' if len(singles) > LISTED else ''})",
                      SummarizeWarning, stacklevel=3)
    return result.clusters


def _never_back(progress: Progress | None) -> Progress | None:
    """``progress`` that never reports fewer clusters than before (a window's summaries arrive after its
    generation has already moved the count on)."""
    if progress is None:
        return None
    high = [0]

    def report(done: int, total: int) -> None:
        high[0] = max(high[0], done)
        progress(high[0], total)

    return report


def _run_resumable(
    clusters: list[Cluster], config: RunConfig, summarizer: Summarizer, output: Path, progress: Progress | None,
    restart: bool = False,
) -> list[Summary]:
    sink = ResumableJsonl(output, made_by(config, getattr(summarizer, "model_hash", None)), restart=restart,
                          inputs={c.id: input_key(c) for c in clusters})
    if sink.finished:
        what = "its one cluster" if len(clusters) == 1 else f"all {len(clusters)} clusters"
        warnings.warn(f"{output} already holds this config's summaries of {what}: nothing was redone (--restart "
                      f"redoes them)", SummarizeWarning, stacklevel=3)
        if progress:
            progress(len(clusters), len(clusters))
        return []
    if note := sink.outdated():
        warnings.warn(note, SummarizeWarning, stacklevel=3)
    done = sink.done_ids()
    todo = [c for c in clusters if c.id not in done]
    if done:
        warnings.warn(f"{output}: resuming, {len(clusters) - len(todo)} of {len(clusters)} clusters already done",
                      SummarizeWarning, stacklevel=3)
    summaries: list[Summary] = []
    before = len(clusters) - len(todo)
    progress = _never_back(progress)
    if progress:
        progress(before, len(clusters))
    inside = (lambda k: progress(before + len(summaries) + k, len(clusters))) if progress else None
    for i, summary in enumerate(summarize_clusters(todo, config, summarizer=summarizer, skip_empty=True,
                                                   tally=len(clusters) > 1, in_window=inside), start=1):
        sink.append(summary.to_dict())
        summaries.append(summary)
        if progress:
            progress(before + i, len(clusters))
    sink.finish([c.id for c in clusters])
    return summaries
