"""The ``ctranslate2`` engine: the checkpoint converted once (``ct2_convert``) and decoded by CTranslate2
with the same token ids and generation settings as the ``hf`` engine, in batches planned as the ``hf``
engine plans them (on a CPU by a smaller token budget, one worker per core; on a GPU by its free memory,
a batch that runs out of it halved and retried).

CTranslate2 supports BART, PEGASUS and T5/Flan-T5 (not LED/PRIMERA: that is a clear error naming
``engine=hf``).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Sequence

from summarize.config import CTranslate2Config, GenerationConfig, RunConfig
from summarize.errors import ConfigError, MissingDependencyError, ModelUnavailableError, require
from summarize.generation.batching import batch_token_budget, out_of_memory_warning, plan_batches, run_halving
from summarize.generation.ct2_convert import INSTALL, converted_model
from summarize.generation.hf import strip_special
from summarize.generation.models import checkpoint_source, looks_local, unavailable_message
from summarize.host import cpu_threads
from summarize.progress import advance
from summarize.registry import ENGINES

SUPPORTED = ("bart", "pegasus", "t5", "mt5", "umt5", "mbart", "marian")
# On a CPU, padded input tokens (x beams) per batch: a CPU's CTranslate2 encoder slows as its batch grows
# (the float32 attention of every input at once leaves the caches), so smaller batches than the decoder
# would like pay. bart-base shape, 2 workers, 128 tokens (bench/ct2_cpu_split.py --knobs): 16 clusters
# 10.13 s against 10.88 s in batches of 8 (ct2_cpu_knobs.json); 64 clusters 41.07 s against 46.83 s in
# batches of 16 (ct2_cpu_knobs_64.json), each the old rule's choice.
CPU_BATCH_TOKENS = 6144


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
        require("ctranslate2", INSTALL)  # the install command, before any conversion
        self.tokenizer, self.gen, self.model_config = tokenizer, generation, model_config
        self.splits, self._budget = 0, None  # batches halved after running out of memory; tokens per batch
        kind, index = device_and_index(device)
        self.quantization = resolve_quantization(settings.quantization, kind)
        self.model_dir = converted_model(model_dir, self.quantization, settings.cache_dir)
        threads = settings.threads or cpu_threads()  # under -n N: this process's share of the cores
        # on a CPU one worker per core, each on its own batch, beats every core on one batch
        # (bart-base shape, 2 cores: 7.6 s against 10.5 s for 16 clusters); on a GPU one worker
        self.workers = threads if kind == "cpu" else 1
        self.kind, self.index, self.threads = kind, index, threads
        with torch_threads_kept(), cuda_libraries_named():
            self.translator = self.new_translator(self.workers)
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

    def new_translator(self, workers: int) -> Any:
        """A CTranslate2 translator of this engine's model: ``workers`` batches at a time, the threads shared
        among them."""
        import ctranslate2

        return ctranslate2.Translator(str(self.model_dir), device=self.kind, device_index=self.index,
                                      compute_type=self.quantization, inter_threads=workers,
                                      intra_threads=max(1, self.threads // workers) if self.kind == "cpu" else self.threads)

    def plan(self, inputs: Sequence[list[int]]) -> list[list[int]]:
        """Indices of ``inputs`` in batches (``batching.plan_batches``, as the hf engine's): at most
        ``max_batch_size`` inputs and ``batch_tokens()``, and small enough that every worker gets a batch.

        Example:
            >>> from types import SimpleNamespace
            >>> e = SimpleNamespace(workers=2, kind="cpu", gen=GenerationConfig(max_batch_tokens=None, num_beams=1))
            >>> e.batch_tokens = lambda: CPU_BATCH_TOKENS
            >>> [len(b) for b in CTranslate2Engine.plan(e, [[0] * 1000] * 20)]
            [6, 6, 6, 2]
            >>> [len(b) for b in CTranslate2Engine.plan(e, [[0] * 1000] * 4)]
            [2, 2]
        """
        if not inputs:
            return []
        gen = self.gen
        lengths = [len(x) for x in inputs]
        budget = self.batch_tokens()
        per_worker = -(-len(inputs) // self.workers)
        budget = min(budget, max(lengths) * per_worker * gen.num_beams)
        return plan_batches(lengths, budget, gen.max_batch_size, gen.num_beams)

    def batch_tokens(self) -> int:
        """Padded input tokens (x beams) per batch: ``generation.max_batch_tokens`` when set; on a CPU
        ``CPU_BATCH_TOKENS``; on a GPU what half of its free memory holds for the model's shape, read once,
        after the model is loaded (``batching.batch_token_budget``, the hf engine's rule: a fixed budget of
        16,384 tokens ran 24 PRIMERA inputs through the hf engine on an H200 in batches of 4)."""
        if self._budget is None:
            gen = self.gen
            if gen.max_batch_tokens is None and self.kind == "cpu":
                self._budget = CPU_BATCH_TOKENS
            else:  # float32 and int8 (int8 weights, float32 activations) at 4 bytes a value, the rest at 2
                wide = self.quantization in ("float32", "int8", "int8_float32")
                self._budget = batch_token_budget(gen.max_batch_tokens, self.model_config, f"cuda:{self.index}",
                                                  gen.num_beams, gen.max_new_tokens, 4 if wide else 2)
        return self._budget

    def generate_ids(self, inputs: Sequence[list[int]]) -> list[list[int]]:
        """Generated token ids (special tokens removed) for each input, in input order."""
        import ctranslate2

        tokens, prefix, suppress = self.prepared(inputs)
        out: list[list[int]] = [[] for _ in inputs]
        with torch_threads_kept(), cuda_libraries_named():
            translator = self.translator
            if self.gen.do_sample:
                # CTranslate2 seeds a worker thread's generator once, at its first draw, and its workers take
                # batches as they free up: only a fresh translator with one worker draws the same samples
                # from the same seed on every call
                ctranslate2.set_random_seed(self.gen.seed)
                translator = self.new_translator(1)
            # every batch is queued at once: the workers take them in turn, longest first
            plan = self.plan(inputs)
            pending = [self.translate([tokens[i] for i in batch], [prefix[i] for i in batch] if prefix else None,
                                      suppress, translator=translator, asynchronous=True) for batch in plan]
            for batch, results in zip(plan, pending):
                queued = [results]

                def step(rows: list[int]) -> list[list[int]]:  # the queued batch first; a half runs on its own
                    if queued and rows == batch:
                        return [self.ids(r.result()) for r in queued.pop()]
                    return [self.ids(r) for r in self.translate(
                        [tokens[i] for i in rows], [prefix[i] for i in rows] if prefix else None, suppress,
                        translator=translator)]

                for i, row in zip(batch, run_halving(batch, step, on_split=self._note_split)):
                    out[i] = row
                advance(len(batch))  # progress inside a window (summarize.progress)
        return out

    def _note_split(self, size: int, half: int) -> None:
        self.splits += 1
        out_of_memory_warning(size, half)

    def prepared(self, inputs: Sequence[list[int]]) -> tuple[list[list[str]], list[list[str]] | None, Any]:
        """CTranslate2's side of ``inputs``: their tokens, the target prefix of each (a forced start token)
        and the sequences never to generate."""
        tokens = [self.tokenizer.convert_ids_to_tokens(list(ids)) for ids in inputs]
        prefix = [list(self.prefix) for _ in inputs] if self.prefix else None
        pad = self.tokenizer.pad_token
        # a pad is never an output (the hf engine suppresses it too); T5 starts decoding from it, and
        # transformers counts that start token in its repeated-n-gram history where CTranslate2 does not
        suppress = [[pad]] if pad is not None and pad != self.tokenizer.eos_token else None
        return tokens, prefix, suppress

    def translate(self, tokens, prefix, suppress, translator: Any = None, **batching):
        """``translate_batch`` (of ``translator``, else the engine's) with this engine's generation settings;
        ``batching``: how CTranslate2 takes the batch (``asynchronous=True``: queued, each result's ``result()``
        waits for it). Inputs are not cut again (``max_input_length=0``): they come cut at the model's budget,
        where CTranslate2 would cut every input at 1,024 tokens, under a T5's longer budget too."""
        gen = self.gen
        return (translator or self.translator).translate_batch(
            tokens, target_prefix=prefix, beam_size=1 if gen.do_sample else gen.num_beams,
            max_decoding_length=gen.max_new_tokens, min_decoding_length=gen.min_new_tokens,
            no_repeat_ngram_size=gen.no_repeat_ngram_size, length_penalty=gen.length_penalty,
            sampling_topk=gen.top_k if gen.do_sample else 1, sampling_topp=gen.top_p,
            sampling_temperature=gen.temperature, suppress_sequences=suppress, max_input_length=0, **batching,
        )

    def ids(self, result: Any) -> list[int]:
        """A CTranslate2 result's best hypothesis as token ids, special tokens removed."""
        return strip_special(self.tokenizer.convert_tokens_to_ids(result.hypotheses[0]), self.special)
