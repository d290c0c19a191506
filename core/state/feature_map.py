"""The feature-map page's settings: its URL parameters, each also the spec of its widget.

URL keys: ``fm_src`` (shapes or upload), ``fm_seed``, ``fm_kernel``, ``fm_k`` (the custom
kernel, 9 numbers, written only when the kernel is custom), ``fm_b`` (the bias), ``fm_pool``,
``fm_act``, ``fm_r``/``fm_c`` (the output cell worked through), ``fm_k2`` (the second
kernel of the collapse check). No Streamlit here.
"""

from __future__ import annotations

from core.lessons import feature_map as fm
from core.nn.activations import ACTIVATIONS
from core.present.numbers import exact_text
from core.state import urlparams as up

__all__ = ["DEFAULT_KERNEL", "KERNEL_PARAM", "OUT", "PARAMS", "PARAMS_BY_KEY", "SOURCES"]

#: Output cells per side: a 3×3 kernel takes 2, pooling halves.
OUT = (fm.SIZE - 2) // 2
SOURCES = ("shapes", "upload")
DEFAULT_KERNEL = "sobel_x"
KERNEL_PARAM = up.Param("fm_k", tuple(float(v) for v in fm.kernel(DEFAULT_KERNEL).ravel()), fm.parse_kernel,
                        lambda values: ",".join(exact_text(v) for v in values))
PARAMS = [
    up.choice("fm_src", SOURCES, "shapes"),
    up.integer("fm_seed", 0, 9999, 0),
    up.choice("fm_kernel", fm.KERNEL_CHOICES, DEFAULT_KERNEL),
    KERNEL_PARAM,
    up.number("fm_b", -4.0, 4.0, 0.0),
    up.choice("fm_pool", fm.POOLS, "max"),
    up.choice("fm_act", list(ACTIVATIONS), "relu"),
    up.integer("fm_r", 0, OUT - 1, 14),
    up.integer("fm_c", 0, OUT - 1, 29),
    up.choice("fm_k2", list(fm.KERNELS), "blur"),
]
PARAMS_BY_KEY = {p.key: p for p in PARAMS}
