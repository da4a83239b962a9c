"""summarize.pipeline's guards on what a run may write."""

from __future__ import annotations

import json
import os

import pytest

from summarize.errors import InputError
from summarize.pipeline import refuse_input_as_output


def test_an_output_reached_through_a_glob_or_a_link_is_an_input(tmp_path):
    """26.1: `summarize run 'g/*.jsonl' -o g/two.jsonl` overwrote g/two.jsonl (the literal arguments were
    compared, not the files the glob reaches); a symbolic or hard link to an input is that input too."""
    g = tmp_path / "g"
    g.mkdir()
    for name in ("one", "two"):
        (g / f"{name}.jsonl").write_text(json.dumps({"id": name, "text": "Putin arrived."}) + "\n")
    with pytest.raises(InputError, match=r"-o .*two.jsonl is one of the inputs \(.*two.jsonl\)"):
        refuse_input_as_output([str(g / "*.jsonl")], g / "two.jsonl")
    with pytest.raises(InputError, match="one of the inputs"):
        refuse_input_as_output([str(tmp_path / "**" / "*.jsonl")], g / "one.jsonl")
    os.symlink(g / "one.jsonl", tmp_path / "soft.jsonl")
    os.link(g / "two.jsonl", tmp_path / "hard.jsonl")
    for alias in ("soft.jsonl", "hard.jsonl"):
        with pytest.raises(InputError, match="one of the inputs"):
            refuse_input_as_output([str(g / "*.jsonl")], tmp_path / alias)
    refuse_input_as_output([str(g / "*.jsonl")], tmp_path / "new.jsonl")  # a new file is no input
    refuse_input_as_output([str(g / "*.txt")], g / "out.jsonl")  # a glob that does not reach it
