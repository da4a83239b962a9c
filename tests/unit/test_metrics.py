import json

import pytest
from rouge_score import rouge_scorer

from summarize.metrics import corpus_rouge, rouge
from summarize.metrics.rouge import ROUGE_TYPES, resolve_backend, sentence_lines


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


SHARED_SETS = ("multinews_validation.jsonl", "neus_validation.jsonl", "bbc_news_summary.jsonl",
               "frank_cnndm.jsonl", "frank_xsum.jsonl")


@pytest.fixture(scope="module")
def shared_pairs(shared_data):
    """(set, id, prediction, reference, plain rouge-score scores) for every example of every shared set."""
    plain = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    out = []
    for name in SHARED_SETS:
        for line in (shared_data / name).read_text().splitlines():
            row = json.loads(line)
            pred = " ".join(row["documents"][0].split()[:120])
            out.append((name, row["id"], pred, row["summary"],
                        plain.score(sentence_lines(row["summary"]), sentence_lines(pred))))
    return out


def test_rs_backend_equals_rouge_score_on_every_shared_example(shared_pairs):
    """rouge-score-rs, which backend="auto" picks, equals plain rouge-score (same stemmer, rougeLsum on
    sentence lines) to 1e-9 on every example of every shared set (prediction: the first 120 words of the
    first document)."""
    pytest.importorskip("rouge_score_rs", reason="rouge-score-rs not installed (pip install rouge-score-rs)")
    assert len(shared_pairs) == 3283
    ours = corpus_rouge([p[2] for p in shared_pairs], [p[3] for p in shared_pairs], backend="rs")
    assert resolve_backend("auto") == "rs"
    for n, (name, id_, _, _, ref) in enumerate(shared_pairs):
        for k in ROUGE_TYPES:
            assert abs(ours[k][n] - ref[k].fmeasure) <= 1e-9, (name, id_, k)


def test_python_backend_equals_rouge_score_on_shared_sample(shared_pairs):
    """The rouge-score backend (our sentence lines and best-of-references around rouge-score) on every
    10th example, each reference given twice so the best-of logic runs."""
    sample = shared_pairs[::10]
    ours = corpus_rouge([p[2] for p in sample], [[p[3], "unrelated words"] for p in sample], backend="rouge-score")
    for n, (name, id_, _, _, ref) in enumerate(sample):
        for k in ROUGE_TYPES:
            assert abs(ours[k][n] - ref[k].fmeasure) <= 1e-9, (name, id_, k)


def test_unknown_backend_is_named():
    with pytest.raises(ValueError, match="unknown ROUGE backend 'fast'.*auto, rouge-score, rs"):
        corpus_rouge(["a"], ["a"], backend="fast")


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


def test_one_metric_catalog_feeds_evaluation_report_and_plots():
    """27.5: the metric names live in summarize.metrics.catalog; evaluation, report and plots read them."""
    from summarize import evaluation
    from summarize.metrics import ROUGE_TYPES
    from summarize.metrics.catalog import METRICS
    from summarize.report import html, plots

    assert set(evaluation.METRICS) == set(html.CORPUS_NAMES) == set(METRICS)
    assert set(plots.PLOTTED) == {k for k, m in METRICS.items() if m.plotted}
    assert [k for k, m in METRICS.items() if m.group == "rouge"] == list(ROUGE_TYPES)
    assert set(evaluation.FACT_KEYS) == {k for k, m in METRICS.items() if m.group == "factuality"}
    assert all(html.CORPUS_NAMES[k] == m.label for k, m in METRICS.items())


def test_a_small_evaluation_plots_where_each_example_scored(tmp_path):
    """A 12-example evaluation drew its factuality scores of 0.98-1.0 as one bar of five 0.2-wide bins:
    two evaluations that differ inside a bin drew the same picture. Under ``DOTS_BELOW`` examples each one is
    a dot at its score."""
    from summarize.evaluation import Evaluation
    from summarize.report.plots import DOTS_BELOW, stacked, write_plots

    def png(scores, name):
        ev = Evaluation({"rouge1": 0.95}, {"rouge1": (0.9, 1.0)}, [{"id": str(i), "rouge1": s} for i, s in enumerate(scores)])
        return write_plots(ev, tmp_path / name)[0].read_bytes()

    assert len([0.981, 0.985, 0.999]) < DOTS_BELOW
    assert png([0.981, 0.985, 0.999], "a") != png([0.90, 0.95, 0.999], "b")
    assert stacked([0.981, 0.985, 0.999]) == [(0.99, 1), (0.99, 2), (0.99, 3)]
    assert stacked([0.27, 0.9]) == [(0.27, 1), (0.91, 1)]
