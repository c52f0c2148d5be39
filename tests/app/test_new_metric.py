"""Adding a metric is one registry entry (issue 12): with nothing but a new `Metric` in
analytics/metrics.py, the peer-group comparison computes it, Vergleich offers and tables it in
both languages, and Methodik and the downloads list it."""

from __future__ import annotations

import streamlit as st

from analytics import benchmark, metrics, rates
from analytics.metrics import ALL_PLATFORMS, Metric
from tests.conftest import open_page

VIEWS_PER_POST = Metric(
    "views_per_post", labels=("Aufrufe je Beitrag", "Views per post"), units=("Aufrufe", "views"),
    formulas=("Σ Aufrufe ÷ Beiträge", "Σ views ÷ posts"), sources=("Bürgernah-Test", "Bürgernah test"),
    denominators=("Beiträge", "posts"), platforms=ALL_PLATFORMS, inputs="sum(mart.posts.views) / count(*)",
    display="number", compute=lambda c, days: rates._ratio(c["views"], c["posts"]), rank=10,
)


def test_a_new_registry_entry_reaches_every_page(demo_store, monkeypatch):
    monkeypatch.setitem(metrics.METRICS, VIEWS_PER_POST.id, VIEWS_PER_POST)
    st.cache_data.clear()  # results cached by earlier tests in this process were computed without it
    start, end = demo_store.query_df("SELECT min(day) AS a, max(day) AS b FROM core.mat_posts").iloc[0]
    towns = benchmark.town_metrics(demo_store, "nordkreis", start, end).set_index("ags")
    expected = towns["views"] / towns["posts"]
    assert towns["views_per_post"].dropna().round(6).equals(expected.dropna().round(6))
    assert "views_per_post" in benchmark.group_stats(towns.reset_index())["metric"].tolist()

    at = open_page(demo_store.path, monkeypatch, "views/vergleich.py", {"kennzahl": "views_per_post"})
    assert at.selectbox(key="benchmark_metric").value == "views_per_post"
    table = at.dataframe[0].value
    assert "Aufrufe je Beitrag" in table.columns
    assert any("Aufrufe je Beitrag" in c.value and "Σ Aufrufe ÷ Beiträge" in c.value for c in at.caption)

    at = open_page(demo_store.path, monkeypatch, "views/vergleich.py", {"kennzahl": "views_per_post", "lang": "en"})
    assert "Views per post" in at.dataframe[0].value.columns

    at = open_page(demo_store.path, monkeypatch, "views/methodik.py")
    registry = at.dataframe[0].value
    assert "views_per_post" in registry.iloc[:, 0].tolist()
    st.cache_data.clear()  # nothing computed with the extra metric outlives the test
