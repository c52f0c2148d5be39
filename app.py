"""Bürgernah: the Streamlit entry point. It only establishes who is using the app (ui/auth.py),
builds the navigation of the pages that user may open and the shared frame; each page lives in
views/ and reads its numbers through analytics/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics.access import Actor
from analytics.store import StoreError
from ui import auth
from ui.i18n import document_language, t
from ui.layout import demo_banner, language_switch, warmed_up
from ui.state import begin_run, store, unavailable

VIEWS = Path(__file__).parent / "views"
FAVICON = str(Path(__file__).parent / "ui" / "favicon.png")  # local: a :material: icon would load from Google
# (file, icon, section); the title is the catalogue's `app.page.<file>`; the first report page is the default.
PAGES = [
    ("wochenbericht", "calendar_view_week", "app.nav_reports"),
    ("vergleich", "leaderboard", "app.nav_reports"),
    ("altersgruppen", "groups", "app.nav_reports"),
    ("kanaele", "hub", "app.nav_reports"),
    ("beitraege", "article", "app.nav_reports"),
    ("methodik", "menu_book", "app.nav_reports"),
    ("importieren", "upload_file", "app.nav_data"),
    ("wochenmail", "mail", "app.nav_data"),
    ("verwaltung", "admin_panel_settings", "app.nav_data"),
]
PUBLIC_PAGES = {"vergleich", "kanaele", "methodik"}  # the public read-only benchmark


def allowed(page: str, actor: Actor) -> bool:
    """Whether the actor may open a page (a page not offered does not exist for them, URL or not):
    anonymous visitors the public benchmark, the council the reports, officers also the import
    page and the weekly e-mail, admins everything (the weekly e-mail on Verwaltung)."""
    if actor.anonymous:
        return page in PUBLIC_PAGES
    if page == "importieren":
        return actor.admin or bool(actor.officer_of)
    if page == "wochenmail":  # admins manage the weekly e-mail on Verwaltung
        return bool(actor.officer_of) and not actor.admin
    return page != "verwaltung" or actor.admin


def main() -> None:
    st.set_page_config(page_title=t("app.title"), page_icon=FAVICON, layout="wide")
    begin_run()
    with warmed_up():  # first, so the browser fetches the first view's element code meanwhile
        document_language()  # <html lang> follows the language, on the login screen too
        actor = auth.gate(store())
        pages: dict[str, list] = {}
        for name, icon, section in PAGES:
            if allowed(name, actor):
                pages.setdefault(t(section), []).append(
                    st.Page(VIEWS / f"{name}.py", title=t(f"app.page.{name}"), icon=f":material/{icon}:",
                            default=not pages))
        page = st.navigation(pages)
        language_switch()
        try:
            demo_banner()
            page.run()
        except StoreError as exc:  # the database got busy or unreadable in the middle of the page
            unavailable(exc)


if __name__ == "__main__":
    main()
