"""A real PostgreSQL for the DuckLake tests: Debian's server binaries (`make test` installs the
package, scripts/ensure-postgres.sh), a private cluster made with initdb in a temporary directory
and started with pg_ctl on a free port of 127.0.0.1, stopped at the end. As root the server runs as
the `postgres` user (`runuser -u postgres --`), as PostgreSQL refuses to run as root.

The cluster speaks German (`--locale=de_DE.UTF-8`, compiled with localedef into the temporary
directory when the system has the locale sources, so nothing is installed system-wide), as a
municipality's server would: DuckLake's retry of commit conflicts only works when the catalog
connection's messages are English (duckdb/ducklake#1311), which the store sets. Without the
German locale sources the cluster runs in C and `LOCALE` says so (the test that checks the
German default then skips).

The app connects as an ordinary role `buergernah` that owns its database and may set
`lc_messages` (`GRANT SET ON PARAMETER`, PostgreSQL 15+), as README's "Betrieb" tells an admin.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import free_port

PROJECT = Path(__file__).resolve().parents[2]
ROLE = "buergernah"


def _pg_bin() -> Path | None:
    candidates = [os.environ.get("BUERGERNAH_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


@dataclass
class Postgres:
    bin: Path
    port: int
    root: Path
    env: dict
    as_postgres: list[str]
    locale: str
    _names = itertools.count(1)

    def psql(self, sql: str, database: str = "postgres") -> str:
        done = subprocess.run([*self.as_postgres, str(self.bin / "psql"), "-h", "127.0.0.1", "-p", str(self.port),
                               "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
                              env=self.env, capture_output=True, text=True, timeout=60)
        if done.returncode:
            raise RuntimeError(done.stderr)
        return done.stdout.strip()

    def new_database(self) -> str:
        """A fresh, empty database owned by the app's role; its `postgresql://` URL."""
        name = f"lake_{os.getpid()}_{next(self._names)}"
        self.psql(f"CREATE DATABASE {name} OWNER {ROLE}")
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres():
    pg_bin = _pg_bin()
    if pg_bin is None:
        message = "PostgreSQL-Serverprogramme fehlen (apt-get install postgresql; make test installiert sie)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="buergernah-pg-"))  # not under pytest's 0700 root-only folders
    root.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "LC_", "LANG"))}
    locale = "C.UTF-8"
    if shutil.which("localedef") and Path("/usr/share/i18n/locales/de_DE").exists():
        (root / "locale").mkdir()
        done = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", str(root / "locale" / "de_DE.UTF-8")],
                              capture_output=True, text=True)
        if (root / "locale" / "de_DE.UTF-8").exists() or done.returncode == 0:
            env["LOCPATH"] = str(root / "locale")
            locale = "de_DE.UTF-8"
    as_postgres = []
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", "postgres:postgres", str(root)], check=True)
        as_postgres = ["runuser", "-u", "postgres", "--", "env", *(f"{k}={v}" for k, v in env.items()
                                                                    if k in ("LOCPATH", "PATH"))]
    data = root / "data"
    subprocess.run([*as_postgres, str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", f"--locale={locale}"], env=env, check=True, capture_output=True, text=True)
    port = free_port()
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    started = subprocess.run([*as_postgres, str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"),
                              "-o", options, "-w", "-t", "60", "start"], env=env, capture_output=True, text=True)
    if started.returncode:
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        raise RuntimeError(f"PostgreSQL startet nicht: {started.stderr}\n{log}")
    server = Postgres(pg_bin, port, root, env, as_postgres, locale)
    try:
        server.psql(f"CREATE ROLE {ROLE} LOGIN")
        if int(server.psql("SHOW server_version_num")) >= 150000:
            server.psql(f"GRANT SET ON PARAMETER lc_messages TO {ROLE}")
        else:  # older servers: the role's own default (set by a superuser) does it
            server.psql(f"ALTER ROLE {ROLE} SET lc_messages = 'C'")
        yield server
    finally:
        subprocess.run([*as_postgres, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       env=env, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def lake(postgres, tmp_path, monkeypatch) -> dict:
    """A fresh DuckLake: its database URL and data path, also set as BUERGERNAH_DB/_DATA_PATH."""
    url = postgres.new_database()
    data_path = tmp_path / "lake-data"
    monkeypatch.setenv("BUERGERNAH_DB", url)
    monkeypatch.setenv("BUERGERNAH_DATA_PATH", str(data_path))
    return {"url": url, "data_path": str(data_path)}


def cli_env(lake: dict, **extra) -> dict:
    """Environment for a `python -m connectors` subprocess on this lake (no machine secrets)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUERGERNAH_")}
    env.update({"BUERGERNAH_DB": lake["url"], "BUERGERNAH_DATA_PATH": lake["data_path"],
                "BUERGERNAH_SECRETS": str(Path(lake["data_path"]).parent / "no-secrets.toml"),
                "PYTHONPATH": str(PROJECT)}, **extra)
    return env
