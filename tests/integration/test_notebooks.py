"""Every notebook's code cells run against the current library (no Jupyter needed)."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, monkeypatch):
    monkeypatch.chdir(path.parent)
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    assert cells
    scope: dict = {}
    for cell in cells:
        exec(compile("".join(cell["source"]), f"{path.name}", "exec"), scope)
    assert scope["summary"].sentences and all(s.sources for s in scope["summary"].sentences)
    assert len(scope["result"].clusters) == 1
    assert sum(scope["ev"].labels.values()) == len(scope["ev"].details["example"]["sentences"]) > 0
