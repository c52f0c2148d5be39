-- 007: jobs the app runs on its own schedule (connectors/schedule.py): the weekly API pull,
-- configured by an admin in the app. Kept in the database so the schedule survives restarts and
-- several app processes run a due job once (the first to claim it).
CREATE TABLE core.schedules (
    job VARCHAR PRIMARY KEY,              -- pull
    enabled BOOLEAN NOT NULL DEFAULT false,
    weekday INTEGER NOT NULL DEFAULT 0,   -- 0 = Monday (ISO weekday - 1)
    at_time VARCHAR NOT NULL DEFAULT '05:30',  -- local time, Europe/Berlin
    next_run TIMESTAMPTZ, last_run TIMESTAMPTZ,
    last_status VARCHAR, last_message VARCHAR
);
INSERT INTO core.schedules (job) VALUES ('pull');
