"""summarize.bert: the plain-torch BERT encoder the default embedder runs equals transformers' BertModel, and
the default embedder never imports transformers' model code (seconds of start-up on a small CPU)."""

from __future__ import annotations

import json

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")


def test_encoder_equals_transformers_bert_with_padding(tmp_path):
    from summarize.bert import BertEncoder, is_plain_bert

    cfg = transformers.BertConfig(vocab_size=120, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                  intermediate_size=64, max_position_embeddings=40)
    torch.manual_seed(0)
    reference = transformers.BertModel(cfg, add_pooling_layer=False).eval()
    reference.save_pretrained(tmp_path)
    (tmp_path / "tokenizer.json").write_text("{}")  # is_plain_bert only checks that the file is there
    assert is_plain_bert(tmp_path)
    ours = BertEncoder.from_folder(tmp_path)
    ids = torch.randint(5, 120, (3, 11))
    mask = torch.ones_like(ids)
    mask[1, 7:] = 0  # padded rows
    mask[2, 3:] = 0
    with torch.inference_mode():
        expected = reference(input_ids=ids, attention_mask=mask).last_hidden_state
        got = ours(ids, mask)
        unpadded = ours(ids[:1], mask[:1])
    keep = mask.bool()
    assert torch.allclose(got[keep], expected[keep], atol=1e-5)
    assert torch.allclose(unpadded[0], expected[0], atol=1e-5)


def test_other_architectures_are_left_to_transformers(tmp_path):
    from summarize.bert import BertEncoder, is_plain_bert

    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert", "hidden_act": "relu"}))
    assert not is_plain_bert(tmp_path)
    with pytest.raises(ValueError, match="exact GELU"):
        BertEncoder({"hidden_act": "relu", "hidden_size": 8})


def test_the_default_embedder_does_not_import_transformers_model_code():
    from tests.conftest import modules_loaded_by

    assert modules_loaded_by("from summarize.embed import get_embedder\n"
                             "get_embedder('minilm').encode(['Putin landed.'])", "transformers.models") == []
