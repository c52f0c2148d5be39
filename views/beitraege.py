"""Beiträge: top posts, their topics (ui/topic_panel.py), content types and when the town posts
(weekday × hour, Europe/Berlin)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import content, fmt
from analytics.metrics import METRICS, MIN_POSTS_FOR_RATE
from ui.charts import localized, platform_scale
from ui.downloads import chart_title, period_text, table_downloads
from ui.filters import peer_group_picker, period_picker, platform_picker
from ui.i18n import lang, metric_help, platform_name, t, text
from ui.layout import town_picker
from ui.state import query
from ui.tables import show_table
from ui.topic_panel import section as topics_section
from ui.viz import break_rules, show_chart

L = lang()


def tx(key: str, lang_: str, **values) -> str:
    return text(f"beitraege.{key}", lang_, **values)


def types_chart(types: pd.DataFrame, lang_: str) -> alt.Chart:
    er = METRICS["er_follower_post"]
    platform = text("common.platform", lang_)
    chart = alt.Chart(types).mark_bar().encode(
        x=alt.X("posts:Q", title=tx("posts_axis", lang_)),
        y=alt.Y("post_type:N", title=tx("type", lang_), sort="-x"),
        color=alt.Color("platform_label:N", title=platform, scale=platform_scale(types["platform"])),
        tooltip=[alt.Tooltip("platform_label:N", title=platform), alt.Tooltip("post_type:N", title=tx("type", lang_)),
                 alt.Tooltip("posts:Q", title=tx("posts", lang_), format=",d"),
                 alt.Tooltip("interactions_mean:Q", title=tx("mean_i", lang_), format=",.1f"),
                 alt.Tooltip("er_follower_post:Q", title=tx("rate_percent", lang_, label=er.label(lang_)),
                             format=",.2f")],
    ).properties(height=alt.Step(24))  # a band per type: every label shows
    return localized(chart, lang_)


def heatmap_chart(heat: pd.DataFrame, lang_: str) -> alt.Chart:
    days = content.WEEKDAYS[lang_]
    chart = alt.Chart(heat).mark_rect().encode(
        x=alt.X("hour:O", title=tx("hour", lang_)),
        y=alt.Y("day_label:N", sort=days, title=tx("weekday", lang_)),
        color=alt.Color("posts:Q", title=tx("posts_axis", lang_), scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("day_label:N", title=tx("weekday", lang_)), alt.Tooltip("hour:O", title=tx("hour", lang_)),
                 alt.Tooltip("posts:Q", title=tx("posts", lang_)),
                 alt.Tooltip("interactions_mean:Q", title=tx("mean_i", lang_), format=",.1f")],
    ).properties(height=230)
    return localized(chart, lang_)


def views_chart(views: pd.DataFrame, breaks: tuple, lang_: str):
    """Views per week; impressions and views as separate strokes, a labelled rule at each break."""
    line = alt.Chart(views).mark_line(point=True).encode(
        x=alt.X("week_start:T", title=tx("week", lang_), axis=alt.Axis(format=text("format.axis_day", lang_))),
        y=alt.Y("value:Q", title=tx("value", lang_)),
        color=alt.Color("platform_label:N", title=text("common.platform", lang_),
                        scale=platform_scale(views["platform"])),
        strokeDash=alt.StrokeDash("version:N", title=tx("version", lang_)),
        detail="series:N",
        tooltip=[alt.Tooltip("week_start:T", title=tx("week", lang_), format=text("format.tooltip_day", lang_)),
                 alt.Tooltip("series:N", title=tx("version", lang_)),
                 alt.Tooltip("value:Q", title=tx("value_short", lang_), format=",d")],
    ).properties(height=280)
    rule = break_rules(list(breaks), lang_)
    return localized(line + rule if rule is not None else line, lang_)


st.title(t("beitraege.title"))
chosen, ags, town = town_picker()
platform = platform_picker(chosen["platforms"])
start, end = period_picker()
group_id, group_name = peer_group_picker()
st.caption(t("beitraege.caption", town=town, platform=platform_name(platform) if platform else t("common.all_platforms"),
             start=fmt.day(start, L), end=fmt.day(end, L)))
st.markdown(t("beitraege.intro"))
who, period = town + (f" · {platform_name(platform)}" if platform else ""), period_text(start, end, L)
stem = f"{t('file.posts')}_{ags}_{start}_{end}"

top = query(content.top_posts, ags, start, end, platform)
if top.empty:
    st.info(t("beitraege.none", town=town), icon=":material/article:")
    st.stop()

st.subheader(t("beitraege.top"))
er = METRICS["er_follower_post"]
shown = top.assign(
    platform=top["platform"].map(platform_name),
    published_at=top["published_at"].dt.tz_convert("Europe/Berlin").map(lambda d: d.strftime(t("format.datetime"))),
    interactions=top["interactions"].map(lambda v: fmt.number(v, L)),
    reach=top["reach"].map(lambda v: fmt.number(v, L)),
    er_follower_post=[("⚠ " if flag else "") + fmt.number(v, L, 2, missing=t("common.unknown")) + ("" if pd.isna(v) else " %")
                      for v, flag in zip(top["er_follower_post"], top["over_100"], strict=True)],
)
show_table(
    shown, key="top_posts",
    column_order=["platform", "published_at", "post_type", "message", "interactions", "reach", "er_follower_post", "url"],
    column_config={"platform": t("common.platform"), "published_at": t("beitraege.published"),
                   "post_type": t("beitraege.type"), "message": st.column_config.TextColumn(t("beitraege.text"), width="large"),
                   "interactions": METRICS["interactions"].label(L), "reach": METRICS["reach"].label(L),
                   "er_follower_post": er.label(L), "url": st.column_config.LinkColumn(t("common.link"))},
)
notes = [metric_help(er, L)]
if top["er_follower_post"].isna().any():
    notes.append(t("common.followers_unknown") + " " + t("common.followers_fix"))
if top["over_100"].any():
    notes.append("⚠ " + t("common.over_100_follower") + ".")
st.caption(" ".join(notes))
table_downloads(top, f"{stem}_{t('file.top')}", "top_dl", L)

topics_section(ags, town, start, end, platform, group_id, group_name)

st.subheader(t("beitraege.types"))
types = query(content.content_types, ags, start, end, platform)
types = types.assign(platform_label=types["platform"].map(platform_name), percent=types["share"] * 100)
show_chart(types_chart, types, L, name=f"{stem}_{t('file.types')}", key="types", lang=L,
           download_title=chart_title(t("beitraege.types"), who, period, L))
types_table = pd.DataFrame({
    t("common.platform"): types["platform_label"], t("beitraege.type"): types["post_type"],
    t("beitraege.posts"): types["posts"].map(lambda v: fmt.number(v, L)),
    t("beitraege.share"): types["share"].map(lambda v: fmt.percent(v, L)),
    t("beitraege.mean_i"): types["interactions_mean"].map(lambda v: fmt.number(v, L, 1)),
    er.label(L): types["er_follower_post"].map(
        lambda v: t("common.unknown") if pd.isna(v) else ("⚠ " if v > 100 else "") + fmt.number(v, L, 2) + " %"),
    t("beitraege.note"): types["few_posts"].map(lambda f: t("beitraege.few", n=MIN_POSTS_FOR_RATE) if f else ""),
})
show_table(types_table, key="types_table")
table_downloads(types.drop(columns=["platform_label", "percent"]), f"{stem}_{t('file.types')}", "types_dl", L)

st.subheader(t("beitraege.heatmap"))
heat = query(content.posting_heatmap, ags, start, end, platform)
days = content.WEEKDAYS[L]
heat = heat.assign(day_label=heat["weekday"].map(lambda i: days[i]))
show_chart(heatmap_chart, heat, L, name=f"{stem}_{t('file.times')}", key="heat", lang=L,
           download_title=chart_title(t("beitraege.heatmap"), who, period, L))
st.caption(t("beitraege.heat_note"))
table_downloads(heat, f"{stem}_{t('file.times')}", "heat_dl", L)

st.subheader(t("beitraege.views"))
views = query(content.weekly_views, ags, start, end, platform)
if not views.empty:
    views = views.assign(platform_label=views["platform"].map(platform_name),
                         version=views["metric_version"].map({"views": t("beitraege.views_v"),
                                                             "impressions": t("beitraege.impressions")}))
    views["series"] = views["platform_label"] + " · " + views["version"]
    breaks = query(content.metric_breaks, ags)
    if platform:
        breaks = breaks[breaks["platform"] == platform]
    inside = tuple(pd.Timestamp(d).isoformat() for d in breaks["break_day"] if start < pd.Timestamp(d).date() <= end)
    show_chart(views_chart, views, inside, L, name=f"{stem}_{t('file.views')}", key="views", lang=L,
               download_title=chart_title(t("beitraege.views"), who, period, L))
    st.caption(metric_help(METRICS["views"], L) + (" " + t("beitraege.break_note") if inside else ""))
