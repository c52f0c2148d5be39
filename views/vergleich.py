"""Vergleich: the municipalities of a peer group side by side, per 1,000 inhabitants, with the
group's median and 25–75 % band, for a chosen period and platform."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import benchmark, fmt, peers
from analytics.metrics import METRICS, MIN_POSTS_FOR_RATE, compared
from connectors import actions
from ui import auth
from ui.charts import localized
from ui.confirm import arm, confirmed
from ui.downloads import chart_title, period_text, report_download, table_downloads
from ui.filters import group_members_picker, peer_group_picker, period_picker, platform_picker, select_group_next_run
from ui.i18n import lang, metric_help, platform_name, t, text
from ui.layout import card_row, short_name, towns_with_data
from ui.safe import literal
from ui.state import clear_caches, query, store
from ui.tables import show_table
from ui.viz import cached, show_chart, town_scale

L = lang()
UNKNOWN = t("common.unknown")  # looked up once: the table formats thousands of cells
COMPARED = compared()


def show(metric_id: str, value, unknown: bool = False) -> str:
    """A value as the registry displays it; `unknown` → „unbekannt“ instead of „–“."""
    return METRICS[metric_id].show(value, L, missing=UNKNOWN if unknown else "–")


def shown_value(r, metric_id: str) -> str:
    """A town's value: follower metrics of towns with accounts but no known total read „unbekannt“."""
    return show(metric_id, r[metric_id], unknown=METRICS[metric_id].needs_followers and not r["no_account"])


def over_100_reason(metric_id: str) -> str:
    return t({"er_follower_period": "common.over_100_follower", "er_reach": "common.over_100_reach",
              "er_views": "common.over_100_views"}[metric_id])


def note(r) -> str:
    if r["no_account"]:
        return t("vergleich.no_account")
    notes = []
    if r["few_posts"]:
        notes.append("⚠ " + t("vergleich.few_posts", n=MIN_POSTS_FOR_RATE))
    if r["followers_unknown"]:
        notes.append(t("common.followers_unknown").rstrip("."))
    elif pd.isna(r["followers_start"]):
        notes.append(t("vergleich.no_start"))
    notes += ["⚠ " + over_100_reason(m) for m in benchmark.CAPPED_RATES if r[m] > 100]
    return "; ".join(notes)


def ranking_table(table: pd.DataFrame, lang_: str) -> pd.DataFrame:
    """The ranked table with German (or English) number formats and the small-number notes."""
    shown = pd.DataFrame({text("vergleich.rank", lang_): table["rank"].map(lambda r: "–" if pd.isna(r) else str(r)),
                          text("vergleich.town", lang_): table["town"]})
    rows = table.to_dict("records")  # plain dicts: a row-wise apply costs more than the formatting
    for mid in COMPARED:
        shown[METRICS[mid].label(lang_)] = [shown_value(r, mid) for r in rows]
    shown[text("vergleich.note", lang_)] = [note(r) for r in rows]
    return shown


def chart_notes(towns: pd.DataFrame, metric_id: str) -> list[str]:
    """Under the chart: who is left out for want of a follower total (and how to fix it), whose
    accounts are not in the sum, and which rates above 100 % are flagged."""
    notes = []
    if METRICS[metric_id].needs_followers:
        missing = benchmark.without_followers(towns)
        if missing:
            notes.append(t("common.without_followers", names=", ".join(missing)) + " " + t("common.followers_fix"))
        if metric_id in ("follower_net_growth", "follower_growth_weekly"):
            no_start = towns[~towns["followers_unknown"] & ~towns["no_account"] & towns["followers_start"].isna()]
            if not no_start.empty:
                notes.append(f"{t('vergleich.no_start')}: " + ", ".join(no_start["town"]) + ".")
        untracked = towns.dropna(subset=["followers_not_tracked_on"])
        if not untracked.empty:
            names = [f"{r.town} ({', '.join(platform_name(p) for p in r.followers_not_tracked_on.split(','))})"
                     for r in untracked.itertuples()]
            notes.append(t("common.not_tracked", names="; ".join(names)))
    flagged = towns[benchmark.over_100(towns, metric_id)]
    if not flagged.empty:
        notes.append(f"⚠ {', '.join(flagged['town'])}: {over_100_reason(metric_id)}.")
    return notes


