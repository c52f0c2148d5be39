"""Kanäle: which municipality is on which platform since when, and follower development since launch."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import channels, fmt
from ui.charts import localized, platform_scale
from ui.downloads import chart_title, period_text, table_downloads
from ui.filters import peer_group_picker, platform_picker
from ui.i18n import lang, platform_name, t, text
from ui.layout import short_name, towns_with_data
from ui.safe import literal
from ui.state import query
from ui.tables import show_table
from ui.viz import cached, show_chart, town_scale

L = lang()


def tx(key: str, lang_: str, **values) -> str:
    return text(f"kanaele.{key}", lang_, **values)


def timeline_chart(tl: pd.DataFrame, lang_: str) -> alt.Chart:
    platform = text("common.platform", lang_)
    chart = alt.Chart(tl).mark_bar(height={"band": 0.8}, cornerRadius=3).encode(
        x=alt.X("start:T", title=tx("axis_time", lang_), axis=alt.Axis(format=text("format.axis_month", lang_))),
        x2="end:T",
        y=alt.Y("town:N", title=tx("town", lang_)), yOffset=alt.YOffset("platform_label:N"),
        color=alt.Color("platform_label:N", title=platform, scale=platform_scale(tl["platform"])),
        tooltip=[alt.Tooltip("town:N", title=tx("town", lang_)), alt.Tooltip("platform_label:N", title=platform),
                 alt.Tooltip("start_s:N", title=tx("since", lang_)), alt.Tooltip("end_s:N", title=tx("last", lang_))],
    ).properties(height=alt.Step(14))  # a band per town and platform: every town's name shows
    return localized(chart, lang_)


def development_chart(series: pd.DataFrame, aligned: bool, lang_: str) -> alt.Chart:
    x = (alt.X("weeks_since_launch:Q", title=tx("axis_weeks", lang_)) if aligned
         else alt.X("day:T", title=tx("axis_time", lang_),
                    axis=alt.Axis(format=text("format.axis_month", lang_))))  # ends on the data's last day
    platform = text("common.platform", lang_)
    chart = alt.Chart(series).mark_line().encode(
        x=x, y=alt.Y("followers:Q", title=tx("followers_axis", lang_)),
        color=alt.Color("town:N", title=tx("town", lang_), scale=town_scale(series)),
        strokeDash=alt.StrokeDash("platform_label:N", title=platform),
        detail="line:N",
        tooltip=[alt.Tooltip("town:N", title=tx("town", lang_)), alt.Tooltip("platform_label:N", title=platform),
                 alt.Tooltip("day:T", title=tx("axis_time", lang_), format=text("format.tooltip_day", lang_)),
                 alt.Tooltip("followers:Q", title=tx("followers", lang_), format=",d")],
    ).properties(height=340)
    return localized(chart, lang_)


st.title(t("kanaele.title"))
towns_with_data()
group_id, group_name = peer_group_picker()
platform = platform_picker()
who = group_name + (" · " + platform_name(platform) if platform else "")
st.caption(literal(who))
st.markdown(t("kanaele.intro"))



def prepare(presence: pd.DataFrame, lang_: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Presence matrix, accounts, timeline rows and the formatted accounts table (German numbers)."""
    presence = presence.assign(town=presence["name"].map(short_name))
    accounts = presence.dropna(subset=["platform"]).copy()
    accounts["platform_label"] = accounts["platform"].map(platform_name)
    cells = [fmt.day(d, lang_) if isinstance(p, str) and not pd.isna(d) else ("✓" if isinstance(p, str) else "")
             for p, d in zip(presence["platform"], presence["first_activity_date"], strict=True)]
    matrix = presence.assign(cell=cells).dropna(subset=["platform"])
    pivot = (matrix.assign(platform_label=matrix["platform"].map(platform_name))
             .pivot_table(index="town", columns="platform_label", values="cell", aggfunc="first"))
    pivot = (pivot.reindex(sorted(presence["town"].unique())).fillna("—").reset_index()
             .rename(columns={"town": tx("town", lang_)}))
    pivot.columns.name = None
    tl = accounts.assign(start=accounts["first_activity_date"].fillna(accounts["last_data_date"]),
                         end=accounts["last_data_date"]).dropna(subset=["start"])
    tl = tl.assign(start_s=tl["start"].map(lambda d: fmt.day(d, lang_)), end_s=tl["end"].map(lambda d: fmt.day(d, lang_)))
    tl = tl[["town", "platform", "platform_label", "start", "end", "start_s", "end_s"]]
    table = accounts[["town", "platform_label", "account", "first_activity_date", "last_data_date", "followers",
                      "followers_source", "posts", "url"]]
    unknown = text("common.unknown", lang_)
    shown = table.assign(first_activity_date=table["first_activity_date"].map(lambda d: fmt.day(d, lang_)),
                         last_data_date=table["last_data_date"].map(lambda d: fmt.day(d, lang_)),
                         followers=table["followers"].map(lambda v: fmt.number(v, lang_, missing=unknown)),
                         followers_source=table["followers_source"].map(
                             lambda s: "–" if pd.isna(s) else text("common.source." + s, lang_)),
                         posts=table["posts"].map(lambda v: fmt.number(v, lang_)))
    return pivot, accounts, tl, shown


