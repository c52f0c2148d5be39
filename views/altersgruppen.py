"""Altersgruppen: per municipality and platform the audience's age distribution against the
town's population, the representation index per age group and the finding in one sentence; which
topics do best on the channel with the youngest audience (ui/topic_panel.py)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import age, fmt
from analytics.metrics import METRICS, MIN_BUCKET_PEOPLE
from ui.charts import PLATFORM_COLOURS, localized
from ui.downloads import chart_title, table_downloads
from ui.filters import period_picker, platform_picker
from ui.i18n import lang, metric_help, pick, platform_name, t, text
from ui.layout import town_picker
from ui.safe import literal
from ui.state import query
from ui.tables import show_table
from ui.topic_panel import youth_section
from ui.viz import cached, show_chart

L = lang()

st.title(t("altersgruppen.title"))
_, ags, town = town_picker()
accounts = query(age.audience_accounts, ags)
platform = platform_picker(accounts["platform"].tolist() if not accounts.empty else [])
st.caption(town + (" · " + platform_name(platform) if platform else ""))
st.markdown(t("altersgruppen.intro"))

rows = query(age.age_distribution, ags, platform)
if rows.empty:
    st.info(t("altersgruppen.none", town=town), icon=":material/groups:")
    st.stop()



def share_chart(long: pd.DataFrame, order: tuple, plat: str, lang_: str) -> alt.Chart:
    colour = PLATFORM_COLOURS[plat]
    kinds = [text("altersgruppen.audience", lang_), text("altersgruppen.population", lang_)]
    bars = alt.Chart(long).mark_bar().encode(
        x=alt.X("age_group:N", sort=list(order), title=text("altersgruppen.group_axis", lang_)),
        xOffset=alt.XOffset("kind:N", sort=kinds),
        y=alt.Y("percent:Q", title=text("altersgruppen.share_title", lang_)),
        color=alt.Color("kind:N", title=text("altersgruppen.kind", lang_), sort=kinds,
                        scale=alt.Scale(range=[colour, "#9e9e9e"])),
        tooltip=[alt.Tooltip("age_group:N", title=text("altersgruppen.group", lang_)),
                 alt.Tooltip("kind:N", title=text("altersgruppen.kind", lang_)),
                 alt.Tooltip("shown:N", title=text("altersgruppen.share_title", lang_))],
    ).properties(height=260)
    return localized(bars, lang_)


def index_chart(idx: pd.DataFrame, order: tuple, lang_: str) -> alt.LayerChart:
    bars = alt.Chart(idx).mark_bar().encode(
        x=alt.X("age_group:N", sort=list(order), title=text("altersgruppen.group_axis", lang_)),
        y=alt.Y("index:Q", title=text("altersgruppen.index_title", lang_)),
        color=alt.condition("datum.index >= 1", alt.value("#2e7d32"), alt.value("#b0b0b0")),
        tooltip=[alt.Tooltip("age_group:N", title=text("altersgruppen.group", lang_)),
                 alt.Tooltip("shown:N", title=text("altersgruppen.index", lang_))],
    )
    one = alt.Chart(pd.DataFrame({"one": [1]})).mark_rule(color="#333", strokeDash=[4, 3]).encode(y="one:Q")
    return localized((bars + one).properties(height=260), lang_)


def status(r, lang_: str) -> str:
    if r["missing"]:
        return text("altersgruppen.missing", lang_)
    if r["suppressed"]:
        return text("altersgruppen.suppressed", lang_)
    return ""


def prepare(rows: pd.DataFrame, lang_: str) -> list[dict]:
    """Everything one account block shows, formatted once per data and language."""
    def tx(key: str, **values) -> str:
        return text(f"altersgruppen.{key}", lang_, **values)

    blocks = []
    for (plat, account_key, audience_kind), block in rows.groupby(["platform", "account_key", "audience"], sort=False):
        label = platform_name(plat)
        audience_label = pick(age.AUDIENCE_LABEL.get(audience_kind, (audience_kind, audience_kind)), lang_)
        long = pd.concat([
            block.assign(kind=tx("audience"), share=block["audience_share"].where(~block["suppressed"])),
            block.assign(kind=tx("population"), share=block["population_share"]),
        ])
        long = long.assign(percent=long["share"] * 100, shown=long["share"].map(lambda v: fmt.percent(v, lang_)))[
            ["age_group", "kind", "percent", "shown"]].dropna(subset=["percent"])
        idx = block.dropna(subset=["index"]).assign(shown=lambda d: d["index"].map(lambda x: fmt.number(x, lang_, 2)))[
            ["age_group", "index", "shown"]]
        table = pd.DataFrame({
            tx("group"): block["age_group"],
            tx("audience_percent"): [tx("suppressed") if s else fmt.percent(v, lang_) if not m else tx("missing")
                                     for v, s, m in zip(block["audience_share"], block["suppressed"],
                                                        block["missing"], strict=True)],
            tx("population_percent"): block["population_share"].map(lambda v: fmt.percent(v, lang_)),
            tx("index"): [fmt.number(v, lang_, 2) if not pd.isna(v) else (status(r, lang_) or "–")
                          for v, (_, r) in zip(block["index"], block.iterrows(), strict=True)],
        })
        notes = [tx("span", age=age.PLATFORM_MIN_AGE.get(plat, 18), platform=label)]
        if block["estimate"].any():
            notes.append(tx("estimate", day=fmt.day(block["population_date"].iloc[0], lang_)))
        if plat == "youtube":
            notes.append(tx("youtube"))
        blocks.append({
            "platform": plat, "label": label, "key": f"{account_key}_{audience_kind}",
            "finding": age.finding(block, label, lang_),
            "as_of": tx("as_of", day=fmt.day(block["as_of"].iloc[0], lang_), audience=audience_label),
            "long": long, "index": idx, "order": tuple(block.sort_values("sort_order")["age_group"]),
            "table": table, "export": block.drop(columns=["account_key"]), "notes": " ".join(notes),
        })
    return blocks


metric = METRICS["age_representation_index"]
for b in cached(prepare, rows, L):
    st.subheader(literal(b["label"]))
    if b["finding"]:
        st.success(b["finding"], icon=":material/lightbulb:")
    st.caption(b["as_of"])
    left, right = st.columns(2)
    who = f"{town} · {b['label']}"
    with left:
        show_chart(share_chart, b["long"], b["order"], b["platform"], L,
                   name=f"{t('file.age_groups')}_{ags}_{b['platform']}_{t('file.shares')}", key=f"age_share_{b['key']}", lang=L,
                   download_title=chart_title(t("table.age_shares"), who, b["as_of"], L))
    with right:
        show_chart(index_chart, b["index"], b["order"], L, name=f"{t('file.age_groups')}_{ags}_{b['platform']}_{t('file.index')}",
                   key=f"age_index_{b['key']}", lang=L, download_title=chart_title(metric.label(L), who, b["as_of"], L))
    show_table(b["table"], key=f"age_table_{b['key']}")
    table_downloads(b["export"], f"{t('file.age_groups')}_{ags}_{b['platform']}", f"age_dl_{b['key']}", L)
    st.caption(b["notes"])

st.caption(t("altersgruppen.thresholds", n=MIN_BUCKET_PEOPLE) + " " + t("altersgruppen.followers_note") + " "
           + metric_help(metric, L))

start, end = period_picker()
youth_section(ags, start, end)