def group_chart(plot: pd.DataFrame, band: tuple, metric_id: str, lang_: str) -> alt.LayerChart:
    """One point per town, the group's 25–75 % band and median."""
    metric = METRICS[metric_id]
    order = plot.sort_values("value", ascending=False)["town"].tolist()
    many = len(plot) > 40  # large groups: one strip of points instead of one row per town
    if many:
        plot = plot.assign(jitter=plot["ags"].map(lambda a: int(a) % 97) / 97.0)
        y = alt.Y("jitter:Q", axis=None, title=None)
    else:
        # Long names in full, not cut off with „…“; the axis shows no title (the names speak for themselves,
        # and Vega, measuring before the web font is there, would draw it over a long name).
        y = alt.Y("town:N", sort=order, title=text("vergleich.town", lang_), axis=alt.Axis(labelLimit=400, title=None))
    unit = "%" if metric.display in ("percent", "fraction") else metric.unit_text(lang_)
    label = metric.label(lang_)
    x_title = label if unit.lower() in label.lower() else text("vergleich.axis", lang_, label=label, unit=unit)
    points = alt.Chart(plot).mark_circle(size=120, opacity=1).encode(
        x=alt.X("value:Q", title=x_title), y=y,
        color=alt.Color("town:N", scale=town_scale(plot), legend=None),
        tooltip=[alt.Tooltip("town:N", title=text("vergleich.town", lang_)),
                 alt.Tooltip("shown:N", title=metric.label(lang_))])
    band_df = pd.DataFrame({"q25": [band[0]], "q75": [band[1]], "median": [band[2]]})
    rect = alt.Chart(band_df).mark_rect(opacity=0.18, color="#888").encode(x="q25:Q", x2="q75:Q")
    median = alt.Chart(band_df).mark_rule(color="#333", strokeWidth=2).encode(x="median:Q")
    chart = (rect + median + points).properties(height=220 if many else alt.Step(26))  # a row per town: every name shows
    return localized(chart, lang_)


st.title(t("vergleich.title"))
towns_with_data()

group_id, group_name = peer_group_picker()
platform = platform_picker()
start, end = period_picker()
st.caption(t("vergleich.caption", group=literal(group_name),
             platform=platform_name(platform) if platform else t("common.all_platforms"),
             start=fmt.day(start, L), end=fmt.day(end, L)))
st.markdown(t("vergleich.intro"))

towns = query(benchmark.town_metrics, group_id, start, end, platform)
towns = towns.assign(town=towns["name"].map(short_name))
stats = benchmark.group_stats(towns).set_index("metric")
st.caption(t("vergleich.members", n=len(towns), k=int((towns["accounts"] > 0).sum())))

if towns[COMPARED].notna().sum().sum() == 0:
    st.info(t("vergleich.no_values"), icon=":material/query_stats:")
