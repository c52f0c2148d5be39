-- 013: `core.mat_daily_summary`, one row per account with a daily series: its first and last day
-- and the follower total (with its source) on the last day, as `mart.account_daily` has them. The
-- pages asked these of every daily value of the store (which accounts have a series up to a
-- period's end, each channel's latest total, the span of the data); the summary is kept with the
-- other copies for the accounts each write touches (analytics/sources.py). No `mart` change.
CREATE TABLE core.mat_daily_summary (
    account_key VARCHAR NOT NULL, first_day DATE NOT NULL, last_day DATE NOT NULL,
    followers BIGINT, followers_source VARCHAR
);
INSERT INTO core.mat_daily_summary
SELECT account_key, min(day), max(day), arg_max_null(followers, day), arg_max_null(followers_source, day)
FROM core.mat_daily GROUP BY account_key ORDER BY account_key;
