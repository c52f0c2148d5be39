"""Text from files and users is shown as text: Markdown and HTML in every text field of an
export (page name, post text) and in a peer-group name render literally on every page, and the
browser asks no host but the app."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

from analytics import peers
from analytics.store import Store
from connectors.base import SourceFile
from connectors.loader import import_file
from e2e.conftest import PROJECT, quiet, settled, start_streamlit, stop

EVIL = ('[Sitzung abgelaufen – bitte hier neu anmelden](https://evil.example/login) '
        '![pixel](https://evil.example/pixel.png) <img src="https://evil.example/i.png"> **fett** $x^2$')
META = Path(__file__).parents[1] / "fixtures" / "exports" / "meta"


def hostile_export() -> bytes:
    """Meta's post export with the crafted text as page name and as every post text."""
    data = (META / "Sep-01-2025_Sep-30-2025_1039829308656930.csv").read_bytes().decode("utf-8-sig")
    evil = EVIL.replace('"', '""')
    data = data.replace('"Stadt Musterstadt"', f'"{evil}"').replace("100012345678901", "100066666666666")
    for text in ('"Baustelle Hauptstraße: ab Montag Umleitung.\nDetails im Link."',
                 '"Der Rat sagt: ""Ja"" zum Freibad"'):
        data = data.replace(text, f'"{evil}"')
    return data.encode("utf-8-sig")


def test_file_and_user_text_renders_literally_without_external_requests(demo_db_file, browser, tmp_path):
    db = tmp_path / "hostile.duckdb"
    shutil.copy(demo_db_file, db)
    with Store(db) as store:
        import_file(store, SourceFile("Sep-01-2025_Sep-30-2025_6666.csv", hostile_export()),
                    _ctx("05334036"))
        group = peers.save_group(store, EVIL, ["05334004", "05334036"], actor="test")
    server = start_streamlit(PROJECT / "app.py", db, tmp_path / "streamlit.log")
    requests: list[str] = []
    page = browser.new_page(locale="de-DE", viewport={"width": 1400, "height": 1600})
    page.on("request", lambda request: requests.append(request.url))
    broken = tmp_path / "[klick](https:evil.example).csv"
    broken.write_bytes(hostile_export().replace(b"09/15/2025 10:30", EVIL.replace('"', '""').encode()))
    try:
        page.goto(f"{server.url}/importieren", wait_until="domcontentloaded")
        page.get_by_role("heading", name="Daten importieren").wait_for(timeout=60_000)
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(broken)])
        error = page.get_by_test_id("stAlertContentError")
        error.wait_for(timeout=60_000)
        assert "[klick](https:evil.example).csv" in shown(error)
        assert "Spalte „Publish time“, Zeile 2: Datumsformat von „[Sitzung abgelaufen" in shown(error)
        page.get_by_text("Abruf über Schnittstellen").wait_for(timeout=30_000)
        assert f"{EVIL} (Facebook)" in shown(page.get_by_test_id("stMain"))  # the API-pull list
        for url in (f"vergleich?gruppe={group}", f"kanaele?gruppe={group}", "beitraege?ags=05334036",
                    "altersgruppen?ags=05334036", "?ags=05334036"):
            page.goto(f"{server.url}/{url}", wait_until="domcontentloaded")
            page.get_by_test_id("stMain").get_by_role("heading").first.wait_for(timeout=60_000)
            settled(page)
            quiet(page)  # charts and tables drawn, however long that takes on a busy machine
            if "gruppe=" in url:
                assert EVIL in shown(page.get_by_test_id("stMain")), url
            assert page.locator("a[href*='evil.example'], img[src*='evil.example']").count() == 0, url
        hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
        assert hosts == {"127.0.0.1"}, [u for u in requests if "127.0.0.1" not in u]
    finally:
        page.close()
        stop(server)


def shown(locator) -> str:
    """The text a reader sees (the invisible word joiners that keep URLs from linking removed)."""
    return locator.inner_text().replace("\u2060", "")


def _ctx(ags: str):
    from connectors.base import ImportContext

    return ImportContext(municipality=ags)
