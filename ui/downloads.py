"""Downloads of every chart (PNG, SVG) and table (CSV, XLSX) on the analysis pages.

A table downloads as a council reads it (`council_table`, the one place that decides this): headers
in the page's language (a metric column by the registry's label and unit, any other column by the
catalogue's `table.<column>`; a column the page already named stays as it is), numbers rounded as
the page shows them (analytics/metrics.DECIMALS: rates as percent with the page's decimals, counts
whole), platform, weekday and source names instead of keys, ja/nein for flags, an unknown value as an
empty cell; the computation's helper columns are left out. German CSV uses `;` and the decimal
comma. Beside it the raw data (`raw_csv_bytes`): the column names the code uses, full precision, a
plain comma-separated UTF-8 file with ISO dates, for further processing.

A chart downloads with a title naming the town or peer group and the period (`chart_title`); the
page says that in its heading and sidebar, the file has to say it itself.

CSV cells that start like a formula (= + - @, also after leading spaces, tabs or line breaks)
are neutralised with a leading apostrophe so that opening a download never runs a formula (OWASP
"CSV injection"). XLSX cells are written as text cells, which a spreadsheet never evaluates, so
they keep their text unchanged. Files are produced only when the button is clicked (callable `data`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date, datetime

import altair as alt
import pandas as pd
import streamlit as st
from babel.dates import format_date

from analytics import age, content, fmt, platforms
from analytics.i18n import known, pick, text
from analytics.metrics import DECIMALS, METRICS, MIN_POSTS_FOR_RATE, Metric

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# The d3 number and time locale of chart downloads: the German one the pages configure (ui/charts.py),
# d3's default (en-US) in English, as the browser shows the charts.
CHART_LOCALES = {"de": "de-DE", "en": "en-US"}
# Columns that are not metrics but numbers: their display (as the registry's, analytics/metrics.py).
# Other numbers show one decimal; dates, flags and text are recognised by their type.
NUMBER_COLUMNS = {
    "rank": "count", "inhabitants": "count", "accounts": "count", "followers_start": "count", "followers_end": "count",
    "followers_at_post": "count", "days_covered": "count", "hour": "count", "rate_posts": "count",
    "audience_count": "count", "population": "count", "interactions_mean": "number", "share": "fraction",
    "audience_share": "fraction", "population_share": "fraction",
}
ALIASES = {"index": "age_representation_index"}  # a metric under another column name
# Helper columns of the computation: in the raw data only.
RAW_ONLY = {"account_key", "sort_order", "age_from", "has_counts", "population_source", "interactions_reach",
            "interactions_views", "reels", "typed_posts", "followers_unknown_on", "followers_not_tracked_on",
            "day_label"}  # day_label: the weekday's name, which the council table writes from `weekday`
TITLE_CHARS = 70  # a longer chart title is set in two lines (what; who and period)


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


# -- tables -------------------------------------------------------------------------------------------


def metric_header(metric: Metric, lang: str = "de") -> str:
    """A metric column's header: its label, with the unit where the label does not say it
    („Interaktionsrate je Follower (Zeitraum) in %“, „Follower je 1.000 Einwohner“)."""
    label, unit = metric.label(lang), metric.unit_text(lang)
    if metric.display in ("percent", "fraction") and unit.lower() not in label.lower():
        return text("table.header_unit", lang, label=label, unit=unit)
    return label


def header(column: str, lang: str = "de") -> str:
    """A column's header in the page's language; a column the page already named stays as it is."""
    metric = METRICS.get(ALIASES.get(column, column))
    if metric is not None:
        return metric_header(metric, lang)
    if known(f"table.{column}"):
        return text(f"table.{column}", lang, n=MIN_POSTS_FOR_RATE)
    return column


def rounded(values: pd.Series, display: str) -> pd.Series:
    """Numbers as a display shows them (analytics/metrics.DECIMALS; a fraction as percent), still
    numbers; whole numbers as integers; unknown stays unknown (an empty cell)."""
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    if display == "fraction":
        numbers = numbers * 100
    numbers = numbers.round(DECIMALS[display])
    return numbers.astype("Int64") if DECIMALS[display] == 0 else numbers


def _is_dates(values: pd.Series) -> bool:
    present = values.dropna()
    return not present.empty and all(isinstance(v, date) for v in present)


def _dates(values: pd.Series) -> pd.Series:
    """Local date-times without zone; a column of whole days as dates (shown without a time)."""
    moments = pd.to_datetime(values)
    if isinstance(moments.dtype, pd.DatetimeTZDtype):
        moments = moments.dt.tz_convert("Europe/Berlin").dt.tz_localize(None)
    if (moments.dropna() == moments.dropna().dt.normalize()).all():
        return pd.Series([None if pd.isna(m) else m.date() for m in moments], index=values.index, dtype=object)
    return moments


def _cells(column: str, values: pd.Series, lang: str) -> pd.Series:
    """One column's cells as a council reads them (see `council_table`)."""
    metric = METRICS.get(ALIASES.get(column, column))
    if column == "platform":
        return values.map(lambda p: p if pd.isna(p) else platforms.label(p))
    if column == "followers_source":
        return values.map(lambda s: s if pd.isna(s) or not known(f"common.source.{s}") else text(f"common.source.{s}", lang))
    if column == "audience":
        return values.map(lambda a: a if pd.isna(a) else pick(age.AUDIENCE_LABEL.get(a, (a, a)), lang))
    if column == "weekday":
        return values.map(lambda i: i if pd.isna(i) else content.WEEKDAYS[lang if lang in content.WEEKDAYS else "de"][int(i)])
    if pd.api.types.is_bool_dtype(values):
        yes, no = text("table.yes", lang), text("table.no", lang)
        return values.map(lambda f: None if pd.isna(f) else yes if f else no)
    if pd.api.types.is_datetime64_any_dtype(values) or _is_dates(values):
        return _dates(values)
    if metric is not None:
        return rounded(values, metric.display)
    if column in NUMBER_COLUMNS:
        return rounded(values, NUMBER_COLUMNS[column])
    if pd.api.types.is_integer_dtype(values):
        return values.astype("Int64")
    if pd.api.types.is_float_dtype(values):
        return rounded(values, "number")
    return values.map(lambda v: None if not isinstance(v, str) and pd.isna(v) else v)


