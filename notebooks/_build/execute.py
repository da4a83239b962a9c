"""Runs every notebook with nbclient and saves it with its outputs (tables and figures).

    python notebooks/_build/make_notebooks.py && python notebooks/_build/execute.py
"""

import json
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parents[1]
BANNED = ("Loading weights", "it/s]", "tqdm", "Traceback")


def main(names: list[str]) -> int:
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    paths = [HERE / f"{n}.ipynb" for n in names] if names else sorted(HERE.glob("*.ipynb"))
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
        text = json.dumps([c.get("outputs", []) for c in nb.cells if c.cell_type == "code"])  # outputs only
        bad = [b for b in BANNED if b in text]
        if bad:
            print(f"{path.name}: outputs contain {bad}", file=sys.stderr)
            return 1
        nbformat.write(nb, path)
        print("executed", path.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
