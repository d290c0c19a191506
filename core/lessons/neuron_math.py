r"""One point, worked through the network by hand: every weight, every bias, every value.

The TensorFlow Playground hides the output bias, and its users have spent hours looking
for it. Here nothing is hidden: for an input vector ``x`` (whatever the network's input
width: the raw point (x1, x2), or features computed from it) and the model's own
parameters, :func:`worked_steps` returns, layer by layer, what a learner would write on
paper::

    h_0 = x
    z_l[j] = Σ_i W_l[i, j] · h_{l−1}[i] + b_l[j]      (row convention, W_l: (fan_in, fan_out))
    h_l[j] = f(z_l[j])                                  hidden layers: the chosen activation
    p      = σ(z_L) = 1 / (1 + e^{−z_L})                the output: a sigmoid, P(circle)

The numbers are the model's: ``z_l`` is computed as ``h @ W + b`` exactly as
:meth:`core.nn.mlp.MLP.forward` does, so the final ``p`` is the model's own prediction
(a test checks it to 1e-12, and checks each ``z`` against the sum of the shown products
plus the shown bias, in plain Python floats). :func:`neuron_detail` picks one neuron
out of the steps: its incoming values, its weights, the products ``wᵢ·hᵢ``, its bias.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.special import expit

from core.nn.activations import ACTIVATIONS
from core.nn.mlp import per_layer_params

__all__ = ["OUTPUT_ACTIVATION", "LayerStep", "NeuronDetail", "model_steps", "neuron_detail", "worked_steps"]

#: The output unit's squashing function (named so the presentation can write σ).
OUTPUT_ACTIVATION = "sigmoid"


@dataclass(frozen=True)
class LayerStep:
    """One layer of the worked example (``layer`` counts from 1; the last is the output).

    ``inputs`` = h_{l−1} (fan_in,), ``weights`` = W_l (fan_in, fan_out) — column j holds
    the weights *into* unit j —, ``biases`` = b_l, ``z`` = inputs @ weights + biases,
    ``activation`` the name of f (``"sigmoid"`` for the output), ``h`` = f(z).
    ``learned``: the layer's learned activation parameter and its value (PReLU:
    ``{"a": 0.2314}``), empty when f learns nothing (and for the output).
    """

    layer: int
    inputs: np.ndarray
    weights: np.ndarray
    biases: np.ndarray
    z: np.ndarray
    activation: str
    h: np.ndarray
    is_output: bool
    learned: dict = field(default_factory=dict)


@dataclass(frozen=True)
class NeuronDetail:
    """One neuron of one layer: ``z = Σ products + bias``, ``h = f(z)``.

    ``products[i] = weights[i] · inputs[i]`` (weights into this neuron, in input order).
    ``learned``: as in :class:`LayerStep` (the slope a PReLU layer shares by all its units).
    """

    layer: int
    unit: int
    inputs: np.ndarray
    weights: np.ndarray
    products: np.ndarray
    bias: float
    z: float
    activation: str
    h: float
    is_output: bool
    learned: dict = field(default_factory=dict)


def worked_steps(params, activation: str, x, act_params: dict | list | None = None) -> list[LayerStep]:
    """The forward pass of one input vector ``x``, kept whole (see the module docstring).

    ``params``: ``[(W, b), …]`` in the row convention of :class:`core.nn.mlp.MLP`;
    ``activation``: a key of ``ACTIVATIONS`` (every hidden layer); ``act_params`` its
    parameters (defaults otherwise), one dict for all layers or one per hidden layer
    (a PReLU network's learned a). Raises ``ValueError`` when ``x`` does not fit the
    first layer.
    """
    act = ACTIVATIONS[activation]
    h = np.asarray(x, dtype=np.float64).reshape(-1)
    pairs = [(np.asarray(W, dtype=np.float64), np.asarray(b, dtype=np.float64)) for W, b in params]
    if not pairs or pairs[0][0].shape[0] != h.size:
        width = pairs[0][0].shape[0] if pairs else 0
        raise ValueError(f"the network takes {width} inputs, got {h.size}")
    last = len(pairs) - 1
    layer_kwargs = per_layer_params(activation, act_params, last)
    steps = []
    with np.errstate(all="ignore"):  # a diverged network shows inf/NaN, quietly
        for l, (W, b) in enumerate(pairs):
            z = (h[None, :] @ W + b)[0]  # the very operation of MLP.forward, on one row
            if l == last:
                out, learned = expit(z), {}
            else:
                kwargs = layer_kwargs[l]
                out = np.asarray(act.fn(z[None, :], **kwargs), dtype=np.float64)[0]
                learned = {act.learned: float(kwargs[act.learned])} if act.learned else {}
            steps.append(LayerStep(layer=l + 1, inputs=h.copy(), weights=W.copy(), biases=b.copy(), z=z,
                                   activation=OUTPUT_ACTIVATION if l == last else activation, h=out,
                                   is_output=l == last, learned=learned))
            h = out
    return steps


def model_steps(model, x) -> list[LayerStep]:
    """:func:`worked_steps` with a :class:`core.nn.mlp.MLP`'s own parameters, activation
    and, for PReLU, each layer's learned slope."""
    return worked_steps(model.params, model.activation, x, model.hidden_params)


def neuron_detail(steps: list[LayerStep], layer: int, unit: int) -> NeuronDetail:
    """Neuron ``unit`` (from 0) of ``layer`` (from 1; ``len(steps)`` is the output)."""
    if not 1 <= layer <= len(steps):
        raise ValueError(f"layer must be 1..{len(steps)}, got {layer}")
    step = steps[layer - 1]
    if not 0 <= unit < step.z.size:
        raise ValueError(f"layer {layer} has {step.z.size} units, got unit {unit}")
    weights = step.weights[:, unit]
    with np.errstate(all="ignore"):
        products = weights * step.inputs
    return NeuronDetail(layer=layer, unit=unit, inputs=step.inputs, weights=weights.copy(),
                        products=products, bias=float(step.biases[unit]), z=float(step.z[unit]),
                        activation=step.activation, h=float(step.h[unit]), is_output=layer == len(steps),
                        learned=dict(step.learned))
