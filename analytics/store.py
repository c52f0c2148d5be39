"""The DuckDB store: one read-write connection per process, a cursor per query, serialised writes.

Nothing here imports Streamlit; the app caches one `Store` with `st.cache_resource`, the CLI opens
its own for the length of a command. Schema changes are versioned SQL files in `migrations/`,
applied in order at start-up.

Two engines, one schema and one code path:

* **embedded** (default): a DuckDB file (`data/buergernah.duckdb`, `BUERGERNAH_DB`, `--db`); one
  process writes at a time, the others wait for the file (see `Store`).
* **DuckLake** (scale-out): `BUERGERNAH_DB=postgresql://user@host:port/dbname` with
  `BUERGERNAH_DATA_PATH` (a directory or an S3-compatible URL). An in-memory DuckDB loads the
  `ducklake` and `postgres_scanner` extensions from their PyPI wheels (no download), attaches the
  lake with a PostgreSQL catalog and Parquet data, and `USE`s it. Several processes may read and
  write at once; a write that loses a commit race to another process is re-run (`Store.write`).

Every write goes through `Store.write(body)`: `body(cursor)` runs inside one transaction and is
run again from the start when the commit conflicts with another writer's (DuckLake's optimistic
concurrency), so bodies only touch the database. Ids are made by the application inside the
writing transaction (`next_id`), upserts are DELETE + INSERT: DuckLake has no sequences, PRIMARY
KEY/UNIQUE constraints, `INSERT OR REPLACE` or `RETURNING`.
"""

from __future__ import annotations

import contextvars
import logging
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib import util as importlib_util
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit

import duckdb

if TYPE_CHECKING:  # DuckDB imports pandas when a query asks for a DataFrame: the app starts without it
    import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_DIR / "data" / "buergernah.duckdb"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_LAKE_URL = re.compile(r"^postgres(ql)?://", re.IGNORECASE)
LAKE_ALIAS = "lake"
log = logging.getLogger("buergernah.store")
T = TypeVar("T")


class StoreError(RuntimeError):
    """A problem with the database that the user can act on; the message says how."""


class LockedDatabaseError(StoreError):
    """Another process (usually the running dashboard) holds the database file."""


def is_lake_url(value: object) -> bool:
    """True for a `postgresql://…` (or `postgres://…`) database setting: the DuckLake store."""
    return isinstance(value, str) and bool(_LAKE_URL.match(value.strip()))


def database_path(path: str | os.PathLike | None = None) -> Path | str:
    """`path` if given, else `$BUERGERNAH_DB`, else `data/buergernah.duckdb`: a file path, or the
    `postgresql://…` URL of a DuckLake catalog (returned as the string it is)."""
    chosen = path or os.environ.get("BUERGERNAH_DB") or DEFAULT_DB_PATH
    if is_lake_url(chosen):
        return str(chosen).strip()
    return Path(chosen).expanduser()


def memory_limit_mb() -> int:
    """DuckDB's memory cap (BUERGERNAH_DUCKDB_MEMORY_MB): beyond it DuckDB spills to disk, so a large
    import stays within the bound issue 10 sets. Page queries need far less, even for all of Germany."""
    return int(os.environ.get("BUERGERNAH_DUCKDB_MEMORY_MB", "384"))


