-- 002: API pulls (connectors/api). One row per pull of one account, and post figures that
-- core.post_snapshots has no column for (Mastodon quotes), in long form per import.
-- Tokens are never stored here (nor anywhere in the database).

CREATE SEQUENCE core.pull_run_ids START 1;

CREATE TABLE core.pull_runs (
    run_id BIGINT PRIMARY KEY DEFAULT nextval('core.pull_run_ids'),
    account_key VARCHAR NOT NULL, platform VARCHAR NOT NULL,
    source VARCHAR NOT NULL,            -- e.g. mastodon:https://social.example/@stadt
    started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ NOT NULL,
    status VARCHAR NOT NULL,            -- ok | unchanged | failed
    import_id BIGINT,                   -- the core.imports row it wrote (NULL when nothing new)
    rows BIGINT NOT NULL DEFAULT 0, message VARCHAR, notes VARCHAR  -- notes: JSON list
);

CREATE TABLE core.post_extra_values (
    import_id BIGINT NOT NULL, account_key VARCHAR NOT NULL, post_id VARCHAR NOT NULL,
    metric VARCHAR NOT NULL, value DOUBLE
);
