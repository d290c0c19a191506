"""``core.datasets``: the public name of the data sets (DESIGN.md's contract).

The data sets live in :mod:`core.nn.datasets`; this module only re-exports them.
"""

from core.nn.datasets import *  # noqa: F401,F403
from core.nn.datasets import __all__  # noqa: F401
