"""The network on the class's big screen, read like a network file.

The teacher puts one learner's network on the big screen; that learner's training page
then sends its whole network with its reports (the text of
:func:`core.state.network_file.dumps`, the training page's own download). The board
reads it back with :func:`core.state.network_file.loads`, the same validation as a
network file a learner uploads (a version, an architecture within the page's bounds,
finite weights of the right shapes), rebuilds the network and draws its decision
boundary from its weights at full size: not the 32 × 32 picture of a report.
"""

from __future__ import annotations

import numpy as np

from core.nn.mlp import MLP
from core.nn.plane import GridProbe
from core.state import network_file as nf

__all__ = ["BIG_GRID", "network_picture"]

#: The big screen's grid: P(class 1) at BIG_GRID × BIG_GRID points of the plane (the
#: training page's live plane uses 100).
BIG_GRID = 96


def network_picture(text: str, r: int = BIG_GRID) -> tuple[nf.NetworkFile, bytes]:
    """The network file ``text`` read (:class:`core.state.network_file.NetworkFileError`
    if it is not one) and its boundary: ``round(255·P(class 1))`` on the r × r grid of
    the plane, row 0 at the top, as bytes (what the gallery draws)."""
    loaded = nf.loads(text)
    model = MLP(loaded.layer_sizes, loaded.activation)
    model.params = [(np.array(W), np.array(b)) for W, b in loaded.params]
    if loaded.slopes is not None:
        model.slopes = np.array(loaded.slopes, dtype=np.float64)
    return loaded, GridProbe(r)(model, loaded.features).tobytes()
