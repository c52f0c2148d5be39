"""Shared filters of the analysis pages, in the sidebar and in the URL's query parameters, so a
view sent as a link reopens identically:

`gruppe` (peer group id), `ags` (municipality, see ui/layout.municipality_picker), `plattform`
(platform or absent for all), `von` / `bis` (period, ISO dates), `lang` (language).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from analytics import content, peers
from analytics.metrics import ALL_PLATFORMS
from ui.i18n import lang, platform_name, t
from ui.state import query

DEFAULT_DAYS = 90
PENDING_GROUP = "pending_peer_group"


def _set_param(name: str, value: str | None) -> None:
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def peer_group_picker() -> tuple[str, str]:
    """Sidebar choice of the peer group (`?gruppe=`); returns (group_id, name)."""
    L = lang()
    groups = query(peers.groups, L)
    options = groups["group_id"].tolist()
    names = dict(zip(groups["group_id"], groups["name"], strict=True))
    wanted = st.query_params.get("gruppe", peers.DEFAULT_GROUP)
    pending = st.session_state.pop(PENDING_GROUP, None)  # set by a page that just saved or deleted a group
    if pending:
        wanted = pending
        st.session_state["peer_group"] = pending if pending in options else peers.DEFAULT_GROUP
    if wanted not in options and wanted.split(":")[0] in ("kreis", "land", "groesse"):
        options.append(wanted)  # a derived group from a link, even without accounts
        names[wanted] = wanted
    index = options.index(wanted) if wanted in options else 0
    group_id = st.sidebar.selectbox(t("filters.group"), options, index=index, format_func=names.get,
                                    key="peer_group")
    _set_param("gruppe", None if group_id == peers.DEFAULT_GROUP else group_id)
    return group_id, names[group_id]


def platform_picker(available: list[str] | None = None) -> str | None:
    """Sidebar platform choice (`?plattform=`); None = all platforms."""
    present = [p for p in ALL_PLATFORMS if available is None or p in set(available)]
    options = ["alle", *present]
    wanted = st.query_params.get("plattform", "alle")
    index = options.index(wanted) if wanted in options else 0
    choice = st.sidebar.selectbox(t("filters.platform"), options, index=index, key="platform",
                                  format_func=lambda p: t("filters.all") if p == "alle" else platform_name(p))
    _set_param("plattform", None if choice == "alle" else choice)
    return None if choice == "alle" else choice


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def period_picker() -> tuple[date, date]:
    """Sidebar period (`?von=…&bis=…`); default: the last 90 days up to the newest data."""
    span = query(content.data_span)
    last = span[1] if span else date.today()
    first_possible = span[0] if span else last - timedelta(days=365)
    end = _parse(st.query_params.get("bis")) or last
    start = _parse(st.query_params.get("von")) or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        start, end = end, start
    st.sidebar.caption(t("filters.period"))
    left, right = st.sidebar.columns(2)
    fmt = t("format.date_input")
    low = min(first_possible, start)
    high = max(last, end)
    start = left.date_input(t("filters.from"), start, min_value=low, max_value=high, format=fmt, key="period_from")
    end = right.date_input(t("filters.to"), end, min_value=low, max_value=high, format=fmt, key="period_to")
    if start > end:
        start, end = end, start
    _set_param("von", start.isoformat())
    _set_param("bis", end.isoformat())
    return start, end


def platforms_of(frame: pd.DataFrame) -> list[str]:
    return [p for p in ALL_PLATFORMS if p in set(frame["platform"].dropna())] if "platform" in frame else []


def group_members_picker(label: str, key: str) -> list[str]:
    """The municipalities of a new peer group (AGS), searchable by name. Every Kreis is an entry of its
    own at the top of the list („Kreis: Düren (Nordrhein-Westfalen) – alle 15 Gemeinden“): choosing
    it puts exactly that Kreis' municipalities into the selection (by their Kreis key, never by a name
    match, so neither the town Düren alone nor Niederdürenbach), each of which can then be removed.
    Typing matches the text as typed (no fuzzy matches), and there is no „select all matches“, which
    would pick every town whose name merely contains the word."""
    towns = query(peers.choices)
    kreise = query(peers.kreis_choices)
    members = {f"kreis:{k}": list(m) for k, m in zip(kreise["kreis_ags"], kreise["members"], strict=True)}
    labels = {f"kreis:{r.kreis_ags}": t("vergleich.kreis_entry", name=r.name, land=r.land, n=len(r.members))
              for r in kreise.itertuples()}
    labels.update(zip(towns["ags"], towns["label"], strict=True))

    def expand() -> None:  # a chosen Kreis becomes its municipalities
        chosen = st.session_state.get(key) or []
        st.session_state[key] = list(dict.fromkeys(a for v in chosen for a in members.get(v, [v])))

    picked = st.multiselect(label, list(labels), format_func=labels.get, key=key, on_change=expand,
                            filter_mode="contains", select_all=False, help=t("vergleich.new_members_help"))
    picked = list(dict.fromkeys(a for v in picked for a in members.get(v, [v])))  # also before the callback ran
    if picked:
        st.caption(t("vergleich.members_chosen", n=len(picked)))
    return picked


def select_group_next_run(group_id: str) -> None:
    """Make the peer-group picker show `group_id` after the next rerun (e.g. a group just saved)."""
    st.session_state[PENDING_GROUP] = group_id
