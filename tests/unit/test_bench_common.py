"""The two-version benches read the shared data and never write it."""

import argparse
import subprocess

from bench._common import on_both


def test_a_bench_given_the_data_files_full_path_leaves_the_file_as_it_was(tmp_path):
    """``--data /…/shared/data/bbc_news_summary.jsonl`` made the temporary copy of the first ``--limit`` rows
    ``Path(tmp) / data``, which is the full path itself: the shared file was cut to those rows (a session cut
    BBC's 2,225 rows to 250 and NeuS's 307 to 250, and had to restore them). The copy takes the file's name."""
    data = tmp_path / "clusters.jsonl"
    data.write_text("".join(f'{{"id": "c{i}"}}\n' for i in range(5)))
    before = tmp_path / "before"
    subprocess.run(["git", "init", "-q", str(before)], check=True)
    seen = []
    args = argparse.Namespace(data=str(data), limit=2, offset=1, before_root=before)
    rows, *_ = on_both(args, lambda root, path: seen.append((path, path.read_text())))
    assert data.read_text().count("\n") == 5 and len(rows) == 2
    assert all(path != data and text == '{"id": "c1"}\n{"id": "c2"}\n' for path, text in seen)
