"""Input builders: one model input per cluster, within the model's token budget.

``per_doc_budget`` (default) gives every document a fair share of the budget (water-filling: short
documents keep all their tokens, the rest is split among the long ones) and cuts at sentence
boundaries, so no document is dropped; ``concat`` joins the documents and cuts the end (the classic,
which loses the last documents of a long cluster).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from summarize.registry import INPUT_BUILDERS
from summarize.text.sentences import split_sentences
from summarize.types import Cluster

# Separator between documents by model family (config.model_type); PRIMERA (LED) was trained with <doc-sep>.
FAMILY_SEPARATORS = {"led": "<doc-sep>"}
DEFAULT_SEPARATOR = " ||||| "  # the Multi-News convention
FAMILY_PREFIXES = {"t5": "summarize: ", "mt5": "summarize: ", "umt5": "summarize: ", "longt5": "summarize: "}


@dataclass
class BuiltInput:
    """The text fed to the model and, per article, ``(tokens kept, tokens in the article)``."""

    text: str
    kept: dict[str, tuple[int, int]] = field(default_factory=dict)

    def truncated(self) -> dict[str, tuple[int, int]]:
        return {k: v for k, v in self.kept.items() if v[0] < v[1]}


def family_defaults(model_type: str, tokenizer: Any) -> tuple[str, str]:
    """``(separator, prefix)`` a model family expects; ``<doc-sep>`` only if the tokenizer knows it.

    Example:
        >>> family_defaults("t5", None)
        (' ||||| ', 'summarize: ')
    """
    sep = FAMILY_SEPARATORS.get(model_type, DEFAULT_SEPARATOR)
    if sep != DEFAULT_SEPARATOR and tokenizer is not None:
        sep_id = tokenizer.convert_tokens_to_ids(sep)
        if sep_id is None or sep_id == tokenizer.unk_token_id:
            sep = DEFAULT_SEPARATOR
    return sep, FAMILY_PREFIXES.get(model_type, "")


def water_fill(lengths: list[int], budget: int) -> list[int]:
    """Split ``budget`` among items: short ones keep all they have, long ones share the rest equally.

    Example:
        >>> water_fill([10, 100, 100], 110)
        [10, 50, 50]
    """
    alloc = [0] * len(lengths)
    remaining = list(range(len(lengths)))
    left = budget
    while remaining and left > 0:
        share = left // len(remaining)
        small = [i for i in remaining if lengths[i] <= share]
        if not small:
            for k, i in enumerate(remaining):
                alloc[i] = share + (1 if k < left - share * len(remaining) else 0)
            return alloc
        for i in small:
            alloc[i] = lengths[i]
            left -= lengths[i]
            remaining.remove(i)
    return alloc


def _count(tokenizer: Any, texts: list[str]) -> list[int]:
    if not texts:
        return []
    # verbose=False: counting a long text is no attempt to run it through the model (no length warning)
    return [len(ids) for ids in tokenizer(texts, add_special_tokens=False, verbose=False)["input_ids"]]


def _cut_tokens(tokenizer: Any, text: str, n: int) -> str:
    ids = tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"][:n]
    return tokenizer.decode(ids, skip_special_tokens=False).strip()


def _overhead(tokenizer: Any, separator: str, prefix: str, n_docs: int) -> int:
    specials = len(tokenizer("x")["input_ids"]) - len(tokenizer("x", add_special_tokens=False)["input_ids"])
    sep = len(tokenizer(separator, add_special_tokens=False)["input_ids"]) + 1
    return specials + _count(tokenizer, [prefix])[0] * bool(prefix) + sep * max(n_docs - 1, 0) + 2


@INPUT_BUILDERS.register("per_doc_budget")
def per_doc_budget(cluster: Cluster, tokenizer: Any, budget: int, separator: str, prefix: str = "") -> BuiltInput:
    """Every document keeps a fair share of the token budget, cut at sentence boundaries."""
    docs = [split_sentences(a.text) for a in cluster.articles]
    sent_lens = [_count(tokenizer, sents) for sents in docs]
    totals = [sum(x) for x in sent_lens]
    shares = water_fill(totals, max(budget - _overhead(tokenizer, separator, prefix, len(docs)), len(docs)))
    parts, kept = [], {}
    for article, sents, lens, share in zip(cluster.articles, docs, sent_lens, shares):
        taken, used = [], 0
        for sent, n in zip(sents, lens):
            if used + n > share:
                if not taken:  # one sentence longer than the share: cut it by tokens
                    taken.append(_cut_tokens(tokenizer, sent, share))
                    used = share
                break
            taken.append(sent)
            used += n
        parts.append(" ".join(taken))
        kept[article.id] = (used, sum(lens))
    return BuiltInput(prefix + separator.join(parts), kept)


@INPUT_BUILDERS.register("concat")
def concat(cluster: Cluster, tokenizer: Any, budget: int, separator: str, prefix: str = "") -> BuiltInput:
    """Documents joined in order and cut at the budget; later documents may be lost."""
    text = prefix + separator.join(" ".join(split_sentences(a.text)) for a in cluster.articles)
    room = budget - _overhead(tokenizer, separator, prefix, 1)
    lens = _count(tokenizer, [a.text for a in cluster.articles])
    kept, used = {}, _count(tokenizer, [prefix])[0] if prefix else 0
    for article, n in zip(cluster.articles, lens):
        take = max(0, min(n, room - used))
        kept[article.id] = (take, n)
        used += take
    return BuiltInput(_cut_tokens(tokenizer, text, room), kept)


InputBuilder = Callable[[Cluster, Any, int, str, str], BuiltInput]
