"""Bürgernah: the Streamlit entry point. It only builds the navigation and the shared frame;
each page lives in views/ and reads its numbers through analytics/."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.i18n import t
from ui.layout import demo_banner, language_switch

VIEWS = Path(__file__).parent / "views"


def main() -> None:
    st.set_page_config(page_title="Bürgernah", page_icon=":material/insights:", layout="wide")
    pages = {
        t("nav_reports"): [
            st.Page(VIEWS / "wochenbericht.py", title=t("weekly_title"), icon=":material/calendar_view_week:",
                    default=True),
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
