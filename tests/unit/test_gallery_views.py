"""What the board's gallery and experiment panel show (core/guide/gallery_views.py)."""

from __future__ import annotations

import base64

import numpy as np

from core.guide import gallery_views as gv
from core.guide.network_reports import LearnerNetwork, gallery_groups
from core.i18n import t
from core.present.boundary import LUT
from tests.unit.test_network_reports import a_report


def network(number, nickname=None, age=1.0, **changes) -> LearnerNetwork:
    return LearnerNetwork(number, nickname, age, a_report(**changes))


def test_a_thumbnail_carries_its_boundary_and_the_colour_table_as_the_plane_draws_them():
    boundary = bytes(range(256)) * 4
    data = gv.gallery_data([network(3, "Ada", boundary=boundary)], "en")
    (item,) = data["items"]
    assert base64.b64decode(item["grid"]) == boundary
    assert np.array_equal(np.frombuffer(base64.b64decode(data["lut"]), np.uint8).reshape(256, 3), LUT)
    assert item["id"] == "3" and item["title"] == "Ada" and data["size"] == gv.THUMBNAIL_SIZE


def test_a_thumbnails_signature_changes_with_its_picture_only():
    same = [gv.gallery_data([network(1, epoch=e)], "en")["items"][0]["sig"] for e in (5, 6)]
    other = gv.gallery_data([network(1, boundary=bytes(1024))], "en")["items"][0]["sig"]
    assert same[0] == same[1] != other


def test_hidden_names_and_the_big_screen_show_no_nickname():
    hidden = gv.gallery_data([network(7, "Ada")], "zh", hidden_names=True)["items"][0]
    assert hidden["title"] == t("class_learner_label", "zh", n=7)
    big = gv.gallery_data([network(7, "Ada")], "en", anonymous=True, size=gv.BIG_SIZE)
    (item,) = big["items"]
    assert item["title"] == t("class_gallery_big_title", "en") and "7" not in item["id"] and "Ada" not in str(item)
    assert big["size"] == gv.BIG_SIZE


def test_lines_say_accuracy_epoch_or_divergence_in_each_language():
    ok = gv.network_lines(network(1, test_accuracy=0.975, epoch=1234, activation="tanh", hidden=(4, 2)), "en")
    assert ok[0] == "Tanh · 4, 2" and ok[1] == "97.5% right · epoch 1,234"
    gone = gv.network_lines(network(1, diverged=True, epoch=80, hidden=()), "zh")
    assert gone[0].endswith(t("class_gallery_no_hidden", "zh")) and gone[1] == t("class_gallery_diverged", "zh", epoch="80")


def test_group_lines_count_and_give_the_median():
    nets = [network(1, activation="identity", test_accuracy=0.5), network(2, activation="identity", test_accuracy=0.54),
            network(3, activation="identity", test_accuracy=0.6, diverged=True), network(4, activation="tanh", test_accuracy=0.97)]
    lines = [gv.group_line(g, "en") for g in gallery_groups(nets, "best")]
    assert lines == ["Tanh: 1 network, 97.0%", "Identity (linear): 3 networks, median 54.0% (1 diverged)"]


def test_the_experiment_in_words():
    assert gv.experiment_text({"all": "activation=relu"}, "en") == "The class trains: `activation=relu`"
    split = gv.experiment_text({"a": "", "b": "activation=tanh"}, "zh")
    assert t("class_experiment_defaults", "zh") in split and "`activation=tanh`" in split
