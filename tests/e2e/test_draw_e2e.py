"""Drawing data with the mouse: clicks on the plane become points, the points train."""

import re

from playwright.sync_api import expect

from core.i18n import t

LIVE = ".trn-live"


def canvas(app, n: int):
    """The drawing chart while it holds ``n`` points (its key counts them)."""
    return app.page.locator(f".st-key-trn_draw_canvas_{n} [role='graphics-document'], "
                            f".st-key-trn_draw_canvas_{n} canvas").first


def click_plane(app, n: int, fx: float, fy: float) -> None:
    """Click at a fraction (fx, fy) of the chart's canvas (its plot is roughly the part
    right of 0.2 and above 0.6: the axes and the legend take the rest), then wait for the
    point to land."""
    chart = canvas(app, n)
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    chart.click(position={"x": box["width"] * fx, "y": box["height"] * fy})
    expect(app.widget(f"trn_draw_canvas_{n + 1}")).to_be_attached()
    app.wait_idle()


def test_clicks_add_points_of_the_chosen_class_and_they_train(app):
    app.open("training", "lang=en&dataset=draw&speed=5")
    expect(app.page.get_by_text(t("trn_draw_need", "en", min=4))).to_be_visible()
    for i, (fx, fy) in enumerate([(0.35, 0.15), (0.4, 0.1), (0.35, 0.1)]):
        click_plane(app, i, fx, fy)
    app.widget("trn_draw_class").get_by_text(t("trn_draw_triangle", "en"), exact=True).click()
    app.wait_idle()
    for i, (fx, fy) in enumerate([(0.8, 0.45), (0.85, 0.5), (0.85, 0.5)], start=3):
        click_plane(app, i, fx, fy)
    expect(app.page.get_by_text(t("trn_draw_count", "en", n=6, circles=3, triangles=3))).to_be_visible()
    expect(app.page.get_by_text(t("trn_draw_need", "en", min=4))).to_have_count(0)
    app.widget("play").get_by_role("button").first.click()
    app.wait_live("+v.epoch > 10")
    app.widget("play").get_by_role("button").first.click()
    app.wait_idle()
    expect(app.page.locator(".st-key-train_metrics [data-testid='stMetricValue']").nth(3)).to_have_text(
        re.compile(r"\d"))
    assert app.error_elements() == 0
    assert not app.console_errors, app.console_errors
