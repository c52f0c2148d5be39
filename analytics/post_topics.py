"""Topics of posts for the pages, and the officers' changes to them.

The rules (analytics/topics.py) classify every post when it is imported (analytics/sources.py,
`core.mat_post_topics`, a mask of topics per post); `mart.post_topics` puts an officer's
correction of a post before the rules. Officers' words extend a topic for every town (one
taxonomy per installation), so adding or removing one classifies all posts again. Writes are
called through `connectors.actions`, which checks the rights; each records an audit row in its
transaction.

The figures per topic sum the posts' own figures: a post with two topics counts in both.
"""

from __future__ import annotations

import re

import pandas as pd

from analytics import access, rates, sources, topics
from analytics.metrics import INTERACTIONS_SQL, MIN_POSTS_FOR_RATE
from analytics.store import Store


class TopicError(ValueError):
    """A correction or a word that cannot be taken; the message says why."""


# -- writes ----------------------------------------------------------------------------------


def correct(store: Store, account_key: str, post_id: str, chosen: list[str], *, actor: str) -> None:
    """The officer's topics for one post (replacing the rules' for good, also after re-imports);
    an empty choice takes the correction back, so the rules apply again."""
    unknown = [t for t in chosen if t not in topics.TOPIC_KEYS]
    if unknown:
        raise TopicError(f"Unbekannte Themen: {', '.join(unknown)}.")
    wanted = [t for t in topics.TOPIC_KEYS if t in chosen]  # display order, no repeats
    if topics.UNCLASSIFIED in wanted and len(wanted) > 1:
        wanted.remove(topics.UNCLASSIFIED)
    if not store.query_value("SELECT count(*) FROM core.mat_posts WHERE account_key = ? AND post_id = ?",
                             [account_key, post_id]):
        raise TopicError(f"Den Beitrag {post_id} gibt es nicht (mehr).")

    def write(cur) -> None:
        cur.execute("DELETE FROM core.topic_corrections WHERE account_key = ? AND post_id = ?", [account_key, post_id])
        if wanted:
            cur.execute("INSERT INTO core.topic_corrections (account_key, post_id, topics, corrected_by) "
                        "VALUES (?, ?, ?, ?)", [account_key, post_id, wanted, actor])
        access.record(cur, actor, "topic_correction", f"{account_key}/{post_id}", {"topics": wanted})

    store.write(write)


def add_word(store: Store, topic: str, term: str, *, actor: str) -> None:
    """An officer's term for a topic (notation of analytics/topics.py); all posts are classified again."""
    if topic not in topics.TOPIC_KEYS or topic == topics.UNCLASSIFIED:
        raise TopicError(f"Unbekanntes Thema „{topic}“.")
    if not (term or "").strip("*#- "):
        raise TopicError("Bitte ein Wort eingeben.")
    try:
        term = topics.normalize_term(term)
        topics.classify("", {topic: [term]})  # a term the rules cannot read is refused here
    except (ValueError, re.error):
        raise TopicError(f"„{term}“ lässt sich nicht als Suchwort lesen (Schreibweise: siehe Hilfe).") from None

    def write(cur) -> None:
        cur.execute("DELETE FROM core.topic_words WHERE topic = ? AND term = ?", [topic, term])
        cur.execute("INSERT INTO core.topic_words (topic, term, added_by) VALUES (?, ?, ?)", [topic, term, actor])
        access.record(cur, actor, "topic_word", topic, {"term": term})
        sources.classify_posts(cur)

    store.write(write)


def remove_word(store: Store, topic: str, term: str, *, actor: str) -> None:
    def write(cur) -> None:
        cur.execute("DELETE FROM core.topic_words WHERE topic = ? AND term = ?", [topic, term])
        access.record(cur, actor, "topic_word_removed", topic, {"term": term})
        sources.classify_posts(cur)

    store.write(write)


def words(store: Store) -> pd.DataFrame:
    """The officers' words: topic, term, added_by, added_at."""
    return store.query_df("SELECT topic, term, added_by, added_at FROM core.topic_words ORDER BY topic, term")


# -- reads for the pages ----------------------------------------------------------------------


