"""Wochenbericht: a town's figures per platform for one ISO week, for communication officers."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from analytics import fmt, weekly
from analytics.metrics import METRICS
from ui.i18n import lang, metric_help, platform_name, t
from ui.layout import town_picker
from ui.state import query

# Up to the cards, the page reads rows and imports no pandas (nor Altair): the first view a user
# sees after launch is drawn without waiting for them (issue 12, `make bench`).
L = lang()
st.title(t("wochenbericht.title"))
_, ags, town = town_picker()
coverage = query(weekly.week_coverage, ags)
covered = dict(coverage)  # Monday → days covered, newest first
default_week = weekly.default_week(coverage) or weekly.last_complete_week()
weeks = list(covered) or [default_week]  # newest first; weeks inside the data only


def week_label(monday: date) -> str:
    label = f"{weekly.iso_week_label(monday, L)} ({fmt.day(monday, L)} – {fmt.day(monday + timedelta(days=6), L)})"
    n = covered.get(monday, 7 if not covered else 0)
    return label if n == 7 else f"{label} · " + (t("wochenbericht.partial_week", n=n) if n else t("common.no_data"))


wanted = st.query_params.get("week")
index = next((i for i, w in enumerate(weeks) if w.isoformat() == wanted), weeks.index(default_week))
monday = st.sidebar.selectbox(t("wochenbericht.week"), weeks, index=index, format_func=week_label, key="week")
st.query_params["week"] = monday.isoformat()

st.caption(f"{town} · {week_label(monday)}")
rows = query(weekly.weekly_rows, ags, monday - timedelta(weeks=11), monday)  # the trend's 12 weeks
this_week = {row["platform"]: row for row in rows if row["week_start"] == monday}
previous = {row["platform"]: row for row in rows if row["week_start"] == monday - timedelta(weeks=1)}

with_data = [platform for platform, row in this_week.items() if row["days_covered"] > 0]
town_partial = 0 < covered.get(monday, 7) < 7
if not with_data:
    if covered:
        st.info(t("wochenbericht.no_data_week", town=town, week=weekly.iso_week_label(monday, L), first=fmt.day(weeks[-1], L),
                  last=fmt.day(weeks[0] + timedelta(days=6), L)), icon=":material/event_busy:")
    else:
        st.info(t("wochenbericht.no_data_at_all", town=town, week=weekly.iso_week_label(monday, L)), icon=":material/event_busy:")
elif town_partial:
    st.warning(t("wochenbericht.partial_week_note", n=covered[monday]), icon=":material/event_upcoming:")

# Platforms with data in the 12 weeks but none this week say so instead of showing old figures.
platforms = [p for p in this_week if p in with_data or any(row["platform"] == p and row["days_covered"] > 0 for row in rows)]
for platform in platforms:
    st.subheader(platform_name(platform))
    if platform not in with_data:
        st.caption(t("common.no_data") + " – " + t("wochenbericht.platform_no_data_week", platform=platform_name(platform)))
        continue
    row, before = this_week[platform], previous.get(platform)
    days, days_before = row["days_covered"], 0 if before is None else before["days_covered"]
    comparable = days == 7 and days_before == 7
    columns = st.columns(3) + st.columns(3)
    for column, metric_id in zip(columns, weekly.KPI_COLUMNS, strict=True):
        metric = METRICS[metric_id]
        value = row[metric_id]
        old = None if before is None else before[metric_id]
        delta = None if not comparable or value is None or old is None else value - old
        shown = fmt.number(value, L, missing=t("common.unknown") if metric_id == "followers" else "–")
        column.metric(metric.label(L), shown, fmt.signed(delta, L), help=metric_help(metric, L),
                      delta_description=None if delta is None else t("wochenbericht.vs_previous"), border=True)
    notes = []
    if row["followers"] is None:
        notes.append(t("common.followers_unknown") + " " + t("common.followers_fix"))
    else:
        notes.append(t("wochenbericht.followers_as_of", source=t("common.source." + row["followers_source"]), day=fmt.day(row["followers_day"], L)))
    if not comparable and before is not None and days_before and not (town_partial and days < 7):
        which, n = (t("wochenbericht.this_week"), days) if days < 7 else (t("wochenbericht.previous_week"), days_before)
        notes.append(t("wochenbericht.no_delta_partial", which=which, n=n))
    st.caption(" ".join(notes))

# Only now, after the cards: pandas, the modules for the report, the chart and the downloads (Altair
# alone takes a noticeable part of a second to import) and the report button, at the foot of the
# sidebar as before; the trend as a frame (the same query as the rows above).
import altair as alt  # noqa: E402

from analytics import report  # noqa: E402
from ui.charts import localized, platform_scale  # noqa: E402
from ui.downloads import chart_downloads, chart_title, period_text, report_download, table_downloads  # noqa: E402
from ui.tables import show_table  # noqa: E402

trend = query(weekly.weekly_metrics, ags, monday - timedelta(weeks=11), monday)
with st.sidebar:
    span = st.segmented_control(t("wochenbericht.report_span"), ["month", "quarter"], default="month", key="report_span",
                                format_func=lambda s: t(f"wochenbericht.span.{s}")) or "month"
    report_download(ags, *report.enclosing_period(monday, span), None, "weekly_report_pdf", L)

st.subheader(t("wochenbericht.trend_title"))
chosen = st.segmented_control(t("wochenbericht.trend_metric"), weekly.KPI_COLUMNS, default="interactions",
                              format_func=lambda m: METRICS[m].label(L), key="trend_metric") or "interactions"
metric = METRICS[chosen]
data = trend.dropna(subset=[chosen])
data = data.assign(week=data["week_start"].map(lambda d: weekly.iso_week_label(d.date(), L)),
                   platform_label=data["platform"].map(platform_name),
                   coverage=data["days_covered"].map(lambda n: t("wochenbericht.days_of_7", n=n)),
                   complete=data["days_covered"] == 7)
base = alt.Chart(data).encode(
    x=alt.X("week_start:T", title=t("wochenbericht.week_start"), axis=alt.Axis(format=t("format.axis_day"), labelAngle=0)),
    y=alt.Y(f"{chosen}:Q", title=f"{metric.label(L)} ({metric.unit_text(L)})"),
    color=alt.Color("platform_label:N", title=t("common.platform"), scale=platform_scale(data["platform"])),
    tooltip=[alt.Tooltip("week:N", title=t("wochenbericht.week")), alt.Tooltip("platform_label:N", title=t("common.platform")),
             alt.Tooltip(f"{chosen}:Q", title=metric.label(L), format=",d"),
             alt.Tooltip("coverage:N", title=t("wochenbericht.coverage"))],
)
full = base.mark_point(size=60, filled=True).transform_filter("datum.complete")
partial = base.mark_point(size=90, shape="diamond", filled=False, strokeWidth=2).transform_filter("!datum.complete")
chart = localized((base.mark_line() + full + partial).properties(height=320), L)
st.altair_chart(chart, width="stretch")
first, last = monday - timedelta(weeks=11), monday + timedelta(days=6)
chart_downloads(chart, f"{t('file.weekly')}_{ags}_{chosen}_{first}_{last}", "trend", L,
                title=chart_title(metric.label(L), town, period_text(first, last, L), L))
st.caption(metric_help(metric, L) + (" " + t("wochenbericht.trend_partial_note") if (data["days_covered"] < 7).any() else ""))
table_downloads(trend, f"{t('file.weekly')}_{ags}_{monday.isoformat()}", "trend_table", L)

st.subheader(t("wochenbericht.top_posts"))
posts = query(weekly.top_posts, ags, monday)
if posts.empty:
    st.caption(t("wochenbericht.no_posts_week"))
else:
    posts = posts.assign(
        platform=posts["platform"].map(platform_name),
        published_at=posts["published_at"].dt.tz_convert("Europe/Berlin").dt.tz_localize(None),
    )
    show_table(
        posts, column_order=["platform", "published_at", "post_type", "message", "interactions", "reach", "views", "url"],
        column_config={
            "platform": t("common.platform"),
            "published_at": st.column_config.DatetimeColumn(t("wochenbericht.published"), format=t("format.datetime_column")),
            "post_type": t("wochenbericht.post_type"),
            "message": st.column_config.TextColumn(t("wochenbericht.message"), width="large"),
            "interactions": st.column_config.NumberColumn(METRICS["interactions"].label(L), format="localized"),
            "reach": st.column_config.NumberColumn(METRICS["reach"].label(L), format="localized"),
            "views": st.column_config.NumberColumn(METRICS["views"].label(L), format="localized"),
            "url": st.column_config.LinkColumn(t("common.link"), display_text=t("common.open")),
        },
    )
    table_downloads(posts, f"{t('file.top_posts')}_{ags}_{monday.isoformat()}", "top_posts", L)

with st.expander(t("wochenbericht.definitions")):
    for metric_id in weekly.KPI_COLUMNS:
        st.markdown("- " + metric_help(METRICS[metric_id], L))
    st.caption(t("common.source_help") + " " + t("wochenbericht.source_note"))