presence = query(channels.presence, group_id, platform, L)  # accounts by name, in the language
pivot, accounts, tl, accounts_shown = cached(prepare, presence, L)

st.subheader(t("kanaele.matrix"))
show_table(pivot, key="presence_matrix")
st.caption(t("kanaele.first_note"))
table_downloads(pivot, f"{t('file.channels')}_{group_id}_{t('file.presence')}", "presence_dl", L)

if not tl.empty:
    st.subheader(t("kanaele.timeline"))
    span = period_text(tl["start"].min().date(), tl["end"].max().date(), L)
    show_chart(timeline_chart, tl, L, name=f"{t('file.channels')}_{group_id}_{t('file.timeline')}", key="timeline",
               lang=L, download_title=chart_title(t("kanaele.timeline"), who, span, L))

st.subheader(t("kanaele.development"))
series = query(channels.follower_development, group_id, platform)
if series.empty:
    st.caption(t("kanaele.no_series"))
else:
    series = series.assign(town=series["name"].map(short_name), platform_label=series["platform"].map(platform_name))
    series["line"] = series["town"] + " · " + series["platform_label"]
    aligned = st.toggle(t("kanaele.aligned"), value=st.query_params.get("ausrichten") == "start", key="align_launch")
    if aligned:
        st.query_params["ausrichten"] = "start"
    else:
        st.query_params.pop("ausrichten", None)
    series = series[["ags", "town", "platform", "platform_label", "line", "week_start", "day", "weeks_since_launch",
                     "followers"]]
    span = period_text(series["day"].min().date(), series["day"].max().date(), L)
    show_chart(development_chart, series, aligned, L, name=f"{t('file.channels')}_{group_id}_{t('file.followers')}",
               key="development", lang=L, download_title=chart_title(t("kanaele.development"), who, span, L))
    if presence.dropna(subset=["platform"])["ags"].nunique() > 12:  # large groups: the top towns only
        st.caption(t("kanaele.top_note", n=series["ags"].nunique()))
unknown = accounts[accounts["followers_unknown"]]
if not unknown.empty:  # named under the chart, with the way to fix it
    names = ", ".join(f"{r.town} ({r.platform_label})" for r in unknown.itertuples())
    st.caption(t("common.without_followers", names=names) + " " + t("common.followers_fix"))

st.subheader(t("kanaele.account"))
show_table(
    accounts_shown, key="accounts_table",
    column_config={"town": t("kanaele.town"), "platform_label": t("common.platform"), "account": t("kanaele.account"),
                   "first_activity_date": t("kanaele.since"), "last_data_date": t("kanaele.last"),
                   "followers": t("kanaele.followers"), "followers_source": t("kanaele.source"),
                   "posts": t("kanaele.posts"), "url": st.column_config.LinkColumn(t("common.link"))},
)
st.caption(t("kanaele.last_note") + " " + t("common.source_help"))
table_downloads(accounts[["town", "platform_label", "account", "first_activity_date", "last_data_date", "followers",
                          "followers_source", "posts", "url"]], f"{t('file.channels')}_{group_id}_{t('file.accounts')}",
                "accounts_dl", L)
