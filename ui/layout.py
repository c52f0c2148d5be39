"""Things every page shows: the language switch, the demo banner and the municipality picker.

Neither this module nor app.py imports pandas (or Altair, or the connectors): the browser draws
the page frame (navigation, sidebar, banner) while the page itself imports what its figures need."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from analytics import peers
from connectors import demo
from ui import auth
from ui.confirm import arm, confirmed
from ui.i18n import DEFAULT, lang, t
from ui.state import clear_caches, query, store

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}  # each language in its own words
_WARMED_UP = "_warmed_up"  # session state: the first run drew the hidden elements


def language_switch() -> None:
    """The sidebar switch; the language lives in the URL (`?lang=en`, German without it)."""
    wanted = st.sidebar.segmented_control(t("app.language"), list(LANGUAGE_NAMES), default=lang(),
                                          format_func=LANGUAGE_NAMES.get, key="language_switch") or lang()
    if wanted != lang():
        if wanted == DEFAULT:
            del st.query_params["lang"]
        else:
            st.query_params["lang"] = wanted
        st.rerun()


@contextmanager
def warmed_up() -> Iterator[None]:
    """Streamlit's frontend fetches the code of an element type the first time it draws one, and
    draws nothing new of the page until that code has arrived: the first view's town picker and KPI
    cards waited 0.3–0.5 s for the selectbox's and `st.metric`'s code (issue 12, `make bench`). So
    a session's first run draws one of each at its start, before anything slow happens, in a
    1-pixel box at the top of the sidebar (hidden by CSS, for screen readers too, as soon as the
    style's own code is there), and empties the box when the run ends: by the time the page sends
    its picker and cards, their code is there. (A run ended by `st.stop()` sends nothing more; there
    they stay, hidden.)

    Every run draws the box, so nothing moves when it is emptied, and the elements keep their
    places (an expander opened during the first run stays open). A session without a browser
    (Streamlit's AppTest: no request headers) has no code to fetch and gets the empty box only."""
    box = st.sidebar.container(height=1, border=False, key="warm_up")
    if st.session_state.get(_WARMED_UP) or not st.context.headers:
        yield
        return
    st.session_state[_WARMED_UP] = True
    box.html("<style>.st-key-warm_up [data-testid=stElementContainer]{display:none}</style>")
    metric, select = box.empty(), box.empty()
    metric.metric("warm-up", "–", label_visibility="collapsed")
    select.selectbox("warm-up", ["–"], label_visibility="collapsed", key="warm_up_select")
    try:
        yield
    finally:
        metric.empty()
        select.empty()


def demo_banner() -> None:
    """A clear banner while demo data is present; an admin can remove it (after a question)."""
    if not query(demo.has_demo):
        return
    actor = auth.current()
    with st.container(border=True):
        left, right = st.columns([3, 1], vertical_alignment="center")
        hint = t("app.demo_banner_import") if actor.admin or actor.officer_of else ""
        left.markdown(":material/science: " + t("app.demo_banner") + hint)
        if actor.may("remove_demo") and right.button(t("app.demo_remove"), key="remove_demo", type="secondary"):
            arm("confirm_remove_demo")
        if confirmed("confirm_remove_demo", t("app.demo_remove_question")):
            from connectors import actions  # on the click only: it loads every connector

            removed = actions.remove_demo(store(), actor)
            clear_caches()
            st.toast(t("app.demo_removed", n=removed))
            st.rerun()


def short_name(name: str) -> str:
    """`Alsdorf, Stadt` → `Alsdorf` for compact labels."""
    return name.split(",")[0]


def card_row(n: int, key: str) -> list:
    """`n` columns for KPI cards (`st.metric(…, border=True, height="stretch")`, so a row's cards are
    equally tall) whose labels and values wrap instead of ending in „…“: Streamlit cuts both off in a
    narrow column (a town's name, a band such as „1.145,2 – 1.163,1“). CSS scoped to the row's key,
    as ui/i18n.localized_uploader does; style-only `st.html` takes no room."""
    text = f".st-key-{key} [data-testid=stMetric] .stMarkdownEllipsis"
    st.html(f"<style>{text},{text} p{{white-space:normal;overflow:visible;text-overflow:clip;"
            "overflow-wrap:break-word}</style>")
    return st.container(key=key).columns(n)


def municipality_picker(towns: list[dict]) -> str:
    """Sidebar picker of towns with data; the choice lives in the URL (`?ags=…`)."""
    options = [town["ags"] for town in towns]
    names = {town["ags"]: short_name(town["name"]) for town in towns}
    wanted = st.query_params.get("ags")
    index = options.index(wanted) if wanted in options else 0
    ags = st.sidebar.selectbox(t("common.municipality"), options, index=index, format_func=names.get, key="municipality")
    if st.query_params.get("ags") != ags:
        st.query_params["ags"] = ags
    return ags


def towns_with_data() -> list[dict]:
    """Towns with at least one account (analytics/peers.py `towns_with_accounts`); on an empty
    database a helpful note ends the page."""
    towns = query(peers.towns_with_accounts)
    if not towns:
        empty_state()
        st.stop()
    return towns


def empty_state() -> None:
    """No data yet: what to import first, a way to the import page, and how to get the demo back."""
    actor = auth.current()
    st.info(t("app.no_accounts"), icon=":material/inbox:")
    st.markdown(t("app.first_import"))
    if actor.admin or actor.officer_of:
        st.page_link("views/importieren.py", label=t("app.to_import"), icon=":material/upload_file:")
    if actor.may("remove_demo"):
        if st.button(t("app.load_demo"), key="load_demo", icon=":material/science:"):
            from connectors import actions  # on the click only, as above

            bar = st.progress(0.0, text=t("app.loading_demo"))
            count = actions.load_demo(store(), actor, progress=lambda i, n, name: bar.progress(i / n, text=name))
            clear_caches()
            st.toast(t("app.demo_loaded", n=count))
            st.rerun()
    else:
        st.caption(t("app.demo_cli"))


def town_picker() -> tuple[dict, str, str]:
    """(the chosen town's row of `towns_with_data`, its AGS, its short name) for the pages about one town."""
    towns = towns_with_data()
    ags = municipality_picker(towns)
    chosen = next(town for town in towns if town["ags"] == ags)
    return chosen, ags, short_name(chosen["name"])
