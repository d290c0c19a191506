"""The training page as one instrument (AppTest): the network drawn with its neuron maps
beside the data and the picture, its shape changed in place, and in presenter mode the
data and the network one click away below the picture."""

from __future__ import annotations

import json
import re

import pytest

from core.i18n import t
from tests.app.conftest import assert_clean, run_page

PAGE = "app_pages/training.py"


def drawings(element) -> list[str]:
    """The network drawings (``ui.svg_view``'s data) in ``element`` (the page, an expander)."""
    return [json.loads(e.proto.json) for e in element.get("bidi_component")
            if e.proto.component_name == "svg_view"]


def network_svg(at) -> str:
    found = drawings(at)
    assert len(found) == 1 and found[0].startswith('<svg class="trn-net"'), len(found)
    return found[0]


def picker_data(at) -> dict:
    found = [json.loads(e.proto.json) for e in at.get("bidi_component") if e.proto.component_name == "picture_picker"]
    assert len(found) == 1
    return found[0]


def maps_per_column(svg: str) -> list[int]:
    """How many maps each column of the drawing has (tiles share their column's x)."""
    xs = [float(x) for x in re.findall(r'<image x="([\d.]+)"', svg)]
    return [xs.count(x) for x in sorted(set(xs))]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_network_is_drawn_unit_by_unit_and_its_shape_changes_in_place(lang):
    at = run_page(PAGE, lang=lang, hidden="4,2")
    assert_clean(at)
    assert maps_per_column(network_svg(at)) == [2, 4, 2, 1]
    assert t("trn_instrument_network_alt", lang, layers=2) in network_svg(at)
    at.button(key="trn_layers_more").click().run()
    assert maps_per_column(network_svg(at)) == [2, 4, 2, 2, 1]
    at.button(key="trn_more_0").click().run()
    assert maps_per_column(network_svg(at)) == [2, 5, 2, 2, 1]
    # The sidebar keeps what is set once; the shape is no longer there.
    assert not [b for b in at.sidebar.button if b.key and b.key.startswith("trn_layers")]
    assert at.query_params["hidden"] == "5,2,2"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_data_pictures_name_each_data_set_and_mark_the_chosen_one(lang):
    at = run_page(PAGE, lang=lang, dataset="moons")
    data = picker_data(at)
    assert [item["value"] for item in data["items"]] == ["circle", "xor", "gauss", "moons", "spiral", "linear"]
    assert [item["label"] for item in data["items"]] == [t(f"trn_ds_{v}", lang) for v in
                                                         ("circle", "xor", "gauss", "moons", "spiral", "linear")]
    assert all(item["src"].startswith("data:image/png;base64,") for item in data["items"])
    assert data["chosen"] == "moons" and data["label"] == t("trn_instrument_data_pick", lang)
    # Your own data (drawn or uploaded) is none of the pictures.
    assert picker_data(run_page(PAGE, lang=lang, dataset="draw"))["chosen"] is None


def test_the_input_features_are_the_drawings_first_column():
    at = run_page(PAGE, features="x1,x2,x1sq,x2sq", hidden="3")
    assert_clean(at)
    assert maps_per_column(network_svg(at)) == [4, 3, 1]
    assert at.multiselect(key="features") not in at.sidebar.multiselect


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_presenter_mode_keeps_data_and_network_one_click_away(lang):
    at = run_page(PAGE, lang=lang, present="1")
    assert_clean(at)
    more = [e for e in at.expander if e.label == t("trn_instrument_more", lang)]
    assert len(more) == 1
    # Everything of the instrument is inside it: the layers' buttons and the drawing.
    assert more[0].button(key="trn_layers_more") is not None
    assert len(drawings(more[0])) == 1
    # Without presenter mode there is no such expander: the panels are beside the picture.
    plain = run_page(PAGE, lang=lang)
    assert t("trn_instrument_more", lang) not in [e.label for e in plain.expander]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_what_goes_wrong_is_said_under_the_drawing_and_on_the_projector_too(lang):
    """The step activation: no gradient reaches the hidden layers. The finding is written in
    the network's column, under its drawing (one slow-clock fragment draws both); in presenter
    mode, where the drawing is folded away, it is on the page itself."""
    said = t("trn_diag_no_gradient", lang, layers=2)
    at = run_page(PAGE, lang=lang, activation="step")
    assert_clean(at)
    network_column = [c for c in at.columns if drawings(c)]
    assert len(network_column) == 1
    assert said in [w.value for w in network_column[0].warning]
    presenting = run_page(PAGE, lang=lang, activation="step", present="1")
    more = next(e for e in presenting.expander if e.label == t("trn_instrument_more", lang))
    assert said in [w.value for w in presenting.warning]
    assert said not in [w.value for w in more.warning]
