"""Golden tests: each catalogue metric on the hand-computed dataset of golden_data.py."""

from __future__ import annotations

from datetime import date

import golden_data as golden
import numpy as np
import pandas as pd
import pytest

from analytics import age, benchmark, channels, content
from conftest import raw_write

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
    # B has no posts, which would give 0 (docs/metrics.md), but no known follower total either: a town
    # without a known total is left out of per-follower rates (formerly 0 against invented followers)
    assert np.isnan(towns.loc[golden.B, "er_follower_period"])
    assert bool(towns.loc[golden.B, "followers_unknown"]) and not towns.loc[golden.A, "followers_unknown"]


def test_er_reach_and_views(towns):
    assert towns.loc[golden.A, "er_reach"] == pytest.approx(80 / 1500 * 100)
    assert towns.loc[golden.A, "er_views"] == pytest.approx(50 / 2000 * 100)  # only the post with views
    assert np.isnan(towns.loc[golden.B, "er_reach"])


def test_per_1k_inhabitants(towns):
    assert towns.loc[golden.A, "followers_per_1k_inhabitants"] == pytest.approx(1200 / 48518 * 1000)
    assert towns.loc[golden.A, "reach_per_1k_inhabitants"] == pytest.approx(1500 / 48518 * 1000)
    assert towns.loc[golden.A, "interactions_per_1k_inhabitants"] == pytest.approx(80 / 48518 * 1000)
    # B has gains (10 + 20) but no known total: unknown. (The old running sum from 0 made it 30 followers,
    # an invented total.)
    assert np.isnan(towns.loc[golden.B, "followers_end"])
    assert np.isnan(towns.loc[golden.B, "followers_per_1k_inhabitants"])


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
    # B's follower total is unknown, so it drops out of the follower metrics: n = 1 (was 2 with B's invented 30)
    a = 1200 / 48518 * 1000
    row = stats.loc["followers_per_1k_inhabitants"]
    assert row["n"] == 1
    assert row["median"] == pytest.approx(a) and row["q25"] == pytest.approx(a) and row["q75"] == pytest.approx(a)
    assert stats.loc["er_follower_period", "n"] == 1
    assert stats.loc["follower_net_growth", "n"] == 1
    assert stats.loc["posts_per_week", "n"] == 2  # metrics not per follower keep both towns
    assert benchmark.without_followers(towns.reset_index()) == ["Baesweiler"]


def test_median_quartiles_with_known_totals(gold):
    """With B's total entered (Alsdorf 1200 → 24.73/1k, Baesweiler 560 → 20.00/1k) both count again."""
    with raw_write(gold) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows, format) "
                    "VALUES (2, 'entry', 'y', 1, 'follower_entry')")
        cur.execute("INSERT INTO core.daily_values (import_id, account_key, day, metric, value) "
                    "VALUES (2, ?, DATE '2026-01-10', 'followers_entered', 560)", [golden.FB_B])
    towns = benchmark.town_metrics(gold, "ab", START, END)
    row = benchmark.group_stats(towns).set_index("metric").loc["followers_per_1k_inhabitants"]
    a, b = 1200 / 48518 * 1000, 560 / 28005 * 1000
    assert row["n"] == 2
    assert row["median"] == pytest.approx((a + b) / 2)
    assert row["q25"] == pytest.approx(b + 0.25 * (a - b))
    assert row["q75"] == pytest.approx(b + 0.75 * (a - b))
    assert not towns["followers_unknown"].any()


def test_platform_filter(gold):
    ig = benchmark.town_metrics(gold, "ab", START, END, "instagram").set_index("ags")
    assert ig.loc[golden.A, "accounts"] == 1 and ig.loc[golden.A, "posts"] == 0
    assert bool(ig.loc[golden.B, "no_account"]) and np.isnan(ig.loc[golden.B, "posts_per_week"])


def add_gains(gold) -> None:
    """Daily gains for Facebook A between its observed totals (1000 on 01.01., 1200 on 15.01.): 10 a
    day 02.–11.01. and 25 a day 12.–15.01. Reconstructed from the nearer total: 05.01. = 1000 + 4 × 10
    = 1040; 10.01. = 1200 − (10 + 4 × 25) = 1090."""
    with raw_write(gold) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (2, 'follows', 'z', 1)")
        cur.executemany("INSERT INTO core.daily_values (import_id, account_key, day, metric, value) "
                        "VALUES (2, ?, ?, 'followers_gained', ?)",
                        [[golden.FB_A, date(2026, 1, d), 10 if d <= 11 else 25] for d in range(2, 16)])


def test_per_post_rates(gold):
    top = content.top_posts(gold, golden.A, START, END)
    assert top["interactions"].tolist() == [50, 30]
    # No daily data on the posting days (05.01., 10.01.): the follower total is unknown there. (It used to
    # be the last value before, 1000, carried forward.)
    assert top["followers_at_post"].isna().all() and top["er_follower_post"].isna().all()
    add_gains(gold)
    top = content.top_posts(gold, golden.A, START, END)
    assert top["followers_at_post"].tolist() == [1040, 1090]
    assert top["er_follower_post"].tolist() == pytest.approx([50 / 1040 * 100, 30 / 1090 * 100])
    assert top["interactions_per_1k_followers"].tolist() == pytest.approx([50 / 1040 * 1000, 30 / 1090 * 1000])
    assert not top["over_100"].any()


