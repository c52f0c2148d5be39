"""Methodik: every metric's definition and source from the registry, and the metric-break ledger."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import benchmark, fmt
from analytics.metrics import BREAK_LABEL, METRIC_BREAKS, METRICS, MIN_BUCKET_PEOPLE, MIN_POSTS_FOR_RATE
from ui.downloads import table_downloads
from ui.i18n import lang, platform_name

L = lang()
TXT = {
    "de": {
        "title": "Methodik", "intro": "Jede Zahl in Bürgernah hat genau eine Definition. Anbieter verstehen unter "
        "„Interaktionsrate“ Verschiedenes (je Follower, je Reichweite, je Aufruf); Bürgernah zeigt deshalb zu jeder "
        "Rate Formel und Nenner.",
        "metrics": "Kennzahlen", "id": "Kennung", "label": "Bezeichnung", "unit": "Einheit", "formula": "Formel",
        "denominator": "Nenner", "source": "Definition nach", "platforms": "Plattformen", "sql": "SQL", "version": "Version",
        "breaks": "Metrik-Brüche", "breaks_intro": "Meta hat 2024–2025 „Impressionen“ durch „Aufrufe“ (Views) ersetzt: "
        "ein Aufruf zählt jedes Abspielen bzw. jedes Erscheinen auf dem Bildschirm, Wiederholungen eingeschlossen. "
        "Raten je Aufruf fallen deshalb niedriger aus als früher je Impression. Diagramme verbinden beide Versionen nie "
        "zu einer Linie und markieren den Bruch mit einer Linie „{label}“; der Bruch einer Gemeinde ist der erste Tag "
        "ihres ersten Exports mit „Views“.",
        "date": "Datum", "platform": "Plattform", "retired": "Eingestellt (Graph API, alle Versionen)",
        "replacement": "Ersatz", "small": "Kleine Zahlen",
        "small_text": "Raten über weniger als {posts} Beiträge werden mit ⚠ markiert. Altersgruppen unter {people} "
                      "Personen (Schwelle von Meta, Instagram, Sprout und Later) erscheinen als „zu wenig Daten“, nie als 0, "
                      "und werden nicht aus den übrigen Gruppen errechnet. Geschätzte Bevölkerungsanteile werden gekennzeichnet.",
        "peers": "Vergleichsgruppen", "peers_text": "Je Kennzahl zeigt der Vergleich den Median der Gruppe und das Band "
        "vom 25. bis 75. Perzentil, dazu n (Gemeinden mit Wert). {method}. Einwohner: Destatis GV-ISys, ein Stichtag für alle Gemeinden.",
        "followers": "Follower-Stand und unvollständige Daten",
        "followers_text": "Follower sind ein bekannter Stand oder unbekannt. Herkunft: **beobachtet** (eine Gesamtzahl aus "
        "dem Export, z. B. TikTok FollowerHistory oder Mastodon), **eingetragen** (von der Redaktion unter „Daten "
        "importieren“) oder **rekonstruiert** (vom nächsten bekannten Stand mit den täglichen Zugängen und Abgängen "
        "dazwischen, nur wenn diese für jeden Tag vorliegen). Ohne bekannten Stand zeigt Bürgernah „unbekannt“, nie eine "
        "Summe der Zugänge ab 0, und schreibt keinen Wert über das Ende der Daten hinaus fort.\n\n"
        "Fehlt bei einem Konto einer Gemeinde mit Tagesdaten der Stand, ist auch die Summe der Gemeinde unbekannt; Konten "
        "ganz ohne Tagesdaten (etwa ein YouTube-Kanal, von dem nur Altersdaten vorliegen) werden unter dem Diagramm "
        "genannt. Gemeinden ohne bekannten Stand fehlen in Rang, n und Median der Follower-Kennzahlen und werden unter dem "
        "Diagramm genannt. Raten über 100 % (z. B. mehr Interaktionen je Beitrag als Follower) werden mit ⚠ und Grund "
        "markiert.\n\n"
        "Wochen: Ein Tag ist abgedeckt, wenn die Tageswerte eines Kontos ihn enthalten; bei Konten nur mit "
        "Beitragsexporten jeder Tag vom ersten bis zum letzten Beitrag. Der Wochenbericht öffnet die letzte vollständige "
        "Woche (alle 7 Tage abgedeckt); unvollständige Wochen heißen „nur n von 7 Tagen“ und werden nicht mit der "
        "Vorwoche verglichen.",
    },
    "en": {
        "title": "Methodology", "intro": "Every number in Bürgernah has exactly one definition. Vendors mean different "
        "things by “engagement rate” (per follower, per reach, per view); Bürgernah therefore shows formula and "
        "denominator with every rate.",
        "metrics": "Metrics", "id": "Id", "label": "Label", "unit": "Unit", "formula": "Formula",
        "denominator": "Denominator", "source": "Definition follows", "platforms": "Platforms", "sql": "SQL", "version": "Version",
        "breaks": "Metric breaks", "breaks_intro": "In 2024–2025 Meta replaced “impressions” with “views”: a view counts "
        "every play or every time a post is on screen, repeats included. Rates per view therefore run lower than the "
        "old rates per impression. Charts never join both versions into one line and mark the break with a rule "
        "“{label}”; a town's break is the first day of its first export containing “Views”.",
        "date": "Date", "platform": "Platform", "retired": "Retired (Graph API, all versions)",
        "replacement": "Replacement", "small": "Small numbers",
        "small_text": "Rates over fewer than {posts} posts are marked ⚠. Age groups under {people} people (the threshold "
                      "of Meta, Instagram, Sprout and Later) appear as “not enough data”, never as 0, and are never "
                      "derived from the other groups. Estimated population shares are flagged.",
        "peers": "Peer groups", "peers_text": "Per metric the comparison shows the group's median and the 25th–75th "
        "percentile band, with n (municipalities with a value). {method}. Population: Destatis GV-ISys, one reference "
        "date for all municipalities.",
        "followers": "Follower counts and incomplete data",
        "followers_text": "Followers are a known total or unknown. Source: **observed** (a total in the export, e.g. "
        "TikTok FollowerHistory or Mastodon), **entered** (by the officer under “Import data”) or **reconstructed** "
        "(from the nearest known total with the daily gains and losses in between, only where they cover every day). "
        "Without a known total Bürgernah shows “unknown”, never a sum of gains from 0, and never carries a value past "
        "the end of the data.\n\n"
        "If one of a municipality's accounts with daily data lacks a total, the municipality's sum is unknown too; "
        "accounts without any daily data (such as a YouTube channel known only from age data) are named under the "
        "chart. Municipalities without a known total are left out of rank, n and median of the follower metrics and "
        "are named under the chart. Rates above 100 % (e.g. more interactions per post than followers) are flagged "
        "with ⚠ and the reason.\n\n"
        "Weeks: a day is covered when an account's daily figures include it; for accounts with post exports only, "
        "every day from the first to the last post. The weekly report opens the latest complete week (all 7 days "
        "covered); incomplete weeks read “only n of 7 days” and are not compared with the previous week.",
    },
}[L]

st.title(TXT["title"])
st.markdown(TXT["intro"])

st.subheader(TXT["metrics"])
registry = pd.DataFrame([{
    TXT["id"]: m.id, TXT["label"]: m.label(L), TXT["unit"]: m.unit_text(L), TXT["formula"]: m.formula_text(L),
    TXT["denominator"]: m.denominator, TXT["source"]: m.source,
    TXT["platforms"]: ", ".join(platform_name(p) for p in m.platforms), TXT["version"]: m.version, TXT["sql"]: m.sql,
} for m in METRICS.values()])
st.dataframe(registry, hide_index=True, width="stretch", key="registry",
             column_config={TXT["formula"]: st.column_config.TextColumn(width="large")})
table_downloads(registry, "methodik_kennzahlen", "registry_dl", L)
for m in METRICS.values():
    with st.expander(f"{m.label(L)} ({m.unit_text(L)})"):
        st.markdown(m.help(L))
        st.markdown(f"**{TXT['denominator']}:** {m.denominator} · **{TXT['platforms']}:** "
                    + ", ".join(platform_name(p) for p in m.platforms))
        st.code(m.sql, language="sql")

st.subheader(TXT["breaks"])
st.markdown(TXT["breaks_intro"].format(label=BREAK_LABEL[L]))
ledger = pd.DataFrame([{
    TXT["date"]: fmt.day(pd.Timestamp(b.day), L), TXT["platform"]: platform_name(b.platform),
    TXT["retired"]: b.retired_de if L == "de" else b.retired_en,
    TXT["replacement"]: b.replacement_de if L == "de" else b.replacement_en,
} for b in METRIC_BREAKS])
st.dataframe(ledger, hide_index=True, width="stretch", key="ledger")
table_downloads(ledger, "methodik_metrik_brueche", "ledger_dl", L)

st.subheader(TXT["small"])
st.markdown(TXT["small_text"].format(posts=MIN_POSTS_FOR_RATE, people=MIN_BUCKET_PEOPLE))
st.subheader(TXT["peers"])
st.markdown(TXT["peers_text"].format(method=benchmark.QUANTILE_METHOD[L]))
st.subheader(TXT["followers"])
st.markdown(TXT["followers_text"])
