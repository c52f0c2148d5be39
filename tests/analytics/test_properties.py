"""Property tests (hypothesis) for the rates and the representation index."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analytics import age, rates

counts = st.integers(min_value=0, max_value=10**9)
positive = st.integers(min_value=1, max_value=10**9)
maybe = st.one_of(st.none(), counts)


@given(counts, counts)
def test_per_thousand_zero_denominator_is_undefined(value, base):
    result = rates.per_thousand(value, base)
    if base == 0:
        assert math.isnan(result)
    else:
        assert result >= 0 and math.isclose(result, value / base * 1000)


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**9))
def test_er_reach_bounds(interactions, reach, _):
    result = rates.percent_of(interactions, reach)
    assert math.isnan(result) if reach == 0 else result >= 0


@given(counts, st.integers(0, 10**4), maybe, maybe)
def test_er_follower_period(interactions, posts, f_start, f_end):
    result = rates.er_follower_period(interactions, posts, f_start, f_end)
    known = [f for f in (f_start, f_end) if f is not None]
    if posts == 0:
        assert result == 0
    elif not known or sum(known) == 0:
        assert math.isnan(result)
    else:
        assert math.isclose(result, interactions / posts / (sum(known) / len(known)) * 100)


@given(positive, positive, st.integers(7, 3650))
def test_weekly_growth_compounds_back(f_start, f_end, days):
    g = rates.weekly_growth(f_start, f_end, days)
    assert g >= -1
    assert math.isclose(f_start * (1 + g) ** (days / 7), f_end, rel_tol=1e-6)
    assert (g > 0) == (f_end > f_start) or math.isclose(g, 0, abs_tol=1e-12)


@given(st.integers(-10, 10**6), counts, st.integers(-5, 0))
def test_weekly_growth_undefined(f_start, f_end, days):
    assert math.isnan(rates.weekly_growth(f_start, f_end, days))
    assert math.isnan(rates.weekly_growth(0, f_end, 7))


@given(st.integers(0, 10**4), st.integers(1, 3650))
def test_posts_per_week_bounds(posts, days):
    result = rates.posts_per_week(posts, days)
    assert 0 <= result <= posts * 7
    assert math.isnan(rates.posts_per_week(posts, 0))


@given(st.lists(st.floats(0, 1), min_size=1, max_size=20), st.lists(st.integers(0, 10**6), min_size=1, max_size=20))
def test_series_and_scalars_agree(shares, pops):
    n = min(len(shares), len(pops))
    a, p = pd.Series(shares[:n]), pd.Series(pops[:n], dtype="float64")
    vector = rates.representation_index(a, p)
    for i in range(n):
        scalar = rates.representation_index(a[i], p[i])
        assert (math.isnan(scalar) and math.isnan(vector[i])) or math.isclose(scalar, vector[i])


buckets = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]


@given(
    st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=7, max_size=7),
    st.lists(st.one_of(st.none(), st.integers(0, 5000)), min_size=7, max_size=7),
    st.lists(st.integers(0, 100_000), min_size=7, max_size=7),
    st.lists(st.booleans(), min_size=7, max_size=7),
    st.sampled_from(["facebook", "instagram", "youtube"]),
)
def test_representation_index_properties(shares, people, population, missing, platform):
    df = pd.DataFrame({
        "platform": platform, "account_key": "k", "audience": "followers", "age_group": buckets,
        "age_from": [13, 18, 25, 35, 45, 55, 65], "sort_order": range(1, 8),
        "audience_share": [None if m else s for s, m in zip(shares, missing, strict=True)],
        "audience_count": [None if m else c for c, m in zip(people, missing, strict=True)],
        "share_missing": [s is None and not m for s, m in zip(shares, missing, strict=True)],
        "missing": missing, "population": population, "population_source": "official",
    })
    df["audience_share"] = df["audience_share"].astype("float64")
    df["audience_count"] = df["audience_count"].astype("float64")
    out = age.representation(df)
    # the population is restricted to the platform's span and its shares add up to 1 (or are undefined)
    assert out["age_from"].min() >= age.PLATFORM_MIN_AGE[platform]
    total = out["population"].sum()
    if total > 0:
        assert math.isclose(out["population_share"].sum(), 1.0)
    for _, row in out.iterrows():
        if row["missing"] or row["suppressed"] or row["population"] == 0 or total == 0:
            assert math.isnan(row["index"])  # never 0, never reconstructed
        else:
            assert row["index"] >= 0
            assert math.isclose(row["index"], row["audience_share"] / row["population_share"])
        if not math.isnan(row["audience_count"]) and row["audience_count"] < 100 and not row["missing"]:
            assert row["suppressed"]
    # an audience that mirrors the population has index 1 everywhere
    mirror = df.assign(audience_share=np.array(population) / max(sum(population), 1), audience_count=None,
                       share_missing=False, missing=False)
    mirror["audience_count"] = mirror["audience_count"].astype("float64")
    m = age.representation(mirror)
    if m["population"].sum() > 0:
        expected_scale = sum(population) / m["population"].sum()
        ok = m["population"] > 0
        assert np.allclose(m.loc[ok, "index"], 1 / expected_scale)
