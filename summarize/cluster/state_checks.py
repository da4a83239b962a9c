"""The checks a clustering state file passes before anything uses it (``summarize.cluster.state_file``): a
state file may come from anywhere, so every array's declared size is read before the array is, and every
header field and array is checked (type, dtype, shape, ranges, finiteness) against the others. A file
that fails gets an ``InputError`` naming the file and the field.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from summarize.cluster.features import SIGNALS
from summarize.errors import InputError

MAX_BYTES = 2 * 2**30  # a state file's arrays, all together, as declared in their headers
MAX_HEADER_BYTES = 512 * 2**20


def check_declared_sizes(path: Path) -> None:
    """Each member's shape and dtype from its .npy header, read before any array is: a file declaring more
    than ``MAX_BYTES`` (or an object array) is refused without allocating it."""
    total = 0
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                name = info.filename.removesuffix(".npy")
                with zf.open(info) as fh:
                    version = np.lib.format.read_magic(fh)
                    read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
                    shape, _, dtype = read(fh)
                if dtype.hasobject:
                    raise InputError(f"{path}: field '{name}' is an object array (a state file holds plain data only)")
                size = int(np.prod(shape, dtype=object)) * dtype.itemsize
                total += size
                if total > MAX_BYTES or (name == "header" and size > MAX_HEADER_BYTES):
                    raise InputError(f"{path}: field '{name}' declares {size:,} bytes; a state file's arrays may hold "
                                     f"{MAX_BYTES:,} at most")
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{path}: not a readable clustering state ({exc.__class__.__name__}: {exc})") from exc


def validate(arrays: dict[str, np.ndarray], header: dict, path: Path) -> None:
    """Every header field and array a state needs, checked against each other (see ``read_state``)."""
    def fail(field: str, why: str):
        raise InputError(f"{path}: field '{field}' {why}")

    for key, kind in (("config", dict), ("clean", dict), ("articles", list), ("rejected", list)):
        if not isinstance(header.get(key), kind):
            fail(key, f"must be a {kind.__name__}")
    ids = []
    for i, a in enumerate(header["articles"]):
        if not (isinstance(a, dict) and isinstance(a.get("id"), str) and a["id"] and isinstance(a.get("text"), str)):
            fail(f"articles[{i}]", "must be an object with a non-empty string 'id' and a string 'text'")
        ids.append(a["id"])
    if len(set(ids)) != len(ids):
        dup = next(x for x in ids if ids.count(x) > 1)
        fail("articles", f"has the id {dup!r} twice")
    if any(not (isinstance(r, dict) and isinstance(r.get("id"), str)) for r in header["rejected"]):
        fail("rejected", "must be a list of objects with a string 'id'")
    if not isinstance(header.get("embedded_with"), (str, type(None))):
        fail("embedded_with", "must be a string (the embedder's model@precision) or null")
    n = len(ids)

    def array(name: str, kinds: str, shape: tuple, finite: str = "all") -> np.ndarray:
        a = arrays.get(name)
        if a is None:
            fail(name, "is missing")
        if a.dtype.kind not in kinds:
            fail(name, f"has dtype {a.dtype} (expected {'integers' if kinds in ('iu', 'i') else 'numbers'})")
        if a.ndim != len(shape) or any(want is not None and got != want for got, want in zip(a.shape, shape)):
            fail(name, f"has shape {a.shape}, expected {tuple('*' if w is None else w for w in shape)}")
        if a.dtype.kind == "f":
            if finite == "nan-ok":  # NaN has a meaning here; infinity has none
                bad = np.isinf(a)
            elif finite == "not+inf":
                bad = np.isnan(a) | np.isposinf(a)
            else:
                bad = ~np.isfinite(a)
            if bad.any():
                fail(name, "holds NaN or infinite values")
        return a

    def within(name: str, a: np.ndarray, low: float, high) -> None:  # finite but absurd values (3e38)
        finite = a[np.isfinite(a)]
        if finite.size and (finite.min() < low or (finite > high).any()):
            fail(name, f"holds values outside [{low}, {high if np.isscalar(high) else 'its count'}]")

    labels = array("labels", "iu", (n,))
    if n and (labels.min() < 0 or labels.max() >= n):
        fail("labels", f"values must be event numbers in [0, {n}), found {labels.min()}..{labels.max()}")
    within("times", array("times", "f", (n,), finite="nan-ok"), -1e11, 1e11)  # NaN: no date; +-3,000 years
    count = array("bg_count", "fiu", (n,))
    if (count < 0).any():
        fail("bg_count", "holds negative counts")
    within("bg_count", count, 0, max(n, 1))
    slack = count * 1.001 + 1e-3  # similarities are in [-1, 1]: a sum of k of them is too
    for s in SIGNALS:
        within(f"bg_sums_{s}", np.abs(array(f"bg_sums_{s}", "f", (n,))) - slack, -np.inf, 0)
        within(f"bg_squares_{s}", array(f"bg_squares_{s}", "f", (n,)) - slack, -np.inf, 0)
        within(f"bg_top_{s}", array(f"bg_top_{s}", "f", (n, None), finite="not+inf"), -1.001, 1.001)  # -inf: none yet
    vec = header.get("vectorizers")
    sizes = {}
    if vec is not None:
        if not (isinstance(vec, dict) and isinstance(vec.get("kinds"), dict) and isinstance(vec.get("vocabularies"), dict)):
            fail("vectorizers", "must hold 'kinds' and 'vocabularies' objects")
        for s in ("lex", "ent"):
            vocab = vec["vocabularies"].get(s)
            if not (isinstance(vocab, list) and all(isinstance(t, str) for t in vocab)) or len(set(vocab)) != len(vocab):
                fail(f"vectorizers.vocabularies.{s}", "must be a list of distinct strings")
            if not isinstance(vec["kinds"].get(s), str):
                fail(f"vectorizers.kinds.{s}", "must be a string")
            sizes[s] = len(vocab)
            idf = array(f"{s}_idf", "f", (len(vocab),))
            if (idf <= 0).any():
                fail(f"{s}_idf", "holds weights <= 0")
            within(f"{s}_idf", idf, 0, 1000)  # 1 + ln(documents / frequency)
    if "emb" in arrays:
        if vec is None:
            fail("vectorizers", "is missing while the state holds features")
        emb = array("emb", "f", (n, None))
        if emb.shape[1] > 65536:
            fail("emb", f"has {emb.shape[1]} dimensions")
        if len(emb) and (np.linalg.norm(emb.astype(np.float64), axis=1) > 1.001).any():
            fail("emb", "holds vectors longer than 1 (they are unit vectors)")
        for s in ("lex", "ent"):
            shape = array(f"{s}_shape", "iu", (2,))
            if tuple(shape.tolist()) != (n, sizes[s]):
                fail(f"{s}_shape", f"is {tuple(shape.tolist())}, expected ({n}, {sizes[s]})")
            indptr = array(f"{s}_indptr", "iu", (n + 1,))
            indices = array(f"{s}_indices", "iu", (None,))
            data = array(f"{s}_data", "f", (len(indices),))
            within(f"{s}_data", data, -1.001, 1.001)  # rows of unit length
            if indptr[0] != 0 or indptr[-1] != len(data) or (np.diff(indptr.astype(np.int64)) < 0).any():
                fail(f"{s}_indptr", "must rise from 0 to the number of stored values")
            if len(indices) and (indices.min() < 0 or indices.max() >= sizes[s]):
                fail(f"{s}_indices", f"values must be in [0, {sizes[s]})")
    elif n:
        fail("emb", "is missing while the state holds articles")
