"""The ``ctranslate2`` engine: the checkpoint converted once (cached by its content hash and quantization)
and decoded by CTranslate2 with the same token ids and generation settings as the ``hf`` engine.

CTranslate2 supports BART, PEGASUS and T5/Flan-T5 (not LED/PRIMERA: that is a clear error naming
``engine=hf``). Conversion runs in a temporary folder renamed into place, so a crash never leaves a
half-converted model that a later run would load.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Sequence

from summarize.config import CTranslate2Config, GenerationConfig, RunConfig
from summarize.errors import ConfigError, MissingDependencyError, ModelUnavailableError, require
from summarize.generation.batching import batch_token_budget
from summarize.generation.hf import strip_special
from summarize.generation.models import checkpoint_source, looks_local, unavailable_message
from summarize.host import cpu_threads
from summarize.registry import ENGINES

INSTALL = "pip install ctranslate2"
SUPPORTED = ("bart", "pegasus", "t5", "mt5", "umt5", "mbart", "marian")
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


def local_folder(name_or_path: str, trust_remote_code: bool = False) -> Path:
    """The local folder of a checkpoint: the path itself, or a hub name's snapshot in the local cache."""
    source, _ = checkpoint_source(name_or_path, trust_remote_code)
    if looks_local(name_or_path):
        return Path(source)
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(name_or_path, local_files_only=True))
    except Exception as exc:  # noqa: BLE001  (the hub raises several kinds for "not cached")
        raise ModelUnavailableError(unavailable_message(name_or_path, "is not in the local cache")) from exc


def resolve_quantization(name: str, device: str) -> str:
    """``auto`` -> int8 on cpu, int8_float16 on cuda.

    Example:
        >>> resolve_quantization("auto", "cpu"), resolve_quantization("float32", "cuda")
        ('int8', 'float32')
    """
    if name != "auto":
        return name
    return "int8_float16" if device == "cuda" else "int8"


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


def device_and_index(name: str) -> tuple[str, int]:
    """CTranslate2's ``(device, device_index)`` for a config device (``auto``, ``cpu``, ``cuda:1``).

    Example:
        >>> device_and_index("cuda:1"), device_and_index("cpu")
        (('cuda', 1), ('cpu', 0))
    """
    if name == "auto":
        ct2 = require("ctranslate2", INSTALL)
        return ("cuda", 0) if ct2.get_cuda_device_count() > 0 else ("cpu", 0)
    kind, _, index = name.partition(":")
    if kind not in ("cpu", "cuda"):
        raise ConfigError(f"engine=ctranslate2 runs on cpu or cuda, not {name!r} (use --set engine=hf)")
    return kind, int(index or 0)


def forced_bos(folder: Path, model_config: Any) -> int | None:
    """The token the model must generate first (``forced_bos_token_id``: its generation config, where
    transformers 5 keeps it, else its model config)."""
    try:
        from transformers import GenerationConfig

        forced = GenerationConfig.from_pretrained(str(folder)).forced_bos_token_id
    except (OSError, ValueError):
        forced = None
    return forced if forced is not None else getattr(model_config, "forced_bos_token_id", None)


_MISSING_LIBRARY = re.compile(r"Library (\S+) is not found or cannot be loaded")


@contextmanager
def cuda_libraries_named():
    """CTranslate2 loads CUDA's libraries when it first needs them and says only "Library libcublas.so.12 is
    not found or cannot be loaded" (its PyPI wheels are built for one CUDA major version; a machine with
    another one has no such file): that becomes an error naming the library, the CUDA version it belongs to
    and the ways out.

    Example:
        >>> try:
        ...     with cuda_libraries_named():
        ...         raise RuntimeError("Library libcublas.so.12 is not found or cannot be loaded")
        ... except MissingDependencyError as exc:
        ...     print(str(exc).split(",")[0])
        engine=ctranslate2 on cuda needs libcublas.so.12 (the CUDA 12 runtime
    """
    try:
        yield
    except RuntimeError as exc:
        missing = _MISSING_LIBRARY.search(str(exc))
        if not missing:
            raise
        lib = missing.group(1)
        major = re.search(r"(cublas|cudart)\w*?(?:\.so\.|64_)(\d+)", lib)
        cuda = f"the CUDA {major.group(2)} runtime" if major else "a CUDA library"
        wheel = f"nvidia-{major.group(1).replace('cudart', 'cuda-runtime')}-cu{major.group(2)}" if major else None
        how = f"`pip install {wheel}` and put its lib folder (under site-packages/nvidia/) on LD_LIBRARY_PATH, or " \
            if wheel else ""
        version = getattr(sys.modules.get("ctranslate2"), "__version__", None)
        raise MissingDependencyError(
            f"engine=ctranslate2 on cuda needs {lib} ({cuda}, which CTranslate2{' ' + version if version else ''} "
            f"was built for) and cannot load it on "
            f"this machine: {how}install that CUDA version, or run with `--set engine=hf` (the same model through "
            f"torch's CUDA) or `--set abstractive.device=cpu`") from exc


@contextmanager
def torch_threads_kept():
    """CTranslate2 sets the OpenMP thread count of the calling thread (to its ``intra_threads``), which is
    torch's too: put torch's back, so that the rest of the process keeps its cores."""
    torch = sys.modules.get("torch")
    threads = torch.get_num_threads() if torch is not None else None
    try:
        yield
    finally:
        if threads is not None and torch.get_num_threads() != threads:
            torch.set_num_threads(threads)


