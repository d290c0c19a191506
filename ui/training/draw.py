"""The training page's "draw your own data" panel: click on the plane to add points.

The drawn set lives in this learner's session only (``trn_drawn``: a list of
``(x1, x2, label)``), never in the URL; it trains like any other data set (the page's
train/test split and seed apply) and downloads as a CSV in the format the upload reads.
"""

from __future__ import annotations

import functools
import hashlib

import numpy as np
import streamlit as st

from core.nn.datasets import MIN_ROWS, DatasetError, drawn_dataset, train_test_split
from core.present.draw_views import PICK, drawing_chart
from ui import tr

__all__ = ["DRAWN", "draw_panel", "drawn_csv"]

ss = st.session_state
#: Session key of the drawn points.
DRAWN = "trn_drawn"
#: Session key of the class the next click adds ("1" circle, "0" triangle).
CLASS = "trn_draw_class"


def drawn_csv(points) -> str:
    """The points as the upload reads them: a header ``x1,x2,label``, label 1 = circle."""
    rows = ["x1,x2,label", *(f"{x1:.6g},{x2:.6g},{int(label)}" for x1, x2, label in points)]
    return "\n".join(rows) + "\n"


def _add_picked(chart_key: str) -> None:
    """The chart's click: append the picked lattice point with the chosen class."""
    picked = (ss.get(chart_key) or {}).get("selection", {}).get(PICK) or []
    if not picked:
        return
    point = picked[-1]
    ss[DRAWN] = [*ss.get(DRAWN, []), (float(point["x1"]), float(point["x2"]), int(ss.get(CLASS, "1")))]


def _undo() -> None:
    ss[DRAWN] = list(ss.get(DRAWN, []))[:-1]


def _clear() -> None:
    ss[DRAWN] = []


def _usable_split(points, ratio: int, seed: int):
    """``(split, digest)`` of the drawn set, or ``(None, None)`` while it cannot train."""
    try:
        X, y = drawn_dataset(points)
    except DatasetError:
        return None, None
    digest = hashlib.sha256(np.concatenate([X.ravel(), y]).tobytes()).hexdigest()[:16]
    return train_test_split(X, y, ratio / 100.0, seed), digest


def draw_panel(ratio: int, seed: int):
    """Draw the panel; returns ``(split, digest)``, or ``(None, None)`` until the drawing can
    train (at least MIN_ROWS points of both classes)."""
    points = list(ss.get(DRAWN, []))
    with st.container(border=True, key="trn_draw_panel"):
        return _panel(points, ratio, seed)


def _panel(points, ratio: int, seed: int):
    st.markdown(f"**{tr('trn_draw_heading')}**")
    st.caption(tr("trn_draw_intro"))
    st.segmented_control(tr("trn_draw_class"), ["1", "0"], key=CLASS, default="1", required=True,
                         format_func=lambda v: tr("trn_draw_circle" if v == "1" else "trn_draw_triangle"))
    # A new key after each point: the chart starts with nothing picked, so the next click,
    # even on the same spot, is a new pick.
    chart_key = f"trn_draw_canvas_{len(points)}"
    # The legend draws the marker itself: the names go without the glyph the buttons carry.
    labels = {"x1": "x₁", "x2": "x₂", "class1": tr("trn_draw_circle").lstrip("● "),
              "class0": tr("trn_draw_triangle").lstrip("▲ ")}
    st.altair_chart(drawing_chart(points, labels, size=340), key=chart_key, selection_mode=PICK,
                    on_select=functools.partial(_add_picked, chart_key), width="content")
    circles = sum(1 for p in points if int(p[2]) == 1)
    with st.container(horizontal=True, key="trn_draw_buttons"):
        st.button(tr("trn_draw_undo"), key="trn_draw_undo", on_click=_undo, disabled=not points,
                  icon=":material/undo:")
        st.button(tr("trn_draw_clear"), key="trn_draw_clear", on_click=_clear, disabled=not points,
                  icon=":material/delete:")
        st.download_button(tr("trn_draw_download"), drawn_csv(points), file_name="my-points.csv",
                           mime="text/csv", key="trn_draw_download", disabled=not points,
                           icon=":material/download:")
    st.caption(tr("trn_draw_count", n=len(points), circles=circles, triangles=len(points) - circles))
    split, digest = _usable_split(points, ratio, seed)
    if split is None:
        st.info(tr("trn_draw_need", min=MIN_ROWS), icon=":material/draw:")
    return split, digest
