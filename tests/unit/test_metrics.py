import json

import pytest
from rouge_score import rouge_scorer

from summarize.metrics import rouge
from summarize.metrics.rouge import ROUGE_TYPES, sentence_lines


def test_rougeLsum_differs_from_rougeL_on_multi_sentence():
    pred = "Kim met Putin at the airport. The two leaders signed a pact. Crowds cheered."
    ref = "Crowds cheered in Pyongyang. Putin and Kim signed a pact after meeting at the airport."
    s = rouge(pred, ref)
    assert s["rougeLsum"] > s["rougeL"]


def test_non_ascii_scores_only_with_the_option():
    pred, ref = "Владимир Путин прибыл в Пхеньян", "Путин прибыл в Пхеньян в среду"
    assert rouge(pred, ref)["rouge1"] == 0.0
    assert rouge(pred, ref, unicode=True)["rouge1"] > 0.5


def test_multiple_references_take_the_best():
    one = rouge("Putin visited Pyongyang", ["Stocks fell sharply", "Putin visited Pyongyang today"])
    assert one["rouge1"] == rouge("Putin visited Pyongyang", "Putin visited Pyongyang today")["rouge1"]


def test_equals_rouge_score_on_shared_sets(shared_data):
    """Our ROUGE equals plain rouge-score (same stemmer, rougeLsum on sentence lines) to 1e-9."""
    plain = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    for name in ("multinews_validation.jsonl", "bbc_news_summary.jsonl"):
        rows = [json.loads(x) for x in (shared_data / name).read_text().splitlines()]
        step = max(1, len(rows) // 250)
        for row in rows[::step]:
            pred = " ".join(row["documents"][0].split()[:120])
            ours = rouge(pred, row["summary"])
            ref = plain.score(sentence_lines(row["summary"]), sentence_lines(pred))
            for k in ROUGE_TYPES:
                assert abs(ours[k] - ref[k].fmeasure) <= 1e-9, (name, row["id"], k)


def test_evaluate_cli_writes_metrics(tmp_path):
    from typer.testing import CliRunner

    from summarize.cli import app

    preds = tmp_path / "preds.jsonl"
    refs = tmp_path / "refs.jsonl"
    preds.write_text('{"id": "a", "summary": "Putin visited Pyongyang."}\n{"id": "b", "summary": "Stocks fell."}\n')
    refs.write_text('{"id": "a", "documents": ["x"], "summary": "Putin visited Pyongyang on Wednesday."}\n'
                    '{"id": "b", "documents": ["y"], "summary": "Stocks fell on Monday."}\n'
                    '{"id": "c", "documents": ["z"], "summary": "Missing."}\n')
    res = CliRunner().invoke(app, ["evaluate", str(preds), "-r", str(refs), "-o", str(tmp_path / "ev")])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "ev" / "metrics.json").read_text())
    assert set(ROUGE_TYPES) <= set(data) and data["n"] == 2 and data["missing_predictions"] == ["c"]
    assert data["rouge1"] == pytest.approx((0.75 + 2 * 2 / 6) / 2)
    assert "rougeLsum" in res.output and "1 references have no prediction" in res.output
