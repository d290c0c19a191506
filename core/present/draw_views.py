"""The canvas on which a learner draws their own data: an Altair chart of the plane.

A click anywhere picks the nearest node of an invisible lattice of :data:`STEPS` × STEPS
points over [−1, 1]² (Vega-Lite's ``nearest`` point selection), so a click is a point
wherever it lands, to within half a lattice step (1/40 of the plane's width). The drawn
points are drawn as the live view draws data: class 1 blue circles, class 0 orange
triangles. No Streamlit here: the page passes the chart to ``st.altair_chart``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from core.nn.datasets import DRAW_LIMIT
from core.present.theme import CLASS0, CLASS1, GRID, MUTED, altair_config

__all__ = ["PICK", "STEPS", "drawing_chart", "lattice"]

#: Lattice nodes per side: a click lands on the nearest of STEPS² points.
STEPS = 41
#: The selection's name; the page reads ``selection[PICK]`` (a list of {"x1", "x2"}).
PICK = "pick"


def lattice(steps: int = STEPS, lim: float = DRAW_LIMIT) -> pd.DataFrame:
    """Every node of the click lattice: columns x1, x2 (steps² rows)."""
    axis = np.linspace(-lim, lim, steps)
    x1, x2 = np.meshgrid(axis, axis)
    return pd.DataFrame({"x1": x1.ravel().round(6), "x2": x2.ravel().round(6)})


def drawing_chart(points: Sequence[tuple[float, float, int]], labels: Mapping[str, str], size: int = 360):
    """The plane with the drawn points, clickable: ``labels`` has "x1", "x2", "class1", "class0"."""
    scale = alt.Scale(domain=[-DRAW_LIMIT, DRAW_LIMIT], nice=False)
    pick = alt.selection_point(name=PICK, on="click", nearest=True, fields=["x1", "x2"], clear=False,
                               empty=False)
    targets = alt.Chart(lattice()).mark_point(opacity=0, size=1).encode(
        x=alt.X("x1:Q", scale=scale, title=labels["x1"]),
        y=alt.Y("x2:Q", scale=scale, title=labels["x2"]),
    ).add_params(pick)
    frame = pd.DataFrame(points or [], columns=["x1", "x2", "label"]) if points else pd.DataFrame(
        {"x1": [], "x2": [], "label": []})
    frame["class"] = np.where(frame["label"].astype(int) == 1, labels["class1"], labels["class0"])
    domain = [labels["class1"], labels["class0"]]
    drawn = alt.Chart(frame).mark_point(filled=True, size=90, opacity=0.9, stroke="white", strokeWidth=0.8).encode(
        x=alt.X("x1:Q", scale=scale), y=alt.Y("x2:Q", scale=scale),
        color=alt.Color("class:N", scale=alt.Scale(domain=domain, range=[CLASS1, CLASS0]), title=None,
                        legend=alt.Legend(orient="bottom", symbolSize=160, labelFontSize=13)),
        shape=alt.Shape("class:N", scale=alt.Scale(domain=domain, range=["circle", "triangle-up"]), title=None),
    )
    # The invisible lattice goes on top: its Voronoi cells take every click, also one on a
    # point already drawn (a click on the drawn layer would pick nothing).
    chart = alt.layer(drawn, targets).properties(width=size, height=size)
    return altair_config(chart).configure_axis(gridColor=GRID, domainColor=MUTED)
