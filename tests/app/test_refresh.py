"""Pages after writes by another process (the CLI, a scheduled pull): the next view shows the new
figures without a restart, and a per-town result is brought up to date for the changed towns only
(ui/state.py, the change log of migration 014) — giving exactly what a page computed from nothing
shows."""

from __future__ import annotations

import functools
from datetime import timedelta

from streamlit.testing.v1 import AppTest

from analytics import benchmark, content, peers, sources
from conftest import open_page
from connectors.loader import enter_followers, undo_import


def _town_metrics_calls(monkeypatch) -> list:
    """Record the `towns` each page call of benchmark.town_metrics asks for (None: all)."""
    calls, original = [], benchmark.town_metrics

    @functools.wraps(original)
    def spy(*args, **kwargs):
        calls.append(kwargs.get("towns"))
        return original(*args, **kwargs)

    monkeypatch.setattr(benchmark, "town_metrics", spy)
    return calls


def _shown(at: AppTest) -> tuple:
    return {m.label: m.value for m in at.metric}, at.dataframe[0].value.to_dict("list")


def _same_as_from_nothing(at: AppTest) -> tuple:
    """Rerun; the view must equal the same page with every cached result dropped."""
    from ui import state

    at.run()
    assert not at.exception, at.exception
    shown = _shown(at)
    state.forget_results()
    at.run()
    assert _shown(at) == shown
    return shown


def test_vergleich_follows_cli_writes_town_by_town(demo_store, monkeypatch):
    at = open_page(demo_store.path, monkeypatch, "views/vergleich.py")
    calls = _town_metrics_calls(monkeypatch)
    cards, _ = _shown(at)
    assert cards["n"] == "3"  # Baesweiler's follower total is unknown

    # The CLI enters Baesweiler's totals on the period's last day: the page catches up on that town only.
    end = content.data_span(demo_store)[1]
    baesweiler = demo_store.query_value("SELECT ags FROM mart.municipalities WHERE name LIKE 'Baesweiler%'")
    keys = [k for (k,) in demo_store.query_df(
        "SELECT DISTINCT account_key FROM mart.account_daily WHERE ags = ?", [baesweiler]).itertuples(index=False)]
    before = demo_store.query_value("SELECT max(seq) FROM core.mat_changes")
    entries = [enter_followers(demo_store, key, end - timedelta(days=1), 2000 + i) for i, key in enumerate(keys)]
    assert sources.changes_since(demo_store, before) == [baesweiler]
    calls.clear()
    cards, table = _same_as_from_nothing(at)
    assert calls[0] == [baesweiler]  # the first run: Baesweiler's row only, not the group's
    assert cards["n"] == "4"
    assert "Baesweiler" in table["Gemeinde"] and "unbekannt" not in table["Follower je 1.000 Einwohner"]

    # Its undo: the same, back to the unknown total.
    before = demo_store.query_value("SELECT max(seq) FROM core.mat_changes")
    for import_id in entries:
        undo_import(demo_store, import_id)
    assert sources.changes_since(demo_store, before) == [baesweiler]
    calls.clear()
    cards, _ = _same_as_from_nothing(at)
    assert calls[0] == [baesweiler] and cards["n"] == "3"

    # A new peer group may change anything: computed in full.
    peers.save_group(demo_store, "Zwei", [baesweiler, "05334004"], actor="test")
    calls.clear()
    _same_as_from_nothing(at)
    assert calls[0] is None


def test_the_app_catches_up_right_after_a_cli_write(demo_store, monkeypatch):
    """With the catch-up on (as in `make run`), the app brings what Vergleich asked for up to date
    in the background right after the CLI's write: the next view computes nothing."""
    import time

    from ui import state

    monkeypatch.setattr(state, "CATCH_UP_SECONDS", 0.1)
    state._catch_up.clear()  # started by an earlier test with the catch-up off
    at = open_page(demo_store.path, monkeypatch, "views/vergleich.py")
    assert {m.label: m.value for m in at.metric}["n"] == "3"
    caught = state._catch_up(str(demo_store.path))

    end = content.data_span(demo_store)[1]
    baesweiler = demo_store.query_value("SELECT ags FROM mart.municipalities WHERE name LIKE 'Baesweiler%'")
    for i, (key,) in enumerate(demo_store.query_df(
            "SELECT DISTINCT account_key FROM mart.account_daily WHERE ags = ?", [baesweiler]).itertuples(index=False)):
        enter_followers(demo_store, key, end - timedelta(days=1), 2000 + i)
    seq = demo_store.query_value("SELECT max(seq) FROM core.mat_changes")
    deadline = time.monotonic() + 30
    while caught.get("seq") != seq and time.monotonic() < deadline:
        time.sleep(0.05)
    assert caught.get("seq") == seq, "the app did not catch up"

    calls = _town_metrics_calls(monkeypatch)
    at.run()
    assert not at.exception, at.exception
    assert calls == []  # ready: brought up to date before the view
    assert {m.label: m.value for m in at.metric}["n"] == "4"
