"""Shared fixtures: a fresh DuckDB file per test, and a demo database built once per session."""

from __future__ import annotations

import os
import shutil
import socket
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from analytics import sources
from analytics.store import Store
from connectors import demo

# The app's background catch-up after writes (ui/state.py) is off in tests, servers they start
# included; tests/app/test_refresh.py switches it on where it is the subject.
os.environ["BUERGERNAH_CATCH_UP_SECONDS"] = "0"

FIXTURES = Path(__file__).parent / "fixtures"
EXPORTS = FIXTURES / "exports"
# The demo database is generated as of today, like `make run` does (its figures depend only on
# this date; tests/test_demo.py checks that the generator is deterministic for a fixed date).
DEMO_TODAY = date.today()


# Property tests check outcomes, not speed: no per-example deadline (a loaded CI machine is slow).
settings.register_profile("buergernah", deadline=None)
settings.load_profile("buergernah")


APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_page(db_path, monkeypatch, page: str | None = None, params: dict | None = None):
    """The app in AppTest on `page` (None: the first page) with the database `db_path` and `params`
    as the URL's query (e.g. `{"lang": "en"}`); the run must end without an exception."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("BUERGERNAH_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


@contextmanager
def raw_write(store: Store):
    """A transaction for test data written straight into the core tables (as an older Bürgernah
    would); the copies the pages read are brought up to date afterwards, as on opening a store."""
    with store.transaction() as cur:
        yield cur
    sources.refresh(store)


def free_port() -> int:
    """A free TCP port on the loopback address, for the servers the tests start."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def store(tmp_path) -> Store:
    """An empty, migrated database with the reference data, in tmp_path."""
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A database file with the demo loaded (built once; copy it before writing)."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.duckdb"
    with Store(path) as opened:
        demo.load(opened, today=DEMO_TODAY, out_dir=folder / "exports")
    return path


@pytest.fixture
def demo_store(demo_db_file, tmp_path) -> Store:
    """A private copy of the demo database."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, path)
    with Store(path) as opened:
        yield opened
