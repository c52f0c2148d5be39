"""The dashboard on DuckLake: the demo imported through the connectors into a lake, and every analysis
page shows the same figures as on the embedded demo database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.store import Store
from connectors import demo
from tests.conftest import DEMO_TODAY

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["views/wochenbericht.py", "views/vergleich.py", "views/altersgruppen.py", "views/kanaele.py",
         "views/beitraege.py", "views/importieren.py"]


def _render(db: str, monkeypatch, page: str) -> list:
    monkeypatch.setenv("BUERGERNAH_DB", db)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["ags"] = "05334016"
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
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
