"""Which relations the analytics queries read.

The public `mart` views are the contract; for speed at state-wide scale the analytics read
materialised copies of the expensive ones (`core.mat_*`, migration 003). Every write brings them
up to date for the accounts it touched, in its own transaction (`refresh_accounts`); a full
rebuild happens only when they do not match the data (after a migration). Until a store has them
(or when it is opened read-only) the views are used.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analytics import topics
from analytics.store import DATA_VERSION_SQL, Store, changed_towns

if TYPE_CHECKING:  # pyarrow is imported where masks are joined: a page's first paint does without it
    import pyarrow as pa

# Per account with a daily series: first and last day, the follower total on the last day.
DAILY_SUMMARY = """SELECT account_key, min(day) AS first_day, max(day) AS last_day,
           arg_max_null(followers, day) AS followers, arg_max_null(followers_source, day) AS followers_source
    FROM {daily} WHERE {where} GROUP BY account_key"""
MART = {"posts": "mart.posts", "daily": "mart.account_daily", "accounts": "mart.accounts",
        "audience": "mart.audience", "municipalities": "mart.municipalities",
        "population": "mart.population_by_age",
        "daily_summary": "(" + DAILY_SUMMARY.format(daily="mart.account_daily", where="true") + ")"}
_lock = threading.Lock()


def _has_mat(store: Store) -> bool:
    return bool(store.query_value(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'core' AND table_name = 'mat_state'"))


# (copy, how to fill it for the accounts `{where}` selects, the order of a full build: zone maps).
# In this order: the accounts' copy is derived from the two before it — the same formula as
# `mart.accounts` (001), which reads the views; tests/analytics/test_sources.py checks they agree.
_COPIES = [
    ("core.mat_posts", "SELECT *, CAST(timezone('Europe/Berlin', published_at) AS DATE) AS day FROM mart.posts "
                       "WHERE {where}", "ags, day"),
    ("core.mat_daily", "SELECT * FROM mart.account_daily WHERE {where}", "ags, account_key, day"),
    ("core.mat_daily_summary", DAILY_SUMMARY.format(daily="core.mat_daily", where="{where}"), "account_key"),
    ("core.mat_accounts", """
        WITH first_post AS (SELECT account_key, min(day) AS day FROM core.mat_posts WHERE {where} GROUP BY ALL),
        first_daily AS (
            SELECT account_key, min(day) AS day FROM core.mat_daily
            WHERE {where} AND coalesce(followers_gained, 0) + coalesce(views, 0) + coalesce(interactions, 0) > 0
            GROUP BY ALL)
        SELECT a.account_key, a.platform, a.account_id, a.handle, a.name, a.ags, a.url,
               least(fp.day, fd.day) AS first_activity_date
        FROM core.accounts a LEFT JOIN first_post fp USING (account_key) LEFT JOIN first_daily fd USING (account_key)
        WHERE {where}""", "account_key"),
]


def refresh_accounts(cur, account_keys, known: KnownMasksSource | None = None) -> None:
    """Bring the copies up to date for the accounts a write touched, with the writing transaction's
    cursor (so pages never rebuild after an import or undo). The work grows with the accounts
    touched, not with the store. Copies that are not current yet (a fresh migration) are rebuilt.
    `known`: topic masks computed outside the write (`classify_posts`)."""
    keys = sorted(set(account_keys))
    if cur.execute("SELECT count(*) FROM core.mat_state").fetchone()[0] == 0:
        for table, select, order in _COPIES:
            cur.execute(f"DELETE FROM {table}")
            cur.execute(f"INSERT INTO {table} {select.format(where='true')} ORDER BY {order}")
        classify_posts(cur)
        changed_towns([None])
    elif keys:
        # A literal list (`IN (?, ?)`), not a subquery: DuckDB pushes it into the views' scans and
        # window partitions, so only these accounts' rows are computed.
        where = f"account_key IN ({', '.join('?' * len(keys))})"
        # the towns the accounts belonged to before the write and belong to now (a moved account: both)
        changed_towns(ags for (ags,) in cur.execute(
            f"SELECT ags FROM core.mat_accounts WHERE {where} UNION SELECT ags FROM core.accounts WHERE {where}",
            keys * 2).fetchall())
        for table, select, _ in _COPIES:
            cur.execute(f"DELETE FROM {table} WHERE {where}", keys)
            cur.execute(f"INSERT INTO {table} {select.format(where=where)}", keys * select.count("{where}"))
        classify_posts(cur, keys, known)
    _stamp(cur)


def officer_words(cur) -> dict[str, list[str]]:
    """The officers' words per topic (core.topic_words) that the rules can read: a stored word a
    later rule version cannot read is left out, not a failed import."""
    extra: dict[str, list[str]] = {}
    for topic, term in cur.execute("SELECT topic, term FROM core.topic_words ORDER BY topic, term").fetchall():
        try:
            topics.classify("", {topic: [term]})
        except ValueError:
            continue
        extra.setdefault(topic, []).append(term)
    return extra


@dataclass(frozen=True)
class KnownMasks:
    """Topic masks computed outside a write (connectors/spool.py classifies a large file's posts
    while it is read): `masks` has one row per `post_id` and `message_hash` (`message_hash_sql`)
    with its `mask` (analytics/topics.py `masks_sql`). They hold for the posts whose message is
    unchanged, as long as the officers' words are still `words`."""

    words: dict[str, list[str]]
    masks: pa.Table