def council_table(df: pd.DataFrame, lang: str = "de",
                  values: dict[str, Callable[[object], object]] | None = None) -> pd.DataFrame:
    """The table as a council reads it: headers in `lang`, numbers rounded as the page shows them,
    names instead of keys (platform, weekday, follower source, audience; `values` maps further columns,
    e.g. a topic key to its name), ja/nein for flags, unknown values empty, dates as dates; the
    computation's helper columns left out. Streamlit-free, so tests and other callers use it too."""
    values = values or {}
    columns, decimals = {}, {}
    for column in df.columns:
        if column in RAW_ONLY:
            continue
        cells = df[column]
        if column in values:
            cells = cells.map(lambda v, f=values[column]: None if not isinstance(v, str) and pd.isna(v) else f(v))
        else:
            cells = _cells(str(column), cells, lang)
        name = header(str(column), lang)
        columns[name] = cells
        if pd.api.types.is_integer_dtype(cells):
            decimals[name] = 0
        elif pd.api.types.is_float_dtype(cells):
            metric = METRICS.get(ALIASES.get(column, column))
            decimals[name] = DECIMALS[metric.display if metric else NUMBER_COLUMNS.get(column, "number")]
    out = pd.DataFrame(columns, index=df.index).reset_index(drop=True)
    out.attrs["decimals"] = decimals  # the spreadsheet shows them (xlsx_bytes)
    return out


def _dates_as_text(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Date columns written the page's way (22.11.2026, 22.11.2026 14:30) for a CSV."""
    moment = text("format.datetime", lang)

    def written(d) -> str | None:
        if d is None or pd.isna(d):
            return None
        return d.strftime(moment) if isinstance(d, datetime) else fmt.day(d, lang)

    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]) or _is_dates(out[column]):
            out[column] = out[column].map(written)
    return out


def csv_bytes(df: pd.DataFrame, lang: str = "de") -> bytes:
    """CSV for spreadsheet users: German `;` and decimal comma (de) or `,` (en), dates written the
    page's way, UTF-8 with BOM."""
    frame = safe_frame(_dates_as_text(df, lang))
    if lang == "de":
        return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    return frame.to_csv(index=False).encode("utf-8-sig")


def raw_csv_bytes(df: pd.DataFrame) -> bytes:
    """The raw data for further processing, the same in every language: the column names the code
    uses, full precision, `,` and decimal point, ISO dates (local time), UTF-8 without BOM."""
    return safe_frame(df).to_csv(index=False).encode("utf-8")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "Daten", lang: str = "de") -> bytes:
    """The table as a spreadsheet (one sheet; its name in the page's language, see table_downloads),
    dates as date cells in the page's format, columns wide enough for their headers."""
    buffer = io.BytesIO()
    frame = safe_frame(df, formulas=False)
    with pd.ExcelWriter(buffer, engine="xlsxwriter", date_format=text("table.xlsx_date", lang),
                        datetime_format=text("table.xlsx_datetime", lang),
                        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}}) as writer:
        # strings_to_formulas=False: every string is a text cell, never evaluated
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
        worksheet = writer.sheets[sheet[:31]]
        decimals = df.attrs.get("decimals", {})
        for i, column in enumerate(frame.columns):
            places = decimals.get(column)
            number = writer.book.add_format({"num_format": "#,##0" + ("." + "0" * places if places else "")})
            worksheet.set_column(i, i, min(max(len(str(column)), 10) + 2, 60), number if places is not None else None)
    return buffer.getvalue()


