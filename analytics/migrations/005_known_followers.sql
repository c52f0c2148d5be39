-- 005: follower totals are known or NULL (docs/data-model.md `mart.account_daily`).
--
-- * `followers` comes from an absolute count (`observed`), an officer's entry (`entered`, stored
--   as metric `followers_entered` by a follower-entry import), or is `reconstructed` from the
--   nearest such total plus or minus the net daily gains in between — only where the gains
--   cover every day in between. Without any total the figure is NULL, never a sum from zero.
-- * Overlapping daily exports: per account, day and metric the import whose data reaches the
--   later day wins (whatever the import order); ties go to the later import. A value an export
--   leaves unknown (`undefined`, stored as NULL) does not hide another export's known value.
-- * `core.audit`: writes that are not imports (moving an account to another town, …), with the
--   actor who made them.

CREATE OR REPLACE VIEW mart.account_daily AS
WITH live AS (
    SELECT d.import_id, d.account_key, d.day, d.metric, d.value
    FROM core.daily_values d JOIN core.imports i USING (import_id)
    WHERE i.status = 'imported'
), coverage AS (     -- how far each import's data reaches, per account
    SELECT import_id, account_key, max(day) AS period_end FROM live GROUP BY ALL
), latest AS (       -- per account, day and metric: the export of the later period wins
    SELECT l.account_key, l.day, l.metric, l.value
    FROM live l JOIN coverage c USING (import_id, account_key)
    QUALIFY row_number() OVER (
        PARTITION BY l.account_key, l.day, l.metric
        ORDER BY l.value IS NULL, c.period_end DESC, l.import_id DESC) = 1
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

-- The materialised copy follows the view's new column list; the next refresh fills it.
DROP TABLE core.mat_daily;
CREATE TABLE core.mat_daily AS SELECT * FROM mart.account_daily WITH NO DATA;
DELETE FROM core.mat_state;

CREATE SEQUENCE core.audit_ids START 1;
CREATE TABLE core.audit (
    audit_id BIGINT PRIMARY KEY DEFAULT nextval('core.audit_ids'),
    done_at TIMESTAMPTZ NOT NULL DEFAULT now(), actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL, target VARCHAR, details VARCHAR   -- details: JSON
);
