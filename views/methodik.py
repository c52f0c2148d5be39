"""Methodik: every metric's definition and source from the registry, and the metric-break ledger."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import benchmark, fmt
from analytics.metrics import BREAK_LABEL, METRIC_BREAKS, METRICS, MIN_BUCKET_PEOPLE, MIN_POSTS_FOR_RATE
from ui.downloads import table_downloads
from ui.i18n import lang, metric_help, pick, platform_name, t
from ui.safe import literal
from ui.tables import show_table

L = lang()

st.title(t("methodik.title"))
st.markdown(t("methodik.intro"))

st.subheader(t("methodik.metrics"))
registry = pd.DataFrame([{
    t("methodik.id"): m.id, t("methodik.label"): m.label(L), t("methodik.unit"): m.unit_text(L),
    t("methodik.formula"): m.formula_text(L), t("methodik.denominator"): m.denominator_text(L),
    t("methodik.source"): m.source_text(L),
    t("methodik.platforms"): ", ".join(platform_name(p) for p in m.platforms), t("methodik.version"): m.version,
    t("methodik.sql"): m.inputs,
} for m in METRICS.values()])
show_table(registry, key="registry",
             column_config={t("methodik.formula"): st.column_config.TextColumn(width="large")})
table_downloads(registry, f"{t('file.methodology')}_{t('file.metrics')}", "registry_dl", L)
for m in METRICS.values():
    with st.expander(t("methodik.expander", label=m.label(L), unit=m.unit_text(L))):
        st.markdown(metric_help(m, L))
        st.markdown(t("methodik.denominator_line", denominator=m.denominator_text(L),
                      platforms=", ".join(platform_name(p) for p in m.platforms)))
        st.markdown(t("methodik.inputs_line", inputs=literal(m.inputs)))

st.subheader(t("methodik.breaks"))
st.markdown(t("methodik.breaks_intro", label=BREAK_LABEL[L]))
ledger = pd.DataFrame([{
    t("methodik.date"): fmt.day(pd.Timestamp(b.day), L), t("methodik.platform"): platform_name(b.platform),
    t("methodik.retired"): pick((b.retired_de, b.retired_en), L),
    t("methodik.replacement"): pick((b.replacement_de, b.replacement_en), L),
} for b in METRIC_BREAKS])
show_table(ledger, key="ledger")
table_downloads(ledger, f"{t('file.methodology')}_{t('file.breaks')}", "ledger_dl", L)

st.subheader(t("methodik.small"))
st.markdown(t("methodik.small_text", posts=MIN_POSTS_FOR_RATE, people=MIN_BUCKET_PEOPLE))
st.subheader(t("methodik.peers"))
st.markdown(t("methodik.peers_text", method=benchmark.QUANTILE_METHOD[L]))
st.subheader(t("methodik.followers"))
st.markdown(t("methodik.followers_text"))
