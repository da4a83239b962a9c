"""Score-distribution plots (PNG, matplotlib's Agg backend: no display needed).

Example:
    >>> import tempfile
    >>> from summarize.evaluation import Evaluation
    >>> ev = Evaluation({"rouge1": 0.5}, {"rouge1": (0.4, 0.6)}, [{"id": "a", "rouge1": 0.4}, {"id": "b", "rouge1": 0.6}])
    >>> [p.name for p in write_plots(ev, tempfile.mkdtemp())]
    ['rouge1.png']
"""

from __future__ import annotations

from pathlib import Path

from summarize.errors import require
from summarize.metrics.catalog import METRICS

PLOTTED = tuple(k for k, m in METRICS.items() if m.plotted)  # from the metric catalog
LABEL_COLOURS = {"supported": "#2e7d32", "unsupported": "#f9a825", "conflicting": "#c62828"}
DOTS_BELOW = 40  # fewer examples than this: a dot per example, not a histogram
DOT_WIDTH = 0.02


def write_plots(evaluation, out_dir: str | Path) -> list[Path]:
    """One plot per corpus metric of its per-example scores, mean marked (under ``DOTS_BELOW`` examples a dot
    each, stacked in bins of ``DOT_WIDTH``; else a histogram) and, with factual checks, a bar chart of
    sentence labels; returns the PNG paths, written into ``out_dir/plots``."""
    matplotlib = require("matplotlib", "pip install matplotlib")
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    folder = Path(out_dir) / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for key in (k for k in PLOTTED if k in evaluation.corpus):
        values = [row[key] for row in evaluation.per_example if row.get(key) is not None]
        fig, ax = plt.subplots(figsize=(5, 3.2), dpi=100)
        low = min(0.0, min(values))
        if len(values) < DOTS_BELOW:  # each example a dot: five bins of 0.2 drew 12 scores of 0.98-1.0 as one bar
            dots = stacked(values)
            ax.scatter([x for x, _ in dots], [y for _, y in dots], s=28, color="#3f51b5", zorder=3)
            ax.set_ylim(0, max(y for _, y in dots) + 1)
            ax.yaxis.get_major_locator().set_params(integer=True)
        else:
            ax.hist(values, bins=min(40, max(10, len(values) // 5)), range=(low, 1.0), color="#3f51b5", edgecolor="white")
        ax.set_xlim(low - 0.02, 1.02)
        ax.axvline(evaluation.corpus[key], color="#c62828", linestyle="--", label=f"mean {evaluation.corpus[key]:.3f}")
        ax.set_title(f"{key} (n={len(values)})")
        ax.set_xlabel("score")
        ax.set_ylabel("examples")
        ax.legend(loc="best", fontsize=8)  # where it covers the fewest points or bars
        fig.tight_layout()
        paths.append(_save(fig, folder / f"{key}.png", plt))
    if evaluation.labels and sum(evaluation.labels.values()):
        fig, ax = plt.subplots(figsize=(5, 3.2), dpi=100)
        names = list(evaluation.labels)
        ax.bar(names, [evaluation.labels[n] for n in names], color=[LABEL_COLOURS.get(n, "grey") for n in names])
        ax.set_title("summary sentences by label")
        ax.set_ylabel("sentences")
        fig.tight_layout()
        paths.append(_save(fig, folder / "labels.png", plt))
    return paths


def stacked(values: list[float], width: float = DOT_WIDTH) -> list[tuple[float, int]]:
    """A dot plot's positions: each value at the centre of its ``width``-wide bin, stacked 1, 2, ... on the
    values before it in that bin.

    Example:
        >>> stacked([0.41, 0.415, 0.9])
        [(0.41, 1), (0.41, 2), (0.91, 1)]
    """
    seen: dict[int, int] = {}
    out = []
    for v in values:
        k = int(v // width)
        seen[k] = seen.get(k, 0) + 1
        out.append((round((k + 0.5) * width, 6), seen[k]))
    return out


def _save(fig, path: Path, plt) -> Path:
    tmp = path.with_name(path.name + ".tmp.png")
    fig.savefig(tmp, format="png")
    plt.close(fig)
    tmp.replace(path)
    return path
