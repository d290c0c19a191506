"""The activations page's settings: its URL parameters, each also the spec of its widget.

URL keys: ``fn`` (the functions compared), ``act_x`` (the x range ±a), ``act_f2`` (show
f″), ``act_sat`` (the saturation threshold t), ``act_k`` (the step's steepness),
``act_layers`` and ``act_spread`` (the depth chart), and one per parameter of each
function, ``act_<function>_<parameter>``. No Streamlit here.
"""

from __future__ import annotations

from typing import NamedTuple

from core.nn.activations import ACTIVATIONS
from core.present import activation_charts as ac
from core.state import urlparams as up

__all__ = ["DEFAULTS", "PARAMS", "PARAMS_BY_KEY", "PARAM_SLIDERS", "ParamSlider", "RESET_KEYS"]


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
    up.choices("fn", list(ACTIVATIONS), list(ac.DEFAULT_FNS), min_len=1, max_len=ac.MAX_OVERLAY),
    up.integer("act_x", 1, 20, DEFAULTS["act_x"]),
    up.flag("act_f2", DEFAULTS["act_f2"]),
    up.number("act_sat", 0.01, 0.25, DEFAULTS["act_sat"]),
    up.number_in("act_k", ac.K_LADDER, DEFAULTS["act_k"]),
    up.integer("act_layers", 1, 30, DEFAULTS["act_layers"]),
    up.number("act_spread", 0.1, 4.0, DEFAULTS["act_spread"]),
    *(slider.param for slider in PARAM_SLIDERS.values()),
]
PARAMS_BY_KEY = {p.key: p for p in PARAMS}
