"""Import errors and notes on the page „Daten importieren“ in the reader's language (issue 12): a
rejected upload's sentence names the file, notes stored with an import show in whichever language
the page is read in, notes stored before they had catalogue keys show as they were written."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from connectors.base import ImportContext, SourceFile
from connectors.loader import enter_followers, import_file

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
LEGACY_POSTS = ROOT / "tests/fixtures/exports/facebook/Facebook Insights Data Export (Post Level) - Stadt Musterstadt - 2020-08-03.csv"
BINARY = bytes(range(1, 32)) * 20  # control characters: no text file


def errors(at: AppTest) -> list[str]:
    """The error boxes' texts without the Markdown escapes of ui.safe.literal."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]


def import_page(db_path, monkeypatch, lang: str) -> AppTest:
    monkeypatch.setenv("BUERGERNAH_DB", str(db_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.switch_page("views/importieren.py")  # straight to the page (the router runs first either way)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang, sentence", [
    ("en", "This is not a text file (binary data); expected: CSV, XLSX, XLS or ZIP."),
    ("de", "Das ist keine Textdatei (Binärdaten); erwartet wird CSV, XLSX, XLS oder ZIP."),
])
def test_a_broken_upload_is_rejected_in_the_pages_language_naming_the_file(store, monkeypatch, lang, sentence):
    at = import_page(store.path, monkeypatch, lang)
    at.file_uploader(key="uploads").set_value(("kaputt.csv", BINARY, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    assert errors(at) == [f"**kaputt.csv**: {sentence}"]
    preview = at.dataframe[0].value
    assert preview.iloc[0].tolist()[0] == "kaputt.csv" and sentence in preview.iloc[0].tolist()


def test_a_file_the_loader_cannot_place_asks_for_its_town_in_english(store, monkeypatch):
    """The loader's own sentence: a daily file names no account, so the town has to be chosen."""
    follows = ROOT / "tests/fixtures/exports/meta/Instagram Follows.csv"
    at = import_page(store.path, monkeypatch, "en")
    at.file_uploader(key="uploads").set_value((follows.name, follows.read_bytes(), "text/csv"))
    at.run()
    assert not at.exception, at.exception
    assert errors(at) == [
        "**Instagram Follows.csv**: The file names no Instagram account: please choose the municipality for this "
        "file (upload page: municipality in the preview, command line: --municipality AGS)."]


def test_stored_notes_show_in_the_language_the_page_is_read_in(store, monkeypatch):
    import_file(store, SourceFile(LEGACY_POSTS.name, LEGACY_POSTS.read_bytes(), export_date=date(2020, 8, 3)),
                ImportContext(municipality="05334004"))
    account = store.query_value("SELECT account_key FROM core.accounts")
    enter_followers(store, account, date(2020, 8, 3), 12345)
    # an import stored before notes had keys: its plain German notes stay as they were written
    store.write(lambda cur: cur.execute(
        "INSERT INTO core.imports (import_id, file_name, sha256, platform, format, rows, details) "
        "VALUES (9999, 'alt.csv', 'x', 'facebook', 'meta_posts', 0, ?)",
        [json.dumps({"unmapped_columns": [], "notes": ["Ein alter Hinweis."]})]))

    english = import_page(store.path, monkeypatch, "en").dataframe[0].value.set_index("import_id")
    legacy = english.loc[english["format"] == "facebook_legacy"].iloc[0]
    assert "Legacy export with “Impressions”: stored as impressions, not as views." in legacy["notes"]
    entry = english.loc[english["format"] == "follower_entry"].iloc[0]
    assert entry["file_name"].startswith("Follower count entered: ") and entry["file_name"].endswith(
        ", 03/08/2020: 12345")
    assert english.loc[9999, "notes"] == "Ein alter Hinweis."

    german = import_page(store.path, monkeypatch, "de").dataframe[0].value.set_index("import_id")
    legacy = german.loc[german["format"] == "facebook_legacy"].iloc[0]
    assert "Altexport mit „Impressions“: als Impressionen gespeichert, nicht als Aufrufe." in legacy["notes"]
    assert german.loc[german["format"] == "follower_entry"].iloc[0]["file_name"].startswith(
        "Follower-Stand eingetragen: ")
    # the stored name (mart.imports, the CLI's default language) stays German
    assert store.query_value("SELECT file_name FROM mart.imports WHERE format = 'follower_entry'").endswith(
        ", 03.08.2020: 12345")
