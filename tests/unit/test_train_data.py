import json

import numpy as np
import pytest

from summarize import train_data
from summarize.config.train import TrainConfig
from summarize.fingerprints import import_closure
from summarize.types import Article, Cluster


@pytest.fixture(scope="module")
def encoder(tiny_tokenizer_dir):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_tokenizer_dir)
    return train_data.InputEncoder(tok, TrainConfig(max_target_tokens=16), budget=64, separator=" ||||| ", prefix="")


def _same(a, b):
    return len(a) == len(b) and all(
        x[k].dtype == y[k].dtype and np.array_equal(x[k], y[k]) for x, y in zip(a, b) for k in ("input_ids", "labels"))


def _clusters(example_dir, n=6):
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("0*.txt"))]
    return [Cluster(f"c{i}", [Article(f"c{i}-{k}", texts[(i + k) % 5]) for k in range(2)],
                    reference="Putin visited North Korea and signed a pact with Kim Jong Un.") for i in range(n)]


def test_inputs_are_built_as_summarize_run_builds_them(encoder, example_dir):
    from summarize.inputs import per_doc_budget

    cluster = _clusters(example_dir, 1)[0]
    features = encoder(cluster)
    built = per_doc_budget(train_data.clean_examples([cluster], encoder.cfg)[0], encoder.tokenizer, 64, " ||||| ", "")
    assert features["input_ids"].tolist() == encoder.tokenizer(built.text, truncation=True, max_length=64)["input_ids"]
    assert features["input_ids"].dtype == np.int32
    assert len(features["input_ids"]) <= 64 and len(features["labels"]) <= 16
    assert encoder.tokenizer.decode(features["labels"], skip_special_tokens=True).lower().startswith("putin visited")


def test_cache_round_trip_and_parallel_equal_serial(encoder, example_dir, tmp_path, monkeypatch):
    clusters = _clusters(example_dir) + [Cluster("junk", [Article("j", "Tweet with a location")], reference="x")]
    serial = train_data.encode_examples(lambda: clusters, encoder, workers=1)
    assert len(serial) == 6  # the cluster cleaning empties is left out
    monkeypatch.setattr(train_data, "PARALLEL_FROM", 2)
    cache = tmp_path / "features" / "train.npz"
    assert _same(train_data.encode_examples(lambda: clusters, encoder, cache, workers=2), serial)
    assert cache.is_file() and not list(cache.parent.glob("*.tmp*"))

    def fail(*_):
        raise AssertionError("the cache was not used")

    monkeypatch.setattr(train_data.InputEncoder, "__call__", fail)
    assert _same(train_data.encode_examples(fail, encoder, cache), serial)  # nor is the data read again


def test_cache_key_follows_the_data_and_the_input_settings(encoder, tmp_path):
    from dataclasses import replace

    data = tmp_path / "train.jsonl"
    data.write_text(json.dumps({"id": "a", "documents": ["x"], "summary": "y"}) + "\n")
    key = encoder.key(str(data))
    assert encoder.key(str(data)) == key
    other = train_data.InputEncoder(encoder.tokenizer, replace(encoder.cfg, max_target_tokens=32), 64, " ||||| ", "")
    assert other.key(str(data)) != key
    assert train_data.InputEncoder(encoder.tokenizer, encoder.cfg, 128, " ||||| ", "").key(str(data)) != key
    data.write_text(data.read_text() + json.dumps({"id": "b", "documents": ["z"], "summary": "w"}) + "\n")
    assert encoder.key(str(data)) != key


def test_a_feature_cache_is_never_unpickled_and_a_bad_one_is_rebuilt(encoder, example_dir, tmp_path):
    import pickle

    from summarize.errors import SummarizeWarning

    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    cache = tmp_path / "train.npz"
    cache.write_bytes(pickle.dumps({"input_ids": Payload()}))
    clusters = _clusters(example_dir, 2)
    with pytest.warns(SummarizeWarning, match=r"unreadable feature cache .*train.npz.*rebuilding it"):
        features = train_data.encode_examples(lambda: clusters, encoder, cache, workers=1)
    assert not marker.exists()  # the pickle's code did not run
    assert _same(features, train_data.encode_examples(lambda: clusters, encoder, workers=1))
    assert _same(features, train_data.read_features(cache))


def _mixed_lengths(n=40, seed=1):
    rng = np.random.default_rng(seed)
    return [{"input_ids": np.zeros(int(k), np.int32), "labels": np.zeros(int(k) // 8 + 1, np.int32)}
            for k in rng.integers(20, 1000, n)]


def test_length_grouping_cuts_padding_and_keeps_every_example_once_per_epoch():
    feats = _mixed_lengths()

    def padded(order, size=4):
        ids = [len(order[i]["input_ids"]) for i in range(len(order))]
        return sum(max(ids[j:j + size]) * len(ids[j:j + size]) for j in range(0, len(ids), size))

    plain, grouped = train_data.EpochOrder(feats, seed=0), train_data.EpochOrder(feats, seed=0, group_batch=4)
    assert sorted(grouped.order.tolist()) == list(range(len(feats)))  # a permutation: nothing lost or repeated
    assert padded(grouped) < 0.75 * padded(plain)  # far less padding (the real tokens are the same)
    first = grouped.order.copy()
    grouped.use_epoch(1)
    assert sorted(grouped.order.tolist()) == list(range(len(feats))) and grouped.order.tolist() != first.tolist()
    grouped.use_epoch(0)
    assert grouped.order.tolist() == first.tolist()  # seeded: a resumed run sees the same batches
    odd = train_data.EpochOrder(feats[:10], seed=0, group_batch=4)  # 4 + 4 + a short last batch of 2
    assert len(set(odd.order[-2:].tolist())) == 2 and sorted(odd.order.tolist()) == list(range(10))


def test_cache_key_follows_the_code_that_makes_the_features(encoder, tmp_path, monkeypatch):
    """27.6: a fix to cleaning or input building must not reuse features the old code made."""
    data = tmp_path / "train.jsonl"
    data.write_text('{"id": "a", "documents": ["x"], "summary": "y"}\n')
    key = encoder.key(str(data))
    monkeypatch.setattr(train_data, "code_fingerprint", lambda modules=(): "another version")
    assert encoder.key(str(data)) != key
    monkeypatch.undo()
    module = tmp_path / "feature_rule.py"
    module.write_text("RULE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = train_data.code_fingerprint(["feature_rule"])
    module.write_text("RULE = 2\n")
    assert train_data.code_fingerprint(["feature_rule"]) != before
    assert all(__import__("importlib.util").util.find_spec(m) for m in train_data.FEATURE_CODE)
    # what they import counts too: the hand-kept list missed text.normalize, which cleaning runs on every article
    closure = import_closure(train_data.FEATURE_CODE)
    assert {"summarize.text.normalize", "summarize.clean", "summarize.io.tables"} <= set(closure)
    assert "summarize.polish.people" not in closure and "summarize.report.html" not in closure
