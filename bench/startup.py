"""Launch to first rendered KPI card in Chromium, against a bare one-line Streamlit app.

    python -m bench.startup [--runs 5]

Each run starts a fresh `streamlit run` process; the clock starts at process launch and stops
when the browser shows the first `st.metric` (Bürgernah, demo database) or the line of text
(the bare app). Reported: the median of each and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "tests"))  # tests/e2e is a package; its conftest imports tests/conftest.py
from analytics.store import Store  # noqa: E402
from connectors import demo  # noqa: E402
from e2e.conftest import CHROMIUM_FLAGS, chromium_path, start_streamlit, stop  # noqa: E402

BARE_APP = 'import streamlit as st\nst.write("Hallo")\n'


def measure(browser, script: Path, db: Path, selector: str, log: Path) -> float:
    started = time.perf_counter()
    server = start_streamlit(script, db, log, timeout=120)
    try:
        page = browser.new_page()
        page.goto(server.url, wait_until="commit")
        page.locator(selector).first.wait_for(timeout=120_000)
        elapsed = time.perf_counter() - started
        page.close()
        return elapsed
    finally:
        stop(server)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.duckdb"
        with Store(db) as store:
            demo.load(store, out_dir=folder / "demo")
        bare = folder / "bare_app.py"
        bare.write_text(BARE_APP)
        app_times, bare_times = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            for _ in range(args.runs):  # interleaved, so drifting machine load hits both alike
                bare_times.append(measure(browser, bare, db, "[data-testid='stMarkdownContainer']", folder / "bare.log"))
                app_times.append(measure(browser, PROJECT / "app.py", db, "[data-testid='stMetricValue'] >> visible=true", folder / "app.log"))
            browser.close()
    result = {"app_s": statistics.median(app_times), "bare_s": statistics.median(bare_times)}
    result["ratio"] = result["app_s"] / result["bare_s"]
    print(f"Start bis erste KPI-Karte: Bürgernah {result['app_s']:.2f} s, leere App {result['bare_s']:.2f} s, "
          f"Verhältnis {result['ratio']:.2f}× (Median aus {args.runs} Läufen)")
    return result


if __name__ == "__main__":
    main()
