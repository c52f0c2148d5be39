"""Content ("Beiträge"): top posts, content types and posting times (Europe/Berlin)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analytics import rates
from analytics.metrics import INTERACTIONS_SQL, MIN_POSTS_FOR_RATE
from analytics.sources import relations
from analytics.store import Store

WEEKDAYS = {"de": ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"], "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


def _posts_with_followers(rel: dict[str, str]) -> str:
    """Posts of the town in the period with their account's known follower total on the posting day
    (NULL where it is unknown or the daily data do not cover that day: no older value carried on)."""
    return f"""
        SELECT p.*, {INTERACTIONS_SQL} AS interactions, d.followers AS followers_at_post
        FROM (SELECT * FROM {rel['posts']} WHERE ags = $ags AND day BETWEEN $start AND $end
              AND ($platform IS NULL OR platform = $platform)) p
        LEFT JOIN (SELECT account_key, day, followers FROM {rel['daily']}
                   WHERE ags = $ags AND day BETWEEN $start AND $end) d
          ON p.account_key = d.account_key AND p.day = d.day
    """


def top_posts(store: Store, ags: str, start: date, end: date, platform: str | None = None,
              limit: int = 10) -> pd.DataFrame:
    """The period's posts with the most interactions, with ER per follower on the posting day."""
    rel = relations(store)
    df = store.query_df(
        f"""
        SELECT platform, published_at, post_type, message, url, reach, views, interactions, followers_at_post
        FROM ({_posts_with_followers(rel)})
        ORDER BY interactions DESC NULLS LAST, reach DESC NULLS LAST, published_at DESC
        LIMIT $limit
        """,
        {"ags": ags, "start": start, "end": end, "platform": platform, "limit": limit},
    )
    df["er_follower_post"] = rates.percent_of(df["interactions"], df["followers_at_post"])
    df["interactions_per_1k_followers"] = rates.per_thousand(df["interactions"], df["followers_at_post"])
    df["over_100"] = df["er_follower_post"].gt(100).fillna(False).astype(bool)  # more interactions than followers
    return df


def content_types(store: Store, ags: str, start: date, end: date, platform: str | None = None) -> pd.DataFrame:
    """Per platform and post type: posts, share of posts, mean interactions, mean ER per follower
    (per post, followers on the posting day), mean ER per reach; `few_posts` below the minimum."""
    rel = relations(store)
    df = store.query_df(
        f"""
        SELECT platform, coalesce(post_type, '–') AS post_type, count(*) AS posts,
               avg(interactions) AS interactions_mean, sum(interactions) AS interactions,
               avg(interactions / nullif(followers_at_post, 0) * 100) AS er_follower_post,
               sum(interactions) FILTER (WHERE reach IS NOT NULL) AS interactions_reach, sum(reach) AS reach
        FROM ({_posts_with_followers(rel)})
        GROUP BY ALL ORDER BY platform, posts DESC
        """,
        {"ags": ags, "start": start, "end": end, "platform": platform},
    )
    df["share"] = rates.share(df["posts"], df.groupby("platform")["posts"].transform("sum"))
    df["er_reach"] = rates.percent_of(df["interactions_reach"], df["reach"])
    df["few_posts"] = df["posts"] < MIN_POSTS_FOR_RATE
    return df


def posting_heatmap(store: Store, ags: str, start: date, end: date, platform: str | None = None) -> pd.DataFrame:
    """Weekday (0 = Monday) × hour (Europe/Berlin): posts and mean interactions; all 168 cells."""
    rel = relations(store)
    return store.query_df(
        f"""
        WITH p AS (
            SELECT isodow(timezone('Europe/Berlin', published_at)) - 1 AS weekday,
                   hour(timezone('Europe/Berlin', published_at)) AS hour,
                   {INTERACTIONS_SQL} AS interactions
            FROM {rel['posts']} WHERE ags = $ags AND day BETWEEN $start AND $end
              AND ($platform IS NULL OR platform = $platform) AND published_at IS NOT NULL
        ), cells AS (SELECT w.weekday, h.hour FROM range(7) w(weekday) CROSS JOIN range(24) h(hour))
        SELECT c.weekday, c.hour, count(p.weekday) AS posts, avg(p.interactions) AS interactions_mean
        FROM cells c LEFT JOIN p USING (weekday, hour)
        GROUP BY ALL ORDER BY c.weekday, c.hour
        """,
        {"ags": ags, "start": start, "end": end, "platform": platform},
    )


def weekly_views(store: Store, ags: str, start: date, end: date, platform: str | None = None) -> pd.DataFrame:
    """Views (or, before Meta's switch, impressions) of the posts per ISO week, per platform and
    metric version; the two versions are separate rows and never one line."""
    rel = relations(store)
    return store.query_df(
        f"""
        SELECT platform, CAST(date_trunc('week', day) AS DATE) AS week_start,
               CASE WHEN views IS NOT NULL THEN 'views' ELSE 'impressions' END AS metric_version,
               sum(coalesce(views, impressions)) AS value, count(*) AS posts
        FROM {rel['posts']}
        WHERE ags = $ags AND day BETWEEN $start AND $end AND ($platform IS NULL OR platform = $platform)
          AND coalesce(views, impressions) IS NOT NULL
        GROUP BY ALL ORDER BY platform, week_start, metric_version
        """,
        {"ags": ags, "start": start, "end": end, "platform": platform},
    )


def metric_breaks(store: Store, ags: str) -> pd.DataFrame:
    """Per account of the town: the day its data switch from impressions to views (first post
    day of an export carrying `Views` after posts carrying `Impressions`). Empty without a break."""
    return store.query_df(
        """
        WITH s AS (
            SELECT s.account_key, a.platform, s.metric_version,
                   CAST(timezone('Europe/Berlin', s.published_at) AS DATE) AS day
            FROM core.post_snapshots s JOIN core.imports i USING (import_id)
            JOIN core.accounts a USING (account_key)
            WHERE i.status = 'imported' AND a.ags = $ags AND s.metric_version IS NOT NULL
        )
        SELECT account_key, any_value(platform) AS platform,
               min(day) FILTER (WHERE metric_version = 'views') AS break_day
        FROM s GROUP BY account_key
        HAVING count(*) FILTER (WHERE metric_version = 'impressions') > 0
           AND count(*) FILTER (WHERE metric_version = 'views') > 0
        """,
        {"ags": ags},
    )


def data_span(store: Store) -> tuple[date, date] | None:
    """First and last day with any post or daily figure in the whole store."""
    rel = relations(store)
    row = store.query_df(
        f"""SELECT min(first) AS first, max(last) AS last FROM (
              SELECT min(first_day) AS first, max(last_day) AS last FROM {rel['daily_summary']}
              UNION ALL SELECT min(day), max(day) FROM {rel['posts']})"""
    ).iloc[0]
    if pd.isna(row["first"]):
        return None
    return pd.Timestamp(row["first"]).date(), pd.Timestamp(row["last"]).date()
