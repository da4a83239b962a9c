"""A checkpoint converted once into CTranslate2's format: cached under ``ctranslate2.cache_dir`` by a hash of
the checkpoint's files and the quantization, so a retrained or edited checkpoint at the same path is
converted again. Conversion runs in a temporary folder renamed into place, so a crash never leaves a
half-converted model that a later run would load.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from summarize.errors import require

INSTALL = "pip install ctranslate2"
HASH_CHUNK = 1 << 22


def checkpoint_hash(folder: str | Path) -> str:
    """sha256 over every file of a checkpoint folder (names and contents): a retrained or edited
    checkpoint at the same path gets a new hash, so a stale conversion is never reused.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "config.json").write_text("{}")
        >>> len(checkpoint_hash(d))
        64
    """
    digest = hashlib.sha256()
    root = Path(folder)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        with open(path, "rb") as fh:
            while chunk := fh.read(HASH_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


# transformers 5 configs no longer carry the layer-norm placement CTranslate2's converter reads
# (layer norm before each block, layer norm after the embeddings) by family
LAYER_NORMS = {"bart": (False, True), "marian": (False, False), "mbart": (True, True), "pegasus": (True, False)}


def _converter(ct2: Any, folder: Path):
    """CTranslate2's Transformers converter, given back the config fields transformers 5 dropped or
    redefined (CTranslate2 4.8 reads the transformers 4 ones: without this, PEGASUS fails to convert
    and flan-t5's logits come out scaled by d_model ** -0.5)."""

    class Converter(ct2.converters.TransformersConverter):
        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            cfg = model.config
            before, embedding = LAYER_NORMS.get(cfg.model_type, (None, None))
            if before is not None and "normalize_before" not in cfg.to_dict():
                cfg.normalize_before = before
            if embedding is not None and "normalize_embedding" not in cfg.to_dict():
                cfg.normalize_embedding = embedding
            if hasattr(cfg, "scale_decoder_outputs"):  # T5 in transformers 5: always tied, scaled only when
                cfg.tie_word_embeddings = cfg.scale_decoder_outputs  # the checkpoint said tied (not flan-t5)
            return model

    return Converter(str(folder), low_cpu_mem_usage=True)


def converted_model(folder: Path, quantization: str, cache_dir: str | Path) -> Path:
    """The CTranslate2 conversion of ``folder`` at ``quantization``, made on first use and cached."""
    ct2 = require("ctranslate2", INSTALL)
    cache = Path(cache_dir).expanduser()
    target = cache / f"{checkpoint_hash(folder)[:20]}-{quantization}"
    if (target / "model.bin").is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=cache))
    try:
        converter = _converter(ct2, folder)
        converter.convert(str(tmp / "model"), quantization=quantization, force=True)
        try:
            os.replace(tmp / "model", target)
        except OSError:  # another process converted it first
            if not (target / "model.bin").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
