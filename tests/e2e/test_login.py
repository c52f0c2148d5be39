"""Logins and roles in Chromium.

With `[auth]`: a real OIDC login against a local provider (oidc-provider-mock, started here) once
per role — admin, council, officer of Alsdorf, a user without a role — plus logout and the
session's maximum age. Without `[auth]`: the refusal off the loopback address and the public
read-only benchmark (`BUERGERNAH_PUBLIC=1`). Pages only hide; the write gate refuses (its full
matrix is tests/test_access.py, here only the actors these sessions get).
"""

from __future__ import annotations

import os
import secrets
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from analytics import imports
from analytics.access import ANONYMOUS, Forbidden
from conftest import free_port
from connectors import actions
from e2e.conftest import PROJECT, Server, quiet, settled, start_streamlit, stop
from ui import auth
from ui.safe import WORD_JOINER

with warnings.catch_warnings():  # the provider uses authlib's deprecated JOSE API (authlib warns "always")
    from authlib.deprecate import AuthlibDeprecationWarning

    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from oidc_provider_mock import run_server_in_thread

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the same, while the provider runs


ALSDORF, WUERSELEN = "05334004", "05334036"
USERS = {  # the provider's subject: the claims its ID token carries
    "admin": {"email": "admin@stadt.example", "groups": ["buergernah-admin"]},
    "council": {"email": "rat@stadt.example", "groups": ["buergernah-council", "alle-mitarbeiter"]},
    "officer": {"email": "presse@alsdorf.example", "groups": [f"buergernah-officer:{ALSDORF}"]},
    "norole": {"email": "neu@stadt.example", "groups": ["alle-mitarbeiter"]},
}
REPORTS = ["Wochenbericht", "Vergleich", "Altersgruppen", "Kanäle", "Beiträge", "Methodik"]
SCREENSHOTS = os.environ.get("BUERGERNAH_E2E_SCREENSHOTS")  # a folder: pictures of each role's first page


# -- the provider and the app ---------------------------------------------------------------


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on a free loopback port, with one registered user per role."""
    with run_server_in_thread() as server:
        url = f"http://localhost:{server.server_port}"
        for sub, claims in USERS.items():
            requests.put(f"{url}/users/{sub}", json=claims, timeout=10).raise_for_status()
        yield url


def start_app(folder: Path, db_file: Path, *, auth_for: str | None = None, **env: str) -> Server:
    """Streamlit on a copy of `db_file` with its own secrets file: `[auth]` for the provider at
    `auth_for`, or empty (so a developer's own secrets never count)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text("" if auth_for is None else f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "buergernah-e2e"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{auth_for}/.well-known/openid-configuration"
""")
    db = folder / "app.duckdb"
    shutil.copy(db_file, db)
    return start_streamlit(PROJECT / "app.py", db, folder / "streamlit.log", port=port,
                           env={"STREAMLIT_SECRETS_FILES": str(secrets_file), "BUERGERNAH_SECRETS": str(secrets_file),
                                "BUERGERNAH_PUBLIC": "", **env})


@pytest.fixture(scope="module")
def login_app(provider, demo_db_file, tmp_path_factory) -> Iterator[Server]:
    server = start_app(tmp_path_factory.mktemp("login"), demo_db_file, auth_for=provider)
    yield server
    stop(server)


# -- browser steps ----------------------------------------------------------------------------


def new_page(browser: Browser) -> Page:
    """A page in a fresh context (its own cookies: one user each)."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1400, "height": 1200}, accept_downloads=True)
    context.set_default_timeout(60_000)
    return context.new_page()


def log_in(page: Page, app: Server, sub: str) -> None:
    """From the app's login button through the provider's form; back in the app afterwards."""
    page.goto(app.url, wait_until="domcontentloaded")
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_placeholder("sub").fill(sub)  # the provider's authorisation form
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(lambda url: url.startswith(f"{app.url}/"), wait_until="commit")


def signed_in_line(page: Page) -> str:
    line = page.get_by_test_id("stSidebar").get_by_text("Angemeldet als")
    line.wait_for()
    return line.inner_text().replace(WORD_JOINER, "")


def navigation(page: Page) -> list[str]:
    links = page.get_by_test_id("stSidebarNavLink")
    links.first.wait_for()
    return [text.strip().splitlines()[-1] for text in links.all_inner_texts()]


def open_page(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNavLink").filter(has_text=title).click()
    heading(page, title).wait_for()
    settled(page)


def end_provider_session(page: Page) -> None:
    """Streamlit's logout ends the session at the provider too; the mock asks for a click."""
    page.get_by_role("button", name="End session").click()


def download_csv(page: Page) -> None:
    """The page's first council CSV download (ui/downloads.py; not the raw data beside it) delivers a German CSV."""
    button = page.get_by_test_id("stDownloadButton").filter(has_text="CSV").filter(has_not_text="Roh").first
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".csv")
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf") and b";" in content  # UTF-8 with BOM, German separators


def demo_banner(page: Page) -> str:
    text = page.get_by_test_id("stMarkdownContainer").filter(has_text="Demodaten:").first.inner_text()
    assert "Alle Zahlen sind erfunden" in text
    return text


def snap(page: Page, name: str) -> None:
    if SCREENSHOTS:
        settled(page)
        quiet(page)  # charts and tables paint after the run
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=False)


