"""Real checkpoint configurations (PRIMERA, bart-large-cnn, pegasus-multi_news, flan-t5-base) with the
families' real tokenizers and random weights: the input budget, separators, LED's global attention, the
T5 prefix, every document represented, and hf vs ctranslate2 (float32) token for token."""

from __future__ import annotations

import pytest
from conftest import real_config, real_tokenizer

from summarize import ConfigError, load_config
from summarize.clean import clean_cluster
from summarize.io import load_clusters
from summarize.summarizers import AbstractiveSummarizer

# checkpoint -> (input budget, separator the engine uses, prefix)
FAMILIES = {
    "PRIMERA-multinews": (4096, "<doc-sep>", ""),
    "bart-large-cnn": (1024, " ||||| ", ""),
    "pegasus-multi_news": (1024, " ||||| ", ""),
    "flan-t5-base": (512, " ||||| ", "summarize: "),
}
GREEDY = ["generation.num_beams=1", "generation.min_new_tokens=24", "generation.max_new_tokens=24",
          "generation.no_repeat_ngram_size=3"]


@pytest.fixture(scope="module")
def example_cluster(example_dir):
    return clean_cluster(load_clusters([example_dir])[0])


@pytest.mark.parametrize("name", list(FAMILIES))
def test_real_shape_input(name, example_cluster):
    budget, separator, prefix = FAMILIES[name]
    config = real_config(name)
    tok = real_tokenizer(config.model_type)
    s = AbstractiveSummarizer(load_config(overrides=[f"model={name}"]), None, tok, model_config=config)
    assert (s.budget, s.separator, s.prefix) == (budget, separator, prefix)
    built, _ = s.build_input(example_cluster)
    ids = s.encode([built.text])[0]
    assert len(ids) <= budget
    # the example's 5 articles (2,000-3,000 tokens each) overflow every budget: each keeps a share
    n = len(example_cluster.articles)
    assert len(built.kept) == n and all(kept > 0 for kept, _ in built.kept.values())
    assert sum(kept for kept, _ in built.kept.values()) > 0.8 * (budget - 40)
    text = tok.decode(ids, skip_special_tokens=False)
    for article in example_cluster.articles:  # every document's opening words are in the input
        assert " ".join(article.text.split()[:4]) in text, article.id
    if config.model_type == "led":
        sep_id = tok.convert_tokens_to_ids("<doc-sep>")
        assert sep_id == 50265 and ids.count(sep_id) == n - 1
        import torch

        mask = s.global_attention(torch.tensor([ids]))[0].tolist()
        assert [i for i, m in enumerate(mask) if m] == [0] + [i for i, t in enumerate(ids) if t == sep_id]
    elif config.model_type == "t5":
        assert ids[:2] == [21603, 10]  # "summarize:" in the T5 vocabulary
        assert ids[-1] == tok.eos_token_id
    else:
        assert text.count("|||||") == n - 1
        assert s.global_token_ids() == []


@pytest.mark.parametrize("name", ["bart-large-cnn", "pegasus-multi_news", "flan-t5-base"])
def test_hf_and_ctranslate2_agree_token_for_token(name, real_checkpoint, example_cluster, tmp_path):
    """Real widths, vocabulary and positions, one layer per stack (full depth: the slow test below)."""
    _agree(real_checkpoint(name, layers=1), example_cluster, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["bart-large-cnn", "pegasus-multi_news", "flan-t5-base"])
def test_hf_and_ctranslate2_agree_at_full_depth(name, real_checkpoint, example_cluster, tmp_path):
    _agree(real_checkpoint(name), example_cluster, tmp_path)


def _agree(path, cluster, tmp_path):
    pytest.importorskip("ctranslate2")
    from dataclasses import replace

    clusters = [cluster, replace(cluster, id="reversed", articles=cluster.articles[::-1][:3])]
    out = {}
    for engine in ("hf", "ctranslate2"):
        cfg = load_config(overrides=[f"model={path}", f"engine={engine}", "abstractive.device=cpu",
                                     "ctranslate2.quantization=float32", f"ctranslate2.cache_dir={tmp_path}"] + GREEDY)
        s = AbstractiveSummarizer.from_config(cfg)
        out[engine] = s.engine.generate_ids(s.encode([s.build_input(c)[0].text for c in clusters]))
    assert out["hf"] == out["ctranslate2"]
    assert all(len(row) >= 20 and len(set(row)) >= 5 for row in out["hf"])  # not an empty or one-token output


def test_ctranslate2_refuses_led_naming_hf():
    from summarize.generation.ct2 import CTranslate2Engine

    config = real_config("PRIMERA-multinews")
    with pytest.raises(ConfigError, match=r"does not support led.*--set engine=hf"):
        CTranslate2Engine.from_config(load_config(overrides=["engine=ctranslate2"]), tokenizer=None,
                                      model_config=config)


def test_bpe_tokenizers_decode_without_the_cleanup_warning():
    """29.7: '[transformers] Ignoring clean_up_tokenization_spaces' on every BART run: the setting transformers
    ignores for BPE tokenizers is switched off when summarize loads one; the decoded text is the same."""
    from summarize.generation.models import quiet_bpe_cleanup

    tok = real_tokenizer("bart")
    ids = tok("Putin arrived in Pyongyang , North Korea ; Kim met him .")["input_ids"]
    before = tok.decode(ids, skip_special_tokens=True)
    assert tok.clean_up_tokenization_spaces  # BART's files ask for it
    assert quiet_bpe_cleanup(tok).clean_up_tokenization_spaces is False
    assert tok.decode(ids, skip_special_tokens=True) == before
