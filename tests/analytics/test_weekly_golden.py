"""Golden test of analytics/weekly.py on the small dataset of weekly_data.py; every expected figure
is written out literally below, worked out by hand from the data described there (never by the
code under test)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import weekly_data as data
from weekly_data import FB, A, B, days

from analytics import weekly
from conftest import raw_write


@pytest.fixture
def gold(store):
    data.load(store)
    return store


COLUMNS = ["followers", "followers_source", "followers_day", "followers_gained", "reach", "views", "interactions",
           "posts", "days_covered"]


def table(gold, ags: str, platform: str) -> list[list]:
    df = weekly.weekly_metrics(gold, ags, date(2026, 2, 23), date(2026, 3, 30))
    df = df[df["platform"] == platform]
    rows = []
    for _, r in df.iterrows():
        row = [r["week_start"].date().isoformat()]
        for c in COLUMNS:
            v = r[c]
            row.append(None if pd.isna(v) else v.date().isoformat() if isinstance(v, pd.Timestamp) else
                       v if isinstance(v, str) else int(v))
        rows.append(row)
    return rows


def test_facebook_weeks(gold):
    assert table(gold, A, "facebook") == [
        # week, followers, source, as of, gains, reach, views, interactions, posts, days covered
        ["2026-02-23", None, None, None, None, None, None, None, None, 0],  # before the data
        ["2026-03-02", 487, "reconstructed", "2026-03-08", 14, None, None, None, 0, 7],
        ["2026-03-09", 500, "entered", "2026-03-15", 14, 150, 150, 18, 2, 7],
        ["2026-03-16", 514, "reconstructed", "2026-03-22", 14, 70, 80, 7, 1, 7],  # post of Sunday night, Berlin time
        ["2026-03-23", 520, "reconstructed", "2026-03-25", 6, 80, 90, 4, 1, 3],  # partial: 3 of 7 days
        ["2026-03-30", None, None, None, None, None, None, None, None, 0],  # after the data: no figures, not 520
    ]


def test_instagram_weeks(gold):
    assert table(gold, A, "instagram")[1:5] == [
        ["2026-03-02", None, None, None, None, None, None, None, None, 0],
        ["2026-03-09", 243, "reconstructed", "2026-03-15", 7, None, None, None, 0, 7],
        ["2026-03-16", 250, "observed", "2026-03-22", 7, 60, 70, 8, 1, 7],
        ["2026-03-23", None, None, None, None, None, None, None, None, 0],
    ]


def test_linkedin_total_unknown(gold):
    assert table(gold, A, "linkedin")[3] == ["2026-03-16", None, None, None, 21, None, None, None, 0, 7]


def test_post_only_town(gold):
    assert table(gold, B, "x")[1:6] == [
        ["2026-03-02", None, None, None, None, 10, 20, 1, 1, 6],  # covered from the first post, Tue 03.03.
        ["2026-03-09", None, None, None, None, 10, 20, 2, 1, 7],
        ["2026-03-16", None, None, None, None, None, None, None, 0, 7],
        ["2026-03-23", None, None, None, None, 10, 20, 3, 1, 4],  # to the last post, Thu 26.03.
        ["2026-03-30", None, None, None, None, None, None, None, None, 0],
    ]


def test_rows_are_the_frame_without_pandas(gold):
    """The first view's cards read `weekly_rows`: the same figures, dates as dates, NULL as None."""
    for ags in (A, B):
        rows = weekly.weekly_rows(gold, ags, date(2026, 2, 23), date(2026, 3, 30))
        assert {r["platform"] for r in rows} == ({"facebook", "instagram", "linkedin"} if ags == A else {"x"})
        for platform in {r["platform"] for r in rows}:
            got = [[r["week_start"].isoformat(), *(v.isoformat() if isinstance(v, date) else v
                                                  for v in (r[c] for c in COLUMNS))]
                   for r in rows if r["platform"] == platform]
            assert got == table(gold, ags, platform)


def test_coverage_and_default_week(gold):
    cov = weekly.week_coverage(gold, A)
    assert [(w.isoformat(), n) for w, n in cov] == [
        ("2026-03-23", 3), ("2026-03-16", 7), ("2026-03-09", 7), ("2026-03-02", 7)]
    assert weekly.default_week(cov) == date(2026, 3, 16)  # the latest complete week, not the partial KW 13
    cov_b = weekly.week_coverage(gold, B)
    assert [n for _, n in cov_b] == [4, 7, 7, 6]
    assert weekly.default_week(cov_b) == date(2026, 3, 16)
    assert weekly.default_week(weekly.week_coverage(gold, "05334016")) is None  # no data at all


def test_only_partial_weeks_default_to_the_latest(store):
    with raw_write(store) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (1, 'f', 'a', 1)")
        cur.execute("INSERT INTO core.accounts (account_key, platform, ags) VALUES (?, 'facebook', ?)", [FB, A])
        cur.executemany("INSERT INTO core.daily_values (import_id, account_key, day, metric, value) "
                        "VALUES (1, ?, ?, 'views', 5)", [[FB, d] for d in days("2026-03-05", "2026-03-10")])
    cov = weekly.week_coverage(store, A)
    assert [n for _, n in cov] == [2, 4]
    assert weekly.default_week(cov) == date(2026, 3, 9)