def heading(page: Page, title: str):
    return page.get_by_role("heading", name=title, exact=True)


# -- with [auth]: one login per role -----------------------------------------------------------


def test_admin_sees_import_and_administration(login_app, browser):
    page = new_page(browser)
    page.goto(login_app.url, wait_until="domcontentloaded")
    page.get_by_role("button", name="Anmelden").wait_for()
    assert page.get_by_test_id("stSidebarNavLink").count() == 0  # nothing but the login before it
    snap(page, "login")
    log_in(page, login_app, "admin")
    assert signed_in_line(page) == "Angemeldet als admin@stadt.example · Rollen: admin"
    assert navigation(page) == [*REPORTS, "Daten importieren", "Verwaltung"]
    heading(page, "Wochenbericht").wait_for()
    snap(page, "admin")
    assert page.get_by_role("button", name="Demodaten entfernen").is_visible()
    open_page(page, "Verwaltung")
    open_page(page, "Daten importieren")
    page.context.close()


def test_officer_imports_and_undoes_only_for_his_town(login_app, browser, demo_store):
    page = new_page(browser)
    log_in(page, login_app, "officer")
    assert signed_in_line(page) == f"Angemeldet als presse@alsdorf.example · Rollen: officer:{ALSDORF}"
    assert navigation(page) == [*REPORTS, "Daten importieren", "Wochen-E-Mail"]
    heading(page, "Wochenbericht").wait_for()
    snap(page, "officer")
    assert "„Daten importieren“" in demo_banner(page)  # the banner points to his import page
    assert page.get_by_role("button", name="Demodaten entfernen").count() == 0
    open_page(page, "Daten importieren")
    assert page.get_by_role("button", name="Demodaten entfernen").count() == 0
    history = imports.import_history(demo_store)
    own = history[history["towns"].map(lambda towns: towns == [ALSDORF])]
    assert len(own) < len(history)  # the demo has other towns' imports, which must not be offered
    page.get_by_role("combobox", name="Import", exact=True).click()
    options = page.get_by_role("option")
    expect(options).to_have_count(len(own))
    assert options.all_inner_texts() == [f"{row.import_id} · {row.file_name}" for row in own.itertuples()]
    page.keyboard.press("Escape")
    page.context.close()

    # below the page: the gate refuses the same actor the app builds from these claims
    officer = auth.actor_from_claims(demo_store, {"sub": "officer", **USERS["officer"]})
    assert officer.officer_of == {ALSDORF} and not (officer.admin or officer.council)
    other = int(history[history["towns"].map(lambda towns: towns == [WUERSELEN])]["import_id"].iloc[0])
    with pytest.raises(Forbidden):
        actions.undo(demo_store, officer, other)
    assert demo_store.query_value("SELECT status FROM mart.imports WHERE import_id = ?", [other]) == "imported"


def test_council_reads_and_downloads_but_has_no_data_pages(login_app, browser):
    page = new_page(browser)
    log_in(page, login_app, "council")
    assert signed_in_line(page) == "Angemeldet als rat@stadt.example · Rollen: council"
    assert navigation(page) == REPORTS
    heading(page, "Wochenbericht").wait_for()
    snap(page, "council")
    assert "importieren" not in demo_banner(page)  # no pointer to a page the council does not have
    assert page.get_by_role("button", name="Demodaten entfernen").count() == 0
    for title in REPORTS[1:]:
        open_page(page, title)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    open_page(page, "Vergleich")
    download_csv(page)
    for path in ("importieren", "verwaltung"):  # not offered: not there by URL either
        page.goto(f"{login_app.url}/{path}", wait_until="domcontentloaded")
        heading(page, "Wochenbericht").wait_for()
        settled(page)
        assert heading(page, "Daten importieren").count() == 0
        assert heading(page, "Verwaltung").count() == 0
    page.context.close()


