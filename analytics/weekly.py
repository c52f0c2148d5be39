"""Queries of the weekly report ("Wochenbericht") for communication officers.

All post figures are dated by the post's publish day (Europe/Berlin) and are lifetime values as
of the latest export; followers come from the daily account series. Weeks are ISO weeks.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from analytics.metrics import INTERACTIONS_SQL
from analytics.store import Store

KPI_COLUMNS = ["followers", "followers_gained", "reach", "views", "interactions", "posts"]


def week_start(day: date) -> date:
    """Monday of the ISO week containing `day`."""
    return day - timedelta(days=day.weekday())


def last_complete_week(today: date | None = None) -> date:
    """Monday of the last week that has ended (Mon–Sun) before `today`."""
    today = today or date.today()
    return week_start(today) - timedelta(days=7)


def iso_week_label(monday: date, lang: str = "de") -> str:
    year, week, _ = monday.isocalendar()
    return f"KW {week}/{year}" if lang == "de" else f"CW {week}/{year}"


def weekly_metrics(store: Store, ags: str, first_week: date, last_week: date) -> pd.DataFrame:
    """One row per platform and ISO week from `first_week` to `last_week` (Mondays)."""
    return store.query_df(
        f"""
        WITH acc AS (SELECT account_key, platform FROM mart.accounts WHERE ags = $ags),
        weeks AS (
            SELECT CAST(range AS DATE) AS week_start
            FROM range(CAST($first AS TIMESTAMP), CAST($last AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 7 DAY)
        ),
        grid AS (SELECT a.account_key, a.platform, w.week_start, w.week_start + 6 AS week_end
                 FROM acc a CROSS JOIN weeks w),
        posts AS (
            SELECT p.account_key,
                   CAST(date_trunc('week', timezone('Europe/Berlin', p.published_at)) AS DATE) AS week_start,
                   count(*) AS posts, sum(p.reach) AS reach, sum(p.views) AS views,
                   sum({INTERACTIONS_SQL}) AS interactions
            FROM mart.posts p JOIN acc USING (account_key)
            GROUP BY ALL
        ),
        gained AS (
            SELECT d.account_key, CAST(date_trunc('week', d.day) AS DATE) AS week_start,
                   sum(d.followers_gained) AS followers_gained
            FROM mart.account_daily d JOIN acc USING (account_key)
            GROUP BY ALL
        ),
        followers AS (   -- the follower count on the week's last day with data
            SELECT g.account_key, g.week_start, d.followers
            FROM grid g ASOF LEFT JOIN (
                SELECT account_key, day, followers FROM mart.account_daily WHERE followers IS NOT NULL
            ) d ON g.account_key = d.account_key AND g.week_end >= d.day
        )
        SELECT g.platform, g.week_start,
               CAST(sum(f.followers) AS BIGINT) AS followers,
               CAST(sum(ga.followers_gained) AS BIGINT) AS followers_gained,
               CAST(sum(p.reach) AS BIGINT) AS reach, CAST(sum(p.views) AS BIGINT) AS views,
               CAST(sum(p.interactions) AS BIGINT) AS interactions,
               CAST(coalesce(sum(p.posts), 0) AS BIGINT) AS posts
        FROM grid g
        LEFT JOIN posts p USING (account_key, week_start)
        LEFT JOIN gained ga USING (account_key, week_start)
        LEFT JOIN followers f USING (account_key, week_start)
        GROUP BY g.platform, g.week_start
        ORDER BY g.platform, g.week_start
        """,
        {"ags": ags, "first": first_week, "last": last_week},
    )


def top_posts(store: Store, ags: str, monday: date, limit: int = 5) -> pd.DataFrame:
    """The week's posts with the most interactions (ties: reach)."""
    return store.query_df(
        f"""
        SELECT platform, published_at, post_type, message, url, reach, views,
               {INTERACTIONS_SQL} AS interactions
        FROM mart.posts
        WHERE ags = $ags
          AND CAST(timezone('Europe/Berlin', published_at) AS DATE) BETWEEN $monday AND $monday + 6
        ORDER BY interactions DESC NULLS LAST, reach DESC NULLS LAST
        LIMIT $limit
        """,
        {"ags": ags, "monday": monday, "limit": limit},
    )


def data_weeks(store: Store, ags: str) -> tuple[date, date] | None:
    """First and last Monday for which the town has any post or daily figure."""
    row = store.query_df(
        """
        SELECT min(day) AS first, max(day) AS last FROM (
            SELECT day FROM mart.account_daily WHERE ags = $ags
            UNION ALL SELECT CAST(timezone('Europe/Berlin', published_at) AS DATE) FROM mart.posts WHERE ags = $ags)
        """,
        {"ags": ags},
    ).iloc[0]
    if pd.isna(row["first"]):
        return None
    return week_start(pd.Timestamp(row["first"]).date()), week_start(pd.Timestamp(row["last"]).date())
