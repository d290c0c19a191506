"""Entry point: page config, language, navigation. Routing only; pages do the work."""

import sys

import streamlit as st

# The app needs Python 3.11 (numpy 2.4, the pinned Streamlit; tools/check_python.py says the
# same before pip runs). On an older one, say so on the page and in the terminal rather
# than fail somewhere inside a dependency; nothing below this check is imported before it.
if sys.version_info < (3, 11):
    NEEDED = (f"This app needs Python 3.11 or newer; it is running on Python {sys.version.split()[0]}. "
              f"· 本应用需要 Python 3.11 或更高版本，当前运行的是 Python {sys.version.split()[0]}。")
    print(NEEDED, file=sys.stderr)
    st.error(NEEDED)
    st.stop()

from core.state.presenter import sidebar_state  # noqa: E402
from ui import choose_language, presenter, tr  # noqa: E402  (after the version check, on purpose)
from ui.page_aids import page_aids  # noqa: E402

# Presenter mode (?present=1, any page) is decided first: it sets how the sidebar starts.
PRESENTING = presenter.start()
st.set_page_config(page_title="Activation functions · 激活函数", page_icon="〰️", layout="wide",
                   initial_sidebar_state=sidebar_state(PRESENTING))
choose_language()
presenter.decorate()

PAGES = [
    st.Page("app_pages/home.py", title=tr("nav_home"), icon=":material/school:", url_path="home", default=True),
    st.Page("app_pages/collapse.py", title=tr("nav_collapse"), icon=":material/linear_scale:", url_path="collapse"),
    st.Page("app_pages/activations.py", title=tr("nav_activations"), icon=":material/show_chart:", url_path="activations"),
    st.Page("app_pages/feature_map.py", title=tr("fm_nav"), icon=":material/grid_on:", url_path="feature-map"),
    st.Page("app_pages/training.py", title=tr("nav_training"), icon=":material/model_training:", url_path="training"),
    st.Page("app_pages/classroom.py", title=tr("class_nav"), icon=":material/groups:", url_path="class"),
]
page = st.navigation(PAGES)
page_aids(on_home=page.url_path == "home" or page.url_path == "")
page.run()
