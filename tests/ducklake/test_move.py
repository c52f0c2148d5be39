"""`python -m connectors move-to-ducklake`: an embedded database moves into an empty DuckLake with
its ids, history, audit and figures; the lake's `mart` views (from the migrations) show the same."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from analytics.access import cli_actor
from analytics.store import Store
from connectors import actions
from connectors.base import ImportContext, SourceFile
from connectors.loader import import_file
from tests.ducklake.conftest import PROJECT, cli_env
from tests.ducklake.test_lake_store import ALSDORF, META_POSTS, _copies_match_views

VIEWS = ["mart.imports", "mart.accounts", "mart.posts", "mart.account_daily", "mart.audience",
         "mart.population_by_age", "mart.social_media_reporting__rollup_report"]


def _frames(store: Store) -> dict:
    frames = {}
    for view in VIEWS:
        frame = store.query_df(f"SELECT * FROM {view}")
        frames[view] = frame.sort_values(list(frame.columns)[:4]).reset_index(drop=True)
    frames["audit"] = store.query_df("SELECT audit_id, actor, action, target FROM core.audit ORDER BY audit_id")
    return frames


def test_move_an_embedded_database_to_ducklake(lake, tmp_path, monkeypatch):
    db = tmp_path / "embedded.duckdb"
    with Store(db) as embedded:
        _, first = import_file(embedded, SourceFile(META_POSTS.name, META_POSTS.read_bytes()),
                               ImportContext(municipality=ALSDORF))
        key = embedded.query_value("SELECT account_key FROM core.accounts")
        actions.enter_followers(embedded, cli_actor(), key, date(2025, 9, 30), 777)
        undone = actions.enter_followers(embedded, cli_actor(), key, date(2025, 9, 29), 700)
        actions.undo(embedded, cli_actor(), undone)
        actions.set_setting(embedded, cli_actor(), "demo_removed", "true")
        before = _frames(embedded)
    monkeypatch.delenv("BUERGERNAH_DB")  # the command takes the target from --to

    done = subprocess.run([sys.executable, "-m", "connectors", "move-to-ducklake", "--db", str(db),
                           "--to", lake["url"], "--data-path", lake["data_path"]],
                          cwd=PROJECT, env={**cli_env(lake), "BUERGERNAH_DB": ""}, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "core.post_snapshots" in done.stdout and "Fertig" in done.stdout

    with Store(lake["url"]) as moved:
        after = _frames(moved)
        for name, frame in before.items():
            assert frame.astype(str).equals(after[name].astype(str)), name
        _copies_match_views(moved)
        assert moved.get_setting("demo_removed") == "true"
        # ids go on where the file stopped
        entry = actions.enter_followers(moved, cli_actor(), key, date(2025, 9, 28), 650)
        assert entry == undone + 1
        assert moved.query_value("SELECT max(audit_id) FROM core.audit") == len(before["audit"]) + 1

    # a second move into the same (no longer empty) lake is refused, nothing changes
    again = subprocess.run([sys.executable, "-m", "connectors", "move-to-ducklake", "--db", str(db),
                            "--to", lake["url"], "--data-path", lake["data_path"]],
                           cwd=PROJECT, env={**cli_env(lake), "BUERGERNAH_DB": ""}, capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 2 and "enthält schon Daten" in again.stderr
    assert first == 1
