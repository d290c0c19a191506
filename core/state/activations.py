"""The activations page's settings: its URL parameters, each also the spec of its widget.

URL keys: ``fn`` (the functions compared), ``act_x`` (the x range ±a), ``act_f2`` (show
f″), ``act_sat`` (the saturation threshold t), ``act_k`` (the step's steepness),
``act_layers`` and ``act_spread`` (the depth chart), and one per parameter of each
function, ``act_<function>_<parameter>``. No Streamlit here.
"""

from __future__ import annotations

from typing import NamedTuple

from core.nn.activations import ACTIVATIONS
from core.state import urlparams as up

__all__ = [
    "DEFAULTS",
    "DEFAULT_FNS",
    "K_LADDER",
    "MAX_OVERLAY",
    "PARAMS",
    "PARAMS_BY_KEY",
    "PARAM_SLIDERS",
    "PARAM_STEPS",
    "ParamSlider",
    "RESET_KEYS",
]

# The article's figure 08 shows these three: a good first picture.
DEFAULT_FNS = ("sigmoid", "tanh", "relu")
#: The most functions the page compares at once (the ``fn`` parameter's longest list).
MAX_OVERLAY = 6
# Steepness ladder for σ(k·x): roughly logarithmic from gentle to almost a step.
K_LADDER = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0)
# The slider step per parameter name, read from the catalog (each activation's ParamSpec):
# tests/unit/test_catalog.py checks that a name has one step, whichever function it belongs to.
PARAM_STEPS: dict[str, float] = {
    name: spec.step for act in ACTIVATIONS.values() for name, spec in act.param_specs.items()
}


class ParamSlider(NamedTuple):
    """The slider of one parameter of one function, e.g. ELU's α."""

    fn: str
    name: str
    param: up.Param


#: One slider per parameter of each function, by URL key; ranges from the catalog.
PARAM_SLIDERS = {
    f"act_{key}_{name}": ParamSlider(key, name, up.number(f"act_{key}_{name}", *act.param_ranges.get(name, (0.0, 1.0)),
                                                          default))
    for key, act in ACTIVATIONS.items()
    for name, default in act.params.items()
}
DEFAULTS = {"act_x": 6, "act_sat": 0.05, "act_f2": False, "act_k": 5.0, "act_layers": 20, "act_spread": 1.0}
#: What the Reset button puts back besides every function's parameters.
RESET_KEYS = ("act_x", "act_sat", "act_f2")
PARAMS = [
    up.choices("fn", list(ACTIVATIONS), list(DEFAULT_FNS), min_len=1, max_len=MAX_OVERLAY),
    up.integer("act_x", 1, 20, DEFAULTS["act_x"]),
    up.flag("act_f2", DEFAULTS["act_f2"]),
    up.number("act_sat", 0.01, 0.25, DEFAULTS["act_sat"]),
    up.number_in("act_k", K_LADDER, DEFAULTS["act_k"]),
    up.integer("act_layers", 1, 30, DEFAULTS["act_layers"]),
    up.number("act_spread", 0.1, 4.0, DEFAULTS["act_spread"]),
    *(slider.param for slider in PARAM_SLIDERS.values()),
]
PARAMS_BY_KEY = {p.key: p for p in PARAMS}