def test_user_without_role_sees_only_the_note(login_app, browser):
    page = new_page(browser)
    log_in(page, login_app, "norole")
    assert signed_in_line(page) == "Angemeldet als neu@stadt.example · Rollen: –"
    note = page.get_by_test_id("stAlertContentWarning")
    expect(note).to_contain_text("hat noch keine Bürgernah-Rolle")
    snap(page, "norole")
    settled(page)
    assert page.get_by_test_id("stSidebarNavLink").count() == 0
    assert page.locator("h1").count() == 0
    page.context.close()


def test_logout_brings_back_the_login(login_app, browser):
    page = new_page(browser)
    log_in(page, login_app, "council")
    signed_in_line(page)
    page.reload(wait_until="domcontentloaded")
    signed_in_line(page)  # a new page load keeps the login
    page.get_by_test_id("stSidebar").get_by_role("button", name="Abmelden").click()
    end_provider_session(page)
    page.get_by_role("button", name="Anmelden").wait_for()
    page.goto(login_app.url, wait_until="domcontentloaded")
    page.get_by_role("button", name="Anmelden").wait_for()  # the identity cookie is gone
    assert page.get_by_test_id("stSidebarNavLink").count() == 0
    page.context.close()


def test_session_older_than_max_age_must_log_in_again(provider, demo_db_file, browser, tmp_path):
    app = start_app(tmp_path / "short", demo_db_file, auth_for=provider, BUERGERNAH_SESSION_MAX_HOURS="0.0003")
    try:
        page = new_page(browser)
        log_in(page, app, "council")  # the ID token is issued before the browser is back in the app
        page.wait_for_timeout(1500)  # let it grow older than the second allowed
        page.goto(app.url, wait_until="domcontentloaded")  # the next run checks its age
        back = page.get_by_role("button", name="End session").or_(page.get_by_role("button", name="Anmelden"))
        back.first.wait_for()
        if page.get_by_role("button", name="End session").count():  # logged out by this run
            end_provider_session(page)
        page.get_by_role("button", name="Anmelden").wait_for()
        assert page.get_by_test_id("stSidebarNavLink").count() == 0
        page.context.close()
    finally:
        stop(app)


# -- without [auth] ------------------------------------------------------------------------------


def test_without_login_other_addresses_are_refused(demo_db_file, browser, tmp_path):
    app = start_app(tmp_path / "open", demo_db_file, STREAMLIT_SERVER_ADDRESS="0.0.0.0")
    try:
        page = new_page(browser)
        page.goto(app.url, wait_until="domcontentloaded")
        refusal = page.get_by_test_id("stAlertContentError")
        expect(refusal).to_contain_text("nur auf dem eigenen Rechner erreichbar: für die Adresse 0.0.0.0")
        snap(page, "refused")
        settled(page)
        assert page.get_by_test_id("stAlert").count() == 1
        assert page.get_by_test_id("stSidebarNavLink").count() == 0
        assert page.locator("h1, h2, h3").count() == 0
        assert page.locator("[data-testid=stMetricValue]:visible").count() == 0
        page.context.close()
    finally:
        stop(app)


def test_public_benchmark_reads_and_downloads_only(demo_db_file, browser, tmp_path, demo_store):
    app = start_app(tmp_path / "public", demo_db_file, STREAMLIT_SERVER_ADDRESS="0.0.0.0", BUERGERNAH_PUBLIC="1")
    try:
        page = new_page(browser)
        page.goto(app.url, wait_until="domcontentloaded")
        assert navigation(page) == ["Vergleich", "Kanäle", "Methodik"]
        heading(page, "Vergleich").wait_for()
        snap(page, "public")
        assert "importieren" not in demo_banner(page)
        assert page.get_by_role("button", name="Demodaten entfernen").count() == 0
        download_csv(page)
        for path in ("importieren", "verwaltung"):
            page.goto(f"{app.url}/{path}", wait_until="domcontentloaded")
            heading(page, "Vergleich").wait_for()
            settled(page)
            assert heading(page, "Daten importieren").count() == 0
            assert heading(page, "Verwaltung").count() == 0
        page.context.close()
    finally:
        stop(app)
    # whatever a page shows, the gate refuses the anonymous visitor
    for write in (lambda: actions.undo(demo_store, ANONYMOUS, 1),
                  lambda: actions.remove_demo(demo_store, ANONYMOUS),
                  lambda: actions.assign_role(demo_store, ANONYMOUS, "ich@example.org", "admin")):
        with pytest.raises(Forbidden):
            write()
