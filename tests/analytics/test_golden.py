"""Golden tests: each catalogue metric on the hand-computed dataset of golden_data.py."""

from __future__ import annotations

from datetime import date

import golden_data as golden
import numpy as np
import pandas as pd
import pytest

from analytics import age, benchmark, channels, content

START, END = date(2026, 1, 1), date(2026, 1, 15)  # 15 calendar days, 14 days between the edges


@pytest.fixture
def gold(store):
    golden.load(store)
    return store


@pytest.fixture
def towns(gold):
    return benchmark.town_metrics(gold, "ab", START, END).set_index("ags")


def test_components_and_counts(towns):
    a = towns.loc[golden.A]
    assert a["posts"] == 2 and a["interactions"] == 80 and a["reach"] == 1500 and a["views"] == 2000
    assert a["followers_start"] == 1000 and a["followers_end"] == 1200


def test_er_follower_period(towns):
    # (80 ÷ 2) ÷ ((1000 + 1200) ÷ 2) × 100
    assert towns.loc[golden.A, "er_follower_period"] == pytest.approx(40 / 1100 * 100)
    # no posts → 0 (docs/metrics.md), F̄ from the one known end
    assert towns.loc[golden.B, "er_follower_period"] == 0


def test_er_reach_and_views(towns):
    assert towns.loc[golden.A, "er_reach"] == pytest.approx(80 / 1500 * 100)
    assert towns.loc[golden.A, "er_views"] == pytest.approx(50 / 2000 * 100)  # only the post with views
    assert np.isnan(towns.loc[golden.B, "er_reach"])


def test_per_1k_inhabitants(towns):
    assert towns.loc[golden.A, "followers_per_1k_inhabitants"] == pytest.approx(1200 / 48518 * 1000)
    assert towns.loc[golden.A, "reach_per_1k_inhabitants"] == pytest.approx(1500 / 48518 * 1000)
    assert towns.loc[golden.A, "interactions_per_1k_inhabitants"] == pytest.approx(80 / 48518 * 1000)
    # B: 10 + 20 gains summed into a running total
    assert towns.loc[golden.B, "followers_per_1k_inhabitants"] == pytest.approx(30 / 28005 * 1000)


def test_growth_and_posting(towns):
    a = towns.loc[golden.A]
    assert a["follower_net_growth"] == 200
    assert a["follower_growth_weekly"] == pytest.approx((1200 / 1000) ** (7 / 14) - 1)
    assert a["posts_per_week"] == pytest.approx(2 / 15 * 7)
    assert a["reels_share"] == pytest.approx(0.5)
    assert bool(a["few_posts"])  # 2 < MIN_POSTS_FOR_RATE
    b = towns.loc[golden.B]
    assert np.isnan(b["follower_net_growth"]) and np.isnan(b["follower_growth_weekly"])  # no start value
    assert b["posts_per_week"] == 0


def test_group_median_and_band(towns):
    stats = benchmark.group_stats(towns.reset_index()).set_index("metric")
    a, b = 1200 / 48518 * 1000, 30 / 28005 * 1000
    row = stats.loc["followers_per_1k_inhabitants"]
    assert row["n"] == 2
    assert row["median"] == pytest.approx((a + b) / 2)
    assert row["q25"] == pytest.approx(b + 0.25 * (a - b))
    assert row["q75"] == pytest.approx(b + 0.75 * (a - b))
    assert stats.loc["follower_net_growth", "n"] == 1


def test_platform_filter(gold):
    ig = benchmark.town_metrics(gold, "ab", START, END, "instagram").set_index("ags")
    assert ig.loc[golden.A, "accounts"] == 1 and ig.loc[golden.A, "posts"] == 0
    assert bool(ig.loc[golden.B, "no_account"]) and np.isnan(ig.loc[golden.B, "posts_per_week"])


def test_per_post_rates(gold):
    top = content.top_posts(gold, golden.A, START, END)
    assert top["interactions"].tolist() == [50, 30]
    assert top["followers_at_post"].tolist() == [1000, 1000]  # last known value on the posting day
    assert top["er_follower_post"].tolist() == pytest.approx([5.0, 3.0])
    assert top["interactions_per_1k_followers"].tolist() == pytest.approx([50.0, 30.0])


