"""An on-disk cache of sentence vectors (SQLite, one file), keyed by model, precision and text: re-runs embed
only the texts they have not seen (clustering, evaluation, the Ray runner).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import numpy as np

from summarize.embed import Embedder, embedder_key, fitted_per_call


class CachedEmbedder:
    """An embedder with an on-disk cache keyed by ``embedder_key`` (model and precision: vectors computed in
    bfloat16 on one machine are not served to a float32 run on another) and text hash (SQLite, one file).

    Re-runs embed only texts not seen before; ``hits`` and ``misses`` count what the last calls did.

    Example:
        >>> import tempfile
        >>> e = CachedEmbedder(get_embedder("tfidf"), tempfile.mkdtemp())  # doctest: +SKIP
    """

    def __init__(self, inner: Embedder, cache_dir: str | Path, batch_size: int = 256) -> None:
        if fitted_per_call(inner):
            raise ValueError("TF-IDF vectors depend on the whole batch and cannot be cached per text")
        self.inner, self.name, self.batch_size = inner, inner.name, batch_size
        self.precision = getattr(inner, "precision", None)
        self.key = embedder_key(inner)
        self.path = Path(cache_dir) / "embeddings.sqlite"
        self.hits = self.misses = 0
        self._db: sqlite3.Connection | None = None
        try:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, data BLOB, dim INTEGER)")
        except (OSError, sqlite3.Error) as exc:
            self._off(exc)

    def _off(self, exc: Exception) -> None:
        """A cache that cannot be read or written (read-only or full disk) is switched off with one warning;
        the run goes on embedding without it."""
        import warnings

        from summarize.errors import SummarizeWarning

        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None
        warnings.warn(f"embedding cache {self.path} unusable ({exc}); continuing without it", SummarizeWarning,
                      stacklevel=3)

    def _key(self, text: str) -> str:
        return hashlib.sha1(f"{self.key}\0{text}".encode()).hexdigest()

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [self._key(t) for t in texts]
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 900):
            if self._db is None:
                break
            chunk = unique[start : start + 900]
            try:
                rows = self._db.execute(f"SELECT key, data FROM vec WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                found.update((k, np.frombuffer(d, dtype=np.float32)) for k, d in rows)
            except sqlite3.Error as exc:
                self._off(exc)
        todo = [(k, t) for k, t in dict(zip(keys, texts)).items() if k not in found]
        self.hits += len(unique) - len(todo)
        self.misses += len(todo)
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start : start + self.batch_size]
            vecs = self.inner.encode([t for _, t in batch]).astype(np.float32)
            found.update((k, v) for (k, _), v in zip(batch, vecs))
            if self._db is None:
                continue
            try:
                self._db.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?, ?)",
                                     [(k, v.tobytes(), len(v)) for (k, _), v in zip(batch, vecs)])
                self._db.commit()  # each batch is kept even if a later one fails
            except sqlite3.Error as exc:  # a full or read-only disk
                self._off(exc)
        if not texts:
            return self.inner.encode([])
        return np.stack([found[k] for k in keys])


def cached(inner: Embedder, cache_dir: str | Path | None, batch_size: int = 256) -> Embedder:
    """``inner`` behind the on-disk cache in ``cache_dir`` (``~`` expanded); ``inner`` itself when no cache is
    set or its vectors are fitted per call (TF-IDF), which a cache cannot keep.

    Example:
        >>> from summarize.embed import get_embedder
        >>> cached(get_embedder("tfidf"), "/tmp/never-made").name, cached(get_embedder("tfidf"), None).name
        ('tfidf', 'tfidf')
    """
    if not cache_dir or fitted_per_call(inner):
        return inner
    return CachedEmbedder(inner, os.path.expanduser(str(cache_dir)), batch_size=batch_size)
