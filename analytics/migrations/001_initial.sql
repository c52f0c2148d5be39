-- 001: core tables and the public `mart` views of docs/data-model.md.
--
-- Layout: `core` holds what was imported, one row per (import, thing), so that a newer export
-- wins and undoing an import simply drops its rows; `mart` views pick the current figures.

CREATE SEQUENCE core.import_ids START 1;

CREATE TABLE core.settings (key VARCHAR PRIMARY KEY, value VARCHAR);

-- Reference data (loaded from data/reference/ by analytics/reference.py).
CREATE TABLE core.municipalities (
    ags VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kreis_ags VARCHAR NOT NULL,
    kreis_name VARCHAR NOT NULL, land_code VARCHAR NOT NULL, land_name VARCHAR NOT NULL,
    population_total BIGINT NOT NULL, population_date DATE NOT NULL
);
CREATE TABLE core.age_structure (   -- single years of age per Land (age_to NULL = open-ended)
    region VARCHAR NOT NULL, reference_date DATE NOT NULL, age_from INTEGER NOT NULL,
    age_to INTEGER, population BIGINT NOT NULL
);
CREATE TABLE core.age_groups (       -- canonical platform buckets; age_to NULL = open-ended
    age_group VARCHAR PRIMARY KEY, age_from INTEGER NOT NULL, age_to INTEGER, sort_order INTEGER
);
INSERT INTO core.age_groups VALUES
    ('13-17', 13, 17, 1), ('18-24', 18, 24, 2), ('25-34', 25, 34, 3), ('35-44', 35, 44, 4),
    ('45-54', 45, 54, 5), ('55-64', 55, 64, 6), ('65+', 65, NULL, 7);

CREATE TABLE core.imports (
    import_id BIGINT PRIMARY KEY DEFAULT nextval('core.import_ids'),
    file_name VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, platform VARCHAR, format VARCHAR,
    rows BIGINT NOT NULL, imported_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    imported_by VARCHAR, status VARCHAR NOT NULL DEFAULT 'imported',  -- imported | undone
    undone_at TIMESTAMPTZ, is_demo BOOLEAN NOT NULL DEFAULT false, details VARCHAR
);

