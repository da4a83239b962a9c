"""A BERT encoder in plain torch, for the mean-pooling sentence models (all-MiniLM-L6-v2, the default
embedder): the checkpoint's own weights (``model.safetensors``) and tokenizer (``tokenizer.json``, through
the ``tokenizers`` library), without importing transformers' model code.

Why: on a 2-core CPU importing ``transformers.models.bert`` takes 4-6 s (it pulls in torch._dynamo,
torch.distributed and transformers' integrations), longer than embedding a 50-cluster batch. The forward
here is BERT's (post-norm layers, exact GELU, absolute positions, token type 0), so the vectors equal
transformers' to float rounding; ``tests/unit/test_bert.py`` compares the two, and with
sentence-transformers', on real text.

Example:
    >>> import torch
    >>> cfg = {"vocab_size": 30, "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
    ...        "intermediate_size": 16, "max_position_embeddings": 16, "type_vocab_size": 2}
    >>> BertEncoder(cfg)(torch.tensor([[2, 5, 3]]), torch.tensor([[1, 1, 1]])).shape
    torch.Size([1, 3, 8])
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F


class _Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden)
        self.attn_out, self.attn_norm = nn.Linear(hidden, hidden), nn.LayerNorm(hidden, eps=eps)
        self.inner, self.out, self.out_norm = nn.Linear(hidden, inner), nn.Linear(inner, hidden), nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
        b, n, d = x.shape

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, d // self.heads).transpose(1, 2)

        a = F.scaled_dot_product_attention(split(self.query(x)), split(self.key(x)), split(self.value(x)),
                                           attn_mask=bias)
        x = self.attn_norm(x + self.attn_out(a.transpose(1, 2).reshape(b, n, d)))
        return self.out_norm(x + self.out(F.gelu(self.inner(x))))


class BertEncoder(nn.Module):
    """BERT's embeddings and encoder layers (no pooler): ``forward(ids, mask)`` -> last hidden states."""

    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        if cfg.get("hidden_act", "gelu") != "gelu" or cfg.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError("BertEncoder computes BERT with exact GELU and absolute positions only")
        hidden, eps = cfg["hidden_size"], cfg.get("layer_norm_eps", 1e-12)
        self.word = nn.Embedding(cfg["vocab_size"], hidden)
        self.position = nn.Embedding(cfg["max_position_embeddings"], hidden)
        self.token_type = nn.Embedding(cfg.get("type_vocab_size", 2), hidden)
        self.norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(_Layer(hidden, cfg["num_attention_heads"], cfg["intermediate_size"], eps)
                                    for _ in range(cfg["num_hidden_layers"]))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.norm(self.word(ids) + self.token_type.weight[0] + self.position(positions))  # transformers' order
        # padding keys are masked out (a boolean mask, as transformers' SDPA path builds; none without padding)
        bias = None if bool(mask.all()) else mask[:, None, None, :].bool()
        for layer in self.layers:
            x = layer(x, bias)
        return x

    @classmethod
    def from_folder(cls, folder: str | Path) -> "BertEncoder":
        """The encoder of a saved ``BertModel`` (``config.json`` and ``model.safetensors``), in eval mode."""
        from safetensors.torch import load_file

        folder = Path(folder)
        model = cls(json.loads((folder / "config.json").read_text(encoding="utf-8")))
        weights = load_file(str(folder / "model.safetensors"))
        missing = set(model.state_dict()) - {_rename(k) for k in weights}
        if missing:
            raise ValueError(f"{folder}/model.safetensors lacks BERT weights: {sorted(missing)[:3]}")
        model.load_state_dict({_rename(k): v for k, v in weights.items() if _rename(k) in model.state_dict()})
        return model.eval()


# transformers' BertModel names -> this module's
_NAMES = [("bert.", ""), ("embeddings.word_embeddings", "word"), ("embeddings.position_embeddings", "position"),
          ("embeddings.token_type_embeddings", "token_type"), ("embeddings.LayerNorm", "norm"),
          ("encoder.layer.", "layers."), ("attention.self.", ""), ("attention.output.dense", "attn_out"),
          ("attention.output.LayerNorm", "attn_norm"), ("intermediate.dense", "inner"),
          ("output.dense", "out"), ("output.LayerNorm", "out_norm")]


def _rename(key: str) -> str:
    for old, new in _NAMES:
        key = key.replace(old, new)
    return key


def is_plain_bert(folder: str | Path) -> bool:
    """Whether a saved model is a BertModel this module computes exactly, with a fast tokenizer file."""
    folder = Path(folder)
    try:
        cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (cfg.get("model_type") == "bert" and cfg.get("hidden_act", "gelu") == "gelu"
            and cfg.get("position_embedding_type", "absolute") == "absolute"
            and (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file())


def fast_tokenizer(folder: str | Path, max_length: int | None):
    """The checkpoint's ``tokenizer.json`` with BERT's padding and truncation (special tokens added)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
    pad = tok.token_to_id("[PAD]")
    tok.enable_padding(pad_id=0 if pad is None else pad, pad_token="[PAD]")
    tok.enable_truncation(max_length=max_length or 512)
    return tok
