"""Home: what the app teaches, in a few lines, and a way into each page."""

import streamlit as st

from ui import show_url_notices, tr

st.title(tr("app_title"))
show_url_notices()  # the home page has no settings, but a link may carry ?lang=fr
st.write(tr("home_lead"))
st.subheader(tr("home_pages_heading"))

CARDS = (
    ("app_pages/collapse.py", "nav_collapse", "home_card_collapse", ":material/linear_scale:"),
    ("app_pages/activations.py", "nav_activations", "home_card_activations", ":material/show_chart:"),
    ("app_pages/feature_map.py", "fm_nav", "fm_home_card", ":material/grid_on:"),
    ("app_pages/training.py", "nav_training", "home_card_training", ":material/model_training:"),
)
for column, (page, title_key, body_key, icon) in zip(st.columns(len(CARDS)), CARDS):
    with column.container(border=True, height="stretch"):
        st.markdown(f"**{tr(title_key)}**")
        st.write(tr(body_key))
        st.page_link(page, label=tr("home_open"), icon=icon)

st.caption(tr("home_article_note"))
