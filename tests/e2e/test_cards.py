"""KPI cards in Chromium at 1280 px: nothing is cut off with „…“ (Streamlit truncates a metric's
label and value in a narrow column), however long the first-ranked town's name."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from analytics.store import Store
from e2e.conftest import PROJECT, Server, start_streamlit, stop

LONG_NAME = "Bad Münstereifel an der Weinstraße-Wózwjerch"  # longer than any real short name


@pytest.fixture
def long_name_server(demo_db_file, tmp_path) -> Iterator[Server]:
    """The demo with Herzogenrath (first in followers per 1,000 inhabitants) renamed."""
    db = tmp_path / "cards.duckdb"
    shutil.copy(demo_db_file, db)
    with Store(db) as store, store.transaction() as cur:
        cur.execute("UPDATE core.municipalities SET name = ? WHERE ags = '05334016'", [f"{LONG_NAME}, Stadt"])
    server = start_streamlit(PROJECT / "app.py", db, tmp_path / "streamlit.log")
    yield server
    stop(server)


CUT_OFF = """() => [...document.querySelectorAll('[data-testid=stMetric] [data-testid=stMarkdownContainer]')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map(e => e.innerText)"""


@pytest.mark.parametrize("lang, label", [("de", f"Rang 1: {LONG_NAME}"), ("en", f"Rank 1: {LONG_NAME}")])
def test_vergleich_cards_show_the_town_in_full(long_name_server, browser, lang, label):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{long_name_server.url}/vergleich?lang={lang}", wait_until="domcontentloaded")
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    assert labels[-1] == label
    assert page.evaluate(CUT_OFF) == []
    boxes = [card.bounding_box() for card in page.get_by_test_id("stMetric").all()]
    assert len({round(box["height"]) for box in boxes}) == 1  # the row's cards are equally tall
    assert all(box["x"] + box["width"] <= 1280 for box in boxes)
    page.close()
