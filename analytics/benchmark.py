"""Peer comparison ("Vergleich"): per town of a peer group the catalogue metrics for a period,
with the group's median and 25th–75th percentile band (docs/metrics.md §3).

Posts are dated by their publish day in Europe/Berlin, with their latest lifetime figures.
Followers are known totals (`mart.account_daily.followers`): F_start on the period's first day,
F_end on the last day of the period the account's data covers. A town's follower figure sums its
accounts (on all platforms, or on the one chosen) that have a daily series; when any of them has
no known total there, the town's figure is unknown (NULL), never the sum of the known ones, and
its per-follower rates are left out (docs: DECISIONLOG.md).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.metrics import INTERACTIONS_SQL, METRICS, MIN_POSTS_FOR_RATE, compared
from analytics.peers import members_sql
from analytics.sources import cache_scope, relations, sql_text
from analytics.store import Store

QUANTILE_METHOD = {
    "de": "Quantile mit linearer Interpolation (Hyndman–Fan Typ 7, wie DuckDB quantile_cont)",
    "en": "Quantiles by linear interpolation (Hyndman–Fan type 7, as DuckDB quantile_cont)",
}
# Percent rates that cannot plausibly exceed 100 %: above it, the row is flagged with the reason.
CAPPED_RATES = ("er_follower_period", "er_reach", "er_views")


def components_sql(group_id: str, rel: dict[str, str], towns: list[str] | None = None) -> tuple[str, dict]:
    """The one query behind the comparison: summed components per member town (of `towns` only, if
    given: a literal list, which DuckDB prunes the sorted copies' scans with)."""
    members, params = members_sql(group_id)
    only = "" if towns is None else f" AND m.ags IN ({', '.join(map(sql_text, towns)) or 'NULL'})"
    sql = f"""
        WITH m AS ({members}{only}),
        acc AS (SELECT a.account_key, a.ags, a.platform FROM {rel['accounts']} a
                WHERE a.ags IN (SELECT ags FROM m) AND ($platform IS NULL OR a.platform = $platform)),
        p AS (
            SELECT p.ags, count(*) AS posts, sum({INTERACTIONS_SQL}) AS interactions,
                   sum({INTERACTIONS_SQL}) FILTER (WHERE p.reach IS NOT NULL) AS interactions_reach,
                   sum(p.reach) AS reach,
                   sum({INTERACTIONS_SQL}) FILTER (WHERE p.views IS NOT NULL) AS interactions_views,
                   sum(p.views) AS views,
                   count(*) FILTER (WHERE p.post_type ILIKE '%reel%') AS reels,
                   count(p.post_type) AS typed_posts
            FROM {rel['posts']} p
            WHERE p.account_key IN (SELECT account_key FROM acc) AND p.day BETWEEN $start AND $end{only.replace("m.", "p.")}
            GROUP BY p.ags
        ),
        series AS (   -- accounts with a daily series up to the period's end
            SELECT account_key FROM {rel['daily_summary']}
            WHERE account_key IN (SELECT account_key FROM acc) AND first_day <= $end
        ),
        period AS (   -- their total on the first day and on the last day the data covers in the period
            SELECT d.account_key, any_value(d.followers) FILTER (WHERE d.day = $start) AS f_start,
                   arg_max_null(d.followers, d.day) AS f_end, max(d.day) AS f_end_day
            FROM {rel['daily']} d
            WHERE d.account_key IN (SELECT account_key FROM acc) AND d.day BETWEEN $start AND $end{only.replace("m.", "d.")}
            GROUP BY d.account_key
        ),
        fa AS (
            SELECT s.account_key, a.ags, a.platform, p.f_start, p.f_end, p.f_end_day
            FROM series s JOIN acc a USING (account_key) LEFT JOIN period p USING (account_key)
        ),
        f AS (   -- a town's sum is known only when every account's total is
            SELECT ags, CASE WHEN count(f_start) = count(*) THEN sum(f_start) END AS followers_start,
                   CASE WHEN count(f_end) = count(*) THEN sum(f_end) END AS followers_end,
                   min(f_end_day) AS followers_end_day,
                   string_agg(DISTINCT platform, ',' ORDER BY platform) FILTER (WHERE f_end IS NULL)
                       AS followers_unknown_on
            FROM fa GROUP BY ags
        ),
        untracked AS (   -- accounts without any daily series (e.g. a channel known from an age table only)
            SELECT a.ags, string_agg(DISTINCT a.platform, ',' ORDER BY a.platform) AS followers_not_tracked_on
            FROM {rel['accounts']} a
            WHERE a.account_key IN (SELECT account_key FROM acc) AND a.account_key NOT IN (SELECT account_key FROM fa)
            GROUP BY a.ags
        ),
        n AS (SELECT ags, count(*) AS accounts FROM acc GROUP BY ags)
        SELECT m.ags, m.name, m.population_total AS inhabitants, coalesce(n.accounts, 0) AS accounts,
               coalesce(p.posts, 0) AS posts, p.interactions, p.interactions_reach, p.reach,
               p.interactions_views, p.views, p.reels, p.typed_posts,
               f.followers_start, f.followers_end, f.followers_end_day, f.followers_unknown_on,
               u.followers_not_tracked_on
        FROM m LEFT JOIN p USING (ags) LEFT JOIN f USING (ags) LEFT JOIN n USING (ags)
        LEFT JOIN untracked u USING (ags)
        ORDER BY m.ags
    """
    return sql, params


def components(store: Store, group_id: str, start: date, end: date, platform: str | None = None,
               towns: list[str] | None = None) -> pd.DataFrame:
    sql, params = components_sql(group_id, relations(store), towns)
    return store.query_df(sql, {**params, "start": start, "end": end, "platform": platform})


COMPONENTS = ("inhabitants", "accounts", "posts", "interactions", "interactions_reach", "reach", "interactions_views",
              "views", "reels", "typed_posts", "followers_start", "followers_end")


def add_rates(df: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """Every registry metric with a `compute` from the summed components (analytics/rates.py
    formulas), and the flags `few_posts`, `no_account`, `followers_unknown`."""
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days
    # plain float arrays, not Series: the formulas run in microseconds instead of pandas' milliseconds
    components = {c: df[c].to_numpy("float64", na_value=np.nan) for c in COMPONENTS}
    has_posts_data = df["accounts"].to_numpy() > 0
    figures = {metric.id: np.where(has_posts_data, metric.compute(components, days), np.nan)  # no account: no figure, not 0
               for metric in METRICS.values() if metric.compute is not None}
    out = df.assign(**figures)
    out["few_posts"] = has_posts_data & (out["posts"] < MIN_POSTS_FOR_RATE)
    out["no_account"] = ~has_posts_data
    out["followers_unknown"] = has_posts_data & out["followers_end"].isna()
    return out


@cache_scope("per_town", order=("ags",))
def town_metrics(store: Store, group_id: str, start: date, end: date, platform: str | None = None,
                 towns: list[str] | None = None) -> pd.DataFrame:
    """One row per member town (of `towns`, if given), by AGS: components, the catalogue rates and the
    flags `few_posts`, `no_account`, `followers_unknown` (accounts, but no known follower total at the
    period's end). Each row depends on its town's data only: after an import the pages recompute the
    imported town's row, not the Land's (ui/state.py)."""
    return add_rates(components(store, group_id, start, end, platform, towns), start, end)


def group_stats(towns: pd.DataFrame, metric_ids: list[str] | None = None) -> pd.DataFrame:
    """Per metric: n (towns with a value), median, 25th and 75th percentile (type 7, linear)."""
    rows = []
    for metric_id in metric_ids or compared():
        values = towns[metric_id].dropna().to_numpy(dtype="float64")
        if len(values):
            q25, median, q75 = np.quantile(values, [0.25, 0.5, 0.75], method="linear")
        else:
            q25 = median = q75 = np.nan
        rows.append({"metric": metric_id, "n": len(values), "median": median, "q25": q25, "q75": q75})
    return pd.DataFrame(rows)


def ranked(towns: pd.DataFrame, metric_id: str) -> pd.DataFrame:
    """Towns ranked by a metric (1 = highest; towns without a value last, unranked)."""
    out = towns.sort_values(metric_id, ascending=False, na_position="last").reset_index(drop=True)
    out["rank"] = out[metric_id].rank(ascending=False, method="min").astype("Int64")
    return out


def over_100(towns: pd.DataFrame, metric_id: str) -> pd.Series:
    """True where a percent rate of CAPPED_RATES exceeds 100 % (e.g. more interactions per post than
    followers): a sign of a wrong follower count or export, to be flagged, not shown plainly."""
    if metric_id not in CAPPED_RATES:
        return pd.Series(False, index=towns.index)
    return towns[metric_id].gt(100).fillna(False).astype(bool)


def without_followers(towns: pd.DataFrame) -> list[str]:
    """Names of the towns (with accounts) whose follower total is unknown, for the note under a chart."""
    return towns.loc[towns["followers_unknown"], "name"].map(lambda n: n.split(",")[0]).tolist()
