"""Nearest-neighbour search over article embeddings for index-backed clustering (``cluster.index: ann``).

Two backends, chosen by ``cluster.ann_backend``: faiss (``IndexHNSWFlat``, inner product on the
L2-normalised vectors) and usearch (HNSW). bench/scale.py compares them on this machine; faiss is the
default because it built and searched faster at equal recall there. Both are an optional extra:
``pip install "summarize[scale]"``.

Example:
    >>> import numpy as np
    >>> v = np.eye(4, dtype=np.float32)[[0, 0, 1, 1]] + 0.01
    >>> v /= np.linalg.norm(v, axis=1, keepdims=True)
    >>> sorted(knn(v, 2)[0].tolist())  # doctest: +SKIP
    [0, 1]
"""

from __future__ import annotations

import numpy as np

from summarize.errors import MissingDependencyError
from summarize.host import cpu_threads

HNSW_M = 32  # graph degree
EF_CONSTRUCTION = 80
EF_SEARCH = 128


def knn(vectors: np.ndarray, k: int, backend: str = "faiss") -> np.ndarray:
    """For every row of ``vectors`` (L2-normalised float32), the indices of its ``k`` nearest rows by inner
    product, itself usually first; -1 pads where fewer were found."""
    return knn_against(vectors, vectors, k, backend)


def knn_against(base: np.ndarray, queries: np.ndarray, k: int, backend: str = "faiss") -> np.ndarray:
    """For every row of ``queries``, the indices of its ``k`` nearest rows of ``base`` (-1 pads)."""
    index = IncrementalIndex(base.shape[1], backend, search_depth=max(EF_SEARCH, 2 * k))
    index.add(base)
    return index.search(queries, k)


def _backend(name: str):
    """The module behind ``cluster.ann_backend``, or an error naming the install command."""
    try:
        if name == "faiss":
            import faiss

            faiss.omp_set_num_threads(cpu_threads())
            return faiss
        if name == "usearch":
            from usearch import index

            return index
    except ImportError as exc:
        package = {"faiss": "faiss-cpu"}.get(name, name)
        raise MissingDependencyError(f"cluster.index=ann with ann_backend={name} needs {package}: "
                                     f'pip install "summarize[scale]"') from exc
    raise ValueError(f"unknown ann backend {name!r}")


class IncrementalIndex:
    """An HNSW index that can grow (online clustering adds each batch): ``add`` vectors, ``search`` the
    nearest by inner product."""

    def __init__(self, dim: int, backend: str = "faiss", search_depth: int = EF_SEARCH) -> None:
        self.backend, self.size = backend, 0
        module = _backend(backend)
        if backend == "faiss":
            self.index = module.IndexHNSWFlat(dim, HNSW_M, module.METRIC_INNER_PRODUCT)
            self.index.hnsw.efConstruction = EF_CONSTRUCTION
            self.index.hnsw.efSearch = search_depth
        else:
            self.index = module.Index(ndim=dim, metric="ip", dtype="f32", connectivity=HNSW_M // 2,
                                      expansion_add=EF_CONSTRUCTION, expansion_search=search_depth)

    def __len__(self) -> int:
        return self.size

    def add(self, vectors: np.ndarray) -> None:
        x = np.ascontiguousarray(vectors, dtype=np.float32)
        if not len(x):
            return
        if self.backend == "faiss":
            self.index.add(x)
        else:
            self.index.add(np.arange(self.size, self.size + len(x)), x, threads=cpu_threads())
        self.size += len(x)

    def search(self, queries: np.ndarray, k: int) -> np.ndarray:
        """Indices of each query's ``k`` nearest (at most as many as there are), -1 where fewer were found."""
        q = np.ascontiguousarray(queries, dtype=np.float32)
        k = min(k, self.size)
        if self.backend == "faiss":
            return self.index.search(q, k)[1].astype(np.int64)
        matches = self.index.search(q, k, threads=cpu_threads())
        keys = np.asarray(matches.keys, dtype=np.int64).reshape(len(q), -1)
        keys[np.arange(keys.shape[1])[None, :] >= np.asarray(matches.counts).reshape(len(q))[:, None]] = -1
        return keys