# -- charts -------------------------------------------------------------------------------------------


def _spec(chart) -> dict:
    """A Vega-Lite dict with inline data (an Altair chart or an already converted spec)."""
    if isinstance(chart, dict):
        return chart
    with alt.data_transformers.enable("default", max_rows=None):
        return chart.to_dict()


def chart_title(what: str, who: str, period: str, lang: str = "de") -> str:
    """A download's title: „Interaktionsrate – Alsdorf, 02.11.2026–29.11.2026“."""
    return text("table.chart_title", lang, what=what, who=who, period=period)


def period_text(start: date, end: date, lang: str = "de") -> str:
    """The period in a chart title: `Oktober 2026`, `3. Quartal 2026`, else `02.11.2026–29.11.2026`."""
    return period_label(start, end, lang, dash="–")


def titled(chart, title: str | None) -> dict:
    """The chart's spec for a download with `title` above it (replacing a heading it has); a long
    title puts town/group and period in a second line; 640 pixels wide where the chart has no width
    of its own (a file has no page to fill)."""
    spec = dict(_spec(chart))
    spec.setdefault("width", 640)
    if title:
        heading = {"text": title, "anchor": "start", "fontSize": 16, "fontWeight": "bold", "color": "#222",
                   "offset": 14}
        what, dash, rest = title.partition(" – ")
        if len(title) > TITLE_CHARS and dash:
            heading.update(text=what, subtitle=rest, subtitleFontSize=14, subtitleColor="#222", subtitlePadding=4)
        spec["title"] = heading
    return spec


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


def chart_downloads(chart: alt.TopLevelMixin | dict, name: str, key: str, lang: str = "de",
                    title: str | None = None) -> None:
    """PNG and SVG buttons under a chart; the files carry `title` (see `chart_title`)."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button("PNG", lambda: png_bytes(titled(chart, title), lang), file_name=f"{_slug(name)}.png",
                         mime="image/png", key=f"{key}_png", icon=":material/image:", on_click="ignore",
                         help=text("downloads.png_help", lang))
    right.download_button("SVG", lambda: svg_bytes(titled(chart, title), lang), file_name=f"{_slug(name)}.svg",
                          mime="image/svg+xml", key=f"{key}_svg", icon=":material/polyline:", on_click="ignore",
                          help=text("downloads.svg_help", lang))


def table_downloads(df: pd.DataFrame, name: str, key: str, lang: str = "de",
                    values: dict[str, Callable[[object], object]] | None = None) -> None:
    """Under a table: CSV and XLSX as a council reads them (`council_table`; `values` names the keys of
    further columns) and the raw data as CSV (`raw_csv_bytes`). Pass the page's data, not its
    formatted table: the formatting happens here."""
    left, middle, right, _ = st.columns([1, 1, 2, 2])
    left.download_button("CSV", lambda: csv_bytes(council_table(df, lang, values), lang), file_name=f"{_slug(name)}.csv",
                         mime="text/csv", key=f"{key}_csv", icon=":material/download:", on_click="ignore",
                         help=text("table.csv_help", lang))
    middle.download_button("XLSX", lambda: xlsx_bytes(council_table(df, lang, values), text("downloads.sheet", lang), lang),
                           file_name=f"{_slug(name)}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"{key}_xlsx", icon=":material/table_view:", on_click="ignore",
                           help=text("table.xlsx_help", lang))
    right.download_button(text("table.raw", lang), lambda: raw_csv_bytes(df),
                          file_name=f"{_slug(name)}_{text('table.raw_file', lang)}.csv", mime="text/csv",
                          key=f"{key}_raw", icon=":material/data_object:", on_click="ignore",
                          help=text("table.raw_help", lang))


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


def period_label(start: date, end: date, lang: str = "de", dash: str = " – ") -> str:
    """A report period in words: `September 2026`, `3. Quartal 2026` (`Q3 2026`), else the two days
    joined by `dash` (in German as analytics/report.py writes it)."""
    last_day = (pd.Timestamp(end) + pd.offsets.MonthEnd(0)).date()
    if start.day == 1 and end == last_day:
        if (start.year, start.month) == (end.year, end.month):
            return format_date(start, "LLLL y", locale=fmt.LOCALES.get(lang, fmt.LOCALES["de"]))
        if start.year == end.year and start.month % 3 == 1 and end.month == start.month + 2:
            return text("downloads.quarter", lang, n=(start.month - 1) // 3 + 1, year=start.year)
    return f"{fmt.day(start, lang)}{dash}{fmt.day(end, lang)}"
