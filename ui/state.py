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
from pathlib import Path

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
    _catch_up(str(database_path()))
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
def _cached(name: str, path: str, version: str, args: tuple, kwargs: tuple, _fn: Callable):
    return _fn(_store(path), *args, **dict(kwargs))  # a failed open ends the page (app.py)


_VERSIONS = "_data_versions"
PER_TOWN_KEPT = 64  # per-town results kept in memory (each a table of a group's towns: 3 MB for all of Germany)


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
    name, kwargs = f"{fn.__module__}.{fn.__qualname__}", tuple(sorted(kwargs.items()))
    if scope == "per_town":
        if versions()["seq"] is not None:
            return _per_town(name, fn, args, kwargs)
        scope = "data"
    path = str(database_path())
    _remember(_recent_calls(), (name, path, repr(args), repr(kwargs)), (fn, scope, args, kwargs))  # lists too
    return _cached(name, path, versions()[scope], args, kwargs, fn)


def _remember(recent: tuple[threading.Lock, OrderedDict], key, value, kept: int = 32) -> None:
    lock, entries = recent
    with lock:
        entries[key] = value
        entries.move_to_end(key)
        while len(entries) > kept:
            entries.popitem(last=False)


@st.cache_resource(show_spinner=False)
def _recent_calls() -> tuple[threading.Lock, OrderedDict]:
    """The cached calls pages made last ((name, path, args, kwargs as text) → (fn, scope, args, kwargs)),
    for the catch-up."""
    return threading.Lock(), OrderedDict()


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
    key = (str(database_path()), name, args, kwargs)
    frame = _up_to_date(_store(key[0]), key, fn, versions()["seq"], _changes_since)
    return frame.copy()  # the page may change its copy, never the kept one


def _up_to_date(db: Store, key: tuple, fn: Callable, seq: int, changes_since: Callable[[int], list[str] | None]):
    """The kept result for `key` brought to log entry `seq` (see `_per_town`), kept again."""
    lock, results = _per_town_results()
    with lock:
        entry = results.get(key)
    frame = None
    if entry is not None and entry[0] <= seq:
        changed = [] if entry[0] == seq else changes_since(entry[0])
        if changed is not None:
            frame = entry[1]
            if changed:
                import pandas as pd  # here: the first page's start-up does without it

                fresh = fn(db, *key[2], towns=changed, **dict(key[3]))
                kept = frame[~frame["ags"].isin(changed)]
                frame = pd.concat([kept, fresh], ignore_index=True) if len(kept) else fresh
                frame = frame.sort_values(fn.cache_order, kind="stable", ignore_index=True)
    if frame is None:
        frame = fn(db, *key[2], **dict(key[3]))
    _remember((lock, results), key, (seq, frame, fn), kept=PER_TOWN_KEPT)
    return frame


CATCH_UP_SECONDS = float(os.environ.get("BUERGERNAH_CATCH_UP_SECONDS", "0.25"))  # 0: off
CATCH_UP_RESULTS = 8  # the per-town results brought up to date at once: the pages' most recent ones


@st.cache_resource(show_spinner=False)
def _catch_up(path: str) -> dict:
    """Right after a write, by anyone (a page of this app, the CLI, a scheduled pull), one background
    thread per app process brings the results the pages asked for last up to date: the per-town
    ones for the towns the write changed, the others computed for the new data version. The next
    page view then finds them ready instead of computing them. The embedded file is looked at
    only when its size or time changed, so the app does not hold it while nobody writes; a
    DuckLake catalog is asked every few rounds. Returns its state (`seq`: caught up to)."""
    state = {"seq": None}

    def changed_since(stamp):
        if isinstance(database_path(path), str):  # DuckLake: no file to look at
            state["rounds"] = state.get("rounds", 0) + 1
            return state["rounds"] % 4 == 0, None
        try:
            now = tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in (Path(path), Path(f"{path}.wal")) if f.exists())
        except OSError:
            return False, stamp
        return now != stamp, now

    def loop() -> None:
        stamp = None
        while True:
            time.sleep(CATCH_UP_SECONDS)
            changed, new_stamp = changed_since(stamp)
            if not changed:
                continue
            try:
                catch_up(_store(path), state)
                stamp = new_stamp
            except Exception:  # a busy file (the CLI writing) or a broken query: the pages will compute it
                logging.getLogger(__name__).debug("catch-up skipped", exc_info=True)

    if CATCH_UP_SECONDS > 0:
        threading.Thread(target=loop, name="buergernah-catch-up", daemon=True).start()
    return state


def catch_up(db: Store, state: dict) -> None:
    """One round of the catch-up thread (`_catch_up`): `state["seq"]` is the log entry it reached."""
    from analytics import sources

    known = sources.versions(db)
    if known["seq"] is None or known["seq"] == state.get("seq"):
        return
    lock, results = _per_town_results()
    with lock:
        recent = [(key, entry[2]) for key, entry in reversed(results.items()) if key[0] == str(db.path)]
    asked: dict[int, list[str] | None] = {}

    def changes_since(seq: int):
        if seq not in asked:
            asked[seq] = sources.changes_since(db, seq, known)
        return asked[seq]

    for key, fn in recent[:CATCH_UP_RESULTS]:
        _up_to_date(db, key, fn, known["seq"], changes_since)
    lock, calls = _recent_calls()
    with lock:
        recent_calls = [(key, value) for key, value in calls.items() if key[1] == str(db.path)]
    for (name, path, _, _), (fn, scope, args, kwargs) in recent_calls:
        _cached(name, path, known[scope], args, kwargs, fn)
    state["seq"] = known["seq"]


def forget_results() -> None:
    """Drop every cached result, the per-town ones too (benchmarks: a page computed from nothing)."""
    st.cache_data.clear()
    _per_town_results.clear()
    _recent_calls.clear()


def clear_caches() -> None:
    """After a write in this session: everything cached is computed anew (the per-town results
    follow the change log by themselves)."""
    _cached.clear()
    st.session_state[_VERSIONS] = None
