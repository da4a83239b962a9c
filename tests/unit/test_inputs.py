import pytest

from summarize.clean import clean_cluster
from summarize.inputs import concat, family_defaults, per_doc_budget, water_fill
from summarize.io import load_clusters


@pytest.mark.parametrize("lengths, budget, expected", [
    ([10, 100, 100], 110, [10, 50, 50]),
    ([10, 20], 100, [10, 20]),
    ([50, 50, 50], 31, [11, 10, 10]),
    ([], 10, []),
])
def test_water_fill(lengths, budget, expected):
    assert water_fill(lengths, budget) == expected
    assert sum(water_fill(lengths, budget)) <= budget


@pytest.fixture(scope="module")
def tokenizer(tiny_tokenizer_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_tokenizer_dir)


@pytest.fixture(scope="module")
def cluster(example_dir):
    return clean_cluster(load_clusters([example_dir])[0])


def test_per_doc_budget_keeps_every_document(tokenizer, cluster):
    built = per_doc_budget(cluster, tokenizer, 400, "<doc-sep>")
    assert len(tokenizer(built.text)["input_ids"]) <= 400
    assert built.text.count("<doc-sep>") == len(cluster.articles) - 1
    assert all(kept > 0 for kept, _ in built.kept.values())
    # each document starts with its own first sentence
    for part, article in zip(built.text.split("<doc-sep>"), cluster.articles):
        assert part.strip()[:30] == article.text[:30]


def test_concat_loses_later_documents(tokenizer, cluster):
    built = concat(cluster, tokenizer, 400, " ||||| ")
    assert len(tokenizer(built.text)["input_ids"]) <= 400
    assert built.kept[cluster.articles[-1].id][0] == 0


def test_family_defaults(tokenizer):
    assert family_defaults("led", tokenizer) == ("<doc-sep>", "")
    assert family_defaults("bart", tokenizer) == (" ||||| ", "")
    assert family_defaults("t5", tokenizer)[1] == "summarize: "


def test_counting_long_documents_prints_no_model_length_warning(tokenizer, cluster, caplog, monkeypatch):
    """Budgeting tokenizes whole documents only to count them: transformers' "Token indices sequence length
    is longer than the specified maximum" would be noise (the built input is within the budget)."""
    from dataclasses import replace

    monkeypatch.setattr(tokenizer, "model_max_length", 64)  # the run-on sentence below is longer
    run_on = " ".join(cluster.articles[0].text.replace(".", " ").split()[:200])  # one 200-word "sentence"
    long_doc = replace(cluster.articles[0], text=run_on + ".")
    from transformers.utils import logging as hf_logging

    hf_logging.enable_propagation()  # transformers' records reach caplog
    try:
        built = per_doc_budget(replace(cluster, articles=[long_doc, *cluster.articles[1:]]), tokenizer, 60, "<doc-sep>")
    finally:
        hf_logging.disable_propagation()
    assert built.text and "Token indices sequence length" not in caplog.text
