"""The network's public names, kept here for older callers: see :mod:`core.nn.mlp`
(the network) and :mod:`core.nn.losses` (losses and penalties)."""

from core.nn.losses import LOSSES, REGS, data_loss
from core.nn.mlp import HE_ACTIVATIONS, INITS, MLP, auto_init

__all__ = ["HE_ACTIVATIONS", "INITS", "LOSSES", "MLP", "REGS", "auto_init", "data_loss"]
