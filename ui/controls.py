"""Widgets drawn from a page's URL parameter specs (``core.state.urlparams.Param``).

A control's range, options and key live in one place, its ``Param``: the URL parser
accepts exactly what the widget can show, and changing a range is one edit. Every widget
keeps its value for the session (``persist_state="session"``), as every page's do.

Each function takes ``where`` (a column or container; default the page) and passes any
other keyword (``help``, ``format``, ``on_change`` …) on to Streamlit.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.state.urlparams import Param


def _ranged(param: Param) -> tuple[Any, Any]:
    if param.low is None or param.high is None:
        raise ValueError(f"{param.key} has no range: use urlparams.number or urlparams.integer")
    return param.low, param.high


def _options(param: Param) -> list:
    if param.options is None:
        raise ValueError(f"{param.key} has no options: use urlparams.choice, choices or number_in")
    return list(param.options)


def slider(param: Param, label: str, *, step: float | int | None = None, where=st, **kwargs):
    """A slider over the spec's ``[low, high]``, in the spec's steps unless ``step`` is given."""
    low, high = _ranged(param)
    step = param.step if step is None else step
    return where.slider(label, low, high, step=step, key=param.key, persist_state="session", **kwargs)


def number_input(param: Param, label: str, *, step: float | int | None = None, where=st, **kwargs):
    """A number box over the spec's ``[low, high]``."""
    low, high = _ranged(param)
    step = param.step if step is None else step
    return where.number_input(label, low, high, step=step, key=param.key, persist_state="session", **kwargs)


def selectbox(param: Param, label: str, *, where=st, **kwargs):
    """One of the spec's options."""
    return where.selectbox(label, _options(param), key=param.key, persist_state="session", **kwargs)


def multiselect(param: Param, label: str, *, where=st, **kwargs):
    """Several of the spec's options."""
    return where.multiselect(label, _options(param), key=param.key, persist_state="session", **kwargs)


def select_slider(param: Param, label: str, *, where=st, **kwargs):
    """A slider over the spec's ladder of options."""
    return where.select_slider(label, options=_options(param), key=param.key, persist_state="session", **kwargs)


def toggle(param: Param, label: str, *, where=st, **kwargs):
    """A yes/no switch."""
    return where.toggle(label, key=param.key, persist_state="session", **kwargs)


def radio(param: Param, label: str, *, where=st, **kwargs):
    """One of the spec's options, all in view."""
    return where.radio(label, _options(param), key=param.key, persist_state="session", **kwargs)
