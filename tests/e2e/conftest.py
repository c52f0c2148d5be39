"""A real Streamlit server on a free port with a temporary database, and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from conftest import free_port

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    for candidate in (os.environ.get("BUERGERNAH_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Chromium fehlt: `make chromium` installiert es (apt-get install chromium).")


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        stop(self)


def start_streamlit(script: Path, db: Path, log: Path, timeout: float = 60, *, port: int | None = None,
                    env: dict[str, str] | None = None) -> Server:
    """`env` adds to (or overrides) the server's environment, e.g. `STREAMLIT_SERVER_ADDRESS`; the
    server is always reached through 127.0.0.1."""
    port = port or free_port()
    env = {**os.environ, "BUERGERNAH_DB": str(db), "STREAMLIT_SERVER_PORT": str(port),
           "STREAMLIT_SERVER_ADDRESS": "127.0.0.1", "STREAMLIT_SERVER_HEADLESS": "true",
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env or {})}
    out = log.open("wb")
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script)], cwd=PROJECT, env=env,
                               stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return Server(url, db, process, log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"Streamlit did not become healthy:\n{log.read_text(errors='replace')[-3000:]}")


def settled(page) -> None:
    """Wait until the script run that is drawing the page has finished (a widget used during a run
    can be drawn anew and lose what was chosen)."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def quiet(page, ms: int = 500) -> None:
    """Wait until the page has not changed for `ms` milliseconds (charts and tables are drawn after
    the script run that sent them has ended)."""
    page.evaluate("""() => { if (window.__lastChange === undefined) {
        window.__lastChange = performance.now();
        new MutationObserver(() => { window.__lastChange = performance.now(); })
            .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    } }""")
    page.wait_for_function(f"performance.now() - window.__lastChange > {ms}", polling=100)


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def demo_server(demo_db_file, tmp_path) -> Iterator[Server]:
    db = tmp_path / "e2e.duckdb"
    shutil.copy(demo_db_file, db)
    server = start_streamlit(PROJECT / "app.py", db, tmp_path / "streamlit.log")
    yield server
    stop(server)