def test_content_types(gold):
    types = content.content_types(gold, golden.A, START, END).set_index("post_type")
    assert types.loc["Reels", "posts"] == 1 and types.loc["Reels", "share"] == pytest.approx(0.5)
    assert types.loc["Photos", "er_follower_post"] == pytest.approx(3.0)


def test_heatmap_in_berlin_time(gold):
    heat = content.posting_heatmap(gold, golden.A, date(2026, 1, 1), date(2026, 7, 31))
    assert len(heat) == 168
    posted = heat[heat["posts"] > 0][["weekday", "hour", "posts"]].values.tolist()
    assert posted == [[0, 11, 1], [2, 12, 1], [5, 18, 1]]  # CET +1 in winter, CEST +2 in summer


def test_metric_break_and_weekly_views(gold):
    breaks = content.metric_breaks(gold, golden.A)
    assert breaks["break_day"].tolist() == [pd.Timestamp("2026-01-05")]
    views = content.weekly_views(gold, golden.A, date(2025, 12, 1), END)
    assert views[["week_start", "metric_version", "value"]].values.tolist() == [
        [pd.Timestamp("2025-12-15"), "impressions", 500], [pd.Timestamp("2026-01-05"), "views", 2000]]


def test_age_representation_index(gold):
    rows = age.age_distribution(gold, golden.A)
    ig = rows[rows["platform"] == "instagram"].set_index("age_group")
    # Instagram's span starts at 13: 20,000 inhabitants
    assert ig.loc["18-24", "population_share"] == pytest.approx(0.10)
    assert ig.loc["18-24", "index"] == pytest.approx(3.0)
    assert ig.loc["25-34", "index"] == pytest.approx(0.40 / 0.15)
    assert ig.loc["35-44", "index"] == pytest.approx(1.25)
    assert bool(ig.loc["13-17", "suppressed"]) and np.isnan(ig.loc["13-17", "index"])  # 50 < 100 people
    assert bool(ig.loc["45-54", "missing"]) and np.isnan(ig.loc["45-54", "index"])
    assert not ig["estimate"].any()
    assert age.finding(ig.reset_index(), "Instagram") == (
        "Instagram erreicht die 18- bis 24-Jährigen 3,0-mal so stark, wie es ihrem Bevölkerungsanteil entspricht.")
    assert age.finding(ig.reset_index(), "Instagram", "en").startswith("Instagram reaches 18- to 24-year-olds 3.0 times")
    fb = rows[rows["platform"] == "facebook"].set_index("age_group")
    assert "13-17" not in fb.index  # Facebook's Audience.csv starts at 18: 19,000 inhabitants
    assert fb.loc["18-24", "index"] == pytest.approx(0.20 / (2000 / 19000))  # genders summed
    assert fb.loc["25-34", "index"] == pytest.approx(0.80 / (3000 / 19000))


def test_estimated_population_is_flagged(gold):
    with gold.transaction() as cur:
        cur.execute("INSERT INTO core.audience_values VALUES (1, 'facebook:B', DATE '2026-01-15', 'followers', "
                    "'18-24', 'all', 0.2, NULL, NULL)")
    rows = age.age_distribution(gold, golden.B)
    assert rows["estimate"].all() and rows["population_source"].eq("estimate").all()
    assert not rows["suppressed"].any()  # no counts → shares are taken as given


def test_channels(gold):
    presence = channels.presence(gold, "ab").set_index("account_key")
    assert presence.loc[golden.FB_A, "first_activity_date"] == pd.Timestamp("2025-12-20")
    assert presence.loc[golden.FB_A, "followers"] == 1200 and presence.loc[golden.FB_A, "posts"] == 4
    dev = channels.follower_development(gold, "ab")
    a = dev[dev["ags"] == golden.A]
    assert a["followers"].tolist() == [1000, 1200] and a["weeks_since_launch"].tolist() == [0, 2]
