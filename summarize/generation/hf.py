"""The ``hf`` engine: ``model.generate`` over token-budget batches of length-sorted inputs.

Inputs arrive as token ids (built and tokenized once, the same for every engine); each batch is padded
to its own longest input (on a CPU only for decoding: each input is encoded alone, no work on padding),
runs under ``inference_mode`` (SDPA attention where the model supports it, bf16
on CUDA through ``load_model``), and a batch that runs out of device memory is halved and retried. The
token budget comes from the device's free memory (``batching.batch_token_budget``); with
``generation.static_cache`` the decoder cache has a fixed size and transformers compiles the decode step. Under
greedy decoding a cluster's output equals generating it alone (tests and bench/generation.py check it).
"""

from __future__ import annotations

from typing import Any, Sequence

from summarize.config import GenerationConfig, RunConfig
from summarize.generation.batching import batch_token_budget, out_of_memory_warning, plan_batches, run_halving
from summarize.progress import advance
from summarize.registry import ENGINES


def generate_kwargs(gen: GenerationConfig) -> dict[str, Any]:
    """The ``model.generate`` settings of ``gen``; the model's own length defaults (``min_length``, a forced
    end token at the length limit) are switched off so that every engine decodes the same way.

    Example:
        >>> generate_kwargs(GenerationConfig(num_beams=1))["do_sample"]
        False
    """
    kwargs: dict[str, Any] = dict(
        num_beams=gen.num_beams, max_new_tokens=gen.max_new_tokens, min_new_tokens=gen.min_new_tokens,
        no_repeat_ngram_size=gen.no_repeat_ngram_size, length_penalty=gen.length_penalty,
        early_stopping=gen.num_beams > 1, do_sample=gen.do_sample, forced_eos_token_id=None,
    )
    if gen.do_sample:
        kwargs.update(temperature=gen.temperature, top_k=gen.top_k, top_p=gen.top_p)
    return kwargs


def strip_special(ids: Sequence[int], special: set[int]) -> list[int]:
    """Generated ids without pad, start and end tokens (what the decoded text is made of)."""
    return [int(i) for i in ids if int(i) not in special]


@ENGINES.register("hf")
class HFEngine:
    """transformers ``generate``: length-sorted token-budget batches, inference mode, OOM halving."""

    name = "hf"

    def __init__(self, model: Any, tokenizer: Any, generation: GenerationConfig,
                 global_token_ids: Sequence[int] = ()) -> None:
        self.model, self.tokenizer, self.gen = model, tokenizer, generation
        self.global_token_ids = list(global_token_ids)  # LED/PRIMERA: the first token and these get global attention
        self.special = set(tokenizer.all_special_ids)
        self.splits = 0  # batches halved after running out of memory
        self._budget: int | None = None  # tokens per batch, decided at the first call
        self.encode_alone: bool | None = None  # each input through the encoder alone (None: on a CPU)

    @classmethod
    def from_config(cls, config: RunConfig, *, model: Any, tokenizer: Any, global_token_ids: Sequence[int] = (),
                    **_: Any) -> "HFEngine":
        return cls(model, tokenizer, config.generation, global_token_ids)

    @property
    def device(self):
        return self.model.device

    def generate_ids(self, inputs: Sequence[list[int]]) -> list[list[int]]:
        """Generated token ids (special tokens removed) for each input, in input order."""
        import torch

        if self.gen.do_sample:
            torch.manual_seed(self.gen.seed)
        out: list[list[int] | None] = [None] * len(inputs)
        plan = plan_batches([len(x) for x in inputs], self.batch_tokens(), self.gen.max_batch_size,
                            self.gen.num_beams)
        for batch in plan:
            rows = run_halving(batch, lambda b: self._generate([inputs[i] for i in b]),
                               on_split=self._note_split, release=self._release)
            for i, row in zip(batch, rows):
                out[i] = row
            advance(len(batch))  # progress inside a window (summarize.progress)
        return [row or [] for row in out]

    def batch_tokens(self) -> int:
        """This engine's token budget per batch (``generation.max_batch_tokens``, or sized from the device)."""
        if self._budget is None:
            dtype = getattr(self.model, "dtype", None)
            self._budget = batch_token_budget(self.gen.max_batch_tokens, self.model.config, self.device,
                                              self.gen.num_beams, self.gen.max_new_tokens,
                                              getattr(dtype, "itemsize", 2) or 2)
        return self._budget

    def _generate(self, rows: list[list[int]]) -> list[list[int]]:
        import torch

        # a static cache is compiled per shape: input lengths padded to multiples of 64 give fewer shapes
        enc = self.tokenizer.pad({"input_ids": rows}, return_tensors="pt",
                                 pad_to_multiple_of=64 if self.gen.static_cache else None).to(self.device)
        kwargs = generate_kwargs(self.gen)
        if self.tokenizer.pad_token_id is not None and self.tokenizer.pad_token_id != self.tokenizer.eos_token_id:
            kwargs["suppress_tokens"] = [self.tokenizer.pad_token_id]  # never an output (as in ctranslate2)
        if getattr(self.model.generation_config, "min_length", 0):  # bart-large-cnn's 56: min_new_tokens rules
            kwargs["min_length"] = 0
        if self.gen.static_cache:
            kwargs["cache_implementation"] = "static"
        if getattr(self.model.config, "model_type", "") == "led":
            kwargs["global_attention_mask"] = global_attention(enc["input_ids"], self.global_token_ids)
        with torch.inference_mode():
            if self.device.type == "cpu" if self.encode_alone is None else self.encode_alone:
                kwargs["encoder_outputs"] = self._encode_each(enc, kwargs.get("global_attention_mask"))
            ids = self.model.generate(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"], **kwargs)
        return [strip_special(row.tolist(), self.special) for row in ids]

    def _encode_each(self, enc, global_mask=None):
        """The batch's encoder states with each input encoded alone (pad positions zero; the decoder's
        cross-attention masks them). On a CPU the encoder is compute-bound and every pad position in a batch
        is work for nothing (quadratic in attention): 16 Multi-News inputs at the bart-base shape took 6.6 s
        in one batch padded to the longest, 4.2 s one by one. Decoding stays batched, where it pays."""
        import torch
        from transformers.modeling_outputs import BaseModelOutput

        encoder = self.model.get_encoder()
        states = None
        for i, keep in enumerate(enc["attention_mask"].bool()):
            extra = {"global_attention_mask": global_mask[i:i + 1, keep]} if global_mask is not None else {}
            ids = enc["input_ids"][i:i + 1, keep]
            out = encoder(input_ids=ids, attention_mask=torch.ones_like(ids), **extra).last_hidden_state
            if states is None:
                states = out.new_zeros(*enc["input_ids"].shape, out.shape[-1])
            states[i, keep] = out[0]
        return BaseModelOutput(last_hidden_state=states)

    def _note_split(self, size: int, half: int) -> None:
        self.splits += 1
        out_of_memory_warning(size, half)

    def _release(self) -> None:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()


def global_attention(input_ids, token_ids: Sequence[int]):
    """LED/PRIMERA's global attention mask: the first token and every token in ``token_ids`` (the
    document separators).

    Example:
        >>> import torch
        >>> global_attention(torch.tensor([[0, 5, 9, 5, 2]]), [9]).tolist()
        [[1, 0, 1, 0, 0]]
    """
    import torch

    mask = torch.zeros_like(input_ids)
    mask[:, 0] = 1
    for tid in token_ids:
        mask[input_ids == tid] = 1
    return mask
