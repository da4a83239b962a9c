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


def write_plots(evaluation, out_dir: str | Path) -> list[Path]:
    """One histogram per corpus metric (per-example scores, mean marked) and, with factual checks, a bar
    chart of sentence labels; returns the PNG paths, written into ``out_dir/plots``."""
    matplotlib = require("matplotlib", "pip install matplotlib")
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    folder = Path(out_dir) / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for key in (k for k in PLOTTED if k in evaluation.corpus):
        values = [row[key] for row in evaluation.per_example if row.get(key) is not None]
        fig, ax = plt.subplots(figsize=(5, 3.2), dpi=100)
        ax.hist(
            values,
            bins=min(20, max(5, len(values) // 3)),
            range=(min(0.0, min(values)), 1.0),
            color="#3f51b5",
            edgecolor="white",
        )
        ax.axvline(evaluation.corpus[key], color="#c62828", linestyle="--", label=f"mean {evaluation.corpus[key]:.3f}")
        ax.set_title(f"{key} (n={len(values)})")
        ax.set_xlabel("score")
        ax.set_ylabel("examples")
        ax.legend(loc="upper left", fontsize=8)
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


def _save(fig, path: Path, plt) -> Path:
    tmp = path.with_name(path.name + ".tmp.png")
    fig.savefig(tmp, format="png")
    plt.close(fig)
    tmp.replace(path)
    return path
