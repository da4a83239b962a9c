"""The on-disk format of an online clustering state: one ``.npz`` archive of plain arrays and a JSON
header, read with ``allow_pickle=False``, so a state file is data only and cannot run code on load.

What it holds: the settings (cluster and clean config), the fitted TF-IDF vocabularies and idf
weights, every article's features (embedding rows, sparse TF-IDF rows), labels, times, the background
statistics of each signal, a short record of each article and the rejected ones, and which embedder made
its vectors (model and precision: ``embed.embedder_key``).

Example:
    >>> from summarize.cluster.stream import StreamClusterer
    >>> stream = StreamClusterer(ClusterConfig(method="online"))
    >>> path = write_state("/tmp/doc-state.npz", stream)
    >>> len(read_state(path, cls=StreamClusterer))
    0
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, fields
from pathlib import Path
from typing import Callable

import numpy as np
from scipy import sparse

from summarize.cluster.features import SIGNALS, Background, Features
from summarize.cluster.state_checks import check_declared_sizes, validate
from summarize.config import CleanConfig, ClusterConfig
from summarize.config.schema import from_dict
from summarize.embed import Embedder, loaded
from summarize.errors import ConfigError, InputError
from summarize.io.atomic import atomic_write_npz
from summarize.io.lock import file_lock
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


# settings that shape the events; a run with others is told that the state's are used
SETTINGS = ("threshold", "signal_weights", "embed_words", "min_words", "window_days")


def read_state(path: str | Path, embedder: Embedder | Callable[[], Embedder] | None = None,
               expected: tuple[ClusterConfig, CleanConfig | None] | None = None, *, cls):
    """The stream clusterer (``cls``: ``StreamClusterer``, passed in so that this format module does not
    import the clusterer it serves) saved at ``path``. A state file is data only: every array is checked (dtype,
    shape, ranges, finiteness) against the header, and every header field, before anything uses them; a
    file that is not a valid state gets an error naming the file and the field. With ``expected`` (the
    run's cluster and clean settings) the embedder and cache directory are the run's, never the file's;
    a state embedded with another model is refused, and other settings that differ are stated in a
    warning (the state's are kept: its events were built with them)."""
    path = Path(path)
    check_declared_sizes(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        header = json.loads(arrays.pop("header").tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a readable clustering state ({exc.__class__.__name__}: {exc})") from exc
    except RecursionError:
        raise InputError(f"{path}: not a readable clustering state (its header is nested too deeply)") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise InputError(f"{path}: not a clustering state of version {VERSION} (format {FORMAT!r})")
    validate(arrays, header, path)
    weights = header["config"].get("signal_weights")  # checked with the rest of the config below
    embedded = weights.get("emb", 1.0) if isinstance(weights, dict) else 1.0  # emb: 0 stores no vectors
    if embedder is not None and embedded and "emb" in arrays and len(arrays["emb"]):
        embedder = loaded(embedder)
        width = embedder.encode(["width"]).shape[1]
        if arrays["emb"].shape[1] != width:
            raise InputError(f"{path}: field 'emb' has vectors of {arrays['emb'].shape[1]} dimensions, the embedder "
                             f"gives {width}: not a state of this embedder")
    if expected is not None:
        header = _with_run_settings(header, expected, path, cls)
    try:
        stream = _decode(arrays, header, embedder, cls)
        stream.source = path
        return stream
    except (KeyError, ValueError, TypeError, ConfigError) as exc:
        raise InputError(f"{path}: damaged clustering state ({exc.__class__.__name__}: {exc})") from exc


def _with_run_settings(header: dict, expected: tuple[ClusterConfig, CleanConfig | None], path: Path, cls) -> dict:
    """The header with the run's embedder and cache directory (paths are never taken from a file); a
    state embedded with another model is refused; other differences are stated."""
    import warnings

    from summarize.errors import SummarizeWarning

    run, clean = expected
    stored = dict(header["config"])
    if stored.get("embedder") != run.embedder:
        raise ConfigError(f"{path} was embedded with {stored.get('embedder')!r}, this run uses {run.embedder!r}: "
                          f"vectors of two models cannot be mixed; run with --set cluster.embedder=... to match, or "
                          f"start a new state file")
    differ = [f"cluster.{k}: {stored.get(k)!r} in the state, {getattr(run, k)!r} in this run"
              for k in SETTINGS if stored.get(k) != getattr(run, k)]
    if clean is not None:  # compared as the stream applies them (some of the run's are left to summaries)
        applied = cls.clean_settings(clean)
        differ += [f"clean.{k}: {v!r} in the state, {getattr(applied, k)!r} in this run"
                   for k, v in header["clean"].items() if hasattr(applied, k) and getattr(applied, k) != v]
    if differ:
        warnings.warn(f"{path}: built with other settings; the state's are kept (its events were built with "
                      f"them): {'; '.join(differ)}", SummarizeWarning, stacklevel=4)
    stored["embedder"], stored["cache_dir"] = run.embedder, run.cache_dir
    return {**header, "config": stored}


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
        "embedded_with": stream.embedded_with,
    }
    if builder.lex_vec is not None:
        header["vectorizers"] = {
            "kinds": builder.kinds,
            "vocabularies": {s: getattr(builder, f"{s}_vec").get_feature_names_out().tolist() for s in ("lex", "ent")},
        }
        for s in ("lex", "ent"):
            arrays[f"{s}_idf"] = getattr(builder, f"{s}_vec").idf_
    return arrays, header


def _decode(arrays: dict[str, np.ndarray], header: dict, embedder: Embedder | None, cls):
    config = from_dict(ClusterConfig, header["config"], where="state config")
    clean = from_dict(CleanConfig, header["clean"], where="state clean config")
    stream = cls(config, clean, embedder)
    known = {f.name for f in fields(Article)}
    stream.articles = [Article(**{k: v for k, v in a.items() if k in known}) for a in header["articles"]]
    stream.rejected = list(header["rejected"])
    stream.embedded_with = header.get("embedded_with")  # absent from states written before it was recorded
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


def state_lock(path: str | Path):
    """An exclusive OS lock on ``PATH.lock`` while a state is updated (``summarize.io.lock.file_lock``)."""
    return file_lock(path, "is being updated by another run")
