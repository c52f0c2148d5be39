"""The population is restricted to the age span the audience data actually covers."""

from __future__ import annotations

import pytest

from analytics import age


def test_span_follows_the_supplied_buckets(demo_store):
    rows = age.age_distribution(demo_store, "05334016")
    instagram = rows[(rows["platform"] == "instagram") & (rows["audience"] == "followers")]
    # MBS Audience.csv starts at 18 for Instagram too: 13-17 is outside the span, not "missing"
    assert instagram["age_group"].tolist() == ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    assert instagram["population_share"].sum() == pytest.approx(1.0)
    youtube = rows[rows["platform"] == "youtube"]
    assert youtube["age_group"].iloc[0] == "13-17"  # YouTube supplies 13-17
    pop = demo_store.query_df("SELECT age_group, population FROM mart.population_by_age WHERE ags = '05334016'")
    adults = pop[pop["age_group"] != "13-17"]["population"].sum()
    share_18_24 = pop.set_index("age_group").at["18-24", "population"] / adults
    assert instagram.set_index("age_group").at["18-24", "population_share"] == pytest.approx(share_18_24)
