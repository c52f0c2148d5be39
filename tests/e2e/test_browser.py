"""End to end: `streamlit run` on a free port, Chromium via Playwright, the demo towns' KPIs."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from analytics import access, fmt, weekly
from analytics.store import Store
from e2e.conftest import settled


def expected_kpis(db, ags: str):
    with Store(db, read_only=True) as store:
        monday = weekly.default_week(weekly.week_coverage(store, ags))
        return monday, weekly.weekly_metrics(store, ags, monday, monday).set_index("platform")


def test_demo_kpis_render_in_chromium(demo_server, browser):
    monday, kpis = expected_kpis(demo_server.db, "05334036")
    page = browser.new_page(locale="de-DE")
    page.goto(f"{demo_server.url}/?ags=05334036", wait_until="domcontentloaded")
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
    assert page.get_by_role("heading", name="Wochenbericht").is_visible()
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
    assert labels[:3] == ["Follower", "Neue Follower", "Reichweite der Beiträge"]
    assert values[0] == fmt.number(kpis.at["facebook", "followers"])
    assert values[2] == fmt.number(kpis.at["facebook", "reach"])
    assert values[6] == fmt.number(kpis.at["instagram", "followers"])
    assert page.get_by_text("Demodaten:").is_visible()
    assert f"KW {monday.isocalendar()[1]}/" in page.get_by_text("Würselen · KW").inner_text()
    page.close()


# While the sidebar holds the warm-up metric: how much of it shows (its scroll box's height), and
# where the language switch below it first appeared.
WATCH_WARM_UP = """(() => { window.__warmUp = {drawn: false, shown: 0, switchTop: null};
    new MutationObserver(() => {
        const metric = document.querySelector('[data-testid=stSidebar] [data-testid=stMetric]');
        if (metric) {
            let box = metric.parentElement;
            while (getComputedStyle(box).overflow === 'visible') box = box.parentElement;
            window.__warmUp.drawn = true;
            window.__warmUp.shown = Math.max(window.__warmUp.shown, box.getBoundingClientRect().height);
        }
        const switcher = document.querySelector('[data-testid=stSidebar] [data-testid=stButtonGroup]');
        if (switcher && window.__warmUp.switchTop === null) window.__warmUp.switchTop = switcher.getBoundingClientRect().top;
    }).observe(document, {subtree: true, childList: true, attributes: true}); })()"""


def test_first_run_warms_up_out_of_sight_and_leaves_nothing(demo_server, browser):
    """ui/layout.warmed_up: the first run draws a metric and a selectbox in a 1-pixel box (so the
    browser fetches their code early, issue 12) and empties the box when it ends; nothing moves."""
    _, kpis = expected_kpis(demo_server.db, "05334036")
    page = browser.new_page(locale="de-DE")
    page.add_init_script(WATCH_WARM_UP)
    page.goto(f"{demo_server.url}/?ags=05334036", wait_until="domcontentloaded")
    page.locator("[data-testid=stMetricValue]:visible").first.wait_for(timeout=60_000)
    settled(page)
    seen = page.evaluate("window.__warmUp")
    assert seen["drawn"] and seen["shown"] <= 1, seen
    switcher = page.get_by_test_id("stSidebar").get_by_test_id("stButtonGroup").first
    assert switcher.bounding_box()["y"] == seen["switchTop"]
    assert page.get_by_test_id("stSidebar").get_by_test_id("stMetric").count() == 0
    assert page.get_by_test_id("stMetricValue").count() == 6 * (kpis["days_covered"] > 0).sum()  # the page's own
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()  # a second run
    page.get_by_role("option", name="Alsdorf").click()
    page.get_by_text("Alsdorf · KW").wait_for(timeout=30_000)
    settled(page)
    assert page.get_by_test_id("stSidebar").get_by_test_id("stMetric").count() == 0
    assert switcher.bounding_box()["y"] == seen["switchTop"]
    page.close()


def test_switching_town_in_the_sidebar_updates_url_and_kpis(demo_server, browser):
    _, kpis = expected_kpis(demo_server.db, "05334004")
    page = browser.new_page(locale="de-DE")
    page.goto(f"{demo_server.url}/?ags=05334036", wait_until="domcontentloaded")
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Alsdorf").click()
    page.get_by_text("Alsdorf · KW").wait_for(timeout=30_000)
    page.wait_for_function("() => window.location.search.includes('ags=05334004')", timeout=30_000)
    expected = fmt.number(kpis.at["facebook", "followers"])
    # the caption may repaint before the cards: wait until the first card shows Alsdorf's figure
    page.wait_for_function("v => document.querySelector('[data-testid=stMetricValue]')?.innerText === v",
                           arg=expected, timeout=30_000)
    assert page.get_by_test_id("stMetricValue").all_inner_texts()[0] == expected
    page.close()


def test_shared_link_reopens_the_same_selection(demo_server, browser):
    """A link with query parameters (peer group, platform, period, metric) reopens identically."""
    page = browser.new_page(locale="de-DE")
    link = (f"{demo_server.url}/vergleich?gruppe=kreis:05334&plattform=facebook"
            "&von=2026-09-01&bis=2026-10-31&kennzahl=interactions_per_1k_inhabitants")
    page.goto(link, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Vergleich").wait_for(timeout=60_000)
    caption = page.get_by_text("Kreis: Städteregion Aachen (Nordrhein-Westfalen) ·").first
    caption.wait_for(timeout=60_000)
    assert caption.inner_text() == "Kreis: Städteregion Aachen (Nordrhein-Westfalen) · Facebook · 01.09.2026 – 31.10.2026"
    sidebar = page.get_by_test_id("stSidebar")
    group = sidebar.get_by_role("combobox", name="Vergleichsgruppe")
    platform = sidebar.get_by_role("combobox", name="Plattform")
    platform.wait_for(timeout=30_000)
    assert group.input_value() == "Kreis: Städteregion Aachen (Nordrhein-Westfalen)"
    assert platform.input_value() == "Facebook"
    metric = page.get_by_role("combobox", name="Kennzahl")
    metric.wait_for(timeout=30_000)
    assert metric.input_value() == "Interaktionen je 1.000 Einwohner"
    # the app keeps the parameters in the URL, so the link can be passed on again
    assert "gruppe=kreis%3A05334" in page.url or "gruppe=kreis:05334" in page.url
    assert "plattform=facebook" in page.url
    page.close()


def test_upload_preview_per_file_town_import_and_history_in_the_browser(demo_server, browser, tmp_path):
    """An officer drops three files: Herzogenrath's new Facebook page (its town is recognised from
    the page name and pre-filled), a page whose name fits no town (the file asks; she picks
    Baesweiler) and a broken file. The preview names what was recognised and the error; each
    import lands in its own town and in the history."""
    broken = tmp_path / "kaputt.csv"
    broken.write_bytes(bytes(range(256)) * 4)  # binary: control bytes throughout
    meta = Path(__file__).parents[1] / "fixtures" / "exports" / "meta"
    export = meta / "Sep-01-2025_Sep-30-2025_4444.csv"
    herzogenrath = tmp_path / "Sep-01-2025_Sep-30-2025_5555.csv"
    herzogenrath.write_bytes((meta / "Sep-01-2025_Sep-30-2025_1039829308656930.csv").read_bytes()
                             .replace(b"Stadt Musterstadt", b"Stadt Herzogenrath")
                             .replace(b"100012345678901", b"100099999999999"))
    page = browser.new_page(locale="de-DE", viewport={"width": 1400, "height": 1400})
    page.goto(f"{demo_server.url}/importieren", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Daten importieren").wait_for(timeout=60_000)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(herzogenrath), str(export), str(broken)])
    prefilled = page.get_by_role("combobox", name=f"Gemeinde für {herzogenrath.name}")
    prefilled.wait_for(timeout=60_000)
    assert prefilled.input_value() == "Herzogenrath (Städteregion Aachen, 05334016)"
    asks = page.get_by_role("combobox", name=f"Gemeinde für {export.name}")
    assert asks.input_value() == "— bitte wählen —"
    cells = page.locator("td[role=gridcell]")
    cells.filter(has_text="Gemeinde fehlt").first.wait_for(state="attached", timeout=60_000)
    asks.click()
    page.keyboard.type("Baesweiler")
    page.get_by_role("option", name="Baesweiler (Städteregion Aachen, 05334008)").click()
    page.get_by_text("Baesweiler: gewählt").wait_for(timeout=60_000)
    assert page.get_by_text("Herzogenrath: am Namen „Stadt Herzogenrath“ erkannt").is_visible()
    # the preview table (a canvas grid; its cells are mirrored for screen readers)
    expect(cells.filter(has_text="bereit")).to_have_count(2, timeout=60_000)
    row = [c.strip() for c in cells.all_text_contents()]
    for shown in ("bereit", "Stadt Musterstadt", "Baesweiler (Städteregion Aachen, 05334008)",
                  "Herzogenrath (Städteregion Aachen, 05334016)",
                  "06.09.2025 – 07.09.2025", "Fehler"):
        assert shown in row, shown
    error = page.get_by_test_id("stAlertContentError")
    error.wait_for(timeout=30_000)
    assert "kaputt.csv" in error.inner_text() and "keine Textdatei" in error.inner_text()
    page.get_by_role("button", name="2 Datei(en) importieren").click()
    page.get_by_text("2 Datei(en) importiert.").wait_for(timeout=60_000)
    page.close()
    demo_server.stop()  # the app holds the database; read it once the server is gone
    with Store(demo_server.db, read_only=True) as store:
        latest = store.query_df("SELECT file_name, platform, rows, imported_by FROM mart.imports "
                                "ORDER BY import_id DESC LIMIT 2")
        actor = access.local_actor().id  # the single local admin (no login configured, loopback)
        assert latest.to_dict("records") == [
            {"file_name": export.name, "platform": "instagram", "rows": 2, "imported_by": actor},
            {"file_name": herzogenrath.name, "platform": "facebook", "rows": 3, "imported_by": actor},
        ]
        assert store.query_value("SELECT ags FROM mart.accounts WHERE handle = 'stadt.musterstadt'") == "05334008"
        assert store.query_value("SELECT ags FROM mart.accounts WHERE account_id = '100099999999999'") == "05334016"