@ENGINES.register("ctranslate2")
class CTranslate2Engine:
    """CTranslate2 (BART, PEGASUS, T5): int8/float16/float32, converted once and cached by checkpoint hash."""

    name = "ctranslate2"

    def __init__(self, model_dir: Path, tokenizer: Any, model_config: Any, generation: GenerationConfig,
                 settings: CTranslate2Config, device: str = "auto") -> None:
        ct2 = require("ctranslate2", INSTALL)
        self.tokenizer, self.gen = tokenizer, generation
        kind, index = device_and_index(device)
        self.quantization = resolve_quantization(settings.quantization, kind)
        self.model_dir = converted_model(model_dir, self.quantization, settings.cache_dir)
        threads = settings.threads or cpu_threads()  # under -n N: this process's share of the cores
        # on a CPU one worker per core, each on its own batch, beats every core on one batch
        # (bart-base shape, 2 cores: 7.6 s against 10.5 s for 16 clusters); on a GPU one worker
        self.workers = threads if kind == "cpu" else 1
        with torch_threads_kept(), cuda_libraries_named():
            self.translator = ct2.Translator(str(self.model_dir), device=kind, device_index=index,
                                             compute_type=self.quantization, inter_threads=self.workers,
                                             intra_threads=1 if kind == "cpu" else threads)
        self.special = set(tokenizer.all_special_ids)
        forced = forced_bos(model_dir, model_config)  # bart-large-cnn: "<s>" after the start token
        self.prefix = tokenizer.convert_ids_to_tokens([forced]) if forced is not None else None

    @classmethod
    def from_config(cls, config: RunConfig, *, tokenizer: Any, model_config: Any, model: Any = None,
                    **_: Any) -> "CTranslate2Engine":
        model_type = getattr(model_config, "model_type", "")
        if model_type not in SUPPORTED:
            raise ConfigError(f"engine=ctranslate2 does not support {model_type or 'this'} models (CTranslate2 "
                              f"converts {', '.join(SUPPORTED)}); run it with `--set engine=hf`")
        if model is None:
            folder = local_folder(config.model, config.abstractive.trust_remote_code)
            return cls(folder, tokenizer, model_config, config.generation, config.ctranslate2, config.abstractive.device)
        folder = Path(tempfile.mkdtemp(prefix="summarize-ct2-"))  # a model object passed in code: convert it
        try:
            model.save_pretrained(folder)
            tokenizer.save_pretrained(folder)
            return cls(folder, tokenizer, model_config, config.generation, config.ctranslate2, config.abstractive.device)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def batch_size(self, inputs: Sequence[list[int]]) -> int:
        """Clusters per batch: within the token budget and ``max_batch_size``, and small enough that every
        worker gets a batch (CTranslate2 sorts by length and splits the call into such batches).

        Example:
            >>> from types import SimpleNamespace
            >>> e = SimpleNamespace(workers=2, gen=GenerationConfig(max_batch_tokens=8000, num_beams=1))
            >>> CTranslate2Engine.batch_size(e, [[0] * 1000] * 20)
            8
        """
        if not inputs:
            return 1
        longest = max(map(len, inputs)) * self.gen.num_beams
        per_worker = -(-len(inputs) // self.workers)
        by_tokens = batch_token_budget(self.gen.max_batch_tokens) // max(longest, 1)
        return max(1, min(self.gen.max_batch_size, per_worker, by_tokens))

    def generate_ids(self, inputs: Sequence[list[int]]) -> list[list[int]]:
        """Generated token ids (special tokens removed) for each input, in input order."""
        import ctranslate2

        gen = self.gen
        if gen.do_sample:
            ctranslate2.set_random_seed(gen.seed)
        tokens = [self.tokenizer.convert_ids_to_tokens(list(ids)) for ids in inputs]
        prefix = [list(self.prefix) for _ in inputs] if self.prefix else None
        pad = self.tokenizer.pad_token
        # a pad is never an output (the hf engine suppresses it too); T5 starts decoding from it, and
        # transformers counts that start token in its repeated-n-gram history where CTranslate2 does not
        suppress = [[pad]] if pad is not None and pad != self.tokenizer.eos_token else None
        with torch_threads_kept(), cuda_libraries_named():
            results = self._translate(tokens, prefix, suppress, self.batch_size(inputs))
        return [strip_special(self.tokenizer.convert_tokens_to_ids(r.hypotheses[0]), self.special) for r in results]

    def _translate(self, tokens, prefix, suppress, batch_size: int):
        gen = self.gen
        return self.translator.translate_batch(
            tokens, target_prefix=prefix, beam_size=1 if gen.do_sample else gen.num_beams,
            max_decoding_length=gen.max_new_tokens, min_decoding_length=gen.min_new_tokens,
            no_repeat_ngram_size=gen.no_repeat_ngram_size, length_penalty=gen.length_penalty,
            sampling_topk=gen.top_k if gen.do_sample else 1, sampling_topp=gen.top_p,
            sampling_temperature=gen.temperature, max_batch_size=batch_size, batch_type="examples",
            suppress_sequences=suppress,
        )
