-- 010: municipal topics of posts (analytics/topics.py, docs/topics.md).
-- The rule classifier's result is kept per post like the other copies (refreshed for the accounts
-- an import or undo touches, analytics/sources.py); officers' words extend a topic's rules, and
-- officers' corrections of single posts override them and survive re-imports (keyed by post, not
-- by import). Every change is also recorded in core.audit.
CREATE TABLE core.mat_post_topics (
    account_key VARCHAR NOT NULL, post_id VARCHAR NOT NULL, topic VARCHAR NOT NULL,
    matched VARCHAR[]  -- the words of the post that matched, "why" (empty for `sonstiges`)
);

CREATE TABLE core.topic_words (
    topic VARCHAR NOT NULL, term VARCHAR NOT NULL,
    added_by VARCHAR NOT NULL, added_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, term)
);

CREATE TABLE core.topic_corrections (
    account_key VARCHAR NOT NULL, post_id VARCHAR NOT NULL, topics VARCHAR[] NOT NULL,
    corrected_by VARCHAR NOT NULL, corrected_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (account_key, post_id)
);

-- The public contract (data-model.md): one row per post and topic; an officer's correction
-- replaces the rules' topics of that post.
CREATE VIEW mart.post_topics AS
SELECT a.platform, c.account_key, a.ags, c.post_id, c.topic, 'officer' AS source
FROM (SELECT account_key, post_id, unnest(topics) AS topic FROM core.topic_corrections) c
JOIN core.accounts a USING (account_key)
WHERE EXISTS (SELECT 1 FROM core.mat_posts p WHERE p.account_key = c.account_key AND p.post_id = c.post_id)
UNION ALL
SELECT a.platform, r.account_key, a.ags, r.post_id, r.topic, 'rule' AS source
FROM core.mat_post_topics r
JOIN core.accounts a USING (account_key)
WHERE NOT EXISTS (SELECT 1 FROM core.topic_corrections c
                  WHERE c.account_key = r.account_key AND c.post_id = r.post_id);