def test_per_post_rate_above_100_is_flagged(gold):
    with raw_write(gold) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (2, 'entry', 'z', 1)")
        cur.execute("INSERT INTO core.daily_values (import_id, account_key, day, metric, value) "
                    "VALUES (2, ?, DATE '2026-01-05', 'followers_entered', 40)", [golden.FB_A])
    top = content.top_posts(gold, golden.A, START, END)
    assert top["er_follower_post"].iloc[0] == pytest.approx(125.0)  # 50 interactions, 40 followers
    assert top["over_100"].tolist() == [True, False]


def test_content_types(gold):
    types = content.content_types(gold, golden.A, START, END).set_index("post_type")
    assert types.loc["Reels", "posts"] == 1 and types.loc["Reels", "share"] == pytest.approx(0.5)
    assert np.isnan(types.loc["Photos", "er_follower_post"])  # followers unknown on 10.01. (formerly 1000)
    add_gains(gold)
    types = content.content_types(gold, golden.A, START, END).set_index("post_type")
    assert types.loc["Photos", "er_follower_post"] == pytest.approx(30 / 1090 * 100)


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
    with raw_write(gold) as cur:
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


def test_channels_known_totals_only(gold):
    presence = channels.presence(gold, "ab").set_index("account_key")
    assert presence.loc[golden.FB_A, "followers_source"] == "observed"
    assert presence.loc[golden.FB_A, "followers_day"] == pd.Timestamp("2026-01-15")
    # B: gains only, no total → unknown (formerly 30, summed from 0); its data reach 10.01.
    assert pd.isna(presence.loc[golden.FB_B, "followers"]) and bool(presence.loc[golden.FB_B, "followers_unknown"])
    assert presence.loc[golden.FB_B, "last_data_date"] == pd.Timestamp("2026-01-10")
    dev = channels.follower_development(gold, "ab")
    assert dev["ags"].unique().tolist() == [golden.A]  # no line for B
    assert dev["day"].tolist() == [pd.Timestamp("2026-01-01"), pd.Timestamp("2026-01-15")]  # ends on the last day


def test_town_sum_unknown_when_one_account_lacks_a_total(gold):
    with raw_write(gold) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (2, 'ig follows', 'z', 1)")
        cur.execute("INSERT INTO core.daily_values (import_id, account_key, day, metric, value) "
                    "VALUES (2, ?, DATE '2026-01-15', 'followers_gained', 5)", [golden.IG_A])
    a = benchmark.town_metrics(gold, "ab", START, END).set_index("ags").loc[golden.A]
    # Facebook's 1200 alone is not Alsdorf's total: Instagram's is unknown, so the town's is too
    assert np.isnan(a["followers_end"]) and np.isnan(a["followers_per_1k_inhabitants"])
    assert a["followers_unknown_on"] == "instagram" and bool(a["followers_unknown"])
    fb = benchmark.town_metrics(gold, "ab", START, END, "facebook").set_index("ags").loc[golden.A]
    assert fb["followers_end"] == 1200


def test_accounts_without_daily_series_are_named(towns):
    # Instagram A has only an audience snapshot: no follower series, named instead of silently summed
    assert towns.loc[golden.A, "followers_not_tracked_on"] == "instagram"
    assert pd.isna(towns.loc[golden.B, "followers_not_tracked_on"])


def test_no_follower_total_carried_into_a_later_period(gold):
    towns = benchmark.town_metrics(gold, "ab", date(2026, 2, 1), date(2026, 2, 28)).set_index("ags")
    assert np.isnan(towns.loc[golden.A, "followers_end"])  # data end 15.01.; formerly 1200 carried on


def test_rate_above_100_percent_is_flagged(gold):
    with raw_write(gold) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (2, 'b', 'z', 1)")
        cur.execute("INSERT INTO core.daily_values (import_id, account_key, day, metric, value) "
                    "VALUES (2, ?, DATE '2026-01-10', 'followers_entered', 10)", [golden.FB_B])
        cur.execute("INSERT INTO core.post_snapshots (import_id, account_key, post_id, published_at, likes, "
                    "metrics_as_of) VALUES (2, ?, 'b1', '2026-01-08 10:00:00+00', 30, DATE '2026-01-15')", [golden.FB_B])
    towns = benchmark.town_metrics(gold, "ab", START, END)
    b = towns.set_index("ags").loc[golden.B]
    assert b["followers_end"] == 10 and b["er_follower_period"] == pytest.approx(300.0)  # (30 ÷ 1) ÷ 10 × 100
    assert benchmark.over_100(towns, "er_follower_period").tolist() == [False, True]
    assert not benchmark.over_100(towns, "followers_per_1k_inhabitants").any()
