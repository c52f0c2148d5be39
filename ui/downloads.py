"""Downloads of every chart (PNG, SVG) and table (CSV, XLSX) on the analysis pages.

CSV cells that start like a formula (= + - @, also after leading spaces, tabs or line breaks)
are neutralised with a leading apostrophe so that opening a download never runs a formula (OWASP
"CSV injection"). XLSX cells are written as text cells, which a spreadsheet never evaluates, so
they keep their text unchanged. Files are produced only when the button is clicked (callable `data`).
"""

from __future__ import annotations

import io
import re
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st
from babel.dates import format_date

from analytics import fmt
from analytics.i18n import text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# The d3 number and time locale of chart downloads: the German one the pages configure (ui/charts.py),
# d3's default (en-US) in English, as the browser shows the charts.
CHART_LOCALES = {"de": "de-DE", "en": "en-US"}


def neutralise(value):
    if isinstance(value, str) and (value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START)):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame, *, formulas: bool = True) -> pd.DataFrame:
    """A copy for a spreadsheet: local times without zone; with `formulas`, formula-like text cells
    and column names neutralised (for CSV); numbers stay numbers."""
    out = df.copy()
    if formulas:
        out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        if formulas and (out[column].dtype == object or pd.api.types.is_string_dtype(out[column])):
            out[column] = out[column].map(neutralise)
        elif isinstance(out[column].dtype, pd.DatetimeTZDtype):
            out[column] = out[column].dt.tz_convert("Europe/Berlin").dt.tz_localize(None)
    return out


def csv_bytes(df: pd.DataFrame, lang: str = "de") -> bytes:
    """CSV for spreadsheet users: German `;` and decimal comma (de) or `,` (en), UTF-8 with BOM."""
    frame = safe_frame(df)
    if lang == "de":
        return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "Daten") -> bytes:
    """The table as a spreadsheet (one sheet; its name in the page's language, see table_downloads)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}) as writer:
        # strings_to_formulas=False: every string is a text cell, never evaluated
        safe_frame(df, formulas=False).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def _spec(chart) -> dict:
    """A Vega-Lite dict with inline data (an Altair chart or an already converted spec)."""
    if isinstance(chart, dict):
        return chart
    with alt.data_transformers.enable("default", max_rows=None):
        return chart.to_dict()


def png_bytes(chart, lang: str = "de") -> bytes:
    import vl_convert as vlc

    locale = CHART_LOCALES.get(lang, CHART_LOCALES["de"])
    return vlc.vegalite_to_png(_spec(chart), scale=2, format_locale=locale, time_format_locale=locale)


def svg_bytes(chart, lang: str = "de") -> bytes:
    import vl_convert as vlc

    locale = CHART_LOCALES.get(lang, CHART_LOCALES["de"])
    return vlc.vegalite_to_svg(_spec(chart), format_locale=locale, time_format_locale=locale).encode("utf-8")


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "download"


def chart_downloads(chart: alt.TopLevelMixin | dict, name: str, key: str, lang: str = "de") -> None:
    """PNG and SVG buttons under a chart."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button("PNG", lambda: png_bytes(chart, lang), file_name=f"{_slug(name)}.png", mime="image/png",
                         key=f"{key}_png", icon=":material/image:", on_click="ignore",
                         help=text("downloads.png_help", lang))
    right.download_button("SVG", lambda: svg_bytes(chart, lang), file_name=f"{_slug(name)}.svg",
                          mime="image/svg+xml", key=f"{key}_svg", icon=":material/polyline:", on_click="ignore",
                          help=text("downloads.svg_help", lang))


def table_downloads(df: pd.DataFrame, name: str, key: str, lang: str = "de") -> None:
    """CSV and XLSX buttons under a table."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button("CSV", lambda: csv_bytes(df, lang), file_name=f"{_slug(name)}.csv", mime="text/csv",
                         key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    right.download_button("XLSX", lambda: xlsx_bytes(df, text("downloads.sheet", lang)), file_name=f"{_slug(name)}.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"{key}_xlsx", icon=":material/table_view:", on_click="ignore")


def report_download(ags: str, start, end, group_id: str | None, key: str, lang: str = "de") -> None:
    """The council report (PDF) of a town and period, built when the button is clicked; for
    logged-in users (not the public benchmark). Same code as `python -m connectors report`."""
    from analytics import report
    from ui import auth
    from ui.state import store

    if auth.current().anonymous:
        return
    stem = text("file.report", lang)
    st.download_button(
        text("downloads.report", lang), lambda: report.council_report_pdf(store(), ags, start, end, group_id=group_id,
                                                                      lang=lang),
        file_name=f"{_slug(f'{stem}_{ags}_{start}_{end}')}.pdf", mime="application/pdf",
        key=key, icon=":material/picture_as_pdf:", on_click="ignore",
        help=text("downloads.report_help", lang, period=period_label(start, end, lang)))


def period_label(start: date, end: date, lang: str = "de") -> str:
    """A report period in words: `September 2026`, `3. Quartal 2026` (`Q3 2026`), else the two days
    (in German as analytics/report.py writes it)."""
    last_day = (pd.Timestamp(end) + pd.offsets.MonthEnd(0)).date()
    if start.day == 1 and end == last_day:
        if (start.year, start.month) == (end.year, end.month):
            return format_date(start, "LLLL y", locale=fmt.LOCALES.get(lang, fmt.LOCALES["de"]))
        if start.year == end.year and start.month % 3 == 1 and end.month == start.month + 2:
            return text("downloads.quarter", lang, n=(start.month - 1) // 3 + 1, year=start.year)
    return f"{fmt.day(start, lang)} – {fmt.day(end, lang)}"
