"""What the class board's gallery and experiment panel show, computed without Streamlit.

The store keeps each learner's latest network report (``core.guide.network_reports``);
this module turns them into what the live-view library's gallery draws (one dict per
thumbnail: the 32 × 32 boundary and the colour table in base64, a title and two lines),
the line of each activation's group, and the teacher's experiment in words.

A thumbnail's ``sig`` changes when its picture does, so the browser redraws only the
networks that moved since the last refresh.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping

from core.classroom.names import display_name
from core.guide.network_reports import GalleryGroup, LearnerNetwork
from core.i18n import t
from core.present import numbers
from core.present.boundary import LUT
from core.present.labels import activation_name

__all__ = [
    "BIG_SIZE",
    "big_screen_data",
    "THUMBNAIL_SIZE",
    "experiment_text",
    "gallery_data",
    "group_line",
    "network_lines",
]

#: A thumbnail's side in CSS pixels: 40 of them fit a 1280-pixel board in four rows.
THUMBNAIL_SIZE = 112
#: The network on the big screen.
BIG_SIZE = 360
_LUT_TEXT = base64.b64encode(LUT.tobytes()).decode("ascii")


def _dataset_name(key: str, lang: str) -> str:
    return t(f"trn_ds_{key}", lang)


def network_lines(network: LearnerNetwork, lang: str) -> list[str]:
    """A thumbnail's two lines: its activation and hidden layers, then its test accuracy
    and epoch (or that it diverged) and its data set."""
    report = network.report
    hidden = ", ".join(map(str, report.hidden)) if report.hidden else t("class_gallery_no_hidden", lang)
    first = t("class_gallery_net", lang, activation=activation_name(report.activation, lang), hidden=hidden)
    accuracy = ("—" if report.test_accuracy is None
                else numbers.percent_one_decimal(report.test_accuracy))
    if report.diverged:
        second = t("class_gallery_diverged", lang, epoch=f"{report.epoch:,}")
    else:
        second = t("class_gallery_acc", lang, acc=accuracy, epoch=f"{report.epoch:,}")
    return [first, second, _dataset_name(report.dataset, lang)]


def _item(network: LearnerNetwork, lang: str, hidden_names: bool, anonymous: bool) -> dict:
    report = network.report
    title = (t("class_gallery_big_title", lang) if anonymous
             else display_name(network.nickname, network.number, lang, hidden=hidden_names))
    lines = network_lines(network, lang)
    accuracy = "—" if report.test_accuracy is None else numbers.percent_one_decimal(report.test_accuracy)
    return {
        "id": "big" if anonymous else str(network.number),
        "sig": hashlib.blake2b(report.boundary, digest_size=8).hexdigest(),
        "grid": base64.b64encode(report.boundary).decode("ascii"),
        "title": title,
        "lines": lines,
        "label": t("class_gallery_alt", lang, activation=activation_name(report.activation, lang), acc=accuracy),
    }


def gallery_data(networks: Iterable[LearnerNetwork], lang: str, *, hidden_names: bool = False,
                 anonymous: bool = False, size: int = THUMBNAIL_SIZE) -> dict:
    """The gallery component's data: the colour table, the thumbnails' side and one item
    per network, in the given order. ``anonymous``: no name or number (the big screen)."""
    return {"lut": _LUT_TEXT, "size": size,
            "items": [_item(n, lang, hidden_names, anonymous) for n in networks]}


def group_line(group: GalleryGroup, lang: str) -> str:
    """"tanh: 12 networks, median 97.0%" (and how many diverged, if any)."""
    median = "—" if group.median_accuracy is None else numbers.percent_one_decimal(group.median_accuracy)
    key = "class_gallery_group_one" if group.count == 1 else "class_gallery_group"
    line = t(key, lang, activation=activation_name(group.activation, lang), count=group.count, median=median)
    if group.diverged:
        line += t("class_gallery_group_diverged", lang, n=group.diverged)
    return line


def experiment_text(sides: Mapping[str, str], lang: str) -> str:
    """The experiment the class has, in words: its query, or both halves of a split;
    the page's defaults when a query is empty."""
    show = lambda query: f"`{query}`" if query else t("class_experiment_defaults", lang)  # noqa: E731
    if "all" in sides:
        return t("class_experiment_now", lang, query=show(sides["all"]))
    return t("class_experiment_now_split", lang, a=show(sides.get("a", "")), b=show(sides.get("b", "")))


def big_screen_data(network: LearnerNetwork, picture: bytes, lang: str, size: int = BIG_SIZE) -> dict:
    """The big screen's data: ``network``'s lines, without a name, and ``picture`` (its
    boundary drawn from its weights: :func:`core.guide.big_screen.network_picture`)
    instead of the report's 32 × 32 copy."""
    item = _item(network, lang, hidden_names=True, anonymous=True)
    item["sig"] = hashlib.blake2b(picture, digest_size=8).hexdigest()
    item["grid"] = base64.b64encode(picture).decode("ascii")
    return {"lut": _LUT_TEXT, "size": size, "items": [item]}
