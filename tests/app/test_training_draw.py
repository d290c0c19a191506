"""The training page's drawn data set under AppTest, in both languages."""

import numpy as np

from core.i18n import t
from tests.app.conftest import assert_clean, run_page

PAGE = "app_pages/training.py"
POINTS = [(-0.5, -0.5, 1), (-0.4, -0.6, 1), (0.5, 0.5, 0), (0.6, 0.4, 0), (-0.6, -0.4, 1), (0.4, 0.6, 0)]


def test_an_empty_drawing_asks_for_points_and_the_page_still_trains(lang):
    at = run_page(PAGE, lang=lang, dataset="draw")
    assert_clean(at)
    assert any(t("trn_draw_need", lang, min=4) == info.value for info in at.info)
    assert at.session_state["trn_session"].trainer is not None  # the circle, meanwhile


def test_drawn_points_are_what_the_network_trains_on(lang):
    at = run_page(PAGE, lang=lang, dataset="draw")
    at.session_state["trn_drawn"] = POINTS
    at.run()
    assert_clean(at)
    assert not any(t("trn_draw_need", lang, min=4) == info.value for info in at.info)
    assert t("trn_draw_count", lang, n=6, circles=3, triangles=3) in [c.value for c in at.caption]
    config, split, key = at.session_state["trn_session"]._inputs
    X_train, y_train, X_test, y_test = split
    drawn = {(x1, x2): c for x1, x2, c in POINTS}
    together = np.vstack([X_train, X_test])
    assert sorted(map(tuple, together)) == sorted(drawn)
    assert all(drawn[tuple(x)] == c for x, c in zip(X_train, y_train))
    assert key[0] == "draw"


def test_undo_and_clear(lang):
    at = run_page(PAGE, lang=lang, dataset="draw")
    at.session_state["trn_drawn"] = POINTS
    at.run()
    at.button(key="trn_draw_undo").click().run()
    assert at.session_state["trn_drawn"] == POINTS[:-1]
    at.button(key="trn_draw_clear").click().run()
    assert at.session_state["trn_drawn"] == []
    assert_clean(at)
