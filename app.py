"""Bürgernah: the Streamlit entry point. It only establishes who is using the app (ui/auth.py),
builds the navigation of the pages that user may open and the shared frame; each page lives in
views/ and reads its numbers through analytics/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics.access import Actor
from analytics.store import StoreError
from ui import auth
from ui.i18n import lang, t
from ui.layout import demo_banner, language_switch
from ui.state import store, unavailable

VIEWS = Path(__file__).parent / "views"
FAVICON = str(Path(__file__).parent / "ui" / "favicon.png")  # local: a :material: icon would load from Google
# (file, German title, English title, icon, section); the first report page is the default.
PAGES = [
    ("wochenbericht", "Wochenbericht", "Weekly report", "calendar_view_week", "nav_reports"),
    ("vergleich", "Vergleich", "Comparison", "leaderboard", "nav_reports"),
    ("altersgruppen", "Altersgruppen", "Age groups", "groups", "nav_reports"),
    ("kanaele", "Kanäle", "Channels", "hub", "nav_reports"),
    ("beitraege", "Beiträge", "Posts", "article", "nav_reports"),
    ("methodik", "Methodik", "Methodology", "menu_book", "nav_reports"),
    ("importieren", "Daten importieren", "Import data", "upload_file", "nav_data"),
    ("wochenmail", "Wochen-E-Mail", "Weekly e-mail", "mail", "nav_data"),
    ("verwaltung", "Verwaltung", "Administration", "admin_panel_settings", "nav_data"),
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
    st.set_page_config(page_title="Bürgernah", page_icon=FAVICON, layout="wide")
    actor = auth.gate(store())
    pages: dict[str, list] = {}
    for name, de, en, icon, section in PAGES:
        if allowed(name, actor):
            pages.setdefault(t(section), []).append(
                st.Page(VIEWS / f"{name}.py", title=de if lang() == "de" else en, icon=f":material/{icon}:",
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
