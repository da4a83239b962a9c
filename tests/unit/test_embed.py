"""The sentence-embedding wrapper: precisions, the on-disk cache."""

import numpy as np
import pytest

from summarize.embed import MINILM, CachedEmbedder, SentenceTransformerEmbedder

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
