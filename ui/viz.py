"""Chart helpers for the analysis pages: one stable colour per municipality (derived from its
AGS, so it is the same on every page and in every peer group) and the labelled metric-break rule."""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from analytics.i18n import text
from analytics.metrics import BREAK_LABEL

# Tableau 20 without the platform-like blues/reds first, so towns and platforms are told apart.
TOWN_PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7", "#9c755f",
                "#e15759", "#bab0ac", "#86bcb6", "#8cd17d", "#b6992d", "#499894", "#d37295", "#a0cbe8",
                "#ffbe7d", "#f1ce63", "#d4a6c8", "#79706e"]
# The Nordkreis towns get distinct colours by hand; everyone else by a hash of the AGS.
FIXED = {"05334004": "#4e79a7", "05334008": "#f28e2b", "05334016": "#59a14f", "05334036": "#b07aa1"}


def town_colour(ags: str) -> str:
    return FIXED.get(ags) or TOWN_PALETTE[zlib.crc32(ags.encode()) % len(TOWN_PALETTE)]


def town_scale(towns: pd.DataFrame, label_column: str = "town") -> alt.Scale:
    """Colour scale over the towns' display labels; `towns` has `ags` and the label column."""
    pairs = towns[["ags", label_column]].drop_duplicates().sort_values("ags")
    return alt.Scale(domain=pairs[label_column].tolist(), range=[town_colour(a) for a in pairs["ags"]])


def break_rules(days: list, lang: str = "de") -> alt.LayerChart | None:
    """A labelled vertical rule at each break day („Ab hier: Aufrufe statt Impressionen“)."""
    if not days:
        return None
    data = pd.DataFrame({"day": pd.to_datetime(sorted(set(days)))})
    base = alt.Chart(data)
    rule = base.mark_rule(color="#333", strokeDash=[4, 3]).encode(x="day:T")
    text = base.mark_text(align="left", dx=4, dy=-6, fontSize=11, color="#333", text=BREAK_LABEL[lang]).encode(
        x="day:T", y=alt.value(8))
    return rule + text


def _to_specs(chart) -> tuple[dict, dict]:
    """(spec for Streamlit with Arrow-serialised datasets, spec with inline data for downloads),
    built without Altair's JSON-schema validation (the charts are fixed and tested)."""
    import copy

    from streamlit import dataframe_util
    from streamlit.elements import vega_charts

    lock = getattr(vega_charts, "_altair_globals_lock", None) or contextlib.nullcontext()
    with lock, alt.data_transformers.enable("default", max_rows=None):
        inline = chart.to_dict(validate=False)
    shown = copy.deepcopy(inline)
    inline.setdefault("width", 640)  # downloads have no container to stretch into
    shown["datasets"] = {name: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(records))
                         for name, records in inline.get("datasets", {}).items()}
    return shown, inline


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_specs(builder_key: str, _builder: Callable, args: tuple, kwargs: tuple) -> tuple[dict, dict]:
    return _to_specs(_builder(*args, **dict(kwargs)))


def describe(spec: dict, lang: str = "de") -> str:
    """A text alternative for screen readers from the chart's own titles: what it plots against what,
    what colour stands for, and how many data points (the figures are in the table or download)."""
    layers = [spec, *spec.get("layer", [])]
    titles: dict[str, str] = {}
    for layer in layers:
        for channel, encoding in (layer.get("encoding") or {}).items():
            if channel in ("x", "y", "color") and isinstance(encoding, dict) and encoding.get("title"):
                titles.setdefault(channel, str(encoding["title"]))
    title = spec.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    points = max((len(v) for v in spec.get("datasets", {}).values()), default=0)
    parts = [text("common.chart_alt_title", lang, title=title)] if title else [text("common.chart_alt", lang)]
    if "x" in titles and "y" in titles:
        parts.append(text("common.chart_alt_axes", lang, x=titles["x"], y=titles["y"]))
    if "color" in titles:
        parts.append(text("common.chart_alt_colour", lang, colour=titles["color"]))
    parts.append(text("common.chart_alt_points", lang, n=points))
    return "; ".join(parts) + "."


def show_chart(builder: Callable[..., alt.TopLevelMixin], *args, name: str, key: str, lang: str = "de",
               download_title: str | None = None, **kwargs) -> dict:
    """Build the chart with `builder(*args, **kwargs)` (cached on the arguments), show it and offer
    PNG and SVG downloads, titled `download_title` (ui/downloads.chart_title: what, town or group,
    period). Returns the spec with inline data."""
    from ui.downloads import chart_downloads

    builder_key = f"{builder.__code__.co_filename}:{builder.__qualname__}"
    shown, inline = _cached_specs(builder_key, builder, args, tuple(sorted(kwargs.items())))
    st.vega_lite_chart(spec=shown, width="stretch", key=f"{key}_chart", alt=describe(inline, lang))
    chart_downloads(inline, name, key, lang, title=download_title)
    return inline


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_call(key: str, _fn: Callable, args: tuple, kwargs: tuple):
    return _fn(*args, **dict(kwargs))


def cached(fn: Callable, *args, **kwargs):
    """`fn(*args, **kwargs)` through st.cache_data, for page-side preparation such as formatting a
    large table in German (the arguments, e.g. DataFrames, are hashed; pass the language)."""
    return _cached_call(f"{fn.__code__.co_filename}:{fn.__qualname__}", fn, args, tuple(sorted(kwargs.items())))
