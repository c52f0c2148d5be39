"""The process-wide store and cached analytics calls for the pages.

One `Store` per database path lives in `st.cache_resource`; analytics results are cached with
`st.cache_data`, keyed on the function, its arguments and the store's data version, so an
import or undo shows up at once everywhere.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

import streamlit as st

from analytics.store import LockedDatabaseError, Store, StoreError, database_path
from ui.i18n import t

APP_IDLE_SECONDS = 1.0  # the app lets go of the database file this long after a page view
APP_LOCK_WAIT = 20.0    # and waits at most this long for a CLI import or a pull to finish


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    from connectors import memory

    memory.bound()  # uploads are parsed in this process: the same memory bound as the CLI
    return Store(path, idle_seconds=APP_IDLE_SECONDS,
                 lock_wait=float(os.environ.get("BUERGERNAH_LOCK_WAIT", APP_LOCK_WAIT)))


SCHEDULER_SECONDS = float(os.environ.get("BUERGERNAH_SCHEDULER_SECONDS", "60"))


@st.cache_resource(show_spinner=False)
def _scheduler(path: str) -> threading.Thread:
    """One background thread per app process that runs due scheduled jobs (connectors/schedule.py)."""

    def loop() -> None:
        while True:
            time.sleep(SCHEDULER_SECONDS)
            try:
                from connectors import schedule  # here, not at start-up: it loads every API connector

                schedule.run_due(_store(path))
            except Exception:  # busy database or a broken job: log it, try again next time
                logging.getLogger("buergernah.api").exception("Zeitplan")  # the redacting logger

    thread = threading.Thread(target=loop, name="buergernah-scheduler", daemon=True)
    thread.start()
    return thread


def store() -> Store:
    """The process's store. A database another process holds, or cannot open, ends the page with a
    sentence and a retry button instead of a traceback (a failed open is not cached)."""
    try:
        opened = _store(str(database_path()))
    except StoreError as exc:
        unavailable(exc)
    _scheduler(str(database_path()))
    return opened


def unavailable(exc: StoreError):
    """End the page with a sentence and a retry button (never a traceback or a server path)."""
    if isinstance(exc, LockedDatabaseError):
        message = t("app.db_busy")
    else:
        message = t("app.db_unavailable", reason=str(exc).replace(str(database_path()), "").strip())
    st.warning(message, icon=":material/hourglass_top:")
    if st.button(t("app.retry"), key="retry_store", icon=":material/refresh:"):
        st.rerun()
    st.stop()


@st.cache_data(ttl=3600, show_spinner=False, max_entries=512)
def _cached(name: str, version: str, args: tuple, kwargs: tuple, _fn: Callable):
    return _fn(store(), *args, **dict(kwargs))


_VERSION = "_data_version"


def begin_run() -> None:
    """At the start of each page run (app.py): the data version is looked up again, once."""
    st.session_state[_VERSION] = None


def data_version() -> str:
    """The data version the cache keys on, looked up once per page run (a query each time would cost
    20–30 ms per cached call on DuckLake); a write in the run clears it with the caches."""
    version = st.session_state.get(_VERSION)
    if version is None:
        version = st.session_state[_VERSION] = store().data_version()
    return version


def query(fn: Callable, *args, **kwargs):
    """`fn(store, *args)` through the cache. `fn` is an analytics function."""
    return _cached(f"{fn.__module__}.{fn.__qualname__}", data_version(), args, tuple(sorted(kwargs.items())), fn)


def clear_caches() -> None:
    _cached.clear()
    st.session_state[_VERSION] = None
