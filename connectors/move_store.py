"""Moving an embedded database to DuckLake (`python -m connectors move-to-ducklake`).

The file is first brought to the current schema (like any start), the lake is created and migrated
by the same migrations (so its `mart` views come from them, not from the file), then every `core`
table is copied as it is — ids, import history, audit, settings, schedules and the materialised
copies included — in one transaction: the lake has all of it or nothing. The lake must be empty
(no imports, accounts or audit rows); the file is only read and stays as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from analytics.store import Store, StoreError, is_lake_url

SOURCE = "move_source"


def move_to_ducklake(db: str | os.PathLike, url: str, data_path: str | None) -> dict[str, int]:
    """Copy the embedded database `db` into the empty DuckLake at `url`; rows per core table."""
    source = Path(db).expanduser()
    if is_lake_url(str(db)) or not source.is_file():
        raise StoreError(f"Die Datenbankdatei {db} gibt es nicht.")
    if not is_lake_url(url):
        raise StoreError(f"Ziel {url}: erwartet wird postgresql://benutzer@host:port/datenbank.")
    with Store(source) as embedded:  # migrated to this version first, like any start
        tables = _core_tables(embedded)
        counts = {t: embedded.query_value(f"SELECT count(*) FROM core.{t}") for t in tables}
    with Store(url, data_path=data_path) as lake:
        used = lake.query_value("SELECT (SELECT count(*) FROM core.imports) + (SELECT count(*) FROM core.accounts) "
                                "+ (SELECT count(*) FROM core.audit)")
        if used:
            raise StoreError(f"Der DuckLake-Katalog {lake.label} enthält schon Daten; bitte in einen leeren umziehen.")
        missing = sorted(set(tables) - set(_core_tables(lake)))
        if missing:
            raise StoreError(f"Die Datei hat Tabellen, die der Katalog nicht kennt: {', '.join(missing)}.")
        with lake.connection() as conn:
            path = str(source.resolve()).replace("'", "''")
            conn.execute(f"ATTACH '{path}' AS {SOURCE} (READ_ONLY)")
        try:
            def copy(cur) -> None:
                for table in tables:
                    cur.execute(f"DELETE FROM core.{table}")
                    cur.execute(f"INSERT INTO core.{table} BY NAME SELECT * FROM {SOURCE}.core.{table}")

            lake.write(copy, serialize=False)  # the lake is new: nobody else writes yet
        finally:
            with lake.connection() as conn:
                conn.execute(f"DETACH {SOURCE}")
        moved = {t: lake.query_value(f"SELECT count(*) FROM core.{t}") for t in tables}
    if moved != counts:
        raise StoreError(f"Nach dem Umzug stimmen die Zeilenzahlen nicht: {moved} statt {counts}.")
    return moved


def _core_tables(store: Store) -> list[str]:
    catalog = "'lake'" if store.lake else "current_database()"
    return store.query_df(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'core' AND table_type = 'BASE TABLE' "
        f"AND table_catalog = {catalog} AND table_name <> 'schema_migrations' ORDER BY table_name")["table_name"].tolist()
