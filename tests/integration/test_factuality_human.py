"""The factuality checker on real system summaries with human labels (FRANK's validation split in
``../shared/data/frank_human_valid.jsonl``): case- and tokenisation-robust, calibrated on copies, and
agreeing with people better than bigram overlap on CNN/DM (the full comparison with intervals is
``bench/factuality_human.py``)."""

import json
import re

import numpy as np
import pytest

from summarize.embed import get_embedder
from summarize.metrics.factuality import SourceIndex, check_summary
from summarize.types import Article


@pytest.fixture(scope="module")
def rows(shared_data):
    path = shared_data / "frank_human_valid.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    return [json.loads(line) for line in path.open()]


@pytest.fixture(scope="module")
def minilm():
    return get_embedder("minilm")


def build(row, embedder):
    return SourceIndex.build([Article(f"{row['id']}:0", row["documents"][0])], embedder)


def ptb_lower(text: str) -> str:
    """What FRANK distributes: lower-cased, punctuation and clitics split off."""
    text = re.sub(r"([,.;:!?])(?!\d)", r" \1", text.lower())  # "10,000" stays whole
    return " ".join(re.sub(r"(n't|'s)\b", r" \1", text).split())


def test_cased_and_lower_cased_summaries_score_alike(rows, minilm):
    bart = [r for r in rows if r.get("summary_cased")][:12]
    assert len(bart) == 12
    for row in bart:
        index = build(row, minilm)
        lower, cased = check_summary(row["summary"], index), check_summary(row["summary_cased"], index)
        assert abs(lower.score - cased.score) <= 0.05, row["id"]
        # the names are found either way: the lower-cased text has the same facts checked
        names = [[f.text.lower() for s in r.sentences for f in s.facts if f.kind == "entity"] for r in (lower, cased)]
        assert names[0] == names[1], row["id"]


def test_a_copied_sentence_scores_one_in_any_case_and_tokenisation(rows, minilm):
    for row in rows[::60]:  # both origins, every system
        index = build(row, minilm)
        sentence = max(index.sentences[:5], key=lambda s: len(s.text)).text
        for text in (sentence, ptb_lower(sentence)):
            result = check_summary(text, index)
            assert result.score == 1.0, (row["id"], text)
            assert all(s.label == "supported" for s in result.sentences), [s.reasons for s in result.sentences]


def test_placeholders_and_benchmark_forms_raise_no_alarm(rows):
    tfidf = get_embedder("tfidf")
    by_id = {r["id"]: r for r in rows}
    unk = [r for r in rows if "UNK" in r["summary"]]
    assert len(unk) > 30
    for row in unk:
        facts = [f for s in check_summary(row["summary"], build(row, tfidf)).sentences for f in s.facts]
        assert not any("unk" in f.text.lower() for f in facts), row["id"]
    # "an 18th century museum": a rank (this article never says it), not "number 18"
    row = by_id["frank-xsum-30280942-TranS2S"]
    reasons = [r for s in check_summary(row["summary"], build(row, tfidf)).sentences for r in s.reasons]
    assert "number '18th' not found in the sources" in reasons and not any("'18'" in r for r in reasons)
    # "# 2,100 a year - # 17,800 rather than # 15,700": PTB's pound signs, found in the article
    row = by_id["frank-cnndm-068f529825cc39af930a462c5e9685cbd7961fa5-bert_sum"]
    facts = [f for s in check_summary(row["summary"], build(row, tfidf)).sentences for f in s.facts]
    money = [f for f in facts if f.kind == "number" and f.text.startswith("£")]
    assert money and all(f.status == "supported" for f in money), facts


def test_agrees_with_people_better_than_bigram_overlap_on_cnndm(rows):
    """Partial Pearson with the system controlled, as FRANK reports it (TF-IDF similarities here for
    speed; the bench uses MiniLM)."""
    from bench.factuality_human import ngram_overlap, partial_corr

    tfidf = get_embedder("tfidf")
    cnndm = [r for r in rows if r["origin"] == "cnndm"]
    label = np.array([r["label"] for r in cnndm])
    systems = [r["system"] for r in cnndm]
    ours = np.array([check_summary(r["summary"], build(r, tfidf)).score for r in cnndm])
    bigram = np.array([ngram_overlap(r["summary"], r["documents"][0], 2) for r in cnndm])
    assert partial_corr(ours, label, systems) > partial_corr(bigram, label, systems) + 0.05
