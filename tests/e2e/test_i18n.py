"""End to end: what Streamlit itself writes follows the language too — `<html lang>` and the file
uploader's own texts ("Upload", "Drag and drop files here", "200MB per file • CSV")."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from connectors.files import max_file_mb
from e2e.conftest import PROJECT, Server, start_streamlit, stop


@pytest.fixture(scope="module")
def server(demo_db_file, tmp_path_factory) -> Iterator[Server]:
    """One app for the module (the tests only read)."""
    folder = tmp_path_factory.mktemp("i18n")
    db = folder / "e2e.duckdb"
    shutil.copy(demo_db_file, db)
    started = start_streamlit(PROJECT / "app.py", db, folder / "streamlit.log")
    yield started
    stop(started)


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_html_lang_follows_the_language(server, browser):
    page = browser.new_page(locale="de-DE")
    page.goto(f"{server.url}/", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Wochenbericht").wait_for(timeout=60_000)
    page.wait_for_function("document.documentElement.lang === 'de'", timeout=30_000)
    # the script's element takes no room
    hidden = page.locator("[data-testid=stElementContainer]:has(script#buergernah-lang)")
    assert hidden.evaluate("e => getComputedStyle(e).display") == "none"

    page.goto(f"{server.url}/vergleich?lang=en", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Comparison").wait_for(timeout=60_000)
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
    assert html_lang(page) == "en"

    # the sidebar switch changes it without reloading the page
    page.get_by_test_id("stSidebar").get_by_text("Deutsch", exact=True).click()
    page.get_by_role("heading", name="Vergleich").wait_for(timeout=60_000)
    page.wait_for_function("document.documentElement.lang === 'de'", timeout=30_000)
    assert "lang=en" not in page.url
    page.close()


AFTER = "(selector) => getComputedStyle(document.querySelector(selector), '::after').content"
ZONE = ".st-key-uploads [data-testid=stFileUploaderDropzone]"
BUTTON = f"{ZONE} [data-testid=stBaseButton-secondary] [data-testid=stMarkdownContainer] p"
LIMIT = f"{ZONE} [data-testid=stFileUploaderDropzoneInstructions] span"
DRAG = f"{ZONE} > div > span"


def uploader_texts(page, url: str, heading: str) -> dict[str, str]:
    """The texts the uploader shows (its own text is hidden, the catalogue's shown after it)."""
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name=heading).wait_for(timeout=60_000)
    zone = page.locator(ZONE)
    zone.wait_for(timeout=60_000)
    page.wait_for_function(f"getComputedStyle(document.querySelector({BUTTON!r}), '::after').content !== 'none'",
                           timeout=30_000)
    shown = {"button": page.evaluate(AFTER, BUTTON), "limit": page.evaluate(AFTER, LIMIT)}
    for selector in (BUTTON, LIMIT):  # Streamlit's English words are not shown
        assert page.evaluate("(s) => getComputedStyle(document.querySelector(s)).fontSize", selector) == "0px"
    # while a file is dragged over the zone
    data = page.evaluate_handle("() => { const d = new DataTransfer(); "
                                "d.items.add(new File(['x'], 'a.csv', {type: 'text/csv'})); return d; }")
    zone.dispatch_event("dragenter", {"dataTransfer": data})
    page.locator(DRAG).wait_for(timeout=30_000)
    shown["drag"] = page.evaluate(AFTER, DRAG)
    zone.dispatch_event("dragleave", {"dataTransfer": data})
    return {name: value.strip('"') for name, value in shown.items()}


def test_uploader_speaks_the_page_language(server, browser):
    page = browser.new_page(locale="de-DE")
    mb = max_file_mb()
    assert uploader_texts(page, f"{server.url}/importieren", "Daten importieren") == {
        "button": "Hochladen", "limit": f"Bis {mb} MB je Datei • CSV, XLSX, XLS, ZIP", "drag": "Dateien hier ablegen"}
    assert uploader_texts(page, f"{server.url}/importieren?lang=en", "Import data") == {
        "button": "Upload", "limit": f"Up to {mb} MB per file • CSV, XLSX, XLS, ZIP", "drag": "Drag and drop files here"}
    page.close()
