"""The dashboard on DuckLake: the demo imported through the connectors into a lake, and every analysis
page shows the same figures as on the embedded demo database."""

from __future__ import annotations

import shutil

import pytest

from analytics.store import Store
from connectors import demo
from tests.conftest import DEMO_TODAY, open_page

PAGES = ["views/wochenbericht.py", "views/vergleich.py", "views/altersgruppen.py", "views/kanaele.py",
         "views/beitraege.py", "views/importieren.py"]


def _render(db: str, monkeypatch, page: str) -> list:
    at = open_page(db, monkeypatch, page, {"ags": "05334016"})
    return [(m.label, m.value) for m in at.metric] + [t.value for t in at.markdown if "Demodaten" not in t.value]


@pytest.fixture(scope="module")
def demo_lake(postgres, tmp_path_factory):
    url = postgres.new_database()
    data_path = str(tmp_path_factory.mktemp("lake") / "data")
    with Store(url, data_path=data_path) as store:
        demo.load(store, today=DEMO_TODAY, out_dir=tmp_path_factory.mktemp("demo-exports"))
    return url, data_path


@pytest.mark.parametrize("page", PAGES)
def test_pages_show_the_same_on_ducklake(page, demo_lake, demo_db_file, tmp_path, monkeypatch):
    url, data_path = demo_lake
    monkeypatch.setenv("BUERGERNAH_DATA_PATH", data_path)
    on_lake = _render(url, monkeypatch, page)
    shutil.copy(demo_db_file, tmp_path / "demo.duckdb")  # the shared demo file stays untouched
    embedded = _render(str(tmp_path / "demo.duckdb"), monkeypatch, page)
    assert on_lake == embedded
    assert on_lake  # the page showed figures


def test_the_app_catches_up_after_a_write_on_ducklake(demo_lake, monkeypatch):
    """On DuckLake there is no file to watch: the app's catch-up asks the catalog every few rounds
    and brings Vergleich's results up to date after a write by another process (here: a store of
    its own, as the CLI has). Runs last in this module: it changes the shared lake."""
    import functools
    import time

    from analytics import benchmark
    from connectors.loader import enter_followers
    from ui import state

    url, data_path = demo_lake
    monkeypatch.setenv("BUERGERNAH_DATA_PATH", data_path)
    monkeypatch.setattr(state, "CATCH_UP_SECONDS", 0.05)
    state._catch_up.clear()  # started by an earlier test with the catch-up off
    at = open_page(url, monkeypatch, "views/vergleich.py")
    assert dict((m.label, m.value) for m in at.metric)["n"] == "3"
    caught = state._catch_up(url)
    with Store(url, data_path=data_path) as cli:
        end = cli.query_value("SELECT max(last_day) FROM core.mat_daily_summary")
        keys = [k for (k,) in cli.query_df("SELECT DISTINCT account_key FROM mart.account_daily WHERE ags = '05334004'")
                .itertuples(index=False)]
        for i, key in enumerate(keys):
            enter_followers(cli, key, end, 3000 + i)
        seq = cli.query_value("SELECT max(seq) FROM core.mat_changes")
    deadline = time.monotonic() + 60
    while caught.get("seq") != seq and time.monotonic() < deadline:
        time.sleep(0.05)
    assert caught.get("seq") == seq, "the app did not catch up"
    computed = []
    monkeypatch.setattr(benchmark, "town_metrics", functools.wraps(benchmark.town_metrics)(
        lambda *a, _f=benchmark.town_metrics, **k: computed.append(k.get("towns")) or _f(*a, **k)))
    before = at.dataframe[0].value.set_index("Gemeinde")
    at.run()
    assert not at.exception, at.exception
    assert computed == []  # ready before the view
    after = at.dataframe[0].value.set_index("Gemeinde")
    column = "Follower je 1.000 Einwohner"
    assert after.loc["Alsdorf", column] != before.loc["Alsdorf", column]  # the new totals show
