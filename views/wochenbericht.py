"""Wochenbericht: a town's figures per platform for one ISO week, for communication officers."""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st

from analytics import weekly
from analytics.metrics import METRICS
from ui import fmt
from ui.charts import localized, platform_scale
from ui.downloads import chart_downloads, table_downloads
from ui.i18n import lang, platform_name, t
from ui.layout import town_picker
from ui.state import query

L = lang()
st.title(t("weekly_title"))
_, ags, town = town_picker()
span = query(weekly.data_weeks, ags)
default_week = weekly.last_complete_week()
if span:
    default_week = min(max(default_week, span[0]), span[1])
    first, last = span[0], max(span[1], default_week)
else:
    first = last = default_week
weeks = [last - timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def week_label(monday: date) -> str:
    return f"{weekly.iso_week_label(monday, L)} ({fmt.day(monday, L)} – {fmt.day(monday + timedelta(days=6), L)})"


wanted = st.query_params.get("week")
index = next((i for i, w in enumerate(weeks) if w.isoformat() == wanted), weeks.index(default_week))
monday = st.sidebar.selectbox(t("week"), weeks, index=index, format_func=week_label, key="week")
st.query_params["week"] = monday.isoformat()

st.caption(f"{town} · {week_label(monday)}")
trend = query(weekly.weekly_metrics, ags, monday - timedelta(weeks=11), monday)
this_week = trend[trend["week_start"] == pd.Timestamp(monday)].set_index("platform")
previous = trend[trend["week_start"] == pd.Timestamp(monday - timedelta(weeks=1))].set_index("platform")

has_figures = this_week[weekly.KPI_COLUMNS].replace(0, pd.NA).notna().any(axis=1)
if not has_figures.any():
    st.info(t("no_data_week", town=town, week=weekly.iso_week_label(monday, L),
              first=fmt.day(first, L), last=fmt.day(last + timedelta(days=6), L)), icon=":material/event_busy:")

for platform in this_week.index[has_figures]:
    st.subheader(platform_name(platform))
    columns = st.columns(3) + st.columns(3)
    for column, metric_id in zip(columns, weekly.KPI_COLUMNS, strict=True):
        metric = METRICS[metric_id]
        value = this_week.at[platform, metric_id]
        before = previous.at[platform, metric_id] if platform in previous.index else None
        delta = None if pd.isna(value) or before is None or pd.isna(before) else value - before
        column.metric(metric.label(L), fmt.number(value, L), fmt.signed(delta, L), help=metric.help(L),
                      delta_description=t("vs_previous"), border=True)

st.subheader(t("trend_title"))
chosen = st.segmented_control(t("trend_metric"), weekly.KPI_COLUMNS, default="interactions",
                              format_func=lambda m: METRICS[m].label(L), key="trend_metric") or "interactions"
metric = METRICS[chosen]
data = trend.dropna(subset=[chosen])
data = data.assign(week=data["week_start"].map(lambda d: weekly.iso_week_label(d.date(), L)),
                   platform_label=data["platform"].map(platform_name))
chart = (
    alt.Chart(data)
    .mark_line(point=True)
    .encode(
        x=alt.X("week_start:T", title=t("week_start"), axis=alt.Axis(format="%d.%m.", labelAngle=0)),
        y=alt.Y(f"{chosen}:Q", title=f"{metric.label(L)} ({metric.unit_text(L)})"),
        color=alt.Color("platform_label:N", title=t("platform"), scale=platform_scale(data["platform"])),
        tooltip=[alt.Tooltip("week:N", title=t("week")), alt.Tooltip("platform_label:N", title=t("platform")),
                 alt.Tooltip(f"{chosen}:Q", title=metric.label(L), format=",d")],
    )
    .properties(height=320)
)
chart = localized(chart, L)
st.altair_chart(chart, width="stretch")
chart_downloads(chart, f"wochenbericht_{ags}_{chosen}", "trend", L)
st.caption(metric.help(L))
table_downloads(trend, f"wochenbericht_{ags}_{monday.isoformat()}", "trend_table", L)

st.subheader(t("top_posts"))
posts = query(weekly.top_posts, ags, monday)
if posts.empty:
    st.caption(t("no_posts_week"))
else:
    posts = posts.assign(
        platform=posts["platform"].map(platform_name),
        published_at=posts["published_at"].dt.tz_convert("Europe/Berlin").dt.tz_localize(None),
    )
    st.dataframe(
        posts, hide_index=True, width="stretch",
        column_order=["platform", "published_at", "post_type", "message", "interactions", "reach", "views", "url"],
        column_config={
            "platform": t("platform"),
            "published_at": st.column_config.DatetimeColumn(t("published"), format="DD.MM.YYYY HH:mm"),
            "post_type": t("post_type"),
            "message": st.column_config.TextColumn(t("message"), width="large"),
            "interactions": st.column_config.NumberColumn(METRICS["interactions"].label(L), format="localized"),
            "reach": st.column_config.NumberColumn(METRICS["reach"].label(L), format="localized"),
            "views": st.column_config.NumberColumn(METRICS["views"].label(L), format="localized"),
            "url": st.column_config.LinkColumn(t("link"), display_text=t("open")),
        },
    )
    table_downloads(posts, f"top_beitraege_{ags}_{monday.isoformat()}", "top_posts", L)

with st.expander(t("definitions")):
    for metric_id in weekly.KPI_COLUMNS:
        st.markdown("- " + METRICS[metric_id].help(L))
    st.caption(t("source_note"))
