-- 015: `core.mat_post_topics` keeps a post's topics only. The words that matched (the "why") are
-- no longer stored for every post: the page computes them for the posts it shows, with the same
-- rules (analytics/post_topics.py). Classifying an import's posts takes well under half the time
-- without them (bench/imports.py). `mart.post_topics` is unchanged.
ALTER TABLE core.mat_post_topics DROP COLUMN matched;
