-- 008: the weekly e-mail digest (connectors/digest.py). Recipients per municipality, managed in
-- the app by the town's officers and the admins, and one row per town and ISO week that was (or
-- failed to be) sent. No PRIMARY KEY, UNIQUE, DEFAULT or sequence, so the tables also work on
-- DuckLake: ids are made in code, "one recipient per town and address" and "one send per town
-- and week" are kept by the code (DELETE + INSERT in one transaction). SMTP passwords are never
-- stored; errors are redacted before they are.
CREATE TABLE core.digest_recipients (
    recipient_id VARCHAR NOT NULL,        -- uuid made in code
    ags VARCHAR NOT NULL,
    email VARCHAR NOT NULL,               -- unique per ags, case-insensitively (enforced in code)
    with_pdf BOOLEAN NOT NULL,            -- attach the previous month's council report (PDF)
    added_by VARCHAR NOT NULL, added_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE core.digest_sends (
    send_id VARCHAR NOT NULL,             -- uuid made in code
    ags VARCHAR NOT NULL,
    week_start DATE NOT NULL,             -- Monday of the ISO week reported; one row per ags and week
    recipients VARCHAR,                   -- the addresses the mail server accepted it for, ", "-separated
    status VARCHAR NOT NULL,              -- sent | failed | sending (claimed by a run right now)
    attempts INTEGER NOT NULL,            -- delivery attempts so far
    last_error VARCHAR,                   -- a sentence for an officer (password redacted); NULL when fine
    sent_at TIMESTAMPTZ,                  -- when it was sent (status sent)
    message_id VARCHAR,                   -- Message-ID header(s), ", "-separated
    updated_at TIMESTAMPTZ NOT NULL
);

INSERT INTO core.schedules (job, enabled, weekday, at_time, next_run, last_run, last_status, last_message)
VALUES ('digest', false, 0, '06:30', NULL, NULL, NULL, NULL);
