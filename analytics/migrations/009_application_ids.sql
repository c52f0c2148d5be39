-- 009: ids are made by the application inside the writing transaction (analytics/store.py:
-- next_id), the same way on the embedded file and on DuckLake, which has no sequences. One row
-- per kind of id holds the last one given out; taking an id moves it on (an UPDATE, so two
-- DuckLake writers taking ids at once conflict and one of them is re-run). The sequences and
-- their defaults of 001, 002 and 005 stay in embedded databases but are no longer used.
-- The row `write` is moved by every write on DuckLake, so that concurrent writes conflict and are
-- serialised (analytics/store.py: Store.write).
-- No change to the `mart` views.
CREATE TABLE core.id_counters (name VARCHAR NOT NULL, value BIGINT NOT NULL);
INSERT INTO core.id_counters
SELECT 'import', coalesce(max(import_id), 0) FROM core.imports
UNION ALL SELECT 'audit', coalesce(max(audit_id), 0) FROM core.audit
UNION ALL SELECT 'pull_run', coalesce(max(run_id), 0) FROM core.pull_runs
UNION ALL SELECT 'write', 0;