def _posts_sql(rel: dict[str, str], where: str) -> str:
    """The posts `where` selects (from the copies), one row per topic, with its source:
    `mart.post_topics`' rule (an officer's correction before the rules), computed for these posts
    only — the view itself would join every post of the store first."""
    return f"""
        WITH p AS MATERIALIZED (
            SELECT p.ags, p.platform, p.account_key, p.post_id, p.published_at, p.day, p.post_type, p.message,
                   p.url, p.reach, p.views, {INTERACTIONS_SQL} AS interactions
            FROM {rel['posts']} p WHERE {where}),
        corrected AS (
            SELECT c.account_key, c.post_id, unnest(c.topics) AS topic
            FROM core.topic_corrections c SEMI JOIN p USING (account_key, post_id)),
        t AS (
            SELECT r.account_key, r.post_id, unnest({topics.mask_topics_sql('r.mask')}) AS topic, 'rule' AS source
            FROM core.mat_post_topics r SEMI JOIN p USING (account_key, post_id)
            ANTI JOIN core.topic_corrections c USING (account_key, post_id)
            UNION ALL
            SELECT account_key, post_id, topic, 'officer' FROM corrected)
        SELECT p.*, t.topic, t.source FROM p JOIN t USING (account_key, post_id)"""


def post_topics(store: Store, ags: str, start, end, platform: str | None = None) -> pd.DataFrame:
    """One row per post of the town in the period: its topics (list, display order), whether an
    officer set them, and the matched words per topic ("why")."""
    rel = sources.relations(store)
    frame = store.query_df(
        f"""SELECT account_key, post_id, any_value(platform) AS platform, any_value(published_at) AS published_at,
                   any_value(message) AS message,
                   list(topic ORDER BY array_position($order, topic)) AS topics,
                   bool_or(source = 'officer') AS corrected
            FROM ({_posts_sql(rel, "p.ags = $ags AND p.day BETWEEN $start AND $end AND ($platform IS NULL OR p.platform = $platform)")})
            GROUP BY account_key, post_id ORDER BY published_at DESC, post_id""",
        {"ags": ags, "start": start, "end": end, "platform": platform, "order": list(topics.TOPIC_KEYS)})
    # The why, by the same rules and words that gave the stored topics (for the shown posts only).
    with store.cursor() as cur:
        extra = sources.officer_words(cur)
    frame["why"] = [{} if corrected else {k: v for k, v in topics.classify(message if isinstance(message, str) else None,
                                                                        extra).items() if k in shown}
                    for message, shown, corrected in zip(frame["message"], frame["topics"], frame["corrected"], strict=True)]
    return frame


def by_topic(store: Store, ags_list: list[str], start, end, platform: str | None = None) -> pd.DataFrame:
    """Per topic and platform for these towns: posts, interactions, reach and the interaction rate
    per reach (%), with `few_posts` where fewer than MIN_POSTS_FOR_RATE posts carry the rate."""
    rel = sources.relations(store)
    frame = store.query_df(
        f"""SELECT topic, platform, count(*) AS posts, sum(interactions) AS interactions, sum(reach) AS reach,
                   count(*) FILTER (WHERE reach IS NOT NULL AND interactions IS NOT NULL) AS rate_posts,
                   sum(interactions) FILTER (WHERE reach IS NOT NULL) AS rate_interactions,
                   sum(reach) FILTER (WHERE interactions IS NOT NULL) AS rate_reach
            FROM ({_posts_sql(rel, "p.ags IN (SELECT unnest($ags)) AND p.day BETWEEN $start AND $end "
                                   "AND ($platform IS NULL OR p.platform = $platform)")})
            GROUP BY ALL""",
        {"ags": list(ags_list), "start": start, "end": end, "platform": platform})
    frame["er_reach"] = rates.percent_of(frame["rate_interactions"], frame["rate_reach"])
    frame["few_posts"] = frame["rate_posts"] < MIN_POSTS_FOR_RATE
    return _in_topic_order(frame.drop(columns=["rate_interactions", "rate_reach"]))


