-- 016: `core.mat_post_topics` keeps one row per post: the rules' topics as a bit mask (bit i for
-- the i-th topic of analytics/topics.py `TOPIC_KEYS`, 0 for `sonstiges`), not one row per topic.
-- An import writes one row per post instead of about 1.5, and a big export's masks, computed while
-- the file is read (connectors/spool.py), go into the table as they are. `mart.post_topics` is
-- unchanged: it unpacks the masks (the list below is `TOPIC_KEYS`; tests/analytics/
-- test_post_topics.py checks every bit).
-- The copies are rebuilt when a store opens after this migration (core.mat_state is cleared).
DROP VIEW mart.post_topics;
DROP TABLE core.mat_post_topics;
CREATE TABLE core.mat_post_topics (account_key VARCHAR NOT NULL, post_id VARCHAR NOT NULL, mask SMALLINT NOT NULL);

CREATE VIEW mart.post_topics AS
SELECT a.platform, c.account_key, a.ags, c.post_id, c.topic, 'officer' AS source
FROM (SELECT account_key, post_id, unnest(topics) AS topic FROM core.topic_corrections) c
JOIN core.accounts a USING (account_key)
WHERE EXISTS (SELECT 1 FROM core.mat_posts p WHERE p.account_key = c.account_key AND p.post_id = c.post_id)
UNION ALL
SELECT a.platform, r.account_key, a.ags, r.post_id, r.topic, 'rule' AS source
FROM (SELECT account_key, post_id,
             unnest(CASE WHEN mask = 0 THEN ['sonstiges'] ELSE list_filter(
                 ['buergerservice', 'verkehr', 'veranstaltungen', 'stellen', 'warnungen', 'politik', 'umwelt',
                  'familie', 'senioren', 'wirtschaft', 'sport', 'tourismus', 'sonstiges'],
                 (key, i) -> (mask >> (i - 1)) & 1 = 1) END) AS topic
      FROM core.mat_post_topics) r
JOIN core.accounts a USING (account_key)
WHERE NOT EXISTS (SELECT 1 FROM core.topic_corrections c
                  WHERE c.account_key = r.account_key AND c.post_id = r.post_id);

DELETE FROM core.mat_state;
