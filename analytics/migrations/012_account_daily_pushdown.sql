-- 012: `mart.account_daily` as in 005, with how far each import reaches computed by a window
-- instead of a CTE joined back. DuckDB materialises a CTE used twice (a view keeps no NOT
-- MATERIALIZED), and a filter on the view (`WHERE account_key IN (…)`, as the refresh after every
-- write asks for one account) then did not reach the scan: the refresh read every daily value of
-- the store (1.2 s at NRW scale, 3 s for all of Germany) instead of the account's. Filters on
-- account_key pass both windows (they partition by it). Same columns, same rows
-- (tests/analytics/test_sources.py).

CREATE OR REPLACE VIEW mart.account_daily AS
WITH latest AS (     -- per account, day and metric: the export of the later period wins
    SELECT account_key, day, metric, value
    FROM (SELECT d.account_key, d.day, d.metric, d.value, d.import_id,
                 -- how far the import's data reaches for this account
                 max(d.day) OVER (PARTITION BY d.import_id, d.account_key) AS period_end
          FROM core.daily_values d JOIN core.imports i USING (import_id)
          WHERE i.status = 'imported')
    QUALIFY row_number() OVER (
        PARTITION BY account_key, day, metric
        ORDER BY value IS NULL, period_end DESC, import_id DESC) = 1
), wide AS (
    PIVOT latest ON metric IN ('followers', 'followers_entered', 'followers_gained', 'followers_lost',
        'views', 'reach', 'impressions', 'interactions', 'visits', 'link_clicks', 'video_views')
    USING any_value(value) GROUP BY account_key, day
), steps AS (
    SELECT *,
           coalesce(followers, followers_entered) AS known,
           -- running net gains and the number of days with a gains figure, up to this day
           sum(coalesce(followers_gained, 0) - coalesce(followers_lost, 0))
               OVER (PARTITION BY account_key ORDER BY day) AS net_sum,
           count(coalesce(followers_gained, followers_lost))
               OVER (PARTITION BY account_key ORDER BY day) AS gain_days
    FROM wide
), anchored AS (     -- the nearest known total before and after each day
    SELECT *,
           last_value(CASE WHEN known IS NOT NULL THEN {'day': day, 'offset': known - net_sum, 'gain_days': gain_days} END
                      IGNORE NULLS) OVER (PARTITION BY account_key ORDER BY day
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS before_,
           first_value(CASE WHEN known IS NOT NULL THEN {'day': day, 'offset': known - net_sum, 'gain_days': gain_days} END
                       IGNORE NULLS) OVER (PARTITION BY account_key ORDER BY day
                                           ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS after_
    FROM steps
), usable AS (       -- an anchor counts only when gains cover every day between it and this day
    SELECT *,
           CASE WHEN before_ IS NOT NULL AND gain_days - before_.gain_days = day - before_.day
                THEN before_ END AS b,
           CASE WHEN after_ IS NOT NULL AND after_.gain_days - gain_days = after_.day - day
                THEN after_ END AS a
    FROM anchored
), resolved AS (
    SELECT *,
           CASE WHEN followers IS NOT NULL THEN 'observed'
                WHEN followers_entered IS NOT NULL THEN 'entered'
                WHEN b IS NOT NULL OR a IS NOT NULL THEN 'reconstructed' END AS followers_source,
           CASE WHEN known IS NOT NULL THEN known
                WHEN b IS NOT NULL AND (a IS NULL OR day - b.day <= a.day - day) THEN net_sum + b.offset
                WHEN a IS NOT NULL THEN net_sum + a.offset END AS followers_total
    FROM usable
)
SELECT ac.platform, r.account_key, ac.ags, r.day,
       CAST(r.followers_total AS BIGINT) AS followers, r.followers_source,
       CAST(r.followers_gained AS BIGINT) AS followers_gained,
       CAST(r.followers_lost AS BIGINT) AS followers_lost,
       CAST(r.views AS BIGINT) AS views, CAST(r.reach AS BIGINT) AS reach,
       CAST(r.impressions AS BIGINT) AS impressions,
       CAST(r.interactions AS BIGINT) AS interactions, CAST(r.visits AS BIGINT) AS visits,
       CAST(r.link_clicks AS BIGINT) AS link_clicks, CAST(r.video_views AS BIGINT) AS video_views
FROM resolved r
JOIN core.accounts ac USING (account_key);
