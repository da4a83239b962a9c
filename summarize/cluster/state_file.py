"""The on-disk format of an online clustering state: one ``.npz`` archive of plain arrays and a JSON
header, read with ``allow_pickle=False``, so a state file is data only and cannot run code on load.

What it holds: the settings (cluster and clean config), the fitted TF-IDF vocabularies and idf
weights, every article's features (embedding rows, sparse TF-IDF rows), labels, times, the background
statistics of each signal, a short record of each article and the rejected ones.

Example:
    >>> from summarize.cluster.stream import StreamClusterer
    >>> stream = StreamClusterer(ClusterConfig(method="online"))
    >>> path = write_state("/tmp/doc-state.npz", stream)
    >>> len(read_state(path))
    0
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np
from scipy import sparse

from summarize.cluster.features import SIGNALS, Background, Features
from summarize.config import CleanConfig, ClusterConfig
from summarize.config_schema import from_dict
from summarize.embed import Embedder
from summarize.errors import ConfigError, InputError
from summarize.io.write import atomic_write_npz
from summarize.types import Article

FORMAT = "summarize-cluster-state"
VERSION = 2


def write_state(path: str | Path, stream) -> Path:
    """Write ``stream`` (a ``StreamClusterer``) to ``path`` atomically: a temporary file renamed over it."""
    path = Path(path)
    arrays, header = _encode(stream)
    # default=str: an article's metadata may hold a value JSON has no type for (a date)
    arrays["header"] = np.frombuffer(json.dumps(header, default=str).encode("utf-8"), dtype=np.uint8)
    atomic_write_npz(path, arrays)
    return path


def read_state(path: str | Path, embedder: Embedder | None = None):
    """The ``StreamClusterer`` saved at ``path``; a file that is not one gets an error naming it."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        header = json.loads(arrays.pop("header").tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a readable clustering state ({exc.__class__.__name__}: {exc})") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise InputError(f"{path}: not a clustering state of version {VERSION} (format {FORMAT!r})")
    try:
        return _decode(arrays, header, embedder)
    except (KeyError, ValueError, TypeError, ConfigError) as exc:
        raise InputError(f"{path}: damaged clustering state ({exc.__class__.__name__}: {exc})") from exc


def _encode(stream) -> tuple[dict[str, np.ndarray], dict]:
    state, builder = stream.state, stream.builder
    arrays: dict[str, np.ndarray] = {"labels": state.labels, "times": state.times, "bg_count": state.bg.count}
    for s in SIGNALS:
        arrays[f"bg_sums_{s}"] = state.bg.sums[s]
        arrays[f"bg_squares_{s}"] = state.bg.squares[s]
        arrays[f"bg_top_{s}"] = state.bg.top[s]
    if state.feats is not None:
        arrays["emb"] = state.feats.emb
        for s in ("lex", "ent"):
            m = getattr(state.feats, s).tocsr()
            arrays.update({f"{s}_data": m.data, f"{s}_indices": m.indices, f"{s}_indptr": m.indptr,
                           f"{s}_shape": np.array(m.shape)})
    header = {
        "format": FORMAT, "version": VERSION, "config": asdict(stream.config), "clean": asdict(stream.clean),
        "articles": [asdict(a) for a in stream.articles], "rejected": stream.rejected, "vectorizers": None,
    }
    if builder.lex_vec is not None:
        header["vectorizers"] = {
            "kinds": builder.kinds,
            "vocabularies": {s: getattr(builder, f"{s}_vec").get_feature_names_out().tolist() for s in ("lex", "ent")},
        }
        for s in ("lex", "ent"):
            arrays[f"{s}_idf"] = getattr(builder, f"{s}_vec").idf_
    return arrays, header


def _decode(arrays: dict[str, np.ndarray], header: dict, embedder: Embedder | None):
    from summarize.cluster.stream import StreamClusterer

    config = from_dict(ClusterConfig, header["config"], where="state config")
    clean = from_dict(CleanConfig, header["clean"], where="state clean config")
    stream = StreamClusterer(config, clean, embedder)
    known = {f.name for f in fields(Article)}
    stream.articles = [Article(**{k: v for k, v in a.items() if k in known}) for a in header["articles"]]
    stream.rejected = list(header["rejected"])
    if header["vectorizers"] is not None:
        v = header["vectorizers"]
        stream.builder.restore(v["kinds"], v["vocabularies"], {s: arrays[f"{s}_idf"] for s in ("lex", "ent")})
    state = stream.state
    state.labels, state.times = arrays["labels"].astype(int), arrays["times"].astype(float)
    bg = Background(0)
    bg.count = arrays["bg_count"]
    for s in SIGNALS:
        bg.sums[s], bg.squares[s], bg.top[s] = arrays[f"bg_sums_{s}"], arrays[f"bg_squares_{s}"], arrays[f"bg_top_{s}"]
    state.bg = bg
    if "emb" in arrays:
        rows = {s: sparse.csr_matrix((arrays[f"{s}_data"], arrays[f"{s}_indices"], arrays[f"{s}_indptr"]),
                                     shape=tuple(arrays[f"{s}_shape"])) for s in ("lex", "ent")}
        state.feats = Features(arrays["emb"], rows["lex"], rows["ent"])
    n = len(stream.articles)
    if len(state.labels) != n or len(state.times) != n or (state.feats is not None and len(state.feats) != n):
        raise ValueError(f"{n} articles but {len(state.labels)} labels / {len(state.times)} times")
    return stream
