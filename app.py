"""Bürgernah: the Streamlit entry point. It only builds the navigation and the shared frame;
each page lives in views/ and reads its numbers through analytics/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.i18n import lang, t
from ui.layout import demo_banner, language_switch

VIEWS = Path(__file__).parent / "views"
FAVICON = str(Path(__file__).parent / "ui" / "favicon.png")  # local: a :material: icon would load from Google


def main() -> None:
    st.set_page_config(page_title="Bürgernah", page_icon=FAVICON, layout="wide")
    pages = {
        t("nav_reports"): [
            st.Page(VIEWS / "wochenbericht.py", title=t("weekly_title"), icon=":material/calendar_view_week:",
                    default=True),
            st.Page(VIEWS / "vergleich.py", title="Vergleich" if lang() == "de" else "Comparison",
                    icon=":material/leaderboard:"),
            st.Page(VIEWS / "altersgruppen.py", title="Altersgruppen" if lang() == "de" else "Age groups",
                    icon=":material/groups:"),
            st.Page(VIEWS / "kanaele.py", title="Kanäle" if lang() == "de" else "Channels",
                    icon=":material/hub:"),
            st.Page(VIEWS / "beitraege.py", title="Beiträge" if lang() == "de" else "Posts",
                    icon=":material/article:"),
            st.Page(VIEWS / "methodik.py", title="Methodik" if lang() == "de" else "Methodology",
                    icon=":material/menu_book:"),
        ],
        t("nav_data"): [
            st.Page(VIEWS / "importieren.py", title=t("import_title"), icon=":material/upload_file:"),
        ],
    }
    page = st.navigation(pages)
    language_switch()
    demo_banner()
    page.run()


if __name__ == "__main__":
    main()
