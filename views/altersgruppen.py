"""Altersgruppen: per municipality and platform the audience's age distribution against the
town's population, the representation index per age group and the finding in one sentence."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import age, fmt
from analytics.metrics import METRICS, MIN_BUCKET_PEOPLE
from ui.charts import PLATFORM_COLOURS, localized
from ui.downloads import table_downloads
from ui.filters import platform_picker
from ui.i18n import lang, platform_name
from ui.layout import town_picker
from ui.safe import literal
from ui.state import query
from ui.viz import cached, show_chart

L = lang()
TXT = {
    "de": {
        "title": "Altersgruppen",
        "intro": "Wen erreichen die Kanäle? Der Anteil jeder Altersgruppe am Publikum, verglichen mit ihrem Anteil "
                 "an den Einwohnern – in der Altersspanne, die die Plattform abdeckt.",
        "none": "Für {town} liegen keine Altersdaten vor. Importieren Sie z. B. die YouTube-Studio-Tabelle "
                "„Alter der Zuschauer“, Instagrams „Follower-Demografie“ oder Facebooks „Audience.csv“.",
        "group": "Altersgruppe", "audience": "Publikum", "population": "Einwohner", "index": "Index",
        "share_title": "Anteil (%)", "kind": "Reihe", "as_of": "Stand {day}, {audience}",
        "suppressed": "zu wenig Daten", "missing": "nicht geliefert",
        "span": "Einwohner ab {age} Jahren (Altersspanne von {platform}).",
        "estimate": "Einwohner nach Altersgruppen geschätzt (Gesamtbevölkerung der Gemeinde × Altersstruktur des "
                    "Landes, Stand {day}); amtliche Zahlen (Regionalstatistik 12411-02-03-5) ersetzen die Schätzung nach dem Import.",
        "youtube": "YouTube liefert Anteile an den Aufrufen, nicht an Followern.",
        "thresholds": "Plattformen zeigen Altersgruppen erst ab {n} Personen (Meta, Instagram, Sprout, Later). "
                      "Solche Gruppen stehen hier als „zu wenig Daten“ – nie als 0 und nie aus den übrigen errechnet.",
        "followers_note": "Follower sind keine Einwohner: der Index vergleicht Strukturen, nicht Personen.",
        "index_title": "Index (1 = wie in der Bevölkerung)",
    },
    "en": {
        "title": "Age groups",
        "intro": "Whom do the channels reach? Each age group's share of the audience against its share of the "
                 "inhabitants, within the age span the platform covers.",
        "none": "There are no age figures for {town}. Import for example YouTube Studio's viewer-age table, "
                "Instagram's follower demographics or Facebook's Audience.csv.",
        "group": "Age group", "audience": "Audience", "population": "Inhabitants", "index": "Index",
        "share_title": "Share (%)", "kind": "Series", "as_of": "As of {day}, {audience}",
        "suppressed": "not enough data", "missing": "not supplied",
        "span": "Inhabitants aged {age} and over (the age span of {platform}).",
        "estimate": "Inhabitants by age group are estimated (the town's population × the Land's age structure, "
                    "{day}); official figures (Regionalstatistik 12411-02-03-5) replace the estimate once imported.",
        "youtube": "YouTube supplies shares of views, not of followers.",
        "thresholds": "Platforms show age groups only from {n} people (Meta, Instagram, Sprout, Later). Such groups "
                      "appear here as “not enough data” – never as 0 and never derived from the others.",
        "followers_note": "Followers are not residents: the index compares structures, not people.",
        "index_title": "Index (1 = as in the population)",
    },
}[L]

st.title(TXT["title"])
towns, ags, town = town_picker()
accounts = query(age.audience_accounts, ags)
platform = platform_picker(accounts["platform"].tolist() if not accounts.empty else [])
st.caption(town + (" · " + platform_name(platform) if platform else ""))
st.markdown(TXT["intro"])

rows = query(age.age_distribution, ags, platform)
if rows.empty:
    st.info(TXT["none"].format(town=town), icon=":material/groups:")
    st.stop()



def share_chart(long: pd.DataFrame, order: tuple, plat: str, lang_: str) -> alt.Chart:
    x_title = f"{TXT['group']} (Jahre)" if lang_ == "de" else f"{TXT['group']} (years)"
    colour = PLATFORM_COLOURS[plat]
    bars = alt.Chart(long).mark_bar().encode(
        x=alt.X("age_group:N", sort=list(order), title=x_title),
        xOffset=alt.XOffset("kind:N", sort=[TXT["audience"], TXT["population"]]),
        y=alt.Y("percent:Q", title=TXT["share_title"]),
        color=alt.Color("kind:N", title=TXT["kind"], sort=[TXT["audience"], TXT["population"]],
                        scale=alt.Scale(range=[colour, "#9e9e9e"])),
        tooltip=[alt.Tooltip("age_group:N", title=TXT["group"]), alt.Tooltip("kind:N", title=TXT["kind"]),
                 alt.Tooltip("shown:N", title=TXT["share_title"])],
    ).properties(height=260)
    return localized(bars, lang_)


def index_chart(idx: pd.DataFrame, order: tuple, lang_: str) -> alt.LayerChart:
    x_title = f"{TXT['group']} (Jahre)" if lang_ == "de" else f"{TXT['group']} (years)"
    bars = alt.Chart(idx).mark_bar().encode(
        x=alt.X("age_group:N", sort=list(order), title=x_title),
        y=alt.Y("index:Q", title=TXT["index_title"]),
        color=alt.condition("datum.index >= 1", alt.value("#2e7d32"), alt.value("#b0b0b0")),
        tooltip=[alt.Tooltip("age_group:N", title=TXT["group"]), alt.Tooltip("shown:N", title=TXT["index"])],
    )
    one = alt.Chart(pd.DataFrame({"one": [1]})).mark_rule(color="#333", strokeDash=[4, 3]).encode(y="one:Q")
    return localized((bars + one).properties(height=260), lang_)


def status(r) -> str:
    if r["missing"]:
        return TXT["missing"]
    if r["suppressed"]:
        return TXT["suppressed"]
    return ""


def prepare(rows: pd.DataFrame, lang_: str) -> list[dict]:
    """Everything one account block shows, formatted once per data and language."""
    blocks = []
    for (plat, account_key, audience_kind), block in rows.groupby(["platform", "account_key", "audience"], sort=False):
        label = platform_name(plat)
        audience_label = age.AUDIENCE_LABEL.get(audience_kind, (audience_kind, audience_kind))[0 if lang_ == "de" else 1]
        long = pd.concat([
            block.assign(kind=TXT["audience"], share=block["audience_share"].where(~block["suppressed"])),
            block.assign(kind=TXT["population"], share=block["population_share"]),
        ])
        long = long.assign(percent=long["share"] * 100, shown=long["share"].map(lambda v: fmt.percent(v, lang_)))[
            ["age_group", "kind", "percent", "shown"]].dropna(subset=["percent"])
        idx = block.dropna(subset=["index"]).assign(shown=lambda d: d["index"].map(lambda x: fmt.number(x, lang_, 2)))[
            ["age_group", "index", "shown"]]
        table = pd.DataFrame({
            TXT["group"]: block["age_group"],
            f"{TXT['audience']} (%)": [TXT["suppressed"] if s else fmt.percent(v, lang_) if not m else TXT["missing"]
                                       for v, s, m in zip(block["audience_share"], block["suppressed"],
                                                          block["missing"], strict=True)],
            f"{TXT['population']} (%)": block["population_share"].map(lambda v: fmt.percent(v, lang_)),
            TXT["index"]: [fmt.number(v, lang_, 2) if not pd.isna(v) else (status(r) or "–")
                           for v, (_, r) in zip(block["index"], block.iterrows(), strict=True)],
        })
        notes = [TXT["span"].format(age=age.PLATFORM_MIN_AGE.get(plat, 18), platform=label)]
        if block["estimate"].any():
            notes.append(TXT["estimate"].format(day=fmt.day(block["population_date"].iloc[0], lang_)))
        if plat == "youtube":
            notes.append(TXT["youtube"])
        blocks.append({
            "platform": plat, "label": label, "key": f"{account_key}_{audience_kind}",
            "finding": age.finding(block, label, lang_),
            "as_of": TXT["as_of"].format(day=fmt.day(block["as_of"].iloc[0], lang_), audience=audience_label),
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
    with left:
        show_chart(share_chart, b["long"], b["order"], b["platform"], L,
                   name=f"altersgruppen_{ags}_{b['platform']}_anteile", key=f"age_share_{b['key']}", lang=L)
    with right:
        show_chart(index_chart, b["index"], b["order"], L, name=f"altersgruppen_{ags}_{b['platform']}_index",
                   key=f"age_index_{b['key']}", lang=L)
    st.dataframe(b["table"], hide_index=True, width="stretch", key=f"age_table_{b['key']}")
    table_downloads(b["export"], f"altersgruppen_{ags}_{b['platform']}", f"age_dl_{b['key']}", L)
    st.caption(b["notes"])

st.caption(TXT["thresholds"].format(n=MIN_BUCKET_PEOPLE) + " " + TXT["followers_note"] + " " + metric.help(L))
