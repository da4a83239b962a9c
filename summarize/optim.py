"""The fine-tuning optimizer: AdamW with weight decay on weights only (not on biases and norms), in the
implementation ``optimizer`` names (train config), and its linear warm-up/decay schedule.

Example:
    >>> import torch
    >>> model = torch.nn.ModuleDict({"dense": torch.nn.Linear(2, 2), "layer_norm": torch.nn.LayerNorm(2)})
    >>> [len(g["params"]) for g in adamw(model, 1e-3, 0.01, "adamw").param_groups]
    [1, 3]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

NO_DECAY = ("bias", "layer_norm", "layernorm", "norm.weight")


def optimizer_kwargs(name: str) -> dict[str, bool]:
    """torch AdamW's implementation: ``adamw_fused`` one kernel for all parameters (the Trainer's default; on a
    CPU it is ~4x the per-tensor loop), ``adamw_foreach`` the multi-tensor one, ``adamw`` torch's own choice.

    Example:
        >>> optimizer_kwargs("adamw_fused")
        {'fused': True}
    """
    return {"adamw_fused": {"fused": True}, "adamw_foreach": {"foreach": True}, "adamw": {}}[name]


def adamw(model: "torch.nn.Module", lr: float, weight_decay: float, name: str) -> "torch.optim.AdamW":
    """AdamW over ``model``'s parameters: ``weight_decay`` on weights, none on biases and norms (the
    Trainer's grouping, also matched by name: parameters whose name holds one of ``NO_DECAY``)."""
    import torch

    params = list(model.named_parameters())
    skip = [any(k in n.lower() for k in NO_DECAY) for n, _ in params]
    groups = [{"params": [p for (_, p), s in zip(params, skip) if not s], "weight_decay": weight_decay},
              {"params": [p for (_, p), s in zip(params, skip) if s], "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=lr, **optimizer_kwargs(name))
