"""Kanäle: which municipality is on which platform since when, and follower development since launch."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import channels, peers
from ui import fmt
from ui.charts import localized, platform_scale
from ui.downloads import chart_downloads, table_downloads
from ui.filters import peer_group_picker, platform_picker
from ui.i18n import lang, platform_name, t
from ui.layout import short_name
from ui.state import query
from ui.viz import town_scale

L = lang()
TXT = {
    "de": {
        "title": "Kanäle", "intro": "Welche Gemeinde ist seit wann auf welcher Plattform, und wie haben sich ihre "
        "Follower seit dem Start entwickelt?",
        "town": "Gemeinde", "platform": "Plattform", "since": "Erste Aktivität", "last": "Letzte Daten",
        "followers": "Follower", "posts": "Beiträge (gesamt)", "account": "Konto", "none": "–",
        "timeline": "Zeitleiste", "development": "Follower seit dem Start", "axis_time": "Datum",
        "axis_weeks": "Wochen seit Beginn der Followerreihe", "aligned": "Am Start ausrichten",
        "no_account": "kein Konto", "matrix": "Präsenz",
        "first_note": "Erste Aktivität = frühester Beitrag oder erster Tag mit Zugängen, Aufrufen oder Interaktionen "
                      "in den importierten Daten (nicht unbedingt der Start des Kontos).",
        "no_series": "Für diese Auswahl gibt es keine Followerreihe.",
        "top_note": "Gezeigt: die {n} Gemeinden mit den meisten Followern.",
    },
    "en": {
        "title": "Channels", "intro": "Which municipality is on which platform since when, and how did its followers "
        "develop since launch?",
        "town": "Municipality", "platform": "Platform", "since": "First activity", "last": "Latest data",
        "followers": "Followers", "posts": "Posts (total)", "account": "Account", "none": "–",
        "timeline": "Timeline", "development": "Followers since launch", "axis_time": "Date",
        "axis_weeks": "Weeks since the follower series starts", "aligned": "Align at launch",
        "no_account": "no account", "matrix": "Presence",
        "first_note": "First activity = the earliest post or first day with gains, views or interactions in the "
                      "imported data (not necessarily the account's start).",
        "no_series": "There is no follower series for this selection.",
        "top_note": "Shown: the {n} municipalities with the most followers.",
    },
}[L]

st.title(TXT["title"])
if query(peers.towns_with_accounts).empty:
    st.info(t("no_accounts"), icon=":material/inbox:")
    st.stop()
group_id, group_name = peer_group_picker()
platform = platform_picker()
st.caption(group_name + (" · " + platform_name(platform) if platform else ""))
st.markdown(TXT["intro"])

presence = query(channels.presence, group_id, platform)
presence = presence.assign(town=presence["name"].map(short_name))
accounts = presence.dropna(subset=["platform"]).copy()
accounts["platform_label"] = accounts["platform"].map(platform_name)

st.subheader(TXT["matrix"])
matrix = presence.assign(cell=[fmt.day(d, L) if isinstance(p, str) and not pd.isna(d) else ("✓" if isinstance(p, str) else "")
                               for p, d in zip(presence["platform"], presence["first_activity_date"], strict=True)])
pivot = (matrix.dropna(subset=["platform"]).assign(platform_label=lambda d: d["platform"].map(platform_name))
         .pivot_table(index="town", columns="platform_label", values="cell", aggfunc="first"))
pivot = pivot.reindex(sorted(presence["town"].unique())).fillna("—").reset_index().rename(columns={"town": TXT["town"]})
st.dataframe(pivot, hide_index=True, width="stretch", key="presence_matrix")
st.caption(TXT["first_note"])
table_downloads(pivot, f"kanaele_{group_id}_praesenz", "presence_dl", L)

if not accounts.empty:
    st.subheader(TXT["timeline"])
    tl = accounts.assign(start=accounts["first_activity_date"].fillna(accounts["last_data_date"]),
                         end=accounts["last_data_date"])
    tl = tl.dropna(subset=["start"])
    tl = tl.assign(start_s=tl["start"].map(lambda d: fmt.day(d, L)), end_s=tl["end"].map(lambda d: fmt.day(d, L)))
    timeline = alt.Chart(tl).mark_bar(height=12, cornerRadius=3).encode(
        x=alt.X("start:T", title=TXT["axis_time"], axis=alt.Axis(format="%m/%Y")), x2="end:T",
        y=alt.Y("town:N", title=TXT["town"]), yOffset=alt.YOffset("platform_label:N"),
        color=alt.Color("platform_label:N", title=TXT["platform"], scale=platform_scale(tl["platform"])),
        tooltip=[alt.Tooltip("town:N", title=TXT["town"]), alt.Tooltip("platform_label:N", title=TXT["platform"]),
                 alt.Tooltip("start_s:N", title=TXT["since"]), alt.Tooltip("end_s:N", title=TXT["last"])],
    ).properties(height=max(120, 34 * tl["town"].nunique()))
    chart = localized(timeline, L)
    st.altair_chart(chart, width="stretch")
    chart_downloads(chart, f"kanaele_{group_id}_zeitleiste", "timeline_chart", L)

st.subheader(TXT["development"])
series = query(channels.follower_development, group_id, platform)
if series.empty:
    st.caption(TXT["no_series"])
else:
    series = series.assign(town=series["name"].map(short_name), platform_label=series["platform"].map(platform_name))
    series["line"] = series["town"] + " · " + series["platform_label"]
    aligned = st.toggle(TXT["aligned"], value=st.query_params.get("ausrichten") == "start", key="align_launch")
    if aligned:
        st.query_params["ausrichten"] = "start"
    else:
        st.query_params.pop("ausrichten", None)
    x = (alt.X("weeks_since_launch:Q", title=TXT["axis_weeks"]) if aligned
         else alt.X("week_start:T", title=TXT["axis_time"], axis=alt.Axis(format="%m/%Y")))
    development = alt.Chart(series).mark_line().encode(
        x=x, y=alt.Y("followers:Q", title=f"{TXT['followers']} (Anzahl)" if L == "de" else f"{TXT['followers']} (count)"),
        color=alt.Color("town:N", title=TXT["town"], scale=town_scale(series)),
        strokeDash=alt.StrokeDash("platform_label:N", title=TXT["platform"]),
        detail="line:N",
        tooltip=[alt.Tooltip("town:N", title=TXT["town"]), alt.Tooltip("platform_label:N", title=TXT["platform"]),
                 alt.Tooltip("week_start:T", title=TXT["axis_time"], format="%d.%m.%Y"),
                 alt.Tooltip("followers:Q", title=TXT["followers"], format=",d")],
    ).properties(height=340)
    chart = localized(development, L)
    st.altair_chart(chart, width="stretch")
    chart_downloads(chart, f"kanaele_{group_id}_follower", "development_chart", L)
    if series["ags"].nunique() < presence.dropna(subset=["platform"])["ags"].nunique():
        st.caption(TXT["top_note"].format(n=series["ags"].nunique()))

st.subheader(TXT["account"])
table = accounts[["town", "platform_label", "account", "first_activity_date", "last_data_date", "followers", "posts", "url"]]
st.dataframe(
    table.assign(first_activity_date=table["first_activity_date"].map(lambda d: fmt.day(d, L)),
                 last_data_date=table["last_data_date"].map(lambda d: fmt.day(d, L)),
                 followers=table["followers"].map(lambda v: fmt.number(v, L)),
                 posts=table["posts"].map(lambda v: fmt.number(v, L))),
    hide_index=True, width="stretch", key="accounts_table",
    column_config={"town": TXT["town"], "platform_label": TXT["platform"], "account": TXT["account"],
                   "first_activity_date": TXT["since"], "last_data_date": TXT["last"],
                   "followers": TXT["followers"], "posts": TXT["posts"],
                   "url": st.column_config.LinkColumn("Link")},
)
table_downloads(table, f"kanaele_{group_id}_konten", "accounts_dl", L)
