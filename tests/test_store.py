"""Store: migrations, reference data, the mart contract, locking and the newer-schema guard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analytics import store as store_module
from analytics.store import LockedDatabaseError, Store, StoreError, database_path, latest_schema_version

PROJECT = Path(__file__).resolve().parents[1]
MART_COLUMNS = {  # docs/data-model.md
    "municipalities": ["ags", "name", "kreis_ags", "kreis_name", "land_code", "population_total", "population_date"],
    "population_by_age": ["ags", "age_group", "population", "reference_date", "source"],
    "accounts": ["account_key", "platform", "account_id", "handle", "name", "ags", "url", "first_activity_date"],
    "posts": ["platform", "account_key", "ags", "post_id", "published_at", "post_type", "message", "url", "views",
              "reach", "impressions", "likes", "comments", "shares", "saves", "clicks", "video_views",
              "watch_time_seconds", "metrics_as_of"],
    "account_daily": ["platform", "account_key", "ags", "day", "followers", "followers_source", "followers_gained",
                      "followers_lost",
                      "views", "reach", "impressions", "interactions", "visits", "link_clicks", "video_views"],
    "audience": ["platform", "account_key", "ags", "as_of", "audience", "age_group", "gender", "share", "count"],
    "imports": ["import_id", "file_name", "sha256", "platform", "format", "rows", "imported_at", "imported_by",
                "status"],
    "social_media_reporting__rollup_report": ["created_timestamp", "post_id", "post_message", "page_id", "page_name",
                                              "post_url", "source_relation", "platform", "clicks", "impressions",
                                              "likes", "shares", "comments"],
    "post_topics": ["platform", "account_key", "ags", "post_id", "topic", "source"],
}


def test_fresh_database_has_every_mart_view_with_contract_columns(store):
    for view, columns in MART_COLUMNS.items():
        frame = store.query_df(f"SELECT * FROM mart.{view} LIMIT 0")
        assert list(frame.columns)[: len(columns)] == columns, view


def test_mart_views_are_empty_without_imports(store):
    for view in ("accounts", "posts", "account_daily", "audience", "imports"):
        assert store.query_value(f"SELECT count(*) FROM mart.{view}") == 0


def test_reference_data_loaded(store):
    assert store.query_value("SELECT count(*) FROM mart.municipalities") == 10773
    row = store.query_df("SELECT * FROM mart.municipalities WHERE ags = '05334004'").iloc[0]
    assert (row["name"], row["kreis_ags"], int(row["population_total"])) == ("Alsdorf, Stadt", "05334", 48518)
    assert str(row["population_date"])[:10] == "2023-12-31"


def test_population_estimate_applies_the_land_age_structure(store):
    frame = store.query_df("SELECT * FROM mart.population_by_age WHERE ags = '05334036' ORDER BY age_group")
    assert list(frame["age_group"]) == ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    assert set(frame["source"]) == {"estimate"}
    # NRW: 1,363,671 of 18,190,422 are 18-24 (shared/reference/README.md); Würselen has 38,750.
    assert int(frame.set_index("age_group").at["18-24", "population"]) == round(38750 * 1363671 / 18190422)


def test_nordkreis_peer_group_is_the_default(store):
    members = store.query_df("SELECT ags FROM core.peer_group_members WHERE group_id = 'nordkreis' ORDER BY ags")
    assert members["ags"].tolist() == ["05334004", "05334008", "05334016", "05334036"]


def test_migrations_are_idempotent(tmp_path):
    path = tmp_path / "m.duckdb"
    with Store(path) as first:
        version = first.schema_version()
        assert version == latest_schema_version()
    with Store(path) as second:
        assert second.migrate() == []
        assert second.schema_version() == version
        assert second.query_value("SELECT count(*) FROM core.schema_migrations") == len(store_module.migrations())


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.duckdb"
    with Store(path) as opened, opened.transaction() as cur:
        cur.execute("INSERT INTO core.schema_migrations VALUES (999, 'from_the_future', now())")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="Schema-Version 999"):
        Store(path)
    assert path.read_bytes() == before


def test_failed_transaction_leaves_no_trace(store):
    with pytest.raises(RuntimeError), store.transaction() as cur:
        cur.execute("INSERT INTO core.settings VALUES ('x', 'y')")
        raise RuntimeError("boom")
    assert store.get_setting("x") is None


def test_database_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BUERGERNAH_DB", str(tmp_path / "env.duckdb"))
    assert database_path() == tmp_path / "env.duckdb"
    assert database_path(tmp_path / "arg.duckdb") == tmp_path / "arg.duckdb"
    monkeypatch.delenv("BUERGERNAH_DB")
    assert database_path() == store_module.DEFAULT_DB_PATH


def test_cursors_from_many_threads(store):
    from concurrent.futures import ThreadPoolExecutor

    def count(_):
        return store.query_value("SELECT count(*) FROM mart.municipalities WHERE land_code = '05'")

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(count, range(64))) == {396}


def test_second_process_gets_one_actionable_sentence(store, tmp_path):
    """The CLI while another process holds the file for longer than it waits: a sentence, no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "connectors", "history", "--db", str(store.path)],
        cwd=PROJECT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "BUERGERNAH_LOCK_WAIT": "0.5"},
    )
    assert result.returncode == 2
    assert "von einem anderen Vorgang belegt" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_locked_error_type_in_process(tmp_path):
    path = tmp_path / "lock.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(LockedDatabaseError):
            Store(path, lock_wait=0.3)
    finally:
        holder.kill()


def test_the_cli_writes_while_the_app_runs_and_the_app_sees_it(tmp_path):
    """The app's store lets go of the file between page views: a CLI import in another process
    gets in, and the app's next query sees it without a restart."""
    db = tmp_path / "shared.duckdb"
    app = Store(db, idle_seconds=0.1)
    try:
        assert app.query_value("SELECT count(*) FROM mart.posts") == 0
        export = PROJECT / "tests" / "fixtures" / "exports" / "meta" / "Sep-01-2025_Sep-30-2025_4444.csv"
        result = subprocess.run(
            [sys.executable, "-m", "connectors", "import", "--db", str(db), "--municipality", "05334004", str(export)],
            cwd=PROJECT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert app.query_value("SELECT count(*) FROM mart.posts") == 2
        assert app.query_value("SELECT imported_by FROM mart.imports").startswith("cli:")
    finally:
        app.close()


def test_the_cli_waits_while_the_app_is_in_the_middle_of_a_page(tmp_path):
    """While the app uses the file the CLI waits for it (instead of failing), then writes."""
    db = tmp_path / "busy.duckdb"
    app = Store(db, idle_seconds=0.05)
    with app.connection():  # a page view in progress
        cli = subprocess.Popen([sys.executable, "-m", "connectors", "followers", "--db", str(db), "--account",
                                "facebook:1", "--date", "2025-09-01", "--count", "5"],
                               cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert app.query_value("SELECT count(*) FROM core.imports") == 0
    out, err = cli.communicate(timeout=120)
    assert "Das Konto „facebook:1“ gibt es nicht." in err  # it got in and answered (no lock error)
    assert "belegt" not in err
    app.close()
