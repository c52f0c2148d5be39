"""No table cell reads „None“, „nan“, „NaT“ or „<NA>“: every page in both languages, on the demo
data and on a copy of it with unknown values (no follower total, posts without reach, views, link,
type or text, an account without name or link, an import without format and importer, an audit
row without target, a failed weekly e-mail without recipients). A missing value reads „–“
(ui/tables.py), figures whose absence matters „unbekannt“ (formatted by the pages)."""

from __future__ import annotations

import re
import shutil
import uuid
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import access
from analytics.access import Actor
from analytics.store import Store
from conftest import open_page, raw_write
from connectors import actions
from ui.tables import MISSING

TOWN = "05334016"  # Herzogenrath: Facebook, Instagram and YouTube in the demo
FACEBOOK, INSTAGRAM = "facebook:10000305334016", "instagram:1784140533401602"
ADMIN_PAGES = ["views/wochenbericht.py", "views/vergleich.py", "views/altersgruppen.py", "views/kanaele.py",
               "views/beitraege.py", "views/methodik.py", "views/importieren.py", "views/verwaltung.py"]
OFFICER = Actor("presse@herzogenrath.example", officer_of=frozenset({TOWN}))
# A null rendered as text by Python or pandas somewhere on its way to the table.
STRINGIFIED = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|<NA>)(?![\w-])")


def add_unknowns(store: Store) -> None:
    """Unknown values where a real store has them (NULL = not supplied)."""
    with raw_write(store) as cur:
        # Herzogenrath's Facebook page: follower gains only, no total
        cur.execute("DELETE FROM core.daily_values WHERE account_key = ? AND metric = 'followers_entered'", [FACEBOOK])
        # every other post without reach, views, link, type and text (exports that leave them out)
        cur.execute("UPDATE core.post_snapshots SET reach = NULL, views = NULL, impressions = NULL, url = NULL, "
                    "post_type = NULL, message = NULL WHERE account_key IN (?, ?) AND hash(post_id) % 2 = 0",
                    [FACEBOOK, INSTAGRAM])
        cur.execute("UPDATE core.accounts SET name = NULL, url = NULL WHERE account_key = ?", [INSTAGRAM])
        cur.execute("UPDATE core.imports SET imported_by = NULL, format = NULL, platform = NULL "
                    "WHERE import_id = (SELECT min(import_id) FROM core.imports)")
        access.record(cur, "cli:ops", "remove_demo")  # no target, no details
        cur.execute("INSERT INTO core.digest_sends VALUES (?, ?, ?, NULL, 'failed', 1, NULL, NULL, NULL, now())",
                    [str(uuid.uuid4()), TOWN, date.today() - timedelta(days=date.today().weekday() + 7)])
    admin = Actor("admin@kreis.example", admin=True)
    actions.assign_role(store, admin, "rat@herzogenrath.example", "council")
    actions.add_digest_recipient(store, admin, TOWN, "presse@herzogenrath.example")


@pytest.fixture(scope="module")
def stores(demo_db_file, tmp_path_factory) -> dict[str, Path]:
    """The demo database and a copy with unknown values (pages only read them)."""
    folder = tmp_path_factory.mktemp("tables")
    paths = {"demo": folder / "demo.duckdb", "unknown": folder / "unknown.duckdb"}
    for path in paths.values():
        shutil.copy(demo_db_file, path)
    with Store(paths["unknown"]) as opened:
        add_unknowns(opened)
    return paths


def bad_cells(at: AppTest) -> list[str]:
    """Every table cell that would read None/nan/NaT/<NA>: a missing value in a table without the
    placeholder, or a text cell holding such a word."""
    found = []
    for frame in at.dataframe:
        value: pd.DataFrame = frame.value
        placeholder = frame.proto.placeholder
        missing = value.isna()
        if missing.to_numpy().any() and (not placeholder or STRINGIFIED.search(placeholder)):
            found.append(f"{list(value.columns[missing.any()])}: missing values without a placeholder")
        for column in value.columns:
            for cell in value[column][~missing[column]]:
                if isinstance(cell, str) and STRINGIFIED.search(cell):
                    found.append(f"{column}: {cell!r}")
        if frame.proto.placeholder not in ("", MISSING):
            found.append(f"placeholder {frame.proto.placeholder!r}")
    return found


@pytest.mark.parametrize("data", ["demo", "unknown"])
@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", [*ADMIN_PAGES, "views/wochenmail.py"])
def test_no_table_cell_reads_none(stores, monkeypatch, page, lang, data):
    if page == "views/wochenmail.py":  # the officers' page (admins manage the e-mail on Verwaltung)
        monkeypatch.setattr(access, "local_actor", lambda: OFFICER)
    at = open_page(stores[data], monkeypatch, page, {"ags": TOWN, **({"lang": "en"} if lang == "en" else {})})
    tables = at.dataframe
    assert tables or (page == "views/wochenmail.py" and data == "demo"), "the page shows its tables"
    assert bad_cells(at) == []
    if data == "unknown" and page in ("views/wochenbericht.py", "views/beitraege.py", "views/verwaltung.py"):
        # the unknown values are there and read „–“ (tables whose cells the page formats say so themselves)
        assert any(frame.value.isna().to_numpy().any() and frame.proto.placeholder == MISSING for frame in tables)