# Called by the write when it needs them (so it can go on meanwhile): known masks per account key.
KnownMasksSource = Callable[[], dict[str, KnownMasks]]


def message_hash_sql(message: str) -> str:
    """SQL for a message's hash in `KnownMasks` (63 bits: a BIGINT, which Arrow filters take)."""
    return f"(hash(coalesce({message}, '')) >> 1)::BIGINT"


def classify_posts(cur, account_keys: list[str] | None = None, known: KnownMasksSource | None = None) -> None:
    """The rules' topics of the posts of these accounts (all posts: None) into core.mat_post_topics
    (a mask per post), with the officers' words (`officer_words`); one set-based pass
    (analytics/topics.py). `known`: masks computed outside the write, asked for only now; only
    the posts they do not cover are classified here."""
    import pyarrow as pa

    where = "true" if account_keys is None else f"p.account_key IN ({', '.join(map(sql_text, account_keys))})"
    cur.execute(f"DELETE FROM core.mat_post_topics p WHERE {where}")
    words = officer_words(cur)
    none = pa.table({"post_id": pa.array([], pa.string()), "message_hash": pa.array([], pa.int64()),
                     "mask": pa.array([], pa.int16()), "account_key": pa.array([], pa.string())})
    usable = [masks.masks.append_column("account_key", pa.repeat(pa.scalar(key, pa.string()), masks.masks.num_rows))
              for key, masks in (known() if known else {}).items() if masks.words == words]
    match = f"k.account_key = p.account_key AND k.post_id = p.post_id AND k.message_hash = {message_hash_sql('p.message')}"
    unknown = topics.masks_sql("(SELECT post_key, message FROM _joined WHERE mask IS NULL)", words)
    cur.register("_known", pa.concat_tables([none, *usable], promote_options="permissive"))
    try:
        # _joined is a copy because DuckDB scans the rows a transaction wrote on one thread, a copy
        # on all; it keeps only the messages the known masks do not cover
        cur.execute(f"""
            INSERT INTO core.mat_post_topics
            WITH _joined AS MATERIALIZED (
                SELECT {{'account_key': p.account_key, 'post_id': p.post_id}} AS post_key, k.mask,
                       CASE WHEN k.mask IS NULL THEN p.message END AS message
                FROM core.mat_posts p LEFT JOIN _known k ON {match} WHERE {where})
            SELECT post_key.account_key, post_key.post_id, mask
            FROM (SELECT post_key, mask FROM _joined WHERE mask IS NOT NULL UNION ALL ({unknown}))""")
    finally:
        cur.unregister("_known")


