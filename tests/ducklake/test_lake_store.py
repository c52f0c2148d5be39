"""The DuckLake store on a real PostgreSQL: migrations and the `mart` contract, the same schema as the
embedded file, writes (import, follower entry, undo, account move) with the copies following, the
catalog connection's English messages, and commit conflicts that are retried, not lost."""

from __future__ import annotations

import re
import threading
from datetime import date
from pathlib import Path

import duckdb
import pytest

from analytics import sources
from analytics.access import cli_actor
from analytics.store import Store, StoreError, lake_conninfo, latest_schema_version, migration_for_lake, migrations
from connectors import actions
from connectors.base import ImportContext, SourceFile
from connectors.loader import import_file
from tests.test_store import MART_COLUMNS

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
META_POSTS = EXPORTS / "meta" / "Sep-01-2025_Sep-30-2025_4444.csv"
ALSDORF, BAESWEILER = "05334004", "05334008"


def _schema(store: Store) -> set[tuple]:
    where = " AND table_catalog = 'lake'" if store.lake else " AND table_catalog = current_database()"
    frame = store.query_df("SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns "
                           "WHERE table_schema IN ('core', 'mart')" + where)
    return set(frame.itertuples(index=False, name=None))


def _copies_match_views(store: Store) -> None:
    for copy, view in (("core.mat_posts", "mart.posts"), ("core.mat_daily", "mart.account_daily"),
                       ("core.mat_accounts", "mart.accounts")):
        columns = ", ".join(store.query_df(f"SELECT * FROM {view} LIMIT 0").columns)
        assert store.query_value(f"SELECT count(*) FROM ((SELECT {columns} FROM {copy}) EXCEPT ALL "
                                 f"(SELECT {columns} FROM {view}))") == 0, copy
        assert store.query_value(f"SELECT count(*) FROM {copy}") == store.query_value(f"SELECT count(*) FROM {view}")
    assert store.query_value("SELECT version FROM core.mat_state") == store.data_version()


def test_migrations_and_the_mart_contract(lake, tmp_path):
    with Store() as store:
        assert store.lake and store.schema_version() == latest_schema_version()
        for view, columns in MART_COLUMNS.items():
            frame = store.query_df(f"SELECT * FROM mart.{view} LIMIT 0")
            assert list(frame.columns)[: len(columns)] == columns, view
        assert store.query_value("SELECT count(*) FROM mart.municipalities") == 10773
        assert store.query_value("SELECT count(*) FROM mart.population_by_age WHERE ags = ?", [ALSDORF]) == 7
        views = store.query_df("SELECT table_name FROM information_schema.tables WHERE table_catalog = 'lake' "
                               "AND table_schema = 'mart' AND table_type = 'VIEW'")["table_name"]
        assert set(MART_COLUMNS) <= set(views)
        # the data really is in the lake: its files are Parquet under the data path
        assert list(Path(lake["data_path"]).rglob("*.parquet"))
        with Store(tmp_path / "embedded.duckdb") as embedded:
            assert _schema(store) == _schema(embedded)  # same tables, columns and types on both engines
    with Store() as again:  # a second start changes nothing
        assert again.migrate() == []


def test_migrations_need_no_sequences_or_keys_on_the_lake():
    for _, _, sql in migrations():
        adapted = re.sub(r"--[^\n]*", "", migration_for_lake(sql)).upper()  # without comments
        for missing in ("SEQUENCE", "PRIMARY KEY", "NEXTVAL", "UNIQUE", "INSERT OR", "ON CONFLICT", "RETURNING"):
            assert missing not in adapted


def test_catalog_connection_speaks_english(lake, postgres):
    if postgres.locale.startswith("de_DE"):  # the server's own default is German …
        assert postgres.psql("SHOW lc_messages").startswith("de_DE")
    else:
        pytest.skip("no German locale sources on this machine (locales package): the server runs in C")
    with Store() as store:  # … but DuckLake's catalog connection gets English messages
        assert store.query_value("SELECT * FROM postgres_query('__ducklake_metadata_lake', "
                                 "'SELECT current_setting(''lc_messages'')')") == "C"


def test_conninfo_from_url():
    info = lake_conninfo("postgresql://app:p%40ss'w@db.kreis.example:5433/buergernah?sslmode=require")
    assert info == ("host='db.kreis.example' port='5433' user='app' password='p@ss\\'w' dbname='buergernah' "
                    "sslmode='require' options='-c lc_messages=C'")


def test_a_password_stays_out_of_the_conninfo(lake, monkeypatch):
    """libpq reads it from a private passfile, so no error message that quotes the conninfo shows it."""
    monkeypatch.setenv("BUERGERNAH_DB", lake["url"].replace("buergernah@", "buergernah:s3cr%3At@"))
    with Store() as store:
        passfile = Path(store._pgpass)
        assert oct(passfile.stat().st_mode)[-3:] == "600" and passfile.read_text().endswith(":buergernah:s3cr\\:t\n")
        assert "s3cr" not in lake_conninfo(store.path, passfile=str(passfile))
        assert store.query_value("SELECT count(*) FROM mart.municipalities") == 10773
    assert not passfile.exists()


