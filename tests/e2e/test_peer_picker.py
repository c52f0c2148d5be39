"""The custom peer group's picker in Chromium: typing a Kreis' name offers the Kreis as one entry
(first, and only entries containing the text as typed); choosing it adds its municipalities."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from e2e.conftest import quiet, settled


def test_typing_a_kreis_adds_its_towns(demo_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="de-DE")
    page.goto(f"{demo_server.url}/vergleich", wait_until="domcontentloaded")
    page.get_by_text("Vergleichsgruppen verwalten").click(timeout=60_000)
    settled(page)  # the page's first runs (its filters write the URL) are over before the picker is used
    # and the page is drawn: the chart and table above the picker, drawn later, move it, which closes
    # its list or puts another entry under the pointer
    quiet(page)
    picker = page.get_by_test_id("stMultiSelect")
    picker.locator("input").click()
    picker.locator("input").press_sequentially("Düren")
    options = page.get_by_role("option")
    expect(options.first).to_have_text("Kreis: Düren (Nordrhein-Westfalen) – alle 15 Gemeinden", timeout=30_000)
    shown = options.all_inner_texts()
    assert all("Düren" in o for o in shown), shown  # typed text, not fuzzy matches
    assert not [o for o in shown if re.search(r"(?i)alle auswählen|select (all|\d+ match)", o)], shown
    settled(page)
    picker.locator("input").press("Enter")  # the first entry, which is highlighted
    expect(page.get_by_text("15 Gemeinden gewählt.")).to_be_visible(timeout=30_000)
    chips = picker.get_by_text(re.compile(r"\(Düren, 05358\d{3}\)"))
    assert chips.count() == 15
    page.close()
