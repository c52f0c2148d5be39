-- 014: `core.mat_changes`, which towns each write changed. Every write (`Store.write`) adds rows
-- with the next `seq`: one per town whose accounts it refreshed (analytics/sources.py), or one
-- with `ags` NULL when anything may have changed (a peer group, population figures, a full
-- rebuild, any write that does not say). The pages' caches bring a result up to date for the
-- changed towns only, instead of recomputing it for a whole Land after every import (ui/state.py).
-- Old rows are pruned; a cache older than the log recomputes in full. No `mart` change.
CREATE TABLE core.mat_changes (seq BIGINT NOT NULL, ags VARCHAR);

-- The daily copy is kept in town order (ags, account, day) instead of account order: a town's
-- accounts are spread over the platforms' key ranges, so only the town order lets a query for the
-- changed towns skip the rest of the store. Re-sorted here once; rebuilds keep the order.
CREATE TEMP TABLE mat_daily_by_town AS SELECT * FROM core.mat_daily;
DELETE FROM core.mat_daily;
INSERT INTO core.mat_daily SELECT * FROM mat_daily_by_town ORDER BY ags, account_key, day;
DROP TABLE mat_daily_by_town;