def sql_text(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _stamp(cur) -> None:
    cur.execute("DELETE FROM core.mat_state")
    cur.execute(f"INSERT INTO core.mat_state VALUES (({DATA_VERSION_SQL}), now())")


def refresh(store: Store, *, force: bool = False) -> bool:
    """Rebuild the copies in full if they do not match the data (only after a migration or a write
    by an older Bürgernah; writes keep them current with `refresh_accounts`); True if rebuilt."""
    if store.read_only or not _has_mat(store):
        return False
    with _lock:
        if not force and store.query_value("SELECT version FROM core.mat_state") == store.data_version():
            return False

        def rebuild(cur) -> bool:
            # checked again inside the write: another process may have rebuilt them meanwhile
            if not force and cur.execute(f"SELECT (SELECT max(version) FROM core.mat_state) = ({DATA_VERSION_SQL})"
                                         ).fetchone()[0]:
                return False
            cur.execute("DELETE FROM core.mat_state")
            refresh_accounts(cur, [])
            return True

        return store.write(rebuild)


def cache_scope(scope: str, order: tuple[str, ...] = ()):
    """Marks an analytics function with what its result depends on, for the pages' caches
    (ui/state.py `query`); unmarked functions depend on any data ("data"):

    - "towns": which towns have accounts (and the peer groups, the reference);
    - "accounts": the account register (key, town, platform);
    - "per_town": one row per town (column `ags`), each from that town's data only. The function
      takes `towns=` (a list of AGS; None: all) and the cache recomputes only the towns a write
      changed (`core.mat_changes`), then orders the rows by `order` as the function does.
    """
    def mark(fn):
        fn.cache_scope, fn.cache_order = scope, list(order)
        return fn
    return mark


RECENT_CHANGES = 64  # log entries `versions` brings along, so that catching up needs no query of its own


def versions(store: Store) -> dict:
    """What the pages' caches key on, in one query: `data` (every write that changes data),
    `seq` (the change log's last entry), per scope of `cache_scope` a fingerprint that changes
    exactly when what such a function reads does (a write that may have changed anything moves
    `everything`, which is part of each), and the log's last entries (`recent`, for
    `changes_since`)."""
    if store.read_only or not _has_changes(store):  # a store without the log (read-only, older)
        data = store.data_version()
        return {"data": data, "seq": None, "towns": data, "accounts": data}
    with store.cursor() as cur:
        data, seq, everything, towns, accounts, recent = cur.execute(f"""
            WITH log AS (SELECT seq, ags FROM core.mat_changes)
            SELECT ({DATA_VERSION_SQL}),
                   (SELECT coalesce(max(seq), 0) FROM log),
                   (SELECT coalesce(max(seq), 0) FROM log WHERE ags IS NULL),
                   (SELECT coalesce(sum(hash(ags)), 0) FROM (SELECT DISTINCT ags FROM core.accounts)),
                   (SELECT coalesce(sum(hash(account_key, ags, platform)), 0) FROM core.accounts),
                   (SELECT list(struct_pack(seq, ags)) FROM log WHERE seq > (SELECT max(seq) FROM log) - {RECENT_CHANGES})
            """).fetchone()
    return {"data": str(data), "seq": int(seq), "towns": f"{everything}-{towns}",
            "accounts": f"{everything}-{accounts}", "recent": [(r["seq"], r["ags"]) for r in recent or []]}


def changes_since(store: Store, seq: int, known: dict | None = None) -> list[str] | None:
    """The towns whose data changed after log entry `seq`; None when anything may have changed
    (or the log no longer reaches back that far). From `known` (`versions()`) when its recent
    entries reach back far enough, else from the log."""
    recent = (known or {}).get("recent") or []
    if recent and min(s for s, _ in recent) <= seq + 1:
        later = [ags for s, ags in recent if s > seq]
        return None if None in later else sorted(set(later))
    with store.cursor() as cur:
        first, everything, towns = cur.execute(
            """SELECT min(seq), bool_or(ags IS NULL) FILTER (WHERE seq > $seq),
                      list(DISTINCT ags ORDER BY ags) FILTER (WHERE seq > $seq AND ags IS NOT NULL)
               FROM core.mat_changes""", {"seq": seq}).fetchone()
    if everything or (first is not None and first > seq + 1):  # seqs are dense: a gap was pruned
        return None
    return list(towns or [])


_logged: weakref.WeakSet[Store] = weakref.WeakSet()  # stores known to have the change log (it stays)


def _has_changes(store: Store) -> bool:
    if store not in _logged and store.query_value(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'core' AND table_name = 'mat_changes'"):
        _logged.add(store)
    return store in _logged


def relations(store: Store) -> dict[str, str]:
    """Names to put into the queries: `{posts}` has an extra column `day` (publish day, Berlin).
    Only reads: the copies are current after every write and checked when the store opens."""
    if store.read_only or not _has_mat(store):
        rel = dict(MART)
        rel["posts"] = ("(SELECT *, CAST(timezone('Europe/Berlin', published_at) AS DATE) AS day "
                        "FROM mart.posts)")
        return rel
    return {**MART, "posts": "core.mat_posts", "daily": "core.mat_daily", "accounts": "core.mat_accounts",
            "daily_summary": "core.mat_daily_summary"}
