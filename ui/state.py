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
from collections import OrderedDict
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


_VERSIONS = "_data_versions"
PER_TOWN_KEPT = 256  # per-town results kept in memory (each a table of a group's towns)


def begin_run() -> None:
    """At the start of each page run (app.py): the data versions are looked up again, once."""
    st.session_state[_VERSIONS] = None


def versions() -> dict:
    """The data versions the caches key on (analytics/sources.py `versions`), looked up once per page
    run in one query (a query each time would cost 20–30 ms per cached call on DuckLake); a write in
    the run clears them with the caches."""
    found = st.session_state.get(_VERSIONS)
    if found is None:
        from analytics import sources

        found = st.session_state[_VERSIONS] = sources.versions(store())
    return found


def query(fn: Callable, *args, **kwargs):
    """`fn(store, *args)` through the cache. `fn` is an analytics function; its `cache_scope`
    (analytics/sources.py) says which data version the result keys on, and a per-town result is
    brought up to date for the towns a write changed instead of being recomputed."""
    scope = getattr(fn, "cache_scope", "data")
    name = f"{fn.__module__}.{fn.__qualname__}"
    if scope == "per_town":
        if versions()["seq"] is not None:
            return _per_town(name, fn, args, tuple(sorted(kwargs.items())))
        scope = "data"
    return _cached(name, versions()[scope], args, tuple(sorted(kwargs.items())), fn)


@st.cache_resource(show_spinner=False)
def _per_town_results() -> tuple[threading.Lock, OrderedDict]:
    return threading.Lock(), OrderedDict()


def _changes_since(seq: int) -> list[str] | None:
    """`sources.changes_since`, asked once per page run and entry (several results may need it)."""
    from analytics import sources

    asked = versions().setdefault("changes_since", {})
    if seq not in asked:
        asked[seq] = sources.changes_since(store(), seq, versions())
    return asked[seq]


def _per_town(name: str, fn: Callable, args: tuple, kwargs: tuple):
    """A per-town result (rows with `ags`) as of the change log's last entry: computed in full once,
    afterwards only the rows of the towns changed since (`sources.changes_since`) are computed
    again and put in place of the old ones. Anything else (a peer group, population figures, a log
    that no longer reaches back) recomputes in full."""

    seq, key = versions()["seq"], (str(database_path()), name, args, kwargs)
    lock, results = _per_town_results()
    with lock:
        entry = results.get(key)
    frame = None
    if entry is not None and entry[0] <= seq:
        changed = [] if entry[0] == seq else _changes_since(entry[0])
        if changed is not None:
            old = entry[1]
            if changed:
                import pandas as pd  # here: the first page's start-up does without it

                fresh = fn(store(), *args, towns=changed, **dict(kwargs))
                kept = old[~old["ags"].isin(changed)]
                old = (pd.concat([kept, fresh], ignore_index=True) if len(kept) else fresh)
                old = old.sort_values(fn.cache_order, kind="stable", ignore_index=True)
            frame = old
    if frame is None:
        frame = fn(store(), *args, **dict(kwargs))
    with lock:
        results[key] = (seq, frame)
        results.move_to_end(key)
        while len(results) > PER_TOWN_KEPT:
            results.popitem(last=False)
    return frame.copy()  # the page may change its copy, never the kept one


def forget_results() -> None:
    """Drop every cached result, the per-town ones too (benchmarks: a page computed from nothing)."""
    st.cache_data.clear()
    _per_town_results.clear()


def clear_caches() -> None:
    """After a write in this session: everything cached is computed anew (the per-town results
    follow the change log by themselves)."""
    _cached.clear()
    st.session_state[_VERSIONS] = None
