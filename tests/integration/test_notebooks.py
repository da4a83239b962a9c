"""Every notebook's code cells run against the current library (no Jupyter needed), and what they compute
is checked: each notebook has its own check below, so a new notebook without one fails."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def _quick_tour(scope: dict) -> None:
    assert scope["summary"].sentences and all(s.sources for s in scope["summary"].sentences)
    assert len(scope["result"].clusters) == 1
    assert sum(scope["ev"].labels.values()) == len(scope["ev"].details["example"]["sentences"]) > 0


def _compare_systems(scope: dict) -> None:
    ids = scope["ids"]
    assert len(ids) == 12 and set(scope["systems"]) == {"lead", "extractive"}
    for ev in scope["evals"].values():
        assert all(0 < ev.corpus[k] < 1 for k in ("rouge1", "rouge2", "rougeLsum", "factuality"))
        assert sorted(row["id"] for row in ev.per_example) == ids
    assert all(0 <= p <= 1 for p in scope["pvalues"].values()) and sorted(scope["gaps"]) == ids


CHECKS = {"01_quick_tour.ipynb": (_quick_tour, False), "02_compare_systems.ipynb": (_compare_systems, True)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, monkeypatch, request):
    assert path.name in CHECKS, f"{path.name}: add a check of what it computes to CHECKS"
    check, needs_shared = CHECKS[path.name]
    if needs_shared:  # skips with the reason when ../shared/data is absent
        monkeypatch.setenv("SUMMARIZE_SHARED", str(request.getfixturevalue("shared_data").parent))
    monkeypatch.chdir(path.parent)
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    assert cells
    scope: dict = {}
    for cell in cells:
        exec(compile("".join(cell["source"]), f"{path.name}", "exec"), scope)
    check(scope)
