"""The materialised copies behind the analytics follow the mart views after imports and undos."""

from __future__ import annotations

from datetime import date

import golden_data as golden

from analytics import benchmark, peers, sources


def test_copies_follow_imports_and_undo(store):
    golden.load(store)
    assert sources.relations(store)["posts"] == "core.mat_posts"
    before = benchmark.town_metrics(store, "ab", date(2026, 1, 1), date(2026, 1, 15)).set_index("ags")
    assert before.loc[golden.A, "posts"] == 2
    with store.transaction() as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (2, 'more', 'y', 1)")
        cur.execute("INSERT INTO core.post_snapshots (import_id, account_key, post_id, published_at, likes, "
                    "metrics_as_of) VALUES (2, ?, 'p9', TIMESTAMPTZ '2026-01-12 12:00:00+00', 7, DATE '2026-01-20')",
                    [golden.FB_A])
    after = benchmark.town_metrics(store, "ab", date(2026, 1, 1), date(2026, 1, 15)).set_index("ags")
    assert after.loc[golden.A, "posts"] == 3 and after.loc[golden.A, "interactions"] == 87
    with store.transaction() as cur:
        cur.execute("UPDATE core.imports SET status = 'undone', undone_at = now() WHERE import_id = 2")
    undone = benchmark.town_metrics(store, "ab", date(2026, 1, 1), date(2026, 1, 15)).set_index("ags")
    assert undone.loc[golden.A, "posts"] == 2
    # mart views and copies agree
    assert store.query_value("SELECT count(*) FROM mart.posts") == store.query_value("SELECT count(*) FROM core.mat_posts")


def test_peer_group_edits_do_not_rebuild(store):
    golden.load(store)
    sources.relations(store)
    assert not sources.refresh(store)
    peers.save_group(store, "Neu", [golden.A, golden.B], actor="test")
    assert not sources.refresh(store)