def redact_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def _libpq_value(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def lake_conninfo(url: str, *, english_messages: bool = True, passfile: str | None = None) -> str:
    """`postgresql://user:pw@host:port/db?sslmode=require` → libpq key/value conninfo. With
    `english_messages`, `options='-c lc_messages=C'`: DuckLake recognises a commit conflict by
    PostgreSQL's English error text (duckdb/ducklake#1311), and a municipality's server is
    likely to speak German. With `passfile`, the password stays out of the conninfo (and so out of
    every error message that quotes it): libpq reads it from that file."""
    parts = urlsplit(url.strip())
    params: dict[str, str] = {}
    if parts.hostname:
        params["host"] = unquote(parts.hostname)
    if parts.port:
        params["port"] = str(parts.port)
    if parts.username:
        params["user"] = unquote(parts.username)
    if parts.password is not None and not passfile:
        params["password"] = unquote(parts.password)
    elif passfile:
        params["passfile"] = passfile
    if parts.path.strip("/"):
        params["dbname"] = unquote(parts.path.strip("/"))
    params.update(parse_qsl(parts.query))
    if english_messages:
        params["options"] = (params.get("options", "") + " -c lc_messages=C").strip()
    return " ".join(f"{key}={_libpq_value(value)}" for key, value in params.items())


def _redact_conninfo(text: str) -> str:
    return re.sub(r"password='(?:[^'\\]|\\.)*'", "password='***'", redact_url(text))


def extension_file(name: str) -> Path:
    """The `.duckdb_extension` file shipped in the PyPI wheel `duckdb-extension-<name>` (pinned to
    DuckDB's version in requirements.txt), so that nothing is downloaded at run time."""
    spec = importlib_util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        raise StoreError(f"Die DuckDB-Erweiterung {name} fehlt: pip install -r requirements.txt "
                         f"(Paket duckdb-extension-{name.replace('_', '-')}).")
    folder = Path(next(iter(spec.submodule_search_locations)))
    wanted = folder / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if wanted.is_file():
        return wanted
    found = sorted(folder.glob(f"extensions/*/{name}.duckdb_extension"))
    if not found:
        raise StoreError(f"Die DuckDB-Erweiterung {name} fehlt im Paket duckdb-extension-{name.replace('_', '-')}.")
    raise StoreError(f"Die DuckDB-Erweiterung {name} passt nicht zu DuckDB {duckdb.__version__} "
                     f"({found[-1].parent.name}); bitte requirements.txt installieren.")


def is_conflict(exc: BaseException) -> bool:
    """A commit that lost against another writer's (DuckLake: `Transaction conflict …`, or its own
    retries exhausted): running the same transaction again may succeed."""
    if not isinstance(exc, duckdb.Error):
        return False
    text = str(exc).lower()
    return isinstance(exc, duckdb.TransactionException) and (
        "conflict" in text or "retry count" in text) or "transaction conflict" in text


# Ids the application makes (DuckLake has no sequences): kind -> (table, id column).
_ID_COLUMNS = {"import": ("core.imports", "import_id"), "audit": ("core.audit", "audit_id"),
               "pull_run": ("core.pull_runs", "run_id")}


def next_id(cur, kind: str) -> int:
    """The next id of `kind`, made inside the writing transaction: one above both the counter and
    the highest id stored. Moving the counter is an UPDATE, so on DuckLake two transactions taking
    ids at once conflict and one of them is re-run (`Store.write`): ids never repeat."""
    table, column = _ID_COLUMNS[kind]
    value = cur.execute(
        f"SELECT greatest((SELECT coalesce(max(value), 0) FROM core.id_counters WHERE name = ?), "
        f"(SELECT coalesce(max({column}), 0) FROM {table})) + 1", [kind]).fetchone()[0]
    cur.execute("UPDATE core.id_counters SET value = ? WHERE name = ?", [value, kind])
    return int(value)


# The one data version: imports (added, undone), peer-group members and every audited action.
DATA_VERSION_SQL = (
    "SELECT (SELECT count(*) || '-' || coalesce(max(import_id), 0) || '-' || "
    "coalesce(max(epoch(coalesce(undone_at, imported_at))), 0) FROM core.imports) || '-' || "
    "(SELECT count(*) FROM core.peer_group_members) || '-' || (SELECT count(*) FROM core.audit)")


# Which towns the write in progress changed (`changed_towns`), logged in `core.mat_changes` when it
# commits. None: the write did not say, so anything may have changed (the safe default).
_changed: contextvars.ContextVar[set[str | None] | None] = contextvars.ContextVar("changed_towns", default=None)
CHANGES_KEPT = 5000  # log rows kept: a page cache older than that recomputes in full


def changed_towns(towns) -> None:
    """Inside a write: these towns' data changed (AGS; None in it: anything may have). Called by the
    refresh of the copies (analytics/sources.py); a write that never calls it is logged as
    „anything may have changed“, and `changed_towns([])` says it changed no town's figures."""
    known = _changed.get()
    if known is None:
        known = set()
        _changed.set(known)
    known.update(towns)


def _log_changes(cur, towns: set[str | None] | None) -> None:
    """Append this write's changed towns to `core.mat_changes` (migration 014)."""
    if towns is not None and not towns:
        return
    seq = cur.execute("SELECT coalesce(max(seq), 0) + 1 FROM core.mat_changes").fetchone()[0]
    rows = [None] if towns is None or None in towns else sorted(towns)
    cur.executemany("INSERT INTO core.mat_changes VALUES (?, ?)", [[seq, ags] for ags in rows])
    if seq % 100 == 0:  # pruned now and then, not with every write
        cur.execute("DELETE FROM core.mat_changes WHERE seq <= ?", [seq - CHANGES_KEPT])


def put_setting(cur, key: str, value: str) -> None:
    """`core.settings[key] = value` inside a writing transaction (an upsert as DELETE + INSERT)."""
    cur.execute("DELETE FROM core.settings WHERE key = ?", [key])
    cur.execute("INSERT INTO core.settings (key, value) VALUES (?, ?)", [key, value])


# What DuckLake's schema lacks; migrations are written for DuckDB and adapted on the way in.
_FOR_LAKE = [
    (re.compile(r"CREATE SEQUENCE[^;]*;", re.IGNORECASE), ""),
    (re.compile(r"\s+DEFAULT\s+nextval\('[^']*'\)", re.IGNORECASE), ""),
    (re.compile(r",\s*PRIMARY KEY\s*\([^)]*\)", re.IGNORECASE), ""),  # table constraint (columns are NOT NULL)
    (re.compile(r"\bPRIMARY KEY\b", re.IGNORECASE), "NOT NULL"),      # column constraint
]


def migration_for_lake(sql: str) -> str:
    """A migration as DuckLake takes it: without sequences, their defaults and PRIMARY KEY
    constraints (a key column stays NOT NULL). The application never relies on them: it makes ids
    itself (`next_id`) and upserts by DELETE + INSERT; both engines get the same tables, columns
    and views (tests/ducklake/test_lake_store.py compares them)."""
    for pattern, replacement in _FOR_LAKE:
        sql = pattern.sub(replacement, sql)
    return sql


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

    On DuckLake (`path` a `postgresql://` URL) there is no file to wait for: several processes
    connect at once, the connection stays open (`idle_seconds` does not apply), and each
    transaction reads the newest committed snapshot.
    """

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False,
                 idle_seconds: float | None = None, lock_wait: float | None = None,
                 data_path: str | None = None):
        self.path = database_path(path)
        self.lake = isinstance(self.path, str)
        self.label = redact_url(self.path) if self.lake else str(self.path)
        self.data_path = data_path or os.environ.get("BUERGERNAH_DATA_PATH") or None
        self.read_only = read_only
        self.idle_seconds = None if self.lake else idle_seconds
        self.lock_wait = float(os.environ.get("BUERGERNAH_LOCK_WAIT", "30")) if lock_wait is None else lock_wait
        self._write_lock = threading.RLock()
        self._state = threading.Lock()  # guards the fields below
        self._conn: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._timer: threading.Timer | None = None
        self._checked = False
        if self.lake and not self.data_path:
            raise StoreError(f"Für {self.label} fehlt BUERGERNAH_DATA_PATH (ein Verzeichnis oder eine "
                             "S3-kompatible URL für die Parquet-Dateien).")
        if not read_only and not self.lake:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connection():  # open once now: migrate, and fail early with a clear message
            pass

    # -- connection handling -------------------------------------------------------------
    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting while another process holds it."""
        if self.lake:
            return self._connect_lake()
        deadline = time.monotonic() + self.lock_wait
        pause = 0.05
        while True:
            try:
                conn = duckdb.connect(str(self.path), read_only=self.read_only)
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreError(f"Die Datenbank {self.label} lässt sich nicht öffnen: {exc}") from None
                if time.monotonic() >= deadline:
                    raise LockedDatabaseError(
                        f"Die Datenbank {self.label} ist seit {self.lock_wait:.0f} s von einem anderen Vorgang "
                        "belegt (einem Import oder Abruf); bitte versuchen Sie es gleich noch einmal "
                        "(Wartezeit: BUERGERNAH_LOCK_WAIT)."
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.5)
        conn.execute("SET TimeZone = 'UTC'")
        conn.execute(f"SET memory_limit = '{memory_limit_mb()}MB'")  # per database: the CLI and the app alike
        return conn

    def _connect_lake(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB with the lake attached and in use (extensions from the wheels)."""
        conn = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                                  "autoload_known_extensions": False,
                                                  "memory_limit": f"{memory_limit_mb()}MB"})
        try:
            for name in ("ducklake", "postgres_scanner"):
                conn.execute(f"LOAD '{extension_file(name)}'")
            data_path = self.data_path
            if "://" in data_path and not data_path.startswith("file://"):
                conn.execute(f"LOAD '{extension_file('httpfs')}'")
                _s3_secret(conn)
                _check_data_path(conn, data_path)
            else:
                data_path = data_path.removeprefix("file://")
                Path(data_path).mkdir(parents=True, exist_ok=True)
                data_path = str(Path(data_path).resolve())
            data_path = data_path.rstrip("/") + "/"
            options = f"DATA_PATH '{_sql_text(data_path)}'" + (", READ_ONLY" if self.read_only else "")
            try:
                passfile = self._passfile()
                conninfo = lake_conninfo(self.path, passfile=passfile)
            except ValueError as exc:
                raise StoreError(f"Die Datenbank-URL {self.label} ist ungültig: {exc}") from None
            try:
                _attach(conn, conninfo, options)
            except duckdb.Error as exc:
                if "lc_messages" not in str(exc):
                    raise
                # The role may not set lc_messages: fine if it is English anyway (ALTER ROLE … SET).
                _attach(conn, lake_conninfo(self.path, english_messages=False, passfile=passfile), options)
            messages = conn.execute(
                f"SELECT * FROM postgres_query('__ducklake_metadata_{LAKE_ALIAS}', "
                "'SELECT current_setting(''lc_messages'')')").fetchone()[0]
            if not re.match(r"^(C|POSIX|en)([._@]|$)", messages or "C"):
                user = urlsplit(self.path).username or "<rolle>"
                raise StoreError(
                    f"Die PostgreSQL-Verbindung {self.label} meldet Fehler auf „{messages}“, DuckLake erkennt "
                    "Schreibkonflikte aber nur an englischen Meldungen. Bitte als Superuser einmal: "
                    f"GRANT SET ON PARAMETER lc_messages TO {user}; (PostgreSQL 15+) oder "
                    f"ALTER ROLE {user} SET lc_messages = 'C';")
            conn.execute(f"USE {LAKE_ALIAS}")
            conn.execute("SET TimeZone = 'UTC'")
        except StoreError:
            conn.close()
            raise
        except duckdb.Error as exc:
            conn.close()
            raise StoreError(f"Der DuckLake-Katalog {self.label} lässt sich nicht öffnen: "
                             f"{_redact_conninfo(str(exc))}") from None
        return conn

    def _passfile(self) -> str | None:
        """A private pgpass file (mode 0600) with the URL's password, removed by `close()`."""
        parts = urlsplit(self.path.strip())
        if parts.password is None:
            return None
        if getattr(self, "_pgpass", None) is None:
            import tempfile

            def esc(value: str) -> str:
                return value.replace("\\", "\\\\").replace(":", "\\:")

            fd, name = tempfile.mkstemp(prefix="buergernah-pgpass-")
            with os.fdopen(fd, "w") as file:  # mkstemp: readable by this user only
                file.write(":".join(esc(v) for v in (unquote(parts.hostname or "*"), str(parts.port or "*"), "*",
                                                      unquote(parts.username or "*"), unquote(parts.password))) + "\n")
            self._pgpass = name
        return self._pgpass

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
                if self.lake:  # a cursor is a connection of its own: it needs the lake as its default
                    cur.execute(f"USE {LAKE_ALIAS}")
                cur.execute("SET TimeZone = 'UTC'")
                yield cur
            except duckdb.IOException as exc:  # S3 refused or gone after opening: a sentence, not a traceback
                problem = _data_path_problem(self.data_path, exc) if self.lake else None
                if problem is None:
                    raise
                raise StoreError(problem) from None
            finally:
                cur.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside one transaction; writes are serialised across threads.

        Everything done with the cursor is committed together when the block ends, or rolled back
        when it raises: a rejected import leaves no trace. A block cannot be run again, so writes
        that may meet another writer (DuckLake) use `write`, which retries a conflicting commit.
        """
        if self.read_only:
            raise StoreError(f"Die Datenbank {self.label} ist schreibgeschützt geöffnet.")
        with self._write_lock, self.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
            except BaseException:
                _quietly(cur, "ROLLBACK")
                raise
            try:
                cur.execute("COMMIT")
            except BaseException:
                _quietly(cur, "ROLLBACK")  # a failed commit may leave the transaction open
                raise

    def write(self, body: Callable[[duckdb.DuckDBPyConnection], T], *, attempts: int | None = None,
              serialize: bool = True) -> T:
        """`body(cursor)` in one transaction, committed when it returns; its result is returned.

        When the commit conflicts with another process's (DuckLake's optimistic concurrency: two
        imports at once, two app processes claiming the same scheduled job), the whole body runs
        again in a new transaction, which sees the other's committed data — up to `attempts`
        times (`BUERGERNAH_WRITE_RETRIES`, 12) with a growing, jittered pause. Any other error
        rolls back and is raised at once. `body` must only touch the database (it may run twice).

        On DuckLake every write first moves the counter row `write` of `core.id_counters`: DuckLake
        reports a conflict only where two transactions delete from the same table, so this makes
        any two concurrent writes conflict — writes are serialised as on the embedded file (a
        check-then-insert such as "this file is not imported yet" stays true until the commit),
        while reads never wait. (`serialize=False` only for the migrations, before the table.)
        """
        attempts = attempts or int(os.environ.get("BUERGERNAH_WRITE_RETRIES", "12"))
        pause = 0.05
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction() as cur:
                    if self.lake and serialize:
                        cur.execute("UPDATE core.id_counters SET value = value + 1 WHERE name = 'write'")
                    token = _changed.set(None)
                    try:
                        result = body(cur)
                        changed = _changed.get()
                    finally:
                        _changed.reset(token)
                    if serialize:  # the copies stay current with every write (analytics/sources.py)
                        cur.execute(f"UPDATE core.mat_state SET version = ({DATA_VERSION_SQL})")
                        _log_changes(cur, changed)
                    _hold_for_tests()
                    return result
            except duckdb.Error as exc:
                if not is_conflict(exc) or attempt == attempts:
                    if is_conflict(exc):
                        raise StoreError(
                            f"Die Änderung ließ sich nach {attempts} Versuchen nicht speichern, weil andere "
                            "Vorgänge gleichzeitig schreiben; bitte gleich noch einmal versuchen.") from exc
                    raise
            log.info("Schreibkonflikt mit einem anderen Vorgang, Versuch %d von %d", attempt + 1, attempts)
            time.sleep(pause * (0.5 + random.random()))
            pause = min(pause * 2, 2.0)
        raise AssertionError("unreachable")

    def query_df(self, sql: str, params: list | dict | None = None) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(sql, params or []).df()

    def query_rows(self, sql: str, params: list | dict | None = None) -> list[dict]:
        """Rows as dicts (column → value), for what the first page view reads without pandas."""
        with self.cursor() as cur:
            cur.execute(sql, params or [])
            names = [column[0] for column in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

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
            if getattr(self, "_pgpass", None):
                with suppress(OSError):
                    os.unlink(self._pgpass)
                self._pgpass = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- migrations ----------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.cursor() as cur:
            return self._version(cur)

    def _catalog_filter(self) -> str:
        return f" AND table_catalog = '{LAKE_ALIAS}'" if self.lake else ""

    def _version(self, cur) -> int:
        exists = cur.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'core' AND table_name = 'schema_migrations'" + self._catalog_filter()
        ).fetchone()[0]
        if not exists:
            return 0
        return cur.execute("SELECT coalesce(max(version), 0) FROM core.schema_migrations").fetchone()[0]

    def _has_schema(self, cur, schema: str) -> bool:
        where = f" AND catalog_name = '{LAKE_ALIAS}'" if self.lake else " AND catalog_name = current_database()"
        return bool(cur.execute("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?" + where,
                                [schema]).fetchone()[0])

    def _refuse_newer(self) -> None:
        raise StoreError(
            f"Die Datenbank {self.label} hat Schema-Version {self.schema_version()}, diese Bürgernah-"
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

            def apply(cur, version=version, name=name, sql=sql) -> bool:
                # Another process may have applied it meanwhile (several app processes on one lake).
                if self._version(cur) >= version:
                    return False
                if not self._has_schema(cur, "core"):
                    cur.execute("CREATE SCHEMA core")
                key = "NOT NULL" if self.lake else "PRIMARY KEY"
                cur.execute(
                    "CREATE TABLE IF NOT EXISTS core.schema_migrations "
                    f"(version INTEGER {key}, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
                )
                cur.execute(migration_for_lake(sql) if self.lake else sql)
                cur.execute(
                    "INSERT INTO core.schema_migrations VALUES (?, ?, now())", [version, name]
                )
                return True

            if self.write(apply, serialize=False):
                applied.append(version)
        from analytics import reference, sources  # late import: both need the tables

        if applied:
            reference.ensure_loaded(self)
        sources.refresh(self)  # copies that do not match the data are rebuilt on opening, never in a page view
        return applied

    # -- small helpers used across analytics and connectors ------------------------------
    def data_version(self) -> str:
        """Changes whenever the data changes (an import, undo, account move, topic correction, peer
        group…); page caches key on it, and the copies the pages read are stamped with it."""
        return str(self.query_value(DATA_VERSION_SQL))

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        value = self.query_value("SELECT value FROM core.settings WHERE key = ?", [key])
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        def write(cur) -> None:
            put_setting(cur, key, value)
            changed_towns([])  # a setting is no town's figure

        self.write(write)


def _hold_for_tests() -> None:
    """Test hook (tests/ducklake): with BUERGERNAH_TEST_HOLD_BEFORE_COMMIT=<file>, a write whose
    body is done writes its pid into <file> and waits before committing, so a test can kill the
    process in the middle of an import. Never set in operation."""
    hold = os.environ.get("BUERGERNAH_TEST_HOLD_BEFORE_COMMIT")
    if hold:
        Path(hold).write_text(str(os.getpid()))
        time.sleep(600)


def _attach(conn, conninfo: str, options: str) -> None:
    """ATTACH the lake. Processes starting together on a new catalog race to create DuckLake's
    own tables in PostgreSQL; the one that loses tries again and finds them."""
    for attempt in range(8):
        try:
            conn.execute(f"ATTACH '{_sql_text('ducklake:postgres:' + conninfo)}' AS {LAKE_ALIAS} ({options})")
            return
        except duckdb.Error as exc:
            text = str(exc)
            if attempt == 7 or not ("already exists" in text or "duplicate key" in text):
                raise
            time.sleep(0.1 + random.random() * 0.3)


def _quietly(cur, sql: str) -> None:
    with suppress(duckdb.Error):
        cur.execute(sql)


def _sql_text(value: str) -> str:
    """`value` for inside a single-quoted SQL string literal."""
    return value.replace("'", "''")


def _s3_secret(conn) -> None:
    """Credentials and endpoint for an S3-compatible DATA_PATH from the usual AWS variables:
    `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN`), `AWS_REGION` (or
    `AWS_DEFAULT_REGION`), and for MinIO, Ceph, … `AWS_ENDPOINT_URL` (path-style URLs; TLS unless it
    starts with http://). Without a key the requests go unsigned (a public bucket)."""
    env = os.environ.get
    parts = []
    if env("AWS_ACCESS_KEY_ID") and env("AWS_SECRET_ACCESS_KEY"):
        parts += [f"KEY_ID '{_sql_text(env('AWS_ACCESS_KEY_ID'))}'", f"SECRET '{_sql_text(env('AWS_SECRET_ACCESS_KEY'))}'"]
        if env("AWS_SESSION_TOKEN"):
            parts.append(f"SESSION_TOKEN '{_sql_text(env('AWS_SESSION_TOKEN'))}'")
    if env("AWS_REGION") or env("AWS_DEFAULT_REGION"):
        parts.append(f"REGION '{_sql_text(env('AWS_REGION') or env('AWS_DEFAULT_REGION'))}'")
    endpoint = env("AWS_ENDPOINT_URL")
    if endpoint:
        host = re.sub(r"^https?://", "", endpoint).rstrip("/")
        parts += [f"ENDPOINT '{_sql_text(host)}'", "URL_STYLE 'path'",
                  f"USE_SSL {'false' if endpoint.startswith('http://') else 'true'}"]
    if parts:
        conn.execute(f"CREATE SECRET buergernah_s3 (TYPE s3, {', '.join(parts)})")


def _check_data_path(conn, data_path: str) -> None:
    """Fail on opening, in one sentence, when an S3-compatible data path cannot be used: listing one
    name under its prefix (a single request) finds a wrong key, secret, bucket or endpoint."""
    probe = data_path.rstrip("/") + "/buergernah-zugriffstest*"
    try:
        conn.execute(f"SELECT count(*) FROM glob('{_sql_text(probe)}')").fetchone()
    except duckdb.IOException as exc:
        raise StoreError(_data_path_problem(data_path, exc) or f"Der Datenpfad {data_path} "
                         f"(BUERGERNAH_DATA_PATH) ist nicht erreichbar: {str(exc).splitlines()[0]}") from None


def _data_path_problem(data_path: str, exc: duckdb.Error) -> str | None:
    """What went wrong with an S3-compatible data path, as one sentence saying what to check; None
    when `exc` is no S3 request's error."""
    status = getattr(exc, "status_code", None)
    found = re.search(r"<Code>([^<]*)</Code>", getattr(exc, "body", None) or "")
    code = found.group(1) if found else ""
    unreachable = re.search(r"IO Error: (.+?) error for HTTP", str(exc))
    if code == "SignatureDoesNotMatch":
        problem = "der geheime Schlüssel passt nicht zur Zugangskennung (AWS_SECRET_ACCESS_KEY prüfen)"
    elif code == "InvalidAccessKeyId":
        problem = "der Server kennt die Zugangskennung nicht (AWS_ACCESS_KEY_ID prüfen)"
    elif code == "NoSuchBucket":
        problem = f"den Bucket „{urlsplit(data_path).netloc}“ gibt es dort nicht (anlegen oder BUERGERNAH_DATA_PATH prüfen)"
    elif status in (401, 403):
        problem = (f"Zugriff verweigert ({code or status}); die Zugangskennung (AWS_ACCESS_KEY_ID) muss unter "
                   "diesem Pfad Objekte auflisten, lesen, schreiben und löschen dürfen")
    elif status:
        problem = f"der Server antwortet mit HTTP {status} {code}".rstrip()
    elif unreachable:
        server = os.environ.get("AWS_ENDPOINT_URL") or "S3"
        problem = f"keine Verbindung zu {server} ({unreachable.group(1)}; AWS_ENDPOINT_URL prüfen)"
    else:
        return None
    return f"Der Datenpfad {data_path} (BUERGERNAH_DATA_PATH) ist nicht erreichbar: {problem}."


def open_store(path: str | os.PathLike | None = None, *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
