"""What things are called on the pages, in the learner's language (no Streamlit here).

One name per thing, the same on every page: an activation is called what the catalog
calls it (:func:`core.nn.activations.display_name`), whether in a select box, a chart's
legend, a caption or a table.
"""

from __future__ import annotations

from core.nn.activations import display_name

__all__ = ["activation_name"]


def activation_name(key: str, lang: str) -> str:
    """An activation's name in ``lang`` ("en" or "zh"; else English): ``"Leaky ReLU"``."""
    return display_name(key, lang)
