"""Queries of the weekly report ("Wochenbericht") for communication officers.

All post figures are dated by the post's publish day (Europe/Berlin) and are lifetime values as
of the latest export; followers come from the daily account series. Weeks are ISO weeks.

Coverage: a day is covered for an account when its daily series has a row for that day; for an
account without any daily series (post exports only) every day from its first to its last post
is covered. A week is complete for a town when all 7 days are covered by at least one of its
accounts. Nothing is carried past the data: a week without a covered day has no figures (NULL).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from analytics.metrics import INTERACTIONS_SQL
from analytics.sources import relations, sql_text
from analytics.store import Store

if TYPE_CHECKING:  # the page's first view (coverage, cards) reads rows, without pandas
    import pandas as pd

KPI_COLUMNS = ["followers", "followers_gained", "reach", "views", "interactions", "posts"]


def week_start(day: date) -> date:
    """Monday of the ISO week containing `day`."""
    return day - timedelta(days=day.weekday())


def last_complete_week(today: date | None = None) -> date:
    """Monday of the last week that has ended (Mon–Sun) before `today` (by the calendar, not the data)."""
    today = today or date.today()
    return week_start(today) - timedelta(days=7)


def iso_week_label(monday: date, lang: str = "de") -> str:
    year, week, _ = monday.isocalendar()
    return f"KW {week}/{year}" if lang == "de" else f"CW {week}/{year}"


def _covered_sql(rel: dict[str, str]) -> str:
    """CTEs `daily`, `posts` and `covered` (account_key, platform, day) for the accounts in CTE `acc`."""
    return f"""
        daily AS (SELECT d.account_key, d.day, d.followers, d.followers_source, d.followers_gained
                  FROM {rel['daily']} d WHERE d.account_key IN (SELECT account_key FROM acc)),
        posts AS (SELECT p.* FROM {rel['posts']} p WHERE p.account_key IN (SELECT account_key FROM acc)),
        post_range AS (   -- accounts with post exports only: first to last post day
            SELECT account_key, min(day) AS first, max(day) AS last FROM posts
            WHERE account_key NOT IN (SELECT account_key FROM daily) GROUP BY account_key
        ),
        covered AS (
            SELECT c.account_key, acc.platform, c.day FROM (
                SELECT DISTINCT account_key, day FROM daily
                UNION ALL
                SELECT account_key, CAST(unnest(generate_series(first, last, INTERVAL 1 DAY)) AS DATE)
                FROM post_range) c JOIN acc USING (account_key)
        )"""


def weekly_metrics(store: Store, ags: str, first_week: date, last_week: date) -> pd.DataFrame:
    """One row per platform and ISO week from `first_week` to `last_week` (Mondays).

    `followers` is the total on the week's last covered day, summed over the platform's accounts
    that have a daily series; NULL when any of them has no known total then (or no data that
    week). `followers_source` is the weakest source in that sum (reconstructed, else entered,
    else observed), `followers_day` the day of the figure. `days_covered` (0–7) is the number of
    covered days; in a week without any, every figure is NULL (`posts` too)."""
    return store.query_df(_weekly_sql(relations(store), ags, first_week, last_week))


def weekly_rows(store: Store, ags: str, first_week: date, last_week: date) -> list[dict]:
    """`weekly_metrics` as rows (dicts; `week_start` a date, NULL None), for the first view's cards."""
    return store.query_rows(_weekly_sql(relations(store), ags, first_week, last_week))


def _literals(ags: str, *days: date) -> tuple[str, ...]:
    """The first view's queries take their values as SQL literals, not parameters: DuckDB's Python
    client imports numpy and pandas (0.4 s) for any query with parameters (duckdb/duckdb#11871)."""
    return sql_text(ags), *(f"DATE '{date.isoformat(day)}'" for day in days)


