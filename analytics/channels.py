"""Channels ("Kanäle"): which municipality is on which platform since when, and how its followers
developed since launch."""

from __future__ import annotations

import pandas as pd

from analytics import accounts
from analytics.peers import members_sql
from analytics.sources import relations
from analytics.store import Store


def presence(store: Store, group_id: str, platform: str | None = None, lang: str = "de") -> pd.DataFrame:
    """One row per member town and account: first activity, the last day the imported data covers
    (daily series, posts, audience snapshots — not the import date), the follower total on the last
    day of the daily series with its source and day (NULL = unknown, never an older value), posts.
    Towns without any account appear once with `platform` NULL. `account`: its name for people
    (analytics/accounts.py), in `lang`."""
    rel = relations(store)
    members, params = members_sql(group_id)
    frame = store.query_df(
        f"""
        WITH m AS ({members}),
        acc AS (SELECT * FROM {rel['accounts']} WHERE ags IN (SELECT ags FROM m)
                AND ($platform IS NULL OR platform = $platform)),
        d AS (SELECT account_key, last_day AS last_daily, followers, followers_source
              FROM {rel['daily_summary']} WHERE account_key IN (SELECT account_key FROM acc)),
        p AS (SELECT account_key, count(*) AS posts, max(day) AS last_post
              FROM {rel['posts']} WHERE account_key IN (SELECT account_key FROM acc) GROUP BY account_key),
        au AS (SELECT account_key, max(as_of) AS last_audience FROM {rel['audience']}
               WHERE account_key IN (SELECT account_key FROM acc) GROUP BY account_key)
        SELECT m.ags, m.name, m.population_total AS inhabitants, acc.platform, acc.account_key,
               acc.name AS account, acc.handle, acc.url, acc.first_activity_date,
               greatest(d.last_daily, p.last_post, au.last_audience) AS last_data_date,
               d.followers, d.followers_source,
               CASE WHEN d.followers IS NOT NULL THEN d.last_daily END AS followers_day,
               acc.account_key IS NOT NULL AND d.followers IS NULL AS followers_unknown,
               coalesce(p.posts, 0) AS posts
        FROM m LEFT JOIN acc USING (ags) LEFT JOIN d USING (account_key) LEFT JOIN p USING (account_key)
        LEFT JOIN au USING (account_key)
        ORDER BY m.name, acc.platform
        """,
        {**params, "platform": platform},
    )
    frame["account"] = [None if pd.isna(p) else accounts.display_name(p, n, h, town, lang) for p, n, h, town
                        in zip(frame["platform"], frame["account"], frame["handle"], frame["name"], strict=True)]
    return frame.drop(columns="handle")


def follower_development(store: Store, group_id: str, platform: str | None = None,
                         top_towns: int | None = 12) -> pd.DataFrame:
    """Weekly follower totals per town and platform: per ISO week the last known total and its
    `day`, so a line ends on the data's last day (never carried to today); weeks without a known
    total have no point. `weeks_since_launch` serves a launch-aligned view. In large groups only the
    `top_towns` towns with the most followers at their data's end (all platforms of the filter summed)."""
    rel = relations(store)
    members, params = members_sql(group_id)
    return store.query_df(
        f"""
        WITH m AS ({members}),
        acc0 AS (SELECT account_key, ags, platform FROM {rel['accounts']} WHERE ags IN (SELECT ags FROM m)
                 AND ($platform IS NULL OR platform = $platform)),
        latest AS (SELECT a.ags, sum(d.followers) AS followers FROM acc0 a
                   JOIN {rel['daily_summary']} d USING (account_key)
                   GROUP BY a.ags ORDER BY followers DESC NULLS LAST, a.ags LIMIT coalesce($top, 100000)),
        acc AS (SELECT * FROM acc0 WHERE ags IN (SELECT ags FROM latest)),
        weekly AS (
            SELECT d.account_key, CAST(date_trunc('week', d.day) AS DATE) AS week_start,
                   arg_max(d.followers, d.day) AS followers, max(d.day) AS day
            FROM {rel['daily']} d WHERE d.account_key IN (SELECT account_key FROM acc) AND d.followers IS NOT NULL
            GROUP BY ALL
        )
        SELECT acc.ags, m.name, acc.platform, w.week_start, w.day, w.followers,
               CAST((w.week_start - min(w.week_start) OVER (PARTITION BY w.account_key)) / 7 AS INTEGER)
                   AS weeks_since_launch
        FROM weekly w JOIN acc USING (account_key) JOIN m USING (ags)
        ORDER BY acc.ags, acc.platform, w.week_start
        """,
        {**params, "platform": platform, "top": top_towns},
    )
