"""The materialised copies behind the analytics follow the mart views after imports and undos."""

from __future__ import annotations

from datetime import date

import golden_data as golden

from analytics import benchmark, peers, sources
from conftest import raw_write


def test_copies_follow_imports_and_undo(store):
    golden.load(store)
    assert sources.relations(store)["posts"] == "core.mat_posts"
    before = benchmark.town_metrics(store, "ab", date(2026, 1, 1), date(2026, 1, 15)).set_index("ags")
    assert before.loc[golden.A, "posts"] == 2
    with raw_write(store) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (2, 'more', 'y', 1)")
        cur.execute("INSERT INTO core.post_snapshots (import_id, account_key, post_id, published_at, likes, "
                    "metrics_as_of) VALUES (2, ?, 'p9', TIMESTAMPTZ '2026-01-12 12:00:00+00', 7, DATE '2026-01-20')",
                    [golden.FB_A])
    after = benchmark.town_metrics(store, "ab", date(2026, 1, 1), date(2026, 1, 15)).set_index("ags")
    assert after.loc[golden.A, "posts"] == 3 and after.loc[golden.A, "interactions"] == 87
    with raw_write(store) as cur:
        cur.execute("UPDATE core.imports SET status = 'undone', undone_at = now() WHERE import_id = 2")
    undone = benchmark.town_metrics(store, "ab", date(2026, 1, 1), date(2026, 1, 15)).set_index("ags")
    assert undone.loc[golden.A, "posts"] == 2
    # mart views and copies agree
    assert store.query_value("SELECT count(*) FROM mart.posts") == store.query_value("SELECT count(*) FROM core.mat_posts")
    summary = sources.MART["daily_summary"]
    assert store.query_value(f"""SELECT count(*) FROM ((FROM core.mat_daily_summary EXCEPT ALL FROM {summary})
                                 UNION ALL (FROM {summary} EXCEPT ALL FROM core.mat_daily_summary))""") == 0
    assert store.query_value("SELECT count(*) FROM core.mat_daily_summary") == store.query_value(
        "SELECT count(DISTINCT account_key) FROM mart.account_daily") > 0


def test_peer_group_edits_do_not_rebuild(store):
    golden.load(store)
    sources.relations(store)
    assert not sources.refresh(store)
    peers.save_group(store, "Neu", [golden.A, golden.B], actor="test")
    assert not sources.refresh(store)


def _copies_match_views(store) -> None:
    for copy, view in (("core.mat_posts", "(SELECT * EXCLUDE (day) FROM core.mat_posts)"),
                       ("core.mat_daily", "core.mat_daily"), ("core.mat_accounts", "core.mat_accounts")):
        mart = {"core.mat_posts": "mart.posts", "core.mat_daily": "mart.account_daily",
                "core.mat_accounts": "mart.accounts"}[copy]
        assert store.query_value(f"SELECT count(*) FROM ((FROM {view} EXCEPT ALL FROM {mart}) "
                                 f"UNION ALL (FROM {mart} EXCEPT ALL FROM {view}))") == 0, copy


def test_writes_keep_the_copies_current_so_pages_never_rebuild(demo_store):
    """Import, follower entry, account move, undo and demo removal each update the copies for the
    accounts they touched in their own transaction: the page's refresh finds nothing to do."""
    from conftest import EXPORTS
    from connectors.base import ImportContext, SourceFile
    from connectors.loader import enter_followers, import_file, move_account, remove_demo_data, undo_import

    sources.refresh(demo_store)
    export = EXPORTS / "meta" / "Sep-01-2025_Sep-30-2025_4444.csv"
    _, import_id = import_file(demo_store, SourceFile(export.name, export.read_bytes()),
                               ImportContext(municipality="05334004"))
    assert not sources.refresh(demo_store)
    key = demo_store.query_value("SELECT account_key FROM mart.accounts WHERE handle = 'stadt.musterstadt'")
    enter_followers(demo_store, key, date(2025, 9, 7), 1234)
    move_account(demo_store, key, "05334008")
    assert not sources.refresh(demo_store)
    assert demo_store.query_value("SELECT ags FROM core.mat_posts WHERE account_key = ? LIMIT 1", [key]) == "05334008"
    _copies_match_views(demo_store)
    undo_import(demo_store, import_id)
    assert not sources.refresh(demo_store)
    _copies_match_views(demo_store)
    remove_demo_data(demo_store)
    assert not sources.refresh(demo_store)
    _copies_match_views(demo_store)


def test_the_refresh_reads_only_the_touched_accounts_daily_values(store):
    """The refresh asks `mart.account_daily` for one account (migration 012): the filter must reach
    the scan of core.daily_values, not a materialised CTE over every account's values."""
    golden.load(store)
    with store.cursor() as cur:
        plan = cur.execute("EXPLAIN SELECT * FROM mart.account_daily WHERE account_key IN (?)",
                           [golden.FB_A]).fetchall()[0][1]
        rows = cur.execute("SELECT count(*) FROM mart.account_daily WHERE account_key IN (?)", [golden.FB_A]).fetchone()[0]
        copied = cur.execute("SELECT count(*) FROM core.mat_daily WHERE account_key = ?", [golden.FB_A]).fetchone()[0]
    assert "CTE" not in plan
    assert rows == copied > 0


def test_every_write_logs_the_towns_it_changed(demo_store):
    """The change log (migration 014) the pages catch up with: an import names its town, a moved
    account both towns, a setting none; a write that does not say (a peer group) logs „anything“."""
    from conftest import EXPORTS
    from connectors.base import ImportContext, SourceFile
    from connectors.loader import import_file, move_account

    def logged(write) -> list[str] | None:
        seq = demo_store.query_value("SELECT coalesce(max(seq), 0) FROM core.mat_changes")
        write()
        return sources.changes_since(demo_store, seq)

    export = EXPORTS / "meta" / "Sep-01-2025_Sep-30-2025_4444.csv"
    assert logged(lambda: import_file(demo_store, SourceFile(export.name, export.read_bytes()),
                                      ImportContext(municipality="05334004"))) == ["05334004"]
    key = demo_store.query_value("SELECT account_key FROM mart.accounts WHERE handle = 'stadt.musterstadt'")
    assert logged(lambda: move_account(demo_store, key, "05334008")) == ["05334004", "05334008"]
    assert logged(lambda: demo_store.set_setting("x", "y")) == []
    assert logged(lambda: peers.save_group(demo_store, "Neu", ["05334004", "05334008"], actor="test")) is None
    # the versions the pages key on: the account register's fingerprint moved with the move, not with the setting
    seen = sources.versions(demo_store)
    demo_store.set_setting("x", "z")
    assert sources.versions(demo_store)["accounts"] == seen["accounts"]
    assert sources.changes_since(demo_store, seen["seq"], seen) == []


def test_a_log_pruned_past_a_cache_means_recompute_everything(demo_store):
    for value in "abc":
        demo_store.write(lambda cur, v=value: (cur.execute("INSERT INTO core.settings VALUES ('k' || ?, ?)", [v, v])))
    last = demo_store.query_value("SELECT max(seq) FROM core.mat_changes")
    assert sources.changes_since(demo_store, last - 2) is None  # those writes did not say what they changed
    with demo_store.transaction() as cur:
        cur.execute("DELETE FROM core.mat_changes")
        cur.execute("INSERT INTO core.mat_changes VALUES (?, '05334004')", [last + 1])
    assert sources.changes_since(demo_store, last) == ["05334004"]
    assert sources.changes_since(demo_store, last - 1) is None  # entry `last` is gone: the log no longer reaches back
