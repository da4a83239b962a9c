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


def test_a_local_resume_redoes_clusters_whose_input_changed(tmp_path):
    """27.4: local, -n N and Ray runs resume from one sink, whose partial rows carry their input's key: a
    cluster of the same id whose articles changed since the interrupted run is redone, not taken."""
    import json
    import warnings

    from summarize.config import load_config
    from summarize.io import load_clusters
    from summarize.io.write import ResumableJsonl, input_key, made_by
    from summarize.pipeline import run

    rows = [{"id": f"e{k}", "documents": [f"Story {k} begins here with enough words to count as an article today.",
                                          f"Another report on story {k} adds details that the first one did not give."]}
            for k in range(3)]
    batch, out, fresh = tmp_path / "batch.jsonl", tmp_path / "out.jsonl", tmp_path / "fresh.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in rows))
    config = load_config(None, ["summarizer=lead"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run([str(batch)], config, output=out)
        done = [json.loads(x) for x in out.read_text().splitlines()]
        killed = ResumableJsonl(out, made_by(config), inputs={c.id: input_key(c) for c in load_clusters([str(batch)])})
        for row in done[:2]:
            killed.append(row)
        out.unlink()
        rows[0]["documents"][0] = "A corrected first report now says something else entirely about story zero."
        batch.write_text("".join(json.dumps(r) + "\n" for r in rows))
        run([str(batch)], config, output=out)
        run([str(batch)], config, output=fresh)
    assert out.read_bytes() == fresh.read_bytes()
    assert "corrected" in json.loads(out.read_text().splitlines()[0])["summary"]
