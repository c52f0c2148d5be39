"""Large Meta post exports keep their rows on disk between parsing and writing (connectors.spool):
the outcome is the same as for rows kept in memory, errors and notes included."""

from __future__ import annotations

import gc
import re
from datetime import date

import pytest

from analytics.store import Store
from connectors import spool
from connectors.base import ImportRejected, SourceFile
from connectors.loader import import_file, prepare
from tests.connectors.test_hostile import CONTEXT
from tests.connectors.test_loader import ALSDORF, FB_SEPT, source
from tests.fixtures.hostile import make_corpus

POSTS = "SELECT * FROM mart.posts ORDER BY ALL"


def imported(tmp_path, name: str, spool_rows: int, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_ROWS", spool_rows)
    with Store(tmp_path / f"{name}-{spool_rows}.duckdb") as store:
        plan, import_id = import_file(store, source(FB_SEPT), ALSDORF)
        return plan, store.query_df(POSTS)


def test_a_spooled_import_stores_what_an_in_memory_one_stores(tmp_path, monkeypatch):
    framed_plan, framed = imported(tmp_path, "framed", 1_000_000, monkeypatch)
    spooled_plan, spooled = imported(tmp_path, "spooled", 0, monkeypatch)
    assert isinstance(spooled_plan.items[0].parsed.posts, spool.Spool)
    assert not isinstance(framed_plan.items[0].parsed.posts, spool.Spool)
    assert len(spooled) == len(framed) == spooled_plan.rows == 3
    assert spooled.equals(framed)
    assert spooled_plan.period == framed_plan.period == (date(2025, 9, 15), date(2025, 9, 20))


@pytest.mark.parametrize("name", ["duplicate_ids_identical.csv", "duplicate_ids_different.csv"])
def test_duplicate_posts_are_judged_the_same_on_disk(store, monkeypatch, name):
    path = make_corpus.HERE / name
    outcomes = []
    for rows in (1_000_000, 0):
        monkeypatch.setattr(spool, "SPOOL_ROWS", rows)
        try:
            plan = prepare(store, SourceFile(path.name, path.read_bytes(), date.today()), CONTEXT)
            outcomes.append((plan.rows, plan.notes))
        except ImportRejected as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]
    if name.endswith("identical.csv"):
        assert outcomes[0] == (2, ["1 doppelte Zeile(n) mit demselben Beitrag und denselben Zahlen nur einmal "
                                   "übernommen (zuerst Zeile 4)."])
    else:
        assert re.search(r"steht mehrmals in der Datei \(Zeilen 2 und \d\)", outcomes[0])


def test_identical_duplicates_are_stored_once_from_disk(store, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_ROWS", 0)
    path = make_corpus.HERE / "duplicate_ids_identical.csv"
    import_file(store, SourceFile(path.name, path.read_bytes(), date.today()), CONTEXT)
    assert store.query_df("SELECT count(*) AS n, count(DISTINCT post_id) AS ids FROM core.post_snapshots"
                          ).iloc[0].tolist() == [2, 2]


def test_the_spool_file_goes_with_the_plan(store, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_ROWS", 0)
    plan = prepare(store, source(FB_SEPT), ALSDORF)
    path = plan.items[0].parsed.posts.path
    assert path.is_file() and path.stat().st_size > 0
    del plan
    gc.collect()
    assert not path.parent.exists()
