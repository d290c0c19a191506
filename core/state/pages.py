"""The app's pages, in one table: every place that lists the pages reads it.

``streamlit_app.py`` builds the navigation from it, the home page its cards,
``tools/screenshots.py`` its shots, and the tests their per-page sweeps. Adding a page is
one page file under ``app_pages/``, one row here, and its texts (title, card) in
``core/texts``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One page: its script, the text keys of its navigation title and of its home card
    (None: no card), its Material icon, and its URL path (``""``: the app's root)."""

    file: str
    title: str
    icon: str
    url_path: str
    card: str | None = None

    @property
    def default(self) -> bool:
        """The page at the app's root (the home page)."""
        return self.url_path == ""

    @property
    def name(self) -> str:
        """A short name for files and test ids: the URL path, or ``home``."""
        return self.url_path or "home"


PAGES: tuple[Page, ...] = (
    Page("app_pages/home.py", "nav_home", ":material/school:", ""),
    Page("app_pages/collapse.py", "nav_collapse", ":material/linear_scale:", "collapse", card="home_card_collapse"),
    Page("app_pages/activations.py", "nav_activations", ":material/show_chart:", "activations",
         card="home_card_activations"),
    Page("app_pages/feature_map.py", "fm_nav", ":material/grid_on:", "feature-map", card="fm_home_card"),
    Page("app_pages/training.py", "nav_training", ":material/model_training:", "training",
         card="home_card_training"),
    Page("app_pages/classroom.py", "class_nav", ":material/groups:", "class"),
)
PAGES_BY_PATH = {page.url_path: page for page in PAGES}
HOME = PAGES[0]
