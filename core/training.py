"""The trainer's public names, kept here for older callers: see :mod:`core.nn.trainer`
(the training loop) and :mod:`core.nn.optimizers` (the update rules)."""

import time  # noqa: F401 - tests patch core.training.time.perf_counter (the same module)

from core.nn.optimizers import OPTIMIZERS, make_optimizer
from core.nn.trainer import (
    LIVE_FIELDS,
    MAX_HIDDEN_LAYERS,
    MAX_UNITS,
    STATUSES,
    History,
    TrainConfig,
    Trainer,
    initial_params_for,
    validate_config,
)

__all__ = [
    "History", "LIVE_FIELDS", "MAX_HIDDEN_LAYERS", "MAX_UNITS", "OPTIMIZERS", "STATUSES",
    "TrainConfig", "Trainer", "initial_params_for", "make_optimizer", "validate_config",
]
