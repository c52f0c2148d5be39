-- 003: materialised copies of the expensive mart views, for the analytics pages at state-wide scale.
-- Rebuilt by analytics/sources.py whenever the data version changes; the mart views stay the
-- public contract. Also the peer groups get a description and creation time.

CREATE TABLE core.mat_state (version VARCHAR, built_at TIMESTAMPTZ);

CREATE TABLE core.mat_posts AS SELECT *, CAST(NULL AS DATE) AS day FROM mart.posts WITH NO DATA;
CREATE TABLE core.mat_daily AS SELECT * FROM mart.account_daily WITH NO DATA;
CREATE TABLE core.mat_accounts AS SELECT * FROM mart.accounts WITH NO DATA;

ALTER TABLE core.peer_groups ADD COLUMN created_at TIMESTAMPTZ;