else:
    wanted = st.query_params.get("kennzahl", "followers_per_1k_inhabitants")
    options = COMPARED
    metric_id = st.selectbox(t("vergleich.metric"), options, index=options.index(wanted) if wanted in options else 0,
                             format_func=lambda m: METRICS[m].label(L), key="benchmark_metric")
    if metric_id == "followers_per_1k_inhabitants":
        st.query_params.pop("kennzahl", None)
    else:
        st.query_params["kennzahl"] = metric_id
    metric = METRICS[metric_id]
    row = stats.loc[metric_id]
    cols = card_row(4, "benchmark_cards")  # a long town name or band wraps instead of ending in „…“
    card = {"border": True, "height": "stretch"}
    cols[0].metric(t("vergleich.median"), show(metric_id, row["median"]), **card)
    cols[1].metric(t("vergleich.band"), f"{show(metric_id, row['q25'])} – {show(metric_id, row['q75'])}", **card)
    cols[2].metric("n", fmt.number(row["n"], L), **card)
    best = benchmark.ranked(towns, metric_id).iloc[0]
    ranked_first = pd.notna(best[metric_id])  # the label names the town, the value is its figure
    cols[3].metric(t("vergleich.rank_first", town=literal(best["town"])) if ranked_first else t("vergleich.rank") + " 1",
                   show(metric_id, best[metric_id]), **card)

    st.subheader(t("vergleich.chart"))
    scale = 100 if metric.display == "fraction" else 1
    plot = towns.dropna(subset=[metric_id]).assign(value=lambda d: d[metric_id] * scale,
                                                   shown=lambda d: d[metric_id].map(lambda v: show(metric_id, v)))
    plot = plot[["ags", "town", "value", "shown"]]
    band = (row["q25"] * scale, row["q75"] * scale, row["median"] * scale)
    if not plot.empty:
        who = group_name + (f" · {platform_name(platform)}" if platform else "")
        show_chart(group_chart, plot, band, metric_id, L, name=f"{t('file.comparison')}_{group_id}_{metric_id}_{start}_{end}",
                   key="bench", lang=L, download_title=chart_title(metric.label(L), who, period_text(start, end, L), L))
    for line in chart_notes(towns, metric_id):
        st.caption(line)
    st.caption(t("vergleich.n", n=int(row["n"])) + " · " +
               t("vergleich.method", method=benchmark.QUANTILE_METHOD[L]) + " " + metric_help(metric, L) +
               (" " + t("vergleich.all_platforms_note") if platform is None else ""))

    st.subheader(t("vergleich.table"))
    table = benchmark.ranked(towns, metric_id)

    shown = cached(ranking_table, table, L)
    show_table(shown, key="benchmark_table")
    st.caption(t("vergleich.flags", n=MIN_POSTS_FOR_RATE))
    export = table[["rank", "ags", "town", "inhabitants", "accounts", "posts", "interactions", "reach", "views",
                    "followers_start", "followers_end", "followers_end_day", *COMPARED,
                    "er_views", "few_posts", "no_account", "followers_unknown"]]
    table_downloads(export, f"{t('file.comparison')}_{group_id}_{start}_{end}", "bench_table", L)
    st.subheader(t("vergleich.report"))
    ags = st.selectbox(t("vergleich.report_town"), towns["ags"].tolist(), key="report_town",
                       format_func=dict(zip(towns["ags"], towns["town"], strict=True)).get)
    report_download(ags, start, end, group_id, "bench_report_pdf", L)

actor = auth.current()
if actor.may("peer_group"):
    with st.expander(t("vergleich.manage")):
        if st.session_state.pop("new_group_saved", False):  # a saved group's fields start empty again
            for key in ("new_group_name", "new_group_members"):
                st.session_state.pop(key, None)
        name = st.text_input(t("vergleich.new_name"), key="new_group_name")
        picked = group_members_picker(t("vergleich.new_members"), key="new_group_members")  # Kreise too
        submitted = st.button(t("vergleich.save"), key="save_group")

        def save(name: str, picked: list[str], replace: bool = False) -> None:
            try:
                new_id = actions.save_group(store(), actor, name, picked, replace=replace)
            except peers.GroupExists:
                arm("replace_group", (name, picked))  # ask before overwriting
                st.rerun()
            except ValueError as exc:
                st.error(literal(exc))
            else:
                clear_caches()
                select_group_next_run(new_id)
                st.session_state["new_group_saved"] = True
                st.toast(t("vergleich.saved", name=literal(name)))
                st.rerun()

        if submitted:
            save(name, picked)
        pending = st.session_state.get("replace_group")
        if pending and confirmed("replace_group", t("vergleich.replace_question", name=literal(pending[0]))):
            save(*pending, replace=True)
        if group_id.startswith("eigene-") and st.button(t("vergleich.delete"), key="delete_group"):
            arm("confirm_delete_group", group_id)
        doomed = confirmed("confirm_delete_group", t("vergleich.delete_question", name=literal(group_name)))
        if doomed:
            actions.delete_group(store(), actor, doomed)
            clear_caches()
            select_group_next_run(peers.DEFAULT_GROUP)
            st.toast(t("vergleich.deleted"))
            st.rerun()