def _weekly_sql(rel: dict[str, str], ags: str, first_week: date, last_week: date) -> str:
    ags, first, last = _literals(ags, first_week, last_week)
    return f"""
    WITH acc AS (SELECT account_key, platform FROM {rel['accounts']} WHERE ags = {ags}),
    {_covered_sql(rel)},
    weeks AS (
        SELECT CAST(range AS DATE) AS week_start
        FROM range(CAST({first} AS TIMESTAMP), CAST({last} AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 7 DAY)
    ),
    grid AS (SELECT a.account_key, a.platform, w.week_start,
                    a.account_key IN (SELECT account_key FROM daily) AS has_series
             FROM acc a CROSS JOIN weeks w),
    dw AS (   -- per account and week: the follower total on the last day with data
        SELECT account_key, CAST(date_trunc('week', day) AS DATE) AS week_start,
               arg_max_null(followers, day) AS followers, arg_max_null(followers_source, day) AS source,
               max(day) AS day, sum(followers_gained) AS followers_gained
        FROM daily GROUP BY ALL
    ),
    pw AS (
        SELECT account_key, CAST(date_trunc('week', day) AS DATE) AS week_start,
               count(*) AS posts, sum(reach) AS reach, sum(views) AS views,
               sum({INTERACTIONS_SQL}) AS interactions
        FROM posts GROUP BY ALL
    ),
    cw AS (
        SELECT platform, CAST(date_trunc('week', day) AS DATE) AS week_start, count(DISTINCT day) AS days
        FROM covered GROUP BY ALL
    ),
    pf AS (
        SELECT g.platform, g.week_start,
               CASE WHEN count(*) FILTER (WHERE g.has_series) > 0
                         AND count(dw.followers) = count(*) FILTER (WHERE g.has_series)
                    THEN sum(dw.followers) END AS followers,
               CASE WHEN bool_or(dw.source = 'reconstructed') THEN 'reconstructed'
                    WHEN bool_or(dw.source = 'entered') THEN 'entered' ELSE 'observed' END AS source,
               min(dw.day) AS followers_day, sum(dw.followers_gained) AS followers_gained,
               sum(pw.posts) AS posts, sum(pw.reach) AS reach, sum(pw.views) AS views,
               sum(pw.interactions) AS interactions
        FROM grid g
        LEFT JOIN dw USING (account_key, week_start)
        LEFT JOIN pw USING (account_key, week_start)
        GROUP BY g.platform, g.week_start
    )
    SELECT pf.platform, pf.week_start,
           CAST(pf.followers AS BIGINT) AS followers,
           CASE WHEN pf.followers IS NOT NULL THEN pf.source END AS followers_source,
           CASE WHEN pf.followers IS NOT NULL THEN pf.followers_day END AS followers_day,
           CAST(pf.followers_gained AS BIGINT) AS followers_gained,
           CAST(pf.reach AS BIGINT) AS reach, CAST(pf.views AS BIGINT) AS views,
           CAST(pf.interactions AS BIGINT) AS interactions,
           CAST(CASE WHEN coalesce(cw.days, 0) > 0 OR pf.posts > 0 THEN coalesce(pf.posts, 0) END AS BIGINT)
               AS posts,
           CAST(coalesce(cw.days, 0) AS INTEGER) AS days_covered
    FROM pf LEFT JOIN cw USING (platform, week_start)
    ORDER BY pf.platform, pf.week_start
    """


def week_coverage(store: Store, ags: str) -> list[tuple[date, int]]:
    """Every ISO week from the town's first to its last covered day: (Monday, days covered 0–7 by
    any of the town's accounts), newest first."""
    rel, (ags,) = relations(store), _literals(ags)
    rows = store.query_rows(
        f"""
        WITH acc AS (SELECT account_key, platform FROM {rel['accounts']} WHERE ags = {ags}),
        {_covered_sql(rel)},
        cw AS (SELECT CAST(date_trunc('week', day) AS DATE) AS week_start, count(DISTINCT day) AS days
               FROM covered GROUP BY ALL),
        weeks AS (SELECT CAST(unnest(generate_series(min(week_start), max(week_start), INTERVAL 7 DAY)) AS DATE)
                         AS week_start FROM cw)
        SELECT w.week_start, CAST(coalesce(cw.days, 0) AS INTEGER) AS days_covered
        FROM weeks w LEFT JOIN cw USING (week_start)
        WHERE w.week_start IS NOT NULL
        ORDER BY w.week_start DESC
        """
    )
    return [(row["week_start"], row["days_covered"]) for row in rows]


def default_week(coverage: list[tuple[date, int]]) -> date | None:
    """The latest complete week (all 7 days covered) of `week_coverage`; without one, the latest
    week with data; None without data."""
    complete = [monday for monday, days in coverage if days == 7]
    pick = complete or [monday for monday, days in coverage if days > 0]
    return max(pick, default=None)


def top_posts(store: Store, ags: str, monday: date, limit: int = 5) -> pd.DataFrame:
    """The week's posts with the most interactions (ties: reach); from the copy the pages read, whose
    `day` is the publishing day in Europe/Berlin (the view would compute every post of the store)."""
    return store.query_df(
        f"""
        SELECT platform, published_at, post_type, message, url, reach, views,
               {INTERACTIONS_SQL} AS interactions
        FROM {relations(store)['posts']}
        WHERE ags = $ags AND day BETWEEN $monday AND $monday + 6
        ORDER BY interactions DESC NULLS LAST, reach DESC NULLS LAST
        LIMIT $limit
        """,
        {"ags": ags, "monday": monday, "limit": limit},
    )
