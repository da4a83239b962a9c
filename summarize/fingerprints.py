"""Fingerprints of the code that made a result, as datasets' fingerprints hash a transform's code: a result
made by other code (an upgrade, a fix in an editable install) is stale even where the settings are the same.

``code_fingerprint(modules)`` hashes the named modules, ``import_closure`` finds the package modules a module
imports (the training features' cache key hashes the closure of their builders);
``run_code_hash()`` hashes every module a ``summarize run`` output can depend on, recorded in each row as
``code_hash``, so a resumed batch never mixes rows of two versions of the code (``io.write.ResumableJsonl``);
``checkpoint_fingerprint`` tells which checkpoint a model name or path is now, ``weights_fingerprint`` which
weights a model given in code holds (each row's ``model_hash``).
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
from pathlib import Path
from typing import Iterable, Sequence

# What runs only after the summaries are written (or only around them): a change there leaves every row as it was
AFTER_THE_RUN = frozenset({"cli", "report", "metrics", "evaluate_modules", "evaluation.py"})


def code_fingerprint(modules: Sequence[str]) -> str:
    """A hash of the source files of ``modules`` (found, not imported).

    Example:
        >>> a = code_fingerprint(["summarize.clean"])
        >>> len(a), a == code_fingerprint(["summarize.clean"]) != code_fingerprint(["summarize.types"])
        (16, True)
    """
    digest = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        digest.update(name.encode() + b"\0" + (origin.read_bytes() if origin and origin.is_file() else b"?") + b"\0")
    return digest.hexdigest()[:16]


def import_closure(modules: Iterable[str], package: str = "summarize") -> list[str]:
    """``modules`` and every module of ``package`` they import, directly or through each other (read from their
    source, not imported; imports inside functions count). The package's own ``__init__`` is not followed (it
    imports the whole public API); a registry's lazy, by-name imports are not seen: name such modules as well.

    Example:
        >>> "summarize.text.normalize" in import_closure(["summarize.clean"])
        True
    """
    seen: list[str] = []
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in seen or name == package:
            continue
        seen.append(name)
        spec = importlib.util.find_spec(name)
        if not spec or not spec.origin or not spec.origin.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(Path(spec.origin).read_bytes())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith(package):
                todo.append(node.module)
                if _is_package(node.module):
                    todo += [f"{node.module}.{a.name}" for a in node.names if _exists(f"{node.module}.{a.name}")]
            elif isinstance(node, ast.Import):
                todo += [a.name for a in node.names if a.name.startswith(package + ".")]
    return sorted(seen)


def _is_package(name: str) -> bool:
    spec = importlib.util.find_spec(name)
    return bool(spec and spec.submodule_search_locations)


def _exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def tree_fingerprint(root: str | Path, excluded: Iterable[str] = ()) -> str:
    """A hash of every ``.py`` file under ``root`` (its path there and its bytes), leaving out those whose first
    path part below ``root`` is in ``excluded``.

    Example:
        >>> import tempfile
        >>> root = Path(tempfile.mkdtemp()); _ = (root / "a.py").write_text("x = 1")
        >>> (root / "cli").mkdir(); _ = (root / "cli" / "b.py").write_text("y = 1")
        >>> before = tree_fingerprint(root, excluded={"cli"})
        >>> _ = (root / "cli" / "b.py").write_text("y = 2"); tree_fingerprint(root, excluded={"cli"}) == before
        True
        >>> _ = (root / "a.py").write_text("x = 2"); tree_fingerprint(root, excluded={"cli"}) == before
        False
    """
    root, skip = Path(root), set(excluded)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*.py") if p.relative_to(root).parts[0] not in skip):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def run_code_hash() -> str:
    """The fingerprint of the installed ``summarize`` package's code that shapes a run's rows (all of it but
    ``AFTER_THE_RUN``), computed once per process (about 100 files, a few milliseconds)."""
    return tree_fingerprint(Path(__file__).parent, AFTER_THE_RUN)  # this module is at the package's root


SAMPLES, SAMPLE_BYTES = 8, 1 << 18  # a checkpoint file is read at 8 evenly spaced places, 256 KiB each


def checkpoint_fingerprint(name_or_path: str | None) -> str | None:
    """Which checkpoint ``name_or_path`` names now, found cheaply: a local folder by its files' names, sizes and
    contents, each file read at ``SAMPLES`` evenly spaced places (a retrained checkpoint differs there: every
    layer's weights move; a copy on another machine, whatever its dates, is the same), a hub name by the
    commit of its cached snapshot; None where there is none (not downloaded, no such folder).

    Example:
        >>> import tempfile
        >>> d = Path(tempfile.mkdtemp()); _ = (d / "config.json").write_text("{}")
        >>> _ = (d / "model.safetensors").write_bytes(bytes(10_000_000)); a = checkpoint_fingerprint(str(d))
        >>> _ = (d / "model.safetensors").write_bytes(b"\1" * 10_000_000)  # retrained: same size, other weights
        >>> len(a), a == checkpoint_fingerprint(str(d)), checkpoint_fingerprint(str(d / "missing"))
        (16, False, None)
    """
    if not name_or_path:
        return None
    from summarize.generation.models import looks_local

    if looks_local(name_or_path):
        folder = Path(name_or_path).expanduser()
        if not folder.is_dir():
            return None
        digest = hashlib.sha256()
        for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
            size = path.stat().st_size  # from_pretrained reads the folder's own files, gigabytes: not hashed whole
            digest.update(f"{path.name}\0{size}\0".encode())
            with open(path, "rb") as fh:
                if size <= SAMPLES * SAMPLE_BYTES:
                    digest.update(fh.read())
                    continue
                for k in range(SAMPLES):
                    fh.seek((size - SAMPLE_BYTES) * k // (SAMPLES - 1))
                    digest.update(fh.read(SAMPLE_BYTES))
        return digest.hexdigest()[:16]
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    found = try_to_load_from_cache(name_or_path, "config.json")
    parts = Path(found).parts if isinstance(found, str) else ()
    return parts[parts.index("snapshots") + 1] if "snapshots" in parts[:-1] else None


def weights_fingerprint(model) -> str:
    """Which weights a model object holds (one given in code, not loaded from a name): its parameter names and
    shapes, and the first values of ``SAMPLES`` of its tensors, evenly spaced (fine-tuning moves them all);
    a few hundred kilobytes read, whatever the model's device.

    Example:
        >>> import torch
        >>> layer = torch.nn.Linear(4, 2); a = weights_fingerprint(layer)
        >>> with torch.no_grad(): _ = layer.weight.add_(1.0)
        >>> len(a), a == weights_fingerprint(layer)
        (16, False)
    """
    state = sorted(model.state_dict().items())
    digest = hashlib.sha256()
    for name, tensor in state:
        digest.update(f"{name}\0{tuple(tensor.shape)}\0".encode())
    for _, tensor in state[:: max(1, len(state) // SAMPLES)]:
        digest.update(tensor.detach().reshape(-1)[: SAMPLE_BYTES // 4].float().cpu().numpy().tobytes())
    return digest.hexdigest()[:16]
