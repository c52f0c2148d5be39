"""An account a file did not name (the loader's placeholder handle `ags-<AGS>`) is shown by a name
on every page in both languages — Kanäle, the import page (preview, pickers, history), Verwaltung
(audit log), downloads — never by its handle or key."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from analytics import access
from analytics.access import Actor
from analytics.store import Store
from conftest import open_page
from connectors import actions

PLACEHOLDER = re.compile(r"ags-\d{8}")
YOUTUBE = "youtube:ags-05334016"  # Herzogenrath's YouTube channel: the demo's files do not name it
ADMIN = Actor("admin@kreis.example", admin=True)
PAGES = ["views/wochenbericht.py", "views/vergleich.py", "views/altersgruppen.py", "views/kanaele.py",
         "views/beitraege.py", "views/methodik.py", "views/importieren.py", "views/verwaltung.py", "views/wochenmail.py"]
NAMES = {"de": "YouTube-Kanal von Würselen", "en": "YouTube channel of Würselen"}


@pytest.fixture(scope="module")
def db(demo_db_file, tmp_path_factory) -> Path:
    """The demo with the unnamed YouTube channel moved to Würselen and a follower count entered for it
    (so the audit log and the import history mention it)."""
    path = tmp_path_factory.mktemp("names") / "names.duckdb"
    shutil.copy(demo_db_file, path)
    with Store(path) as store:
        actions.move_account(store, ADMIN, YOUTUBE, "05334036")
        actions.enter_followers(store, ADMIN, YOUTUBE, date(2026, 1, 5), 250)
    return path


def _strings(value, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "formId", "arrowData", "datasets"):  # widget ids are keys, not shown
                _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    elif isinstance(value, str):
        out.append(value)


def shown(at: AppTest) -> list[str]:
    """Every string of every element and every table cell."""
    found: list[str] = []

    def walk(node) -> None:
        if getattr(node, "proto", None) is not None:
            _strings(MessageToDict(node.proto), found)
        if type(node).__name__ == "Dataframe":
            found.extend(str(cell) for cell in node.value.to_numpy().ravel())
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else []:
            walk(child)

    walk(at._tree)
    return found


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_placeholder_handle(db, monkeypatch, page, lang):
    if page == "views/wochenmail.py":
        monkeypatch.setattr(access, "local_actor", lambda: Actor("presse@wuerselen.example",
                                                                 officer_of=frozenset({"05334036"})))
    at = open_page(db, monkeypatch, page, {"ags": "05334036", **({"lang": "en"} if lang == "en" else {})})
    texts = shown(at)
    assert [s for s in texts if PLACEHOLDER.search(s)] == []
    name = NAMES[lang]
    if page == "views/kanaele.py":
        accounts = at.dataframe[1].value
        assert name in accounts["account"].tolist()
        assert "Stadt Herzogenrath" in accounts["account"].tolist()  # the export's page name, not a handle
    if page == "views/importieren.py":
        assert name in at.selectbox(key="followers_account").options  # the pickers
        # the history names the entered count's account (in the page's language where the label was stored
        # as a catalogue message, German as stored before)
        assert any((name in s or NAMES["de"] in s) and "250" in s for s in at.dataframe[0].value["file_name"])
    if page == "views/verwaltung.py":
        targets = at.dataframe[-1].value["target"].tolist()
        assert name in targets  # the move in the audit log
