"""End to end: `streamlit run` on a free port, Chromium via Playwright, the demo towns' KPIs."""

from __future__ import annotations

from analytics import weekly
from analytics.store import Store
from ui import fmt


def expected_kpis(db, ags: str):
    with Store(db, read_only=True) as store:
        default = weekly.last_complete_week()
        span = weekly.data_weeks(store, ags)
        monday = min(max(default, span[0]), span[1])
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


def test_switching_town_in_the_sidebar_updates_url_and_kpis(demo_server, browser):
    _, kpis = expected_kpis(demo_server.db, "05334004")
    page = browser.new_page(locale="de-DE")
    page.goto(f"{demo_server.url}/?ags=05334036", wait_until="domcontentloaded")
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Alsdorf").click()
    page.get_by_text("Alsdorf · KW").wait_for(timeout=30_000)
    page.wait_for_function("() => window.location.search.includes('ags=05334004')", timeout=30_000)
    values = page.get_by_test_id("stMetricValue").all_inner_texts()
    assert values[0] == fmt.number(kpis.at["facebook", "followers"])
    page.close()
