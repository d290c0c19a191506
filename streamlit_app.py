"""Entry point: page config, language, navigation. Routing only; pages do the work."""

import streamlit as st

from ui import choose_language, tr

st.set_page_config(page_title="Activation functions · 激活函数", page_icon="〰️", layout="wide")
choose_language()

PAGES = [
    st.Page("app_pages/home.py", title=tr("nav_home"), icon=":material/school:", url_path="home", default=True),
    st.Page("app_pages/collapse.py", title=tr("nav_collapse"), icon=":material/linear_scale:", url_path="collapse"),
    st.Page("app_pages/activations.py", title=tr("nav_activations"), icon=":material/show_chart:", url_path="activations"),
    st.Page("app_pages/feature_map.py", title=tr("fm_nav"), icon=":material/grid_on:", url_path="feature-map"),
    st.Page("app_pages/training.py", title=tr("nav_training"), icon=":material/model_training:", url_path="training"),
]
st.navigation(PAGES).run()
