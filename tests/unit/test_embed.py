"""The sentence-embedding wrapper: precisions, the on-disk cache."""

import numpy as np
import pytest

from summarize.embed import MINILM, MeanPoolingEmbedder, SentenceTransformerEmbedder, get_embedder
from summarize.embed_cache import CachedEmbedder

TEXTS = ["Putin arrived in Pyongyang on Wednesday.", "Kim Jong Un greeted him at the airport.",
         "The BBC reports on the Premier League season opener."]


def test_bf16_autocast_vectors_match_float32():
    fp32 = SentenceTransformerEmbedder(MINILM, precision="fp32")
    bf16 = SentenceTransformerEmbedder(MINILM, precision="bf16")
    a, b = fp32.encode(TEXTS), bf16.encode(TEXTS)
    assert a.dtype == b.dtype == np.float32 and a.shape == b.shape == (3, 384)
    assert np.min(np.sum(a * b, axis=1)) > 0.999  # same vectors up to rounding
    assert float(a[0] @ a[1]) > float(a[0] @ a[2])  # and they still mean something
    assert SentenceTransformerEmbedder(MINILM).precision in ("fp32", "bf16")  # auto: bf16 only where native


def test_unknown_precision_is_refused():
    with pytest.raises(ValueError, match="precision must be auto, fp32 or bf16"):
        SentenceTransformerEmbedder(MINILM, precision="int8")


def test_cache_returns_what_the_model_gave(tmp_path):
    inner = SentenceTransformerEmbedder(MINILM, precision="fp32")
    cached = CachedEmbedder(inner, tmp_path)
    first = cached.encode(TEXTS)
    again = CachedEmbedder(inner, tmp_path).encode(TEXTS[::-1])
    assert np.array_equal(first[::-1], again)
    assert (cached.misses, cached.hits) == (3, 0)


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_direct_mean_pooling_gives_the_sentence_transformers_vectors(precision):
    texts = TEXTS + ["  Padded with spaces.  ", "A long text " * 300, "x"]  # truncation at 256 tokens, a batch
    # float32 does not depend on how texts are batched; bfloat16 rounding does, so it batches as st does
    direct = MeanPoolingEmbedder(MINILM, precision=precision, batch_size=2 if precision == "fp32" else 64)
    st = SentenceTransformerEmbedder(MINILM, precision=precision)
    a, b = direct.encode(texts), st.encode(texts)
    assert a.dtype == np.float32 and a.shape == b.shape == (6, 384)
    assert np.abs(a - b).max() < 1e-6
    assert direct.encode([]).shape == (0, 384)


def test_the_default_embedder_skips_sentence_transformers_only_for_plain_mean_pooling(tmp_path):
    import json
    import shutil

    from summarize.embed import minilm_path

    assert isinstance(get_embedder(MINILM), MeanPoolingEmbedder)

    def variant(name, modules=None, pooling=None, prompts=None):
        folder = tmp_path / name
        shutil.copytree(minilm_path(), folder)
        if modules is not None:
            (folder / "modules.json").write_text(json.dumps(modules))
        if pooling is not None:
            (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
        if prompts is not None:
            (folder / "config_sentence_transformers.json").write_text(json.dumps(prompts))
        return str(folder)

    modules = json.loads(open(minilm_path() + "/modules.json").read())
    assert MeanPoolingEmbedder.supports(variant("same"))
    dense = modules[:2] + [{"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}]
    assert not MeanPoolingEmbedder.supports(variant("dense", modules=dense))
    cls = {"word_embedding_dimension": 384, "pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False}
    assert not MeanPoolingEmbedder.supports(variant("cls", pooling=cls))
    assert not MeanPoolingEmbedder.supports(variant("prompt", prompts={"prompts": {"query": "query: "},
                                                                       "default_prompt_name": "query"}))
    assert not MeanPoolingEmbedder.supports(str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="precision must be auto, fp32 or bf16"):
        MeanPoolingEmbedder(MINILM, precision="int8")


# -- fixed after a new user's and an adversarial review's findings (issue 15) --------------------

def test_a_package_that_fails_on_its_own_import_is_named(monkeypatch, tmp_path):
    """15.1: `require` said 'run pip install trafilatura' for an installed trafilatura missing a dependency."""
    import sys

    from summarize.errors import MissingDependencyError, require

    pkg = tmp_path / "brokenpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("import not_a_real_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("brokenpkg", None)
    with pytest.raises(MissingDependencyError, match=r"brokenpkg is installed but cannot be imported.*not_a_real_dependency_xyz"):
        require("brokenpkg", "pip install brokenpkg")


def test_ray_cluster_embedder_fits_tfidf_once_over_all_texts_and_is_never_cached(monkeypatch, tmp_path):
    """TF-IDF on Ray was fitted on each 512-text chunk (vectors of different chunks in different spaces) and
    cached as if it were a model's: it now encodes in one call, as the local runner does."""
    from summarize import ray_runner
    from summarize.config import RunConfig
    from summarize.embed import fitted_per_call
    from summarize.embed_cache import cached

    def no_cluster():
        raise AssertionError("TF-IDF must not be split across Ray workers")

    monkeypatch.setattr(ray_runner, "import_ray", no_cluster)
    tfidf = get_embedder("tfidf")
    texts = ["Putin arrived in Pyongyang.", "Kim met Putin at the airport.", "Markets fell in Tokyo.",
             "The yen rose against the dollar.", "Putin and Kim signed a pact."]
    ray_tfidf = ray_runner.RayEmbedder(tfidf, RunConfig(), chunk=2)
    assert fitted_per_call(ray_tfidf) and cached(ray_tfidf, tmp_path) is ray_tfidf
    np.testing.assert_allclose(ray_tfidf.encode(texts), tfidf.encode(texts))


def test_without_the_embedders_package_extracts_and_sources_fall_back_to_tfidf_and_say_so(monkeypatch):
    """Extractive and attribution only rank or trace sentences: where the configured embedder's package is
    missing they take TF-IDF (one rule, ``embed.embedder_or_tfidf``) and warn with the install command and
    what they do instead; TF-IDF itself is never replaced."""
    import summarize.embed as embed
    from summarize import load_config
    from summarize.attribution import Attributor
    from summarize.errors import MissingDependencyError, SummarizeWarning
    from summarize.summarizers.extractive import ExtractiveSummarizer

    real = embed.get_embedder

    def missing(name="minilm", precision="auto"):
        if name != "tfidf":
            raise MissingDependencyError("the minilm embedder needs sentence-transformers: pip install summarize")
        return real(name, precision)

    monkeypatch.setattr(embed, "get_embedder", missing)
    with pytest.warns(SummarizeWarning, match=r"pip install summarize; choosing sentences with TF-IDF instead"):
        assert isinstance(ExtractiveSummarizer(load_config()).embedder, embed.TfidfEmbedder)
    with pytest.warns(SummarizeWarning, match=r"pip install summarize; tracing sources with TF-IDF instead"):
        assert isinstance(Attributor().embedder, embed.TfidfEmbedder)
    assert isinstance(embed.embedder_or_tfidf("tfidf", "auto", "x"), embed.TfidfEmbedder)
