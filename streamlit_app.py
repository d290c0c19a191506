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

from core.state.pages import HOME, PAGES  # noqa: E402
from core.state.presenter import sidebar_state  # noqa: E402
from ui import choose_language, presenter, tr  # noqa: E402  (after the version check, on purpose)
from ui.page_aids import page_aids  # noqa: E402
from ui.process import one_blas_thread  # noqa: E402

one_blas_thread()  # once per server process: a class's sessions share the cores already

# Presenter mode (?present=1, any page) is decided first: it sets how the sidebar starts.
PRESENTING = presenter.start()
st.set_page_config(page_title="Activation functions · 激活函数", page_icon="〰️", layout="wide",
                   initial_sidebar_state=sidebar_state(PRESENTING))
choose_language()
presenter.decorate()

# The home page is the app's root (Streamlit serves the default page at "/").
page = st.navigation([st.Page(p.file, title=tr(p.title), icon=p.icon, url_path=p.url_path or None, default=p.default)
                      for p in PAGES])
page_aids(on_home=page.url_path == HOME.url_path)
page.run()
