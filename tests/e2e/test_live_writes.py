"""The dashboard as `make run` starts it (the catch-up after writes on) while the CLI writes to its
database file: the CLI gets in, and the next view in Chromium shows the result, without a restart."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import timedelta

from analytics.store import Store
from e2e.conftest import PROJECT, start_streamlit, stop


def cards(page) -> dict[str, str]:
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    return dict(zip(labels, page.get_by_test_id("stMetricValue").all_inner_texts(), strict=True))


def test_cli_follower_entries_show_on_the_next_view(demo_db_file, browser, tmp_path):
    db = tmp_path / "live.duckdb"
    shutil.copy(demo_db_file, db)
    with Store(db) as store:  # Baesweiler's follower total is unknown in the demo (n = 3 on Vergleich)
        end = store.query_value("SELECT max(last_day) FROM core.mat_daily_summary")
        baesweiler = store.query_value("SELECT ags FROM mart.municipalities WHERE name LIKE 'Baesweiler%'")
        keys = [k for (k,) in store.query_df("SELECT DISTINCT account_key FROM mart.account_daily WHERE ags = ?",
                                             [baesweiler]).itertuples(index=False)]
    server = start_streamlit(PROJECT / "app.py", db, tmp_path / "streamlit.log",
                             env={"BUERGERNAH_CATCH_UP_SECONDS": "0.25"})
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{server.url}/vergleich", wait_until="domcontentloaded")
        assert cards(page)["n"] == "3"
        for i, key in enumerate(keys):
            done = subprocess.run([sys.executable, "-m", "connectors", "followers", "--db", str(db), "--account", key,
                                   "--date", (end - timedelta(days=1)).isoformat(), "--count", str(2000 + i)],
                                  cwd=PROJECT, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
        page.reload(wait_until="domcontentloaded")  # the app caught up meanwhile, or this view catches up
        assert cards(page)["n"] == "4"  # Baesweiler now has a known total
        page.close()
    finally:
        stop(server)
    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert "Traceback" not in log and "Error" not in log
