"""Which relations the analytics queries read.

The public `mart` views are the contract; for speed at state-wide scale the analytics read
materialised copies of the expensive ones (`core.mat_*`, migration 002), rebuilt when the data
version changes. Until a store has them (or when it is opened read-only) the views are used.
"""

from __future__ import annotations

import threading

from analytics.store import Store

MART = {"posts": "mart.posts", "daily": "mart.account_daily", "accounts": "mart.accounts",
        "audience": "mart.audience", "municipalities": "mart.municipalities",
        "population": "mart.population_by_age"}
_lock = threading.Lock()


def _has_mat(store: Store) -> bool:
    return bool(store.query_value(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'core' AND table_name = 'mat_state'"))


def imports_version(store: Store) -> str:
    """Changes whenever an import is added or undone or an account moves to another town
    (peer-group edits do not rebuild the copies)."""
    return str(store.query_value(
        "SELECT count(*) || '-' || coalesce(max(import_id), 0) || '-' || "
        "coalesce(max(epoch(coalesce(undone_at, imported_at))), 0) || '-' || count(*) FILTER (WHERE status = 'undone') "
        "|| '-' || (SELECT count(*) FROM core.audit WHERE action = 'move_account') FROM core.imports"))


def refresh(store: Store, *, force: bool = False) -> bool:
    """Rebuild the materialised copies if the data changed since the last build; True if rebuilt."""
    if store.read_only or not _has_mat(store):
        return False
    with _lock:
        version = imports_version(store)
        if not force and store.query_value("SELECT version FROM core.mat_state") == version:
            return False
        with store.transaction() as cur:
            cur.execute("DELETE FROM core.mat_posts")
            cur.execute(
                """INSERT INTO core.mat_posts
                   SELECT *, CAST(timezone('Europe/Berlin', published_at) AS DATE) AS day FROM mart.posts
                   ORDER BY ags, day""")
            cur.execute("DELETE FROM core.mat_daily")
            cur.execute("INSERT INTO core.mat_daily SELECT * FROM mart.account_daily ORDER BY account_key, day")
            cur.execute("DELETE FROM core.mat_accounts")
            cur.execute("INSERT INTO core.mat_accounts SELECT * FROM mart.accounts")
            cur.execute("DELETE FROM core.mat_state")
            cur.execute("INSERT INTO core.mat_state VALUES (?, now())", [version])
        return True


def relations(store: Store) -> dict[str, str]:
    """Names to put into the queries: `{posts}` has an extra column `day` (publish day, Berlin)."""
    if store.read_only or not _has_mat(store):
        rel = dict(MART)
        rel["posts"] = ("(SELECT *, CAST(timezone('Europe/Berlin', published_at) AS DATE) AS day "
                        "FROM mart.posts)")
        return rel
    refresh(store)
    return {**MART, "posts": "core.mat_posts", "daily": "core.mat_daily", "accounts": "core.mat_accounts"}
