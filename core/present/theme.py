"""Colours and chart styling shared by every page (no Streamlit here).

The palette is Okabe & Ito's, chosen because it stays distinguishable for the common
forms of colour blindness; class 1 (circles) is blue, class 0 (triangles) is orange, so a
learner who cannot tell the colours apart still has the marker shape.
"""

PRIMARY = "#0072B2"  # blue: the app's accent, also class 1 (circles)
CLASS1 = "#0072B2"
CLASS0 = "#E69F00"  # orange: class 0 (triangles)
# A weight's sign in every network drawing: the colour of the class it pushes towards.
WEIGHT_POSITIVE = CLASS1
WEIGHT_NEGATIVE = CLASS0
# The fill of a network drawing's input and output nodes, and of the collapse diagram's.
NODE_FILL = "#F3F6F9"
OUTPUT_FILL = "#E8F1F8"
# The two classes' sides of a boundary, drawn light under the points.
CLASS1_LIGHT = "#D3E5F2"
CLASS0_LIGHT = "#FBEBCB"
TEXT = "#1F2933"
MUTED = "#6B7785"
# Small grey text (captions): Streamlit's own caption grey is 4.0:1 on white, below the
# 4.5:1 that WCAG asks of small text; this is 5.9:1 on white, 5.5:1 on the sidebar.
CAPTION = "#5A6572"
GRID = "#E4E8EE"
SATURATION_SHADE = "#D55E00"  # vermillion, drawn light, for "the slope is almost zero"

# Distinct series colours for overlaid curves, in the order they are assigned.
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")

FONT = '"Source Sans 3", "Source Sans Pro", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'


#: The app's chart configuration (Vega-Lite ``config``): its fonts, a light grid, no heavy borders.
CHART_CONFIG = {
    "font": FONT,
    "axis": {"gridColor": GRID, "domainColor": MUTED, "tickColor": MUTED, "labelColor": TEXT,
             "titleColor": TEXT, "labelFontSize": 12, "titleFontSize": 13},
    "legend": {"labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 12, "titleFontSize": 12},
    "view": {"strokeWidth": 0},
    "title": {"color": TEXT, "fontSize": 14, "anchor": "start"},
}


def altair_config(chart):
    """Apply the app's calm look (``CHART_CONFIG``) to an Altair chart.

    One ``configure`` call: each of Altair's ``configure_*`` copies the chart, and the
    five of them were about a quarter of the time it took to build one."""
    return chart.configure(**CHART_CONFIG)