def totals(by_topic_platform: pd.DataFrame) -> pd.DataFrame:
    """`by_topic` summed over the platforms (the rate from the summed components)."""
    frame = by_topic_platform.copy()
    frame["rate_interactions"] = frame["er_reach"] * frame["reach"] / 100
    summed = frame.groupby("topic", as_index=False)[["posts", "interactions", "reach", "rate_posts"]].sum(min_count=1)
    components = frame.dropna(subset=["er_reach"]).groupby("topic")[["rate_interactions", "reach"]].sum()
    summed["er_reach"] = summed["topic"].map(rates.percent_of(components["rate_interactions"], components["reach"]))
    summed["few_posts"] = summed["rate_posts"] < MIN_POSTS_FOR_RATE
    return _in_topic_order(summed)


def mix(store: Store, ags: str, peer_ags: list[str], start, end, platform: str | None = None) -> pd.DataFrame:
    """The topic mix (share of posts per topic, %) of the town against its peer group's (all posts
    of the group's towns together); columns topic, town_posts, town_share, group_posts, group_share."""
    rel = sources.relations(store)
    frame = store.query_df(
        f"""WITH rows_ AS ({_posts_sql(rel, "p.ags IN (SELECT unnest($peers)) AND p.day BETWEEN $start AND $end "
                                           "AND ($platform IS NULL OR p.platform = $platform)")}),
            posts AS (SELECT count(DISTINCT account_key || '/' || post_id) FILTER (WHERE ags = $ags) AS town,
                             count(DISTINCT account_key || '/' || post_id) AS grp FROM rows_)
            SELECT topic, count(*) FILTER (WHERE ags = $ags) AS town_posts, count(*) AS group_posts,
                   100.0 * count(*) FILTER (WHERE ags = $ags) / nullif(any_value(posts.town), 0) AS town_share,
                   100.0 * count(*) / nullif(any_value(posts.grp), 0) AS group_share
            FROM rows_, posts GROUP BY topic""",
        {"ags": ags, "peers": sorted(set(peer_ags) | {ags}), "start": start, "end": end, "platform": platform})
    return _in_topic_order(frame)


def group_post_count(store: Store, ags_list: list[str], start, end, platform: str | None = None) -> int:
    """Posts of these towns in the period (each once, whatever its topics)."""
    rel = sources.relations(store)
    return int(store.query_value(
        f"SELECT count(*) FROM {rel['posts']} WHERE ags IN (SELECT unnest($ags)) AND day BETWEEN $start AND $end "
        "AND ($platform IS NULL OR platform = $platform)",
        {"ags": list(ags_list), "start": start, "end": end, "platform": platform}))


def _in_topic_order(frame: pd.DataFrame) -> pd.DataFrame:
    order = {key: i for i, key in enumerate(topics.TOPIC_KEYS)}
    return frame.sort_values("topic", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


YOUNG_GROUPS = ("13-17", "18-24")  # "under 25" in the platforms' age buckets


def youngest_channel(store: Store, ags: str, start, end) -> dict | None:
    """Of the town's channels with posts in the period, the one whose audience (latest age breakdown
    of each account, followers first) has the largest share under 25: platform, account_key, share
    (0–1); None without age data."""
    rel = sources.relations(store)
    frame = store.query_df(
        f"""WITH latest AS (
                SELECT platform, account_key, audience, age_group, sum(share) AS share
                FROM (SELECT * FROM {rel['audience']} WHERE ags = $ags
                      AND account_key IN (SELECT account_key FROM {rel['posts']}
                                          WHERE ags = $ags AND day BETWEEN $start AND $end)
                      QUALIFY as_of = max(as_of) OVER (PARTITION BY account_key, audience))
                GROUP BY ALL),
            chosen AS (  -- one breakdown per account: followers where there is one
                SELECT * FROM latest
                QUALIFY audience = first(audience ORDER BY audience <> 'followers', audience)
                                   OVER (PARTITION BY account_key))
            SELECT platform, account_key, sum(share) FILTER (WHERE age_group IN (SELECT unnest($young))) / sum(share)
                   AS share
            FROM chosen GROUP BY ALL HAVING sum(share) > 0 ORDER BY share DESC NULLS LAST, account_key LIMIT 1""",
        {"ags": ags, "young": list(YOUNG_GROUPS), "start": start, "end": end})
    if frame.empty or pd.isna(frame["share"].iloc[0]):
        return None
    return frame.iloc[0].to_dict()
