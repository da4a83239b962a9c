"""``evaluate`` modules of our metrics, loadable offline from a local path.

Example:
    >>> import evaluate  # doctest: +SKIP
    >>> rouge = evaluate.load(module_path("summarize_rouge"))  # doctest: +SKIP
    >>> rouge.compute(predictions=["Putin visited Pyongyang."], references=["Putin visited Pyongyang on Wednesday."])  # doctest: +SKIP
    {'rouge1': 0.75, 'rouge2': 0.6666666666666666, 'rougeL': 0.75, 'rougeLsum': 0.75}
"""

from __future__ import annotations

from pathlib import Path

MODULES = ("summarize_rouge", "summarize_factuality")


def module_path(name: str) -> str:
    """The folder of module ``name`` (give it to ``evaluate.load``).

    Example:
        >>> Path(module_path("summarize_rouge")).name
        'summarize_rouge'
    """
    if name not in MODULES:
        raise ValueError(f"unknown evaluate module '{name}'; choose one of {', '.join(MODULES)}")
    return str(Path(__file__).resolve().parent / name)
