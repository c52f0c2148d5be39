"""The metric registry is complete, the analytics package is Streamlit-free, and pages only use
registered metrics."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.metrics import ALL_PLATFORMS, DISPLAYS, METRICS, Metric, compared

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = [  # docs/metrics.md §2
    "interactions", "er_follower_post", "er_follower_period", "er_follower_group", "engagement_daily",
    "post_interaction", "er_reach", "er_views", "interactions_per_1k_followers", "follower_net_growth",
    "follower_growth_weekly", "posts_per_week", "reels_share", "followers_per_1k_inhabitants",
    "reach_per_1k_inhabitants", "interactions_per_1k_inhabitants", "age_representation_index",
]
WEEKLY = ["followers", "followers_gained", "reach", "views", "interactions", "posts"]


OPTIONAL = {"compute", "rank", "needs_followers"}  # only the figures Vergleich compares have them


@pytest.mark.parametrize("metric", list(METRICS.values()), ids=list(METRICS))
def test_every_metric_has_every_field(metric: Metric):
    for field in dataclasses.fields(Metric):
        value = getattr(metric, field.name)
        if field.name not in OPTIONAL:
            assert value not in (None, "", ()), f"{metric.id} lacks {field.name}"
    for pair in (metric.labels, metric.units, metric.formulas, metric.sources, metric.denominators):
        assert len(pair) == 2 and all(pair), f"{metric.id}: both languages"
    assert set(metric.platforms) <= set(ALL_PLATFORMS)
    assert re.fullmatch(r"[a-z0-9_]+", metric.id)
    assert metric.display in DISPLAYS
    assert (metric.rank is None) or metric.compute is not None, f"{metric.id}: compared, so it needs compute"
    assert metric.help("de") and metric.help("en")
    assert metric.formula_text("en") != metric.formula_text("de")  # the English UI explains in English


def test_catalogue_and_weekly_ids_are_registered():
    assert set(CATALOGUE) <= set(METRICS)
    assert set(WEEKLY) <= set(METRICS)


def test_a_metric_without_a_field_is_caught():
    broken = dataclasses.replace(METRICS["er_reach"], sources=("Metricool", ""))
    with pytest.raises(AssertionError, match="both languages"):
        test_every_metric_has_every_field(broken)


def test_pages_use_only_registered_metrics():
    assert set(compared()) <= set(METRICS)
    for page in (ROOT / "views").glob("*.py"):
        for metric_id in re.findall(r"METRICS\[\"([a-z0-9_]+)\"\]", page.read_text(encoding="utf-8")):
            assert metric_id in METRICS, f"{page.name} uses unregistered metric {metric_id}"


def test_pages_hold_no_sql():
    for page in (ROOT / "views").glob("*.py"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\b(SELECT|INSERT|DELETE)\b.+\bFROM\b|query_df\(|\.execute\(", text), page.name


def test_analytics_does_not_import_streamlit():
    modules = sorted(p.stem for p in (ROOT / "analytics").glob("*.py") if p.stem != "__init__")
    code = ("import sys\n" + "".join(f"import analytics.{m}\n" for m in modules)
            + "bad = [m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')]\n"
            + "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
