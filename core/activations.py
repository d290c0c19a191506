"""``core.activations``: the public name of the activation catalog (DESIGN.md's contract).

The catalog lives in :mod:`core.nn.activations`; this module only re-exports it.
"""

from core.nn.activations import *  # noqa: F401,F403
from core.nn.activations import __all__  # noqa: F401
