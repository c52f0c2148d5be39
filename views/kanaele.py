"""Kanäle: which municipality is on which platform since when, and follower development since launch."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import channels, fmt
from ui.charts import localized, platform_scale
from ui.downloads import table_downloads
from ui.filters import peer_group_picker, platform_picker
from ui.i18n import lang, platform_name, t, text
from ui.layout import short_name, towns_with_data
from ui.safe import literal
from ui.state import query
from ui.viz import cached, show_chart, town_scale

L = lang()
TXT = {
    "de": {
        "title": "Kanäle", "intro": "Welche Gemeinde ist seit wann auf welcher Plattform, und wie haben sich ihre "
        "Follower seit dem Start entwickelt?",
        "town": "Gemeinde", "platform": "Plattform", "since": "Erste Aktivität", "last": "Letzte Daten",
        "followers": "Follower", "posts": "Beiträge (gesamt)", "account": "Konto", "none": "–",
        "source": "Follower-Quelle",
        "last_note": "Letzte Daten = letzter Tag, den die importierten Daten abdecken (Tageswerte, Beiträge, "
                     "Publikumsdaten), nicht das Importdatum. Follower = Stand am letzten Tag der Tageswerte.",
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
        "source": "Follower source",
        "last_note": "Latest data = the last day the imported data cover (daily figures, posts, audience data), "
                     "not the import date. Followers = the total on the daily figures' last day.",
        "timeline": "Timeline", "development": "Followers since launch", "axis_time": "Date",
        "axis_weeks": "Weeks since the follower series starts", "aligned": "Align at launch",
        "no_account": "no account", "matrix": "Presence",
        "first_note": "First activity = the earliest post or first day with gains, views or interactions in the "
                      "imported data (not necessarily the account's start).",
        "no_series": "There is no follower series for this selection.",
        "top_note": "Shown: the {n} municipalities with the most followers.",
    },
}[L]

def timeline_chart(tl: pd.DataFrame, lang_: str) -> alt.Chart:
    chart = alt.Chart(tl).mark_bar(height={"band": 0.8}, cornerRadius=3).encode(
        x=alt.X("start:T", title=TXT["axis_time"], axis=alt.Axis(format="%m/%Y")), x2="end:T",
        y=alt.Y("town:N", title=TXT["town"]), yOffset=alt.YOffset("platform_label:N"),
        color=alt.Color("platform_label:N", title=TXT["platform"], scale=platform_scale(tl["platform"])),
        tooltip=[alt.Tooltip("town:N", title=TXT["town"]), alt.Tooltip("platform_label:N", title=TXT["platform"]),
                 alt.Tooltip("start_s:N", title=TXT["since"]), alt.Tooltip("end_s:N", title=TXT["last"])],
    ).properties(height=max(120, 16 * tl["town"].nunique() * tl["platform"].nunique()))  # a row per bar
    return localized(chart, lang_)


def development_chart(series: pd.DataFrame, aligned: bool, lang_: str) -> alt.Chart:
    x = (alt.X("weeks_since_launch:Q", title=TXT["axis_weeks"]) if aligned
         else alt.X("day:T", title=TXT["axis_time"], axis=alt.Axis(format="%m/%Y")))  # ends on the data's last day
    y_title = f"{TXT['followers']} (Anzahl)" if lang_ == "de" else f"{TXT['followers']} (count)"
    chart = alt.Chart(series).mark_line().encode(
        x=x, y=alt.Y("followers:Q", title=y_title),
        color=alt.Color("town:N", title=TXT["town"], scale=town_scale(series)),
        strokeDash=alt.StrokeDash("platform_label:N", title=TXT["platform"]),
        detail="line:N",
        tooltip=[alt.Tooltip("town:N", title=TXT["town"]), alt.Tooltip("platform_label:N", title=TXT["platform"]),
                 alt.Tooltip("day:T", title=TXT["axis_time"], format="%d.%m.%Y"),
                 alt.Tooltip("followers:Q", title=TXT["followers"], format=",d")],
    ).properties(height=340)
    return localized(chart, lang_)


st.title(TXT["title"])
towns_with_data()
group_id, group_name = peer_group_picker()
platform = platform_picker()
st.caption(literal(group_name) + (" · " + platform_name(platform) if platform else ""))
st.markdown(TXT["intro"])



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
             .rename(columns={"town": TXT["town"]}))
    pivot.columns.name = None
    tl = accounts.assign(start=accounts["first_activity_date"].fillna(accounts["last_data_date"]),
                         end=accounts["last_data_date"]).dropna(subset=["start"])
    tl = tl.assign(start_s=tl["start"].map(lambda d: fmt.day(d, lang_)), end_s=tl["end"].map(lambda d: fmt.day(d, lang_)))
    tl = tl[["town", "platform", "platform_label", "start", "end", "start_s", "end_s"]]
    table = accounts[["town", "platform_label", "account", "first_activity_date", "last_data_date", "followers",
                      "followers_source", "posts", "url"]]
    unknown = text("unknown", lang_)
    shown = table.assign(first_activity_date=table["first_activity_date"].map(lambda d: fmt.day(d, lang_)),
                         last_data_date=table["last_data_date"].map(lambda d: fmt.day(d, lang_)),
                         followers=table["followers"].map(lambda v: fmt.number(v, lang_, missing=unknown)),
                         followers_source=table["followers_source"].map(
                             lambda s: "–" if pd.isna(s) else text("source_" + s, lang_)),
                         posts=table["posts"].map(lambda v: fmt.number(v, lang_)))
    return pivot, accounts, tl, shown


presence = query(channels.presence, group_id, platform)
pivot, accounts, tl, accounts_shown = cached(prepare, presence, L)

st.subheader(TXT["matrix"])
st.dataframe(pivot, hide_index=True, width="stretch", key="presence_matrix")
st.caption(TXT["first_note"])
table_downloads(pivot, f"kanaele_{group_id}_praesenz", "presence_dl", L)

if not tl.empty:
    st.subheader(TXT["timeline"])
    show_chart(timeline_chart, tl, L, name=f"kanaele_{group_id}_zeitleiste", key="timeline", lang=L)

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
    series = series[["ags", "town", "platform", "platform_label", "line", "week_start", "day", "weeks_since_launch",
                     "followers"]]
    show_chart(development_chart, series, aligned, L, name=f"kanaele_{group_id}_follower", key="development", lang=L)
    if presence.dropna(subset=["platform"])["ags"].nunique() > 12:  # large groups: the top towns only
        st.caption(TXT["top_note"].format(n=series["ags"].nunique()))
unknown = accounts[accounts["followers_unknown"]]
if not unknown.empty:  # named under the chart, with the way to fix it
    names = ", ".join(f"{r.town} ({r.platform_label})" for r in unknown.itertuples())
    st.caption(t("without_followers", names=names) + " " + t("followers_fix"))

st.subheader(TXT["account"])
st.dataframe(
    accounts_shown, hide_index=True, width="stretch", key="accounts_table",
    column_config={"town": TXT["town"], "platform_label": TXT["platform"], "account": TXT["account"],
                   "first_activity_date": TXT["since"], "last_data_date": TXT["last"],
                   "followers": TXT["followers"], "followers_source": TXT["source"], "posts": TXT["posts"],
                   "url": st.column_config.LinkColumn("Link")},
)
st.caption(TXT["last_note"] + " " + t("source_help"))
table_downloads(accounts[["town", "platform_label", "account", "first_activity_date", "last_data_date", "followers",
                          "followers_source", "posts", "url"]], f"kanaele_{group_id}_konten", "accounts_dl", L)
