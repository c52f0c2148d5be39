"""The DuckDB store: one read-write connection per process, a cursor per query, serialised writes.

Nothing here imports Streamlit; the app caches one `Store` with `st.cache_resource`, the CLI opens
its own for the length of a command. Schema changes are versioned SQL files in `migrations/`,
applied in order at start-up.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_DIR / "data" / "buergernah.duckdb"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


class StoreError(RuntimeError):
    """A problem with the database that the user can act on; the message says how."""


class LockedDatabaseError(StoreError):
    """Another process (usually the running dashboard) holds the database file."""


def database_path(path: str | os.PathLike | None = None) -> Path:
    """`path` if given, else `$BUERGERNAH_DB`, else `data/buergernah.duckdb`."""
    chosen = path or os.environ.get("BUERGERNAH_DB") or DEFAULT_DB_PATH
    return Path(chosen).expanduser()


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file, in version order."""
    found = []
    for file in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(file.name)
        if match:
            found.append((int(match.group(1)), match.group(2), file.read_text(encoding="utf-8")))
    return found


def latest_schema_version() -> int:
    return max(version for version, _, _ in migrations())


class Store:
    """A migrated DuckDB database. Share one per process; every query takes its own cursor.

    DuckDB lets one process at a time open a database file for writing (its documented
    concurrency model). So that the dashboard, the CLI and scheduled jobs can share one file, a
    `Store` holds its connection only while it is used: `idle_seconds=None` (the CLI, tests) keeps
    it until `close()`; the app passes a short idle time, so the file is free between page views.
    Whoever finds the file taken waits (`lock_wait` seconds, retrying) before giving up with
    `LockedDatabaseError`. A connection opened later sees everything committed before.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False,
                 idle_seconds: float | None = None, lock_wait: float | None = None):
        self.path = database_path(path)
        self.read_only = read_only
        self.idle_seconds = idle_seconds
        self.lock_wait = float(os.environ.get("BUERGERNAH_LOCK_WAIT", "30")) if lock_wait is None else lock_wait
        self._write_lock = threading.RLock()
        self._state = threading.Lock()  # guards the fields below
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._timer: threading.Timer | None = None
        self._checked = False
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connection():  # open once now: migrate, and fail early with a clear message
            pass

    # -- connection handling -------------------------------------------------------------
    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting while another process holds it."""
        deadline = time.monotonic() + self.lock_wait
        pause = 0.05
        while True:
            try:
                conn = duckdb.connect(str(self.path), read_only=self.read_only)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreError(f"Die Datenbank {self.path} lässt sich nicht öffnen: {exc}") from None
                if time.monotonic() >= deadline:
                    raise LockedDatabaseError(
                        f"Die Datenbank {self.path} ist seit {self.lock_wait:.0f} s von einem anderen Vorgang "
                        "belegt (einem Import oder Abruf); bitte versuchen Sie es gleich noch einmal "
                        "(Wartezeit: BUERGERNAH_LOCK_WAIT)."
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.5)
        conn.execute("SET TimeZone = 'UTC'")
        return conn

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The open connection for the length of the block (opened if needed)."""
        with self._state:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._conn is None:
                self._conn = self._connect()
            self._users += 1
        try:
            if not self._checked:
                self._checked = True
                if not self.read_only:
                    self.migrate()
                elif self.schema_version() > latest_schema_version():
                    self._refuse_newer()
            yield self._conn
        finally:
            with self._state:
                self._users -= 1
                if self._users == 0 and self.idle_seconds is not None:
                    self._timer = threading.Timer(self.idle_seconds, self._close_if_idle)
                    self._timer.daemon = True
                    self._timer.start()

    def _close_if_idle(self) -> None:
        with self._state:
            if self._users == 0 and self._conn is not None:
                self._conn.close()
                self._conn = None
            self._timer = None

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the shared connection, closed afterwards. Safe to use from any thread."""
        with self.connection() as conn:
            cur = conn.cursor()
            try:
                cur.execute("SET TimeZone = 'UTC'")
                yield cur
            finally:
                cur.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside one transaction; writes are serialised across threads.

        Everything done with the cursor is committed together when the block ends, or rolled back
        when it raises: a rejected import leaves no trace.
        """
        if self.read_only:
            raise StoreError(f"Die Datenbank {self.path} ist schreibgeschützt geöffnet.")
        with self._write_lock, self.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                cur.execute("ROLLBACK")
                raise
            cur.execute("COMMIT")

    def query_df(self, sql: str, params: list | dict | None = None) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(sql, params or []).df()

    def query_value(self, sql: str, params: list | dict | None = None):
        with self.cursor() as cur:
            row = cur.execute(sql, params or []).fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        with self._state:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- migrations ----------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.cursor() as cur:
            exists = cur.execute(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = 'core' AND table_name = 'schema_migrations'"
            ).fetchone()[0]
            if not exists:
                return 0
            return cur.execute("SELECT coalesce(max(version), 0) FROM core.schema_migrations").fetchone()[0]

    def _refuse_newer(self) -> None:
        raise StoreError(
            f"Die Datenbank {self.path} hat Schema-Version {self.schema_version()}, diese Bürgernah-"
            f"Version kennt nur bis {latest_schema_version()}. Aktualisieren Sie Bürgernah; "
            "die Datenbank wurde nicht verändert."
        )

    def migrate(self) -> list[int]:
        """Apply every migration newer than the database, each in its own transaction."""
        current = self.schema_version()
        if current > latest_schema_version():
            self._refuse_newer()
        applied = []
        for version, name, sql in migrations():
            if version <= current:
                continue
            with self.transaction() as cur:
                cur.execute("CREATE SCHEMA IF NOT EXISTS core")
                cur.execute(
                    "CREATE TABLE IF NOT EXISTS core.schema_migrations "
                    "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
                )
                cur.execute(sql)
                cur.execute(
                    "INSERT INTO core.schema_migrations VALUES (?, ?, now())", [version, name]
                )
            applied.append(version)
        if applied:
            from analytics import reference  # late import: reference data needs the tables

            reference.ensure_loaded(self)
        return applied

    # -- small helpers used across analytics and connectors ------------------------------
    def data_version(self) -> str:
        """Changes whenever imported data changes; page caches key on it."""
        with self.cursor() as cur:
            row = cur.execute(
                "SELECT count(*), coalesce(max(import_id), 0), "
                "coalesce(max(epoch(coalesce(undone_at, imported_at))), 0) FROM core.imports"
            ).fetchone()
            groups = cur.execute("SELECT count(*) FROM core.peer_group_members").fetchone()[0]
            moves = cur.execute("SELECT count(*) FROM core.audit").fetchone()[0]
        return f"{row[0]}-{row[1]}-{row[2]}-{groups}-{moves}"

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        value = self.query_value("SELECT value FROM core.settings WHERE key = ?", [key])
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as cur:
            cur.execute(
                "INSERT OR REPLACE INTO core.settings (key, value) VALUES (?, ?)", [key, value]
            )


def open_store(path: str | os.PathLike | None = None, *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
