"""Beiträge: top posts, content types and when the town posts (weekday × hour, Europe/Berlin)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import content, fmt
from analytics.metrics import METRICS, MIN_POSTS_FOR_RATE
from ui.charts import localized, platform_scale
from ui.downloads import table_downloads
from ui.filters import period_picker, platform_picker
from ui.i18n import lang, platform_name, t
from ui.layout import town_picker
from ui.state import query
from ui.viz import break_rules, show_chart

L = lang()
TXT = {
    "de": {
        "title": "Beiträge", "intro": "Was funktioniert? Die stärksten Beiträge, die Beitragstypen und die "
        "Veröffentlichungszeiten (Ortszeit Berlin).",
        "none": "{town} hat im gewählten Zeitraum keine Beiträge.",
        "top": "Top-Beiträge", "types": "Beitragstypen", "heatmap": "Veröffentlichungszeiten",
        "views": "Aufrufe im Zeitverlauf", "published": "Veröffentlicht", "platform": "Plattform", "type": "Typ",
        "text": "Text", "posts": "Beiträge", "share": "Anteil", "mean_i": "Ø Interaktionen", "weekday": "Wochentag",
        "hour": "Stunde (Uhr, Ortszeit Berlin)", "week": "Wochenbeginn", "value": "Aufrufe bzw. Impressionen (Anzahl)",
        "version": "Kennzahl", "few": "⚠ weniger als {n} Beiträge", "note": "Hinweis",
        "heat_note": "Farbe = Zahl der Beiträge; Tooltip mit Ø Interaktionen. Zeiten in Europe/Berlin (Sommerzeit beachtet).",
        "break_note": "Ab der markierten Linie zählen Aufrufe (auch Wiederholungen) statt Impressionen; "
                      "Werte davor und danach sind nicht vergleichbar.",
        "impressions": "Impressionen", "views_v": "Aufrufe",
    },
    "en": {
        "title": "Posts", "intro": "What works? The strongest posts, post types and posting times (Berlin time).",
        "none": "{town} has no posts in the chosen period.",
        "top": "Top posts", "types": "Post types", "heatmap": "Posting times",
        "views": "Views over time", "published": "Published", "platform": "Platform", "type": "Type",
        "text": "Text", "posts": "Posts", "share": "Share", "mean_i": "Mean interactions", "weekday": "Weekday",
        "hour": "Hour (Berlin time)", "week": "Week starting", "value": "Views or impressions (count)",
        "version": "Metric", "few": "⚠ fewer than {n} posts", "note": "Note",
        "heat_note": "Colour = number of posts; tooltip with mean interactions. Times in Europe/Berlin (DST aware).",
        "break_note": "From the marked line on, views (repeats included) are counted instead of impressions; "
                      "values before and after are not comparable.",
        "impressions": "Impressions", "views_v": "Views",
    },
}[L]

def types_chart(types: pd.DataFrame, lang_: str) -> alt.Chart:
    er = METRICS["er_follower_post"]
    chart = alt.Chart(types).mark_bar().encode(
        x=alt.X("posts:Q", title=f"{TXT['posts']} (Anzahl)" if lang_ == "de" else f"{TXT['posts']} (count)"),
        y=alt.Y("post_type:N", title=TXT["type"], sort="-x"),
        color=alt.Color("platform_label:N", title=TXT["platform"], scale=platform_scale(types["platform"])),
        tooltip=[alt.Tooltip("platform_label:N", title=TXT["platform"]), alt.Tooltip("post_type:N", title=TXT["type"]),
                 alt.Tooltip("posts:Q", title=TXT["posts"], format=",d"),
                 alt.Tooltip("interactions_mean:Q", title=TXT["mean_i"], format=",.1f"),
                 alt.Tooltip("er_follower_post:Q", title=er.label(lang_) + " (%)", format=",.2f")],
    ).properties(height=max(120, 28 * len(types)))
    return localized(chart, lang_)


def heatmap_chart(heat: pd.DataFrame, lang_: str) -> alt.Chart:
    days = content.WEEKDAYS[lang_]
    chart = alt.Chart(heat).mark_rect().encode(
        x=alt.X("hour:O", title=TXT["hour"]),
        y=alt.Y("day_label:N", sort=days, title=TXT["weekday"]),
        color=alt.Color("posts:Q", title=f"{TXT['posts']} (Anzahl)" if lang_ == "de" else f"{TXT['posts']} (count)",
                        scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("day_label:N", title=TXT["weekday"]), alt.Tooltip("hour:O", title=TXT["hour"]),
                 alt.Tooltip("posts:Q", title=TXT["posts"]),
                 alt.Tooltip("interactions_mean:Q", title=TXT["mean_i"], format=",.1f")],
    ).properties(height=230)
    return localized(chart, lang_)


def views_chart(views: pd.DataFrame, breaks: tuple, lang_: str):
    """Views per week; impressions and views as separate strokes, a labelled rule at each break."""
    line = alt.Chart(views).mark_line(point=True).encode(
        x=alt.X("week_start:T", title=TXT["week"], axis=alt.Axis(format="%d.%m.")),
        y=alt.Y("value:Q", title=TXT["value"]),
        color=alt.Color("platform_label:N", title=TXT["platform"], scale=platform_scale(views["platform"])),
        strokeDash=alt.StrokeDash("version:N", title=TXT["version"]),
        detail="series:N",
        tooltip=[alt.Tooltip("week_start:T", title=TXT["week"], format="%d.%m.%Y"),
                 alt.Tooltip("series:N", title=TXT["version"]), alt.Tooltip("value:Q", format=",d")],
    ).properties(height=280)
    rule = break_rules(list(breaks), lang_)
    return localized(line + rule if rule is not None else line, lang_)


st.title(TXT["title"])
towns, ags, town = town_picker()
platform = platform_picker(list(towns.set_index("ags").loc[ags, "platforms"]))
start, end = period_picker()
st.caption(f"{town} · {platform_name(platform) if platform else ('Alle Plattformen' if L == 'de' else 'All platforms')}"
           f" · {fmt.day(start, L)} – {fmt.day(end, L)}")
st.markdown(TXT["intro"])

top = query(content.top_posts, ags, start, end, platform)
if top.empty:
    st.info(TXT["none"].format(town=town), icon=":material/article:")
    st.stop()

st.subheader(TXT["top"])
er = METRICS["er_follower_post"]
shown = top.assign(
    platform=top["platform"].map(platform_name),
    published_at=top["published_at"].dt.tz_convert("Europe/Berlin").map(lambda d: d.strftime("%d.%m.%Y %H:%M")),
    interactions=top["interactions"].map(lambda v: fmt.number(v, L)),
    reach=top["reach"].map(lambda v: fmt.number(v, L)),
    er_follower_post=[("⚠ " if flag else "") + fmt.number(v, L, 2, missing=t("unknown")) + ("" if pd.isna(v) else " %")
                      for v, flag in zip(top["er_follower_post"], top["over_100"], strict=True)],
)
st.dataframe(
    shown, hide_index=True, width="stretch", key="top_posts",
    column_order=["platform", "published_at", "post_type", "message", "interactions", "reach", "er_follower_post", "url"],
    column_config={"platform": TXT["platform"], "published_at": TXT["published"], "post_type": TXT["type"],
                   "message": st.column_config.TextColumn(TXT["text"], width="large"),
                   "interactions": METRICS["interactions"].label(L), "reach": METRICS["reach"].label(L),
                   "er_follower_post": er.label(L), "url": st.column_config.LinkColumn("Link")},
)
notes = [er.help(L)]
if top["er_follower_post"].isna().any():
    notes.append(t("followers_unknown") + " " + t("followers_fix"))
if top["over_100"].any():
    notes.append("⚠ " + t("over_100_follower") + ".")
st.caption(" ".join(notes))
table_downloads(top, f"beitraege_{ags}_top", "top_dl", L)

st.subheader(TXT["types"])
types = query(content.content_types, ags, start, end, platform)
types = types.assign(platform_label=types["platform"].map(platform_name), percent=types["share"] * 100)
show_chart(types_chart, types, L, name=f"beitraege_{ags}_typen", key="types", lang=L)
types_table = pd.DataFrame({
    TXT["platform"]: types["platform_label"], TXT["type"]: types["post_type"],
    TXT["posts"]: types["posts"].map(lambda v: fmt.number(v, L)),
    TXT["share"]: types["share"].map(lambda v: fmt.percent(v, L)),
    TXT["mean_i"]: types["interactions_mean"].map(lambda v: fmt.number(v, L, 1)),
    er.label(L): types["er_follower_post"].map(
        lambda v: t("unknown") if pd.isna(v) else ("⚠ " if v > 100 else "") + fmt.number(v, L, 2) + " %"),
    TXT["note"]: types["few_posts"].map(lambda f: TXT["few"].format(n=MIN_POSTS_FOR_RATE) if f else ""),
})
st.dataframe(types_table, hide_index=True, width="stretch", key="types_table")
table_downloads(types.drop(columns=["platform_label", "percent"]), f"beitraege_{ags}_typen", "types_dl", L)

st.subheader(TXT["heatmap"])
heat = query(content.posting_heatmap, ags, start, end, platform)
days = content.WEEKDAYS[L]
heat = heat.assign(day_label=heat["weekday"].map(lambda i: days[i]))
show_chart(heatmap_chart, heat, L, name=f"beitraege_{ags}_zeiten", key="heat", lang=L)
st.caption(TXT["heat_note"])
table_downloads(heat, f"beitraege_{ags}_zeiten", "heat_dl", L)

st.subheader(TXT["views"])
views = query(content.weekly_views, ags, start, end, platform)
if not views.empty:
    views = views.assign(platform_label=views["platform"].map(platform_name),
                         version=views["metric_version"].map({"views": TXT["views_v"], "impressions": TXT["impressions"]}))
    views["series"] = views["platform_label"] + " · " + views["version"]
    breaks = query(content.metric_breaks, ags)
    if platform:
        breaks = breaks[breaks["platform"] == platform]
    inside = tuple(pd.Timestamp(d).isoformat() for d in breaks["break_day"] if start < pd.Timestamp(d).date() <= end)
    show_chart(views_chart, views, inside, L, name=f"beitraege_{ags}_aufrufe", key="views", lang=L)
    st.caption(METRICS["views"].help(L) + (" " + TXT["break_note"] if inside else ""))
