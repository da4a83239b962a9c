"""summarize.text.porter is NLTK's Porter stemmer without NLTK's import: the same stem for every word of the shared
data (and of the bundled example), in each of its three modes."""

from __future__ import annotations

import json
import re

import pytest

from summarize.text.porter import PorterStemmer


def _vocabulary(example_dir) -> set[str]:
    from tests.conftest import SHARED

    words = set()
    for path in sorted(example_dir.glob("*.txt")):
        words.update(re.findall(r"[a-z0-9]+", path.read_text(encoding="utf-8").lower()))
    data = SHARED / "data" / "multinews_validation.jsonl"  # 26,000 words where ../shared is present
    if data.is_file():
        for line in data.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            for text in row.get("documents", []) + [row.get("summary", "")]:
                words.update(re.findall(r"[a-z0-9]+", text.lower()))
    return words


@pytest.mark.parametrize("mode", ["NLTK_EXTENSIONS", "MARTIN_EXTENSIONS", "ORIGINAL_ALGORITHM"])
def test_the_same_stems_as_nltk(mode, example_dir):
    porter = pytest.importorskip("nltk.stem.porter")
    words = _vocabulary(example_dir) | {"skies", "dying", "generalizations", "oscillators", "agreed"}
    theirs, ours = porter.PorterStemmer(mode), PorterStemmer(mode)
    differ = [w for w in sorted(words) if theirs.stem(w) != ours.stem(w)]
    assert len(words) > 1000 and differ == []


def test_stemming_imports_no_nltk():
    from tests.conftest import modules_loaded_by

    assert modules_loaded_by("from summarize.text.lexicon import content_stems\ncontent_stems('Shipped containers')",
                             "nltk") == []