-- Official population by canonical age group (GENESIS imports); replaces the estimate per town.
CREATE TABLE core.population_official (
    import_id BIGINT NOT NULL, ags VARCHAR NOT NULL, age_group VARCHAR NOT NULL,
    population BIGINT, reference_date DATE NOT NULL, derived BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE core.peer_groups (
    group_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL  -- default | custom
);
CREATE TABLE core.peer_group_members (group_id VARCHAR NOT NULL, ags VARCHAR NOT NULL,
    PRIMARY KEY (group_id, ags));
INSERT INTO core.peer_groups VALUES ('nordkreis', 'Nordkreis (StädteRegion Aachen)', 'default');
INSERT INTO core.peer_group_members VALUES
    ('nordkreis', '05334004'), ('nordkreis', '05334008'),
    ('nordkreis', '05334016'), ('nordkreis', '05334036');

-- Account registry: which platform account belongs to which municipality.
CREATE TABLE core.accounts (
    account_key VARCHAR PRIMARY KEY, platform VARCHAR NOT NULL, account_id VARCHAR,
    handle VARCHAR, name VARCHAR, ags VARCHAR NOT NULL, url VARCHAR,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per post and import: lifetime figures as of `metrics_as_of`.
CREATE TABLE core.post_snapshots (
    import_id BIGINT NOT NULL, account_key VARCHAR NOT NULL, post_id VARCHAR NOT NULL,
    published_at TIMESTAMPTZ, post_type VARCHAR, message VARCHAR, url VARCHAR,
    views BIGINT, reach BIGINT, impressions BIGINT, likes BIGINT, comments BIGINT, shares BIGINT,
    saves BIGINT, clicks BIGINT, video_views BIGINT, watch_time_seconds DOUBLE,
    metrics_as_of DATE NOT NULL, metric_version VARCHAR  -- views | impressions
);

-- Daily account series in long form: one value per (account, day, metric) and import.
-- `filled` marks days a sparse export left out and the importer filled with 0.
CREATE TABLE core.daily_values (
    import_id BIGINT NOT NULL, account_key VARCHAR NOT NULL, day DATE NOT NULL,
    metric VARCHAR NOT NULL, value DOUBLE, filled BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE core.audience_values (
    import_id BIGINT NOT NULL, account_key VARCHAR NOT NULL, as_of DATE NOT NULL,
    audience VARCHAR NOT NULL, age_group VARCHAR NOT NULL, gender VARCHAR NOT NULL,
    share DOUBLE, count BIGINT, raw_label VARCHAR
);

-- ---------------------------------------------------------------------------------------
-- mart: the public contract (docs/data-model.md).
CREATE SCHEMA mart;

CREATE VIEW mart.municipalities AS
SELECT ags, name, kreis_ags, kreis_name, land_code, population_total, population_date
FROM core.municipalities;

CREATE VIEW mart.population_by_age AS
WITH land_totals AS (
    SELECT region, sum(population) AS total FROM core.age_structure GROUP BY region
), land_shares AS (
    SELECT s.region, g.age_group, sum(s.population) / any_value(t.total) AS share
    FROM core.age_structure s
    JOIN core.age_groups g
      ON s.age_from >= g.age_from AND coalesce(s.age_to, 999) <= coalesce(g.age_to, 999)
    JOIN land_totals t USING (region)
    GROUP BY s.region, g.age_group
), official AS (
    SELECT o.ags, o.age_group, o.population, o.reference_date
    FROM core.population_official o JOIN core.imports i USING (import_id)
    WHERE i.status = 'imported'
    QUALIFY row_number() OVER (PARTITION BY o.ags, o.age_group ORDER BY o.import_id DESC) = 1
)
SELECT ags, age_group, population, reference_date, 'official' AS source FROM official
UNION ALL
SELECT m.ags, ls.age_group, CAST(round(m.population_total * ls.share) AS BIGINT),
       m.population_date, 'estimate'
FROM core.municipalities m JOIN land_shares ls ON ls.region = m.land_name
WHERE m.ags NOT IN (SELECT ags FROM official);

CREATE VIEW mart.imports AS
SELECT import_id, file_name, sha256, platform, format, rows, imported_at, imported_by, status
FROM core.imports;

CREATE VIEW mart.posts AS
SELECT a.platform, s.account_key, a.ags, s.post_id, s.published_at, s.post_type, s.message,
       s.url, s.views, s.reach, s.impressions, s.likes, s.comments, s.shares, s.saves,
       s.clicks, s.video_views, s.watch_time_seconds, s.metrics_as_of
FROM core.post_snapshots s
JOIN core.imports i USING (import_id)
JOIN core.accounts a USING (account_key)
WHERE i.status = 'imported'
QUALIFY row_number() OVER (
    PARTITION BY s.account_key, s.post_id ORDER BY s.metrics_as_of DESC, s.import_id DESC) = 1;

CREATE VIEW mart.account_daily AS
WITH latest AS (     -- the newest import wins per account, day and metric
    SELECT d.account_key, d.day, d.metric, d.value
    FROM core.daily_values d JOIN core.imports i USING (import_id)
    WHERE i.status = 'imported'
    QUALIFY row_number() OVER (
        PARTITION BY d.account_key, d.day, d.metric ORDER BY d.import_id DESC) = 1
), wide AS (
    PIVOT latest ON metric IN ('followers', 'followers_gained', 'followers_lost', 'views',
        'reach', 'impressions', 'interactions', 'visits', 'link_clicks', 'video_views')
    USING any_value(value) GROUP BY account_key, day
), running AS (     -- net gains summed up; an absolute follower count anchors the sum
    SELECT *, sum(coalesce(followers_gained, 0) - coalesce(followers_lost, 0))
               OVER (PARTITION BY account_key ORDER BY day) AS net_sum
    FROM wide
), anchor AS (
    SELECT account_key, arg_max(followers - net_sum, day) AS offset_
    FROM running WHERE followers IS NOT NULL GROUP BY account_key
)
SELECT a.platform, r.account_key, a.ags, r.day,
       CAST(coalesce(r.followers, r.net_sum + coalesce(anchor.offset_, 0)) AS BIGINT) AS followers,
       CAST(r.followers_gained AS BIGINT) AS followers_gained,
       CAST(r.followers_lost AS BIGINT) AS followers_lost,
       CAST(r.views AS BIGINT) AS views, CAST(r.reach AS BIGINT) AS reach,
       CAST(r.impressions AS BIGINT) AS impressions,
       CAST(r.interactions AS BIGINT) AS interactions, CAST(r.visits AS BIGINT) AS visits,
       CAST(r.link_clicks AS BIGINT) AS link_clicks, CAST(r.video_views AS BIGINT) AS video_views
FROM running r
JOIN core.accounts a USING (account_key)
LEFT JOIN anchor USING (account_key);

CREATE VIEW mart.audience AS
SELECT a.platform, v.account_key, a.ags, v.as_of, v.audience, v.age_group, v.gender, v.share,
       v.count
FROM core.audience_values v
JOIN core.imports i USING (import_id)
JOIN core.accounts a USING (account_key)
WHERE i.status = 'imported'
-- A snapshot is one breakdown (by age, by gender, or by both) of one audience on one day; a newer
-- import of the same breakdown replaces it.
QUALIFY v.import_id = max(v.import_id) OVER (
    PARTITION BY v.account_key, v.as_of, v.audience, v.age_group = 'all', v.gender = 'all');

CREATE VIEW mart.accounts AS
WITH first_post AS (
    SELECT account_key, min(CAST(timezone('Europe/Berlin', published_at) AS DATE)) AS day
    FROM mart.posts GROUP BY account_key
), first_daily AS (
    SELECT account_key, min(day) AS day FROM mart.account_daily
    WHERE coalesce(followers_gained, 0) + coalesce(views, 0) + coalesce(interactions, 0) > 0
    GROUP BY account_key
)
SELECT a.account_key, a.platform, a.account_id, a.handle, a.name, a.ags, a.url,
       least(fp.day, fd.day) AS first_activity_date
FROM core.accounts a
LEFT JOIN first_post fp USING (account_key)
LEFT JOIN first_daily fd USING (account_key);

-- Fivetran-compatible rollup (dbt_social_media_reporting); its quirks stay in this view only.
CREATE VIEW mart.social_media_reporting__rollup_report AS
SELECT p.published_at AS created_timestamp, p.post_id, p.message AS post_message,
       a.account_id AS page_id, a.name AS page_name, p.url AS post_url,
       p.account_key AS source_relation, p.platform,
       CASE WHEN p.platform = 'youtube' THEN p.views ELSE p.clicks END AS clicks,
       coalesce(p.impressions, p.views) AS impressions, p.likes, p.shares, p.comments
FROM mart.posts p JOIN core.accounts a USING (account_key);