def test_missing_data_path_is_a_sentence(lake, monkeypatch):
    monkeypatch.delenv("BUERGERNAH_DATA_PATH")
    with pytest.raises(StoreError, match="BUERGERNAH_DATA_PATH"):
        Store()


def test_wrong_password_never_shows(lake, monkeypatch):
    from conftest import free_port

    url = lake["url"].replace("buergernah@", "buergernah:geheim123@")
    monkeypatch.setenv("BUERGERNAH_DB", re.sub(r":\d+/", f":{free_port()}/", url))  # no server on that port
    with pytest.raises(StoreError) as raised:
        Store()
    assert "geheim123" not in str(raised.value) and "DuckLake" in str(raised.value)


def test_import_follower_entry_undo_and_move(lake):
    actor = cli_actor()
    with Store() as store:
        plan, first = import_file(store, SourceFile(META_POSTS.name, META_POSTS.read_bytes()),
                                  ImportContext(municipality=ALSDORF))
        assert first == 1 and store.query_value("SELECT count(*) FROM mart.posts") == 2
        _, again = import_file(store, SourceFile(META_POSTS.name, META_POSTS.read_bytes()),
                               ImportContext(municipality=ALSDORF))
        assert again is None  # the same bytes twice change nothing
        key = store.query_value("SELECT account_key FROM mart.accounts")
        entry = actions.enter_followers(store, actor, key, date(2025, 9, 30), 1234)
        assert entry == 2
        row = store.query_df("SELECT followers, followers_source FROM mart.account_daily WHERE account_key = ? "
                             "AND day = DATE '2025-09-30'", [key]).iloc[0]
        assert (row["followers"], row["followers_source"]) == (1234, "entered")
        _copies_match_views(store)
        assert sources.relations(store)["posts"] == "core.mat_posts"

        actions.move_account(store, actor, key, BAESWEILER)
        assert set(store.query_df("SELECT ags FROM core.mat_posts")["ags"]) == {BAESWEILER}
        _copies_match_views(store)

        actions.undo(store, actor, entry)
        assert store.query_value("SELECT count(*) FROM mart.account_daily") == 0
        actions.undo(store, actor, first)
        assert store.query_value("SELECT count(*) FROM mart.posts") == 0
        assert store.query_value("SELECT count(*) FROM core.accounts") == 0  # left with its imports
        _copies_match_views(store)
        assert store.query_df("SELECT status FROM mart.imports ORDER BY import_id")["status"].tolist() == \
            ["undone", "undone"]
        audit = store.query_df("SELECT audit_id, action FROM core.audit ORDER BY audit_id")
        assert audit["action"].tolist() == ["import", "enter_followers", "move_account", "undo", "undo"]
        assert audit["audit_id"].tolist() == [1, 2, 3, 4, 5]
        # settings and roles are upserts (DELETE + INSERT), not INSERT OR REPLACE
        actions.set_setting(store, actor, "x", "1")
        actions.set_setting(store, actor, "x", "2")
        assert store.get_setting("x") == "2"
        actions.assign_role(store, actor, "a@kreis.example", "council")
        actions.assign_role(store, actor, "a@kreis.example", "council")
        assert store.query_value("SELECT count(*) FROM core.role_assignments") == 1


def test_a_conflicting_commit_is_run_again(lake):
    """Two processes (here: two stores, each with its own DuckDB) take an import id at once: the
    later commit conflicts and its whole body runs again, so the ids stay unique."""
    from analytics.store import next_id

    with Store() as first, Store() as second:
        runs = []

        def body(cur):
            runs.append(1)
            taken = next_id(cur, "import")
            if len(runs) == 1:  # meanwhile the other process takes an id and commits
                assert second.write(lambda other: next_id(other, "import")) == taken
            cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (?, 'f', 's', 0)",
                        [taken])
            return taken

        assert first.write(body) == 2
        assert len(runs) == 2
        # without the retry it would have been an error (the conflict DuckLake detects)
        with pytest.raises(duckdb.TransactionException, match="onflict"), first.transaction() as cur:
            next_id(cur, "import")
            second.write(lambda other: next_id(other, "import"))


def test_several_processes_start_on_an_empty_lake_at_once(lake):
    """Migrations and the reference data are applied once even when several stores start together."""
    stores, errors = [], []

    def start():
        try:
            stores.append(Store())
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    try:
        assert not errors
        store = stores[0]
        assert store.query_value("SELECT count(*) FROM core.schema_migrations") == len(migrations())
        assert store.query_value("SELECT count(*) FROM core.municipalities") == 10773
        assert store.query_value("SELECT count(*) FROM core.id_counters") == 4
    finally:
        for store in stores:
            store.close()
